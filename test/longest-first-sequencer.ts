import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files first, so none of them starts last and runs alone. Vitest orders by the
 * durations of earlier runs, and without them (a clean CI clone) by file size, which put the
 * README's run, a small file that takes minutes, at the very end. Measured on two cores, stop 8.
 */
const longestFirst = [
  'test/readme/readme-run.test.ts',
  'test/integration/cli.test.ts',
  'test/integration/survey-cli.test.ts',
  'test/integration/gift-tasks.test.ts',
  'test/integration/npm-start.test.ts',
  'test/infra/stack.test.ts',
  'test/integration/survey-wave.test.ts',
  'test/integration/status-review.test.ts',
  'test/integration/standards-cli.test.ts',
];

export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const known = longestFirst.findIndex((path) => file.moduleId.replaceAll('\\', '/').endsWith(path));
      return known < 0 ? longestFirst.length : known;
    };
    // A stable sort: the files not listed keep vitest's own order after the listed ones.
    return [...(await super.sort(files))].sort((a, b) => rank(a) - rank(b));
  }
}
