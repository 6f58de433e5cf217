import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from '../../infra/local/local-stack.ts';

const run = promisify(execFile);
const vip = join(repositoryRoot, 'bin/vip.js');
const fixtures = join(repositoryRoot, 'test/fixtures/csv');

async function cli(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [vip, ...args], { timeout: 600_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('vip import all', () => {
  it('refuses a missing folder and a folder with nothing to import, with exit code 1', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vip-import-all-'));
    const missing = await cli(['--data-dir', dataDir, 'import', 'all', join(dataDir, 'no-such-exports')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no-such-exports: no such folder');
    const empty = mkdtempSync(join(tmpdir(), 'vip-empty-exports-'));
    const nothing = await cli(['--data-dir', dataDir, 'import', 'all', empty]);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('no file to import; expected any of managers.csv, accounts.csv');
  }, 900_000);

  it('reports each file as it completes and, when a later file is refused, what is already in', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vip-import-all-'));
    const exports = mkdtempSync(join(tmpdir(), 'vip-exports-'));
    copyFileSync(join(fixtures, 'managers.csv'), join(exports, 'managers.csv'));
    copyFileSync(join(fixtures, 'accounts-excel.csv'), join(exports, 'accounts.csv'));
    // The third file in reference order names an account that does not exist.
    writeFileSync(join(exports, 'numbers.csv'), 'number,account_id,registered_on\n79140000000,A404,2024-01-01\n');
    const result = await cli(['--data-dir', dataDir, 'import', 'all', exports]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/imported \d+ managers rows from .*managers\.csv/);
    expect(result.stdout).toMatch(/imported \d+ accounts rows from .*accounts\.csv/);
    expect(result.stderr).toContain(`the import stopped at ${join(exports, 'numbers.csv')}; already imported: managers (`);
    expect(result.stderr).toContain('A404');
  }, 900_000);
});
