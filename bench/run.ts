/**
 * Benchmarks against the local emulators: `npm run bench -- <name> [--accounts N] [--seed S]`.
 * docs/benchmarks.md says what each one measures.
 */
import { parseArgs } from 'node:util';

// Before any SDK module loads (the benchmarks are imported lazily below): Node 20 is this project's runtime.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface BenchmarkOptions {
  readonly accounts: number;
  readonly seed: number;
}

export interface Benchmark {
  readonly description: string;
  readonly defaultAccounts: number;
  /** Prints its own report; the result is for callers that want the figures. */
  run(options: BenchmarkOptions): Promise<unknown>;
}

/** Loaded on demand, so one benchmark's imports never slow down or break another. */
const benchmarks: Readonly<Record<string, () => Promise<Benchmark>>> = {
  'status-review': async () => (await import('./status-review.ts')).statusReviewBenchmark,
  'gift-tasks': async () => (await import('./gift-tasks.ts')).giftTasksBenchmark,
  'survey-scores': async () => (await import('./survey-scores.ts')).surveyScoresBenchmark,
};

const defaultSeed = 1;

function usage(): string {
  return [
    'usage: npm run bench -- <name> [--accounts N] [--seed S]',
    '',
    'benchmarks:',
    ...Object.keys(benchmarks).map((name) => `  ${name}`),
    '',
    `  --accounts N  accounts to generate and review (each benchmark has its default)`,
    `  --seed S      seed of the deterministic demo data (default ${defaultSeed})`,
  ].join('\n');
}

function fail(message: string): never {
  console.error(`${message}\n\n${usage()}`);
  process.exit(2);
}

function wholeNumber(text: string | undefined, name: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < min) fail(`--${name} must be a whole number of at least ${min}, not "${text}"`);
  return value;
}

function parseCommandLine() {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { accounts: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
}

async function main(): Promise<void> {
  const parsed = parseCommandLine();
  if (parsed.values.help) {
    console.log(usage());
    return;
  }
  const [name, ...extra] = parsed.positionals;
  if (name === undefined) fail('which benchmark?');
  if (extra.length) fail(`unexpected arguments: ${extra.join(' ')}`);
  const load = Object.hasOwn(benchmarks, name) ? benchmarks[name] : undefined;
  if (!load) fail(`unknown benchmark "${name}"`);
  const benchmark = await load();
  const accounts = wholeNumber(parsed.values.accounts, 'accounts', 1) ?? benchmark.defaultAccounts;
  const seed = wholeNumber(parsed.values.seed, 'seed', 0) ?? defaultSeed;
  // An interrupted run still exits through process 'exit', where the emulators kill DynamoDB Local.
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
  await benchmark.run({ accounts, seed });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
