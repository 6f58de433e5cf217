import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRunningStack } from '../../infra/local/stack-state.ts';
import { repositoryRoot } from '../../infra/local/local-paths.ts';
import { readmeCommands, vipArguments } from './readme-commands.ts';

export interface ReadmeLineResult {
  readonly line: number;
  readonly text: string;
  readonly code: number;
  readonly seconds: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs every `npx vip` line of the README's examples, in order, against a fresh `npm start` of
 * its own (a temporary data folder, free ports), as a reader following the README would; stops
 * the stack and removes its folders at the end. `report` hears of each line as it completes.
 */
export async function runReadme(report: (result: ReadmeLineResult) => void = () => {}): Promise<ReadmeLineResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vip-readme-data-'));
  const workDir = mkdtempSync(join(tmpdir(), 'vip-readme-cwd-'));
  const env = { ...process.env, VIP_DATA_DIR: dataDir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const start = spawn(process.execPath, ['--import', 'tsx', join(repositoryRoot, 'infra/local/start.ts'), '--port', '0', '--mail-port', '0'], { cwd: repositoryRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // The stack is ready once it says so: after the demo load, not when it first answers.
  let ready = false;
  let startOutput = '';
  const onOutput = (chunk: Buffer) => {
    if (ready) return;
    startOutput += chunk.toString();
    if (startOutput.includes('is running locally')) ready = true;
  };
  start.stdout.on('data', onOutput);
  start.stderr.on('data', onOutput);

  const vip = (args: readonly string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [join(repositoryRoot, 'bin/vip.js'), ...args], { cwd: workDir, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );

  const results: ReadmeLineResult[] = [];
  try {
    for (let waited = 0; !ready || !(await findRunningStack(dataDir)); waited++) {
      if (start.exitCode !== null || waited > 1200) throw new Error(`npm start did not come up:\n${startOutput.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    for (const command of readmeCommands(readFileSync(join(repositoryRoot, 'README.md'), 'utf8'))) {
      const args = vipArguments(command);
      if (!args) continue;
      const began = Date.now();
      const result = { line: command.line, text: command.text, ...(await vip(args)), seconds: (Date.now() - began) / 1000 };
      results.push(result);
      report(result);
    }
  } finally {
    if (start.exitCode === null) {
      start.kill('SIGINT');
      await new Promise((r) => start.once('exit', r));
    }
    rmSync(workDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
