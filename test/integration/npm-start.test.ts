import { afterEach, describe, it, expect } from 'vitest';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { repositoryRoot } from '../../infra/local/local-stack.ts';
import { localCredentials, localRegion } from '../../infra/local/local-aws.ts';


const vip = join(repositoryRoot, 'bin/vip.js');

/** Every stack a test starts; one a failed assertion left running is stopped after the test. */
const started = new Set<ChildProcess>();
afterEach(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  started.clear();
});

function start(dataDir: string, extra: string[] = []): { child: ChildProcess; output: () => string; ready: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts', '--data-dir', dataDir, '--port', '0', '--mail-port', '0', '--demo-accounts', '12', ...extra], { cwd: repositoryRoot });
  started.add(child);
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ctrl-C stops everything.')) resolve(output);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output}`)));
  });
  return { child, output: () => output, ready };
}

async function javaFor(dataDir: string): Promise<number> {
  const { stdout } = await promisify(execFile)('ps', ['-eo', 'args']);
  return stdout.split('\n').filter((l) => l.includes('DynamoDBLocal') && l.includes(dataDir)).length;
}

async function until(condition: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('npm start', () => {
  it('loads demo data once, prints where to look, serves vip commands, and Ctrl-C leaves no Java behind', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vip-start-'));
    const first = start(dataDir);
    const banner = await first.ready;
    expect(banner).toContain('first start: loaded demo data (12 accounts)');
    expect(banner).toMatch(/mailbox \(SES emulator\): http:\/\/127\.0\.0\.1:\d+\//);
    expect(banner).toMatch(/HTTP base URL: +http:\/\/127\.0\.0\.1:\d+\//);
    expect(banner).toMatch(/status-review-yearly +cron\(0 3 1 1 \? \*\) +next: \d{4}-01-01T03:00:00\+08:00/);
    expect(await javaFor(dataDir)).toBe(1);
    const home = await fetch(/HTTP base URL: +(http:\/\/127\.0\.0\.1:\d+\/)/.exec(banner)![1]!);
    expect(await home.text()).toMatch(/gift-tasks-daily<\/td><td><code>cron\(0 8 \* \* \? \*\)<\/code>/);
    // The leadership dashboard's address, and that it serves there (issue 8 point 6).
    const dashboard = /leadership dashboard: +(http:\/\/127\.0\.0\.1:\d+\/dashboard\/) +\(locally without sign-in\)/.exec(banner);
    expect(dashboard).not.toBeNull();
    const page = await fetch(dashboard![1]!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');

    // A command finds the running stack and uses it instead of starting a second DynamoDB Local.
    const { stdout } = await promisify(execFile)(process.execPath, [vip, '--data-dir', dataDir, '--json', 'report', 'statuses', '--all']);
    expect(JSON.parse(stdout)).toHaveLength(12);
    expect(await javaFor(dataDir)).toBe(1);

    // A mail in the first run's mailbox...
    const firstMailbox = /mailbox \(SES emulator\): (http:\/\/127\.0\.0\.1:\d+)\//.exec(banner)![1]!;
    const ses = new SESv2Client({ endpoint: firstMailbox, region: localRegion, credentials: localCredentials });
    await ses.send(new SendEmailCommand({
      FromEmailAddress: 'vip@example.com',
      Destination: { ToAddresses: ['m.ivanova@example.com'] },
      Content: { Simple: { Subject: { Data: 'kept across restarts' }, Body: { Text: { Data: 'x' } } } },
    }));
    ses.destroy();

    first.child.kill('SIGINT');
    await new Promise((r) => first.child.once('exit', r));
    expect(first.output()).toContain('stopped; no emulator is left running.');
    expect(await javaFor(dataDir)).toBe(0);

    // A restart keeps the data; the demo is not loaded twice.
    const second = start(dataDir);
    const secondBanner = await second.ready;
    expect(secondBanner).not.toContain('first start');
    expect(secondBanner).toMatch(/demo data skipped: the demo data was loaded on \d{4}-\d{2}-\d{2}; it is not loaded twice/);
    // ...is still in the mailbox after the restart.
    const secondMailbox = /mailbox \(SES emulator\): (http:\/\/127\.0\.0\.1:\d+)\//.exec(secondBanner)![1]!;
    const { emails } = (await (await fetch(`${secondMailbox}/store`)).json()) as { emails: Array<{ subject: string }> };
    expect(emails.map((m) => m.subject)).toEqual(['kept across restarts']);
    // A second start on the same data folder says where the running one is, instead of failing on a port.
    const third = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'infra/local/start.ts', '--data-dir', dataDir], { cwd: repositoryRoot }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(third.code).toBe(1);
    expect(third.stderr).toContain(`a local stack is already running for ${dataDir}`);
    expect(third.stderr).toContain(`mailbox:       ${secondMailbox}/`);
    // Its reader gone (`npm start | head`): the handlers' log lines meet a closed pipe, and the stack keeps serving.
    second.child.stdout!.destroy();
    second.child.stderr!.destroy();
    const run = await promisify(execFile)(process.execPath, [vip, '--data-dir', dataDir, 'run', 'gift-tasks', '--at', '2027-01-05T08:00:00+08:00']);
    expect(run.stdout).toMatch(/gift tasks for .*2027-01-05/);
    const secondBase = /HTTP base URL: +(http:\/\/127\.0\.0\.1:\d+)\//.exec(secondBanner)![1]!;
    expect((await fetch(`${secondBase}/_local/health`)).status).toBe(200);
    expect(second.child.exitCode).toBeNull();
    // Killed without a chance to clean up: the watchdog still stops Java.
    second.child.kill('SIGKILL');
    await until(async () => (await javaFor(dataDir)) === 0);
  }, 900_000);
});

describe('npm start without Java', () => {
  it('says what to install and exits non-zero', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vip-nojava-'));
    const result = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'infra/local/start.ts', '--data-dir', dataDir, '--port', '0', '--mail-port', '0'], {
      cwd: repositoryRoot,
      env: { ...process.env, VIP_JAVA: '/nonexistent/java' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DynamoDB Local needs Java 17 or newer');
  }, 900_000);
});
