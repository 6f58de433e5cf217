import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../../infra/local/local-paths.ts';
import { readmeCommands, vipArguments } from './readme-commands.ts';
import { runReadme } from './readme-run.ts';

describe("the README's examples", () => {
  it('run top to bottom on a fresh npm start, every command exiting 0', async () => {
    const results = await runReadme();
    const expected = readmeCommands(readFileSync(join(repositoryRoot, 'README.md'), 'utf8')).filter((c) => vipArguments(c));
    expect(results.map((r) => r.line)).toEqual(expected.map((c) => c.line));
    // A failing line with what it said, so the report names the command and its error.
    expect(results.filter((r) => r.code !== 0).map((r) => ({ line: r.line, text: r.text, code: r.code, stderr: r.stderr.slice(0, 2000) }))).toEqual([]);
    // The lines say what the README promises they say.
    expect(results.find((r) => r.text.includes('run gift-tasks'))?.stdout).toContain('days up to 2027-03-31 are already done');
  }, 1_800_000);
});
