/**
 * `npm run readme:run`: runs every `npx vip` line of the README's examples, in order, against a
 * fresh `npm start` of its own (a temporary data folder, free ports), and fails on any non-zero
 * exit. It takes minutes (a stack, a demo load, a simulated quarter), too long for every CI run:
 * CI parses the same lines (test/unit/readme-commands.test.ts); this runs them before a release
 * or after a change to the README or the command line (docs/operator.md).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRunningStack } from '../../infra/local/stack-state.ts';
import { repositoryRoot } from '../../infra/local/local-stack.ts';
import { readmeCommands, vipArguments } from './readme-commands.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'vip-readme-data-'));
const workDir = mkdtempSync(join(tmpdir(), 'vip-readme-cwd-'));
const env = { ...process.env, VIP_DATA_DIR: dataDir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const start = spawn(process.execPath, ['--import', 'tsx', join(repositoryRoot, 'infra/local/start.ts'), '--port', '0', '--mail-port', '0'], { cwd: repositoryRoot, env, stdio: ['ignore', 'pipe', 'inherit'] });
// The stack is ready once it says so: after the demo load, not when it first answers.
let ready = false;
start.stdout.on('data', (chunk: Buffer) => {
  const text = chunk.toString();
  if (text.includes('is running locally')) ready = true;
  if (!ready) process.stdout.write(`[npm start] ${text}`);
});

function vip(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, [join(repositoryRoot, 'bin/vip.js'), ...args], { cwd: workDir, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

let failures = 0;
try {
  for (let waited = 0; !ready || !(await findRunningStack(dataDir)); waited++) {
    if (start.exitCode !== null || waited > 1200) throw new Error('npm start did not come up');
    await new Promise((r) => setTimeout(r, 1000));
  }
  for (const command of readmeCommands(readFileSync(join(repositoryRoot, 'README.md'), 'utf8'))) {
    const args = vipArguments(command);
    if (!args) continue;
    const began = Date.now();
    const result = await vip(args);
    const seconds = ((Date.now() - began) / 1000).toFixed(1);
    console.log(`${result.code === 0 ? 'ok  ' : 'FAIL'} exit ${result.code} ${seconds} s  README line ${command.line}: ${command.text}`);
    const tail = (text: string) => text.trimEnd().split('\n').slice(-6).map((l) => `       ${l}`).join('\n');
    if (result.stdout.trim()) console.log(tail(result.stdout));
    if (result.code !== 0) {
      failures++;
      console.log(result.stderr.trimEnd().split('\n').slice(0, 12).map((l) => `       ${l}`).join('\n'));
    }
  }
} finally {
  start.kill('SIGINT');
  await new Promise((r) => start.once('exit', r));
  rmSync(workDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(failures ? `${failures} README command(s) failed` : 'every README command exited 0');
process.exit(failures ? 1 : 0);
