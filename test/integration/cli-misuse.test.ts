import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from '../../infra/local/local-stack.ts';

const run = promisify(execFile);
const vip = join(repositoryRoot, 'bin/vip.js');

async function sh(command: string) {
  try {
    const { stdout, stderr } = await run('bash', ['-c', command], { cwd: repositoryRoot, timeout: 600_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the vip command refuses nonsense with exit code 2 and says what exists', () => {
  it('names the known jobs and schedules for a typo, before starting anything', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vip-misuse-'));
    const result = await sh(`node ${vip} --data-dir ${dataDir} run gift-task --at 2027-03-01T08:00:00+08:00`);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown job or schedule "gift-task"');
    expect(result.stderr).toContain('gift-tasks-daily');
    expect(result.stderr).not.toContain('HTTP 500');
  });

  it('refuses a tier the programme does not have, and a manager the data does not have', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vip-misuse-'));
    const tier = await sh(`node ${vip} --data-dir ${dataDir} report statuses --tier gold`);
    expect(tier.code).toBe(2);
    expect(tier.stderr).toContain('no tier "gold"');
    expect(tier.stderr).toContain('profitable, highly-profitable, very-highly-profitable');
    const manager = await sh(`node ${vip} --data-dir ${dataDir} report tasks --manager M999`);
    expect(manager.code).toBe(2);
    expect(manager.stderr).toContain('no manager "M999"');
  }, 900_000);

  it('refuses a simulation whose range runs backwards', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vip-misuse-'));
    const result = await sh(`node ${vip} --data-dir ${dataDir} simulate --from 2027-03-31 --to 2027-01-01`);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--from 2027-03-31 is after --to 2027-01-01');
  });

  it('ends quietly when the reader of its output closes the pipe', async () => {
    // Thousands of lines: `head` is gone long before the command has written them all.
    const result = await sh(`node ${vip} schedules --next 3000 | head -1; exit \${PIPESTATUS[0]}`);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.code).toBe(0);
  });

  it('names a missing configuration file at synth in one line, without a stack trace', async () => {
    const result = await sh('VIP_CONFIG=config/no-such-programme.json VIP_SENDER_ADDRESS=vip@example.com VIP_LEADERSHIP_ADDRESS=lead@example.com VIP_DASHBOARD_USER_POOL=vip-leadership VIP_DASHBOARD_FIRST_USER=leader@example.com VIP_ALARM_ADDRESS=ops@example.com node --import tsx infra/app.ts');
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/config\/no-such-programme\.json: cannot read the programme configuration \(no such file\)$/)]);
  });

  it('stops `npm start` and `cdk synth` on an invalid survey configuration, naming the field, before starting anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vip-misuse-'));
    const config = JSON.parse(readFileSync(join(repositoryRoot, 'config/programme-a.json'), 'utf8')) as { surveys: Record<string, unknown> };
    const file = join(dir, 'programme.json');
    writeFileSync(file, JSON.stringify({ ...config, surveys: { ...config.surveys, reminderDays: [7, 30] } }));
    const field = /surveys\.reminderDays\.1: .*after the wave closes/;
    const start = await sh(`node --import tsx infra/local/start.ts --config ${file} --data-dir ${join(dir, 'data')}`);
    expect(start.code).toBe(1);
    expect(start.stderr).toMatch(field);
    expect(start.stdout).not.toContain('created table');
    const synth = await sh(`VIP_CONFIG=${file} VIP_SENDER_ADDRESS=vip@example.com VIP_LEADERSHIP_ADDRESS=lead@example.com VIP_DASHBOARD_USER_POOL=vip-leadership VIP_DASHBOARD_FIRST_USER=leader@example.com VIP_ALARM_ADDRESS=ops@example.com node --import tsx infra/app.ts`);
    expect(synth.code).toBe(1);
    expect(synth.stderr).toMatch(field);
    expect(synth.stderr).toContain(file);
    // The operator's mistake, not a crash: no stack trace.
    expect(synth.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a forget without a reason and an export over an existing file, before starting anything', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vip-misuse-'));
    const forget = await sh(`node ${vip} --data-dir ${dataDir} data forget --contact C1 --by dpo@example.com`);
    expect(forget.code).toBe(2);
    expect(forget.stderr).toContain('a forget needs --reason');
    const exported = await sh(`node ${vip} --data-dir ${dataDir} data export --contact C1 --out ${join(repositoryRoot, 'package.json')}`);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toContain('exists; nothing was written (give --force to overwrite it)');
  });
});
