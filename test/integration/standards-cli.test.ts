import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { repositoryRoot } from '../../infra/local/local-stack.ts';
import { localCredentials, localRegion } from '../../infra/local/local-aws.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { keys } from '../../shared/adapters/dynamodb/keys.ts';
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
    // When it was set: the command's own time, an ISO instant.
    expect(nps.set_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
    const q1 = (await cli('standards', 'list', '--quarter', '2027-Q1', '--format', 'csv')).stdout;
    expect(q1.split('\n')[0]).toBe('quarter,measure,tier,target,from_quarter,set_at,set_by,reason');
    expect(q1).toMatch(/^2027-Q1,nps,all tiers,40,config,config,programme config,/m);
    // The review of a quarter without a wave: one row per measure that has no answers to count, with its target.
    const review = await cli('report', 'standards-review', '--quarter', '2027-Q2', '--format', 'csv');
    expect(review.code).toBe(0);
    expect(review.stdout.trim().split('\n')).toEqual(['quarter,segment,measure,n,value,low,high,method,target,status,visibility', '2027-Q2,all#all,response-rate,,,,,,30,no-data,shown', '2027-Q2,all#all,closed-loop-sla,,,,,,90,no-data,shown']);
  }, 600_000);
});

describe('vip scores rebuild and vip report standards-review', () => {
  it('rebuilds a wave\'s counters from its stored answers and prints its review as a table and as JSON; refuses a quarter that does not exist', async () => {
    // Six stored answers of 2027-Q3 (as the answer endpoint writes them) and the wave item: NPS 10, 10, 9, 8, 3, 2 -> (3 - 2) / 6 = 16.67.
    const documents = createDocumentClient({ endpoint: running.stack.dynamoEndpoint, region: localRegion, credentials: localCredentials });
    const attributes = programmeA.surveys.questions.csi.attributes.map((a) => a.id);
    const put = (item: Record<string, unknown>) => documents.send(new PutCommand({ TableName: running.stack.tableName, Item: item }));
    await put({ ...keys.surveyWave('2027-Q3'), waveKey: '2027-Q3', invited: 20, closesAt: '2027-08-01T02:00:00.000Z' });
    for (const [i, nps] of [10, 10, 9, 8, 3, 2].entries())
      await put({ ...keys.surveyAnswer('2027-Q3', `inv${i}`), waveKey: '2027-Q3', invitationId: `inv${i}`, segment: { tier: 'profitable', city: 'Irkutsk', managerId: 'M001', customerType: 'business' }, nps, ces: 6, csi: Object.fromEntries(attributes.map((id) => [id, 9])) });
    documents.destroy();

    const rebuilt = await cli('scores', 'rebuild', '--quarter', '2027-Q3');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toContain('2027-Q3: 6 answers counted into 5 segments');

    const json = await cli('report', 'standards-review', '--quarter', '2027-Q3', '--format', 'json');
    expect(json.code).toBe(0);
    const review = JSON.parse(json.stdout);
    expect(review).toMatchObject({ quarter: '2027-Q3', answered: 6, invited: 20 });
    // Adjusted-Wald (n < 30): n' = 9, p' = 3.75 / 9, d' = 2.75 / 9, centre 11.11, SE 28.08 -> -43.93 .. 66.16.
    // The target in force is the 45 recorded above from 2027-Q2, not the config's 40.
    expect(review.rows).toContainEqual({ segment: 'all#all', measure: 'nps', n: 6, value: 16.67, low: -43.93, high: 66.16, method: 'adjusted-wald', target: 45, targetFrom: '2027-Q2 (ceo@example.com)', status: 'below', visibility: 'small-sample' });
    expect(review.findings).toContainEqual(expect.objectContaining({ segment: 'all#all', measure: 'nps', value: 16.67, target: 45, clearlyBelow: false }));

    const table = await cli('report', 'standards-review', '--quarter', '2027-Q3', '--format', 'table');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('standards review 2027-Q3 (against 2027-Q2): 6 answers of 20 invitations');
    expect(table.stdout).toMatch(/City: Irkutsk +nps +6 +16\.67 +-43\.93 \.\. 66\.16 \(adjusted-wald\) +45 +below, small sample/);
    expect(table.stdout).toContain('findings (below target)');

    for (const args of [['scores', 'rebuild'], ['report', 'standards-review']]) {
      const refused = await cli(...args, '--quarter', '2027-Q5');
      expect(refused.code, args.join(' ')).toBe(2);
      expect(refused.stderr).toContain('got "2027-Q5"');
    }
  }, 600_000);
});
