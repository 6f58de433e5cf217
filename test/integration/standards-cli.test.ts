import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../infra/local/local-stack.ts';
import { programmeA } from '../fixtures/accounts.ts';
import { runningStack } from './running-stack.ts';

const run = promisify(execFile);
const vip = join(repositoryRoot, 'bin/vip.js');
const dataDir = mkdtempSync(join(tmpdir(), 'vip-standards-'));

let running: Awaited<ReturnType<typeof runningStack>>;
beforeAll(async () => {
  running = await runningStack(programmeA, dataDir);
});
afterAll(async () => {
  await running?.stop();
});

/** The real `vip` in a child process; it finds the stack running in its data folder. */
async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [vip, '--data-dir', dataDir, ...args], { timeout: 600_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('vip standards', () => {
  it('refuses bad input with every problem named, exit 2, and records nothing; records a good target as a new version', async () => {
    const bad = [
      [['nps', '101', '--from', '2027-Q2', '--reason', 'r', '--by', 'ceo@example.com'], 'expected NPS in points, -100 to 100'],
      [['csi', '-1', '--from', '2027-Q2', '--reason', 'r', '--by', 'ceo@example.com'], 'expected CSI, 0 to 100'],
      [['ces', '7.5', '--from', '2027-Q2', '--reason', 'r', '--by', 'ceo@example.com'], 'expected CES mean, 1 to 7'],
      [['response-rate', '120', '--from', '2027-Q2', '--reason', 'r', '--by', 'ceo@example.com'], '0 to 100'],
      [['nps', '45', '--from', '2027-Q5', '--reason', 'r', '--by', 'ceo@example.com'], 'got "2027-Q5"'],
      [['nps', '45', '--from', '2027-Q2', '--by', 'ceo@example.com'], '--reason is required'],
      [['nps', '45', '--from', '2027-Q2', '--reason', 'r'], '--by is required'],
      [['nps', '45', '--from', '2027-Q2', '--reason', 'r', '--by', 'ceo@example.com', '--tier', 'gold'], 'tier "gold" is unknown'],
    ] as const;
    for (const [args, message] of bad) {
      const result = await cli('standards', 'set', ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
    }
    const before = await cli('standards', 'history', '--format', 'json');
    expect(before.code).toBe(0);
    // Only the programme config's first targets: five general ones and highly-profitable's two.
    expect(JSON.parse(before.stdout).every((r: { set_by: string }) => r.set_by === 'programme config')).toBe(true);
    // CSV has the same fields as JSON, in the same order.
    const csv = await cli('standards', 'history', '--format', 'csv');
    expect(csv.stdout.split('\n')[0]).toBe(Object.keys(JSON.parse(before.stdout)[0]).join(','));
    expect(csv.stdout).toMatch(/^nps,all tiers,40,config,config,programme config,/m);

    const good = await cli('standards', 'set', 'nps', '45', '--from', '2027-Q2', '--reason', 'two quarters above 40', '--by', 'ceo@example.com');
    expect(good.code).toBe(0);
    const list = await cli('standards', 'list', '--quarter', '2027-Q2', '--format', 'json');
    const nps = JSON.parse(list.stdout).find((r: { measure: string; tier: string }) => r.measure === 'nps' && r.tier === 'all tiers');
    expect(nps).toMatchObject({ quarter: '2027-Q2', target: 45, from_quarter: '2027-Q2', set_by: 'ceo@example.com', reason: 'two quarters above 40' });
    const q1 = (await cli('standards', 'list', '--quarter', '2027-Q1', '--format', 'csv')).stdout;
    expect(q1.split('\n')[0]).toBe('quarter,measure,tier,target,from_quarter,set_at,set_by,reason');
    expect(q1).toMatch(/^2027-Q1,nps,all tiers,40,config,config,programme config,/m);
    // The review of a quarter without a wave: one row per measure that has no answers to count, with its target.
    const review = await cli('report', 'standards-review', '--quarter', '2027-Q2', '--format', 'csv');
    expect(review.code).toBe(0);
    expect(review.stdout.trim().split('\n')).toEqual(['quarter,segment,measure,n,value,low,high,method,target,status,visibility', '2027-Q2,all#all,response-rate,,,,,,30,no-data,shown', '2027-Q2,all#all,closed-loop-sla,,,,,,90,no-data,shown']);
  }, 600_000);
});
