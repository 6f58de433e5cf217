import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from '../../infra/local/local-stack.ts';
import { runningStack } from './running-stack.ts';
import { loadProgrammeConfig } from '../../shared/config/load-programme-config.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { DynamoDeadLetterSink } from '../../infra/local/dynamo-dead-letter-sink.ts';
import { localCredentials, localRegion } from '../../infra/local/local-aws.ts';

const run = promisify(execFile);
const vip = join(repositoryRoot, 'bin/vip.js');
const fixtures = join(repositoryRoot, 'test/fixtures/csv');

/**
 * Runs the real `vip` command in a child process. Until the stack below is started, it starts and
 * stops its own DynamoDB Local on the data folder; beside the stack, it uses the stack's.
 */
async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [vip, ...args], { env: { ...process.env, ...env }, timeout: 600_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function javaProcessesFor(dataDir: string): Promise<number> {
  return new Promise((resolve) => {
    const ps = spawn('ps', ['-eo', 'args']);
    let out = '';
    ps.stdout.on('data', (c: Buffer) => (out += c.toString()));
    ps.on('close', () => resolve(out.split('\n').filter((l) => l.includes('DynamoDBLocal') && l.includes(dataDir)).length));
  });
}

let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'vip-cli-'));
  // One export folder, imported in one command: each command of its own starts a JVM.
  const exports = mkdtempSync(join(tmpdir(), 'vip-cli-exports-'));
  for (const [kind, file] of [['managers', 'managers.csv'], ['accounts', 'accounts-excel.csv'], ['numbers', 'numbers.csv'], ['charges', 'charges-2026.csv'], ['payments', 'payments-2026.csv']])
    copyFileSync(join(fixtures, file!), join(exports, `${kind}.csv`));
  const result = await cli(['--data-dir', dataDir, 'import', 'all', exports]);
  // The only word on stderr: that the command ran its own emulators, and where its mails went.
  expect(result.stderr.trim()).toBe(`no running stack in ${dataDir}: this command runs its own emulators; mails it sends are kept in ${join(dataDir, 'mailbox.jsonl')} and show in the mailbox of the next \`npm start\``);
  expect(result.code).toBe(0);
});

describe('the vip command', () => {
  it('keeps the data between runs in its data folder and leaves no emulator behind', async () => {
    const result = await cli(['--data-dir', dataDir, '--json', 'report', 'statuses', '--all']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).map((r: { account_id: string }) => r.account_id)).toEqual(['A001', 'A002']);
    expect(await javaProcessesFor(dataDir)).toBe(0);
  }, 900_000);
});

/**
 * The rest beside a stack running on the same data folder, as an operator works beside `npm start`:
 * one DynamoDB Local for all of them instead of a JVM per command (most of this file's time on a
 * two-core machine). The first test above keeps the path where a command starts its own.
 */
describe('the vip command beside a running stack', () => {
  let running: Awaited<ReturnType<typeof runningStack>>;
  beforeAll(async () => {
    running = await runningStack(loadProgrammeConfig(join(repositoryRoot, 'config/programme-a.json')), dataDir, { onDataDir: true });
  }, 900_000);
  afterAll(async () => {
    await running?.stop();
    expect(await javaProcessesFor(dataDir)).toBe(0);
  });

  it('answers an unknown subcommand or flag with usage and exit code 2', async () => {
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect(unknown.stderr).toContain('Usage: vip');
    const flag = await cli(['schedules', '--nxt', '2']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("unknown option '--nxt'");
  }, 900_000);

  it('names the field of an invalid configuration', async () => {
    const broken = join(dataDir, 'broken.json');
    const config = JSON.parse(readFileSync(join(repositoryRoot, 'config/programme-a.json'), 'utf8'));
    config.timeZone = 'Mars/Olympus';
    writeFileSync(broken, JSON.stringify(config));
    const result = await cli(['--config', broken, 'schedules']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${broken}: invalid programme configuration`);
    expect(result.stderr).toContain('timeZone: an IANA time zone');
  }, 900_000);

  it('lists schedule fire times in UTC and local time as JSON', async () => {
    const result = await cli(['--json', 'schedules', '--from', '2026-11-25T00:00:00Z', '--next', '2']);
    const yearly = JSON.parse(result.stdout).schedules.find((s: { name: string }) => s.name === 'status-review-yearly');
    expect(yearly.next).toEqual([
      { utc: '2026-12-31T19:00:00Z', local: '2027-01-01T03:00:00+08:00' },
      { utc: '2027-12-31T19:00:00Z', local: '2028-01-01T03:00:00+08:00' },
    ]);
  }, 900_000);

  it('runs the review, explains a decision, and honours an exclusion at the next review', async () => {
    const review = await cli(['--data-dir', dataDir, '--json', 'run', 'status-review', '--at', '2027-01-01T03:00:00+08:00']);
    expect(review.code).toBe(0);
    expect(JSON.parse(review.stdout).result).toEqual({ reviewKey: 'yearly-2027', outcome: 'started' });
    expect(JSON.parse(review.stdout)).toMatchObject({ outcome: 'review yearly-2027 completed', counts: { accountsEvaluated: 2, granted: 1, notEligible: 1 } });

    const granted = await cli(['--data-dir', dataDir, 'explain', 'A001']);
    expect(granted.stdout).toContain('status: VIP, tier profitable, valid until 2027-12-31');
    expect(granted.stdout).toContain('latest decision (yearly-2027');
    expect(granted.stdout).toContain('[pass] average charge per number 2026-01..2026-12: 3,000.00 RUB > 2,100.00 RUB: pass');
    expect(granted.stdout).toContain('how criteria combine: every criterion must be met, except the 2 charge criteria, of which any one is enough (any)');
    expect(granted.stdout).toMatch(/decided by: charges-per/);
    expect(granted.stdout).not.toContain('meets every criterion');
    // An account that stays outside is not written; explain recomputes that review's verdict and says so.
    const outside = await cli(['--data-dir', dataDir, 'explain', 'A002']);
    expect(outside.stdout).toContain("verdict of review yearly-2027 (recomputed now from the account's current facts: the review does not store a decision that leaves an account outside): not-eligible");
    expect(outside.stdout).toMatch(/decided by: \S+/);

    const excluded = await cli(['--data-dir', dataDir, 'override', 'exclude', 'A001', '--reason', 'fraud check', '--by', 'ops']);
    expect(excluded.stdout).toContain('A001: excluded by ops');
    const missingReason = await cli(['--data-dir', dataDir, 'override', 'include', 'A001']);
    expect(missingReason.code).toBe(1);
    expect(missingReason.stderr).toContain('needs --reason');
    const unknown = await cli(['--data-dir', dataDir, 'override', 'exclude', 'A999', '--reason', 'x']);
    expect(unknown.stderr).toContain('no account "A999"');

    const table = await cli(['--data-dir', dataDir, 'run', 'status-review', '--at', '2028-01-01T03:00:00+08:00']);
    // What happened, as a short table: the review's counts, not the schedule's raw answer.
    expect(table.stdout).toContain('status-review-yearly at 2027-12-31T19:00:00.000Z: review yearly-2028 completed');
    expect(table.stdout).toMatch(/accounts evaluated\s+2\n/);
    expect(table.stdout).toMatch(/excluded\s+1\n/);
    const after = await cli(['--data-dir', dataDir, 'explain', 'A001']);
    expect(after.stdout).toContain('latest decision (yearly-2028');
    expect(after.stdout).toContain('excluded by ops');
    expect(after.stdout).toContain('overrides:');
    const csv = await cli(['--data-dir', dataDir, 'report', 'statuses', '--all', '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe('account_id,name,manager_id,vip,tier,valid_until,since,last_decision,override');
    expect(csv.stdout).toMatch(/A001,.*,no,.*,exclude/);
  }, 900_000);

  it('simulates every schedule in order on a fast-forwarded clock', async () => {
    const result = await cli(['--data-dir', dataDir, '--json', 'simulate', '--from', '2029-01-01', '--to', '2029-02-01']);
    expect(result.code).toBe(0);
    const runs = JSON.parse(result.stdout).runs as Array<{ schedule: string; scheduledTime: string; result: { reviewKey: string; outcome: string } }>;
    const reviews = runs.filter((r) => r.schedule.startsWith('status-review'));
    expect(reviews.map((r) => [r.scheduledTime, r.schedule, r.result.reviewKey])).toEqual([
      ['2028-12-31T19:00:00.000Z', 'status-review-yearly', 'yearly-2029'],
      ['2028-12-31T20:00:00.000Z', 'status-review-monthly-admission', 'admission-2029-01'],
      ['2029-01-31T20:00:00.000Z', 'status-review-monthly-admission', 'admission-2029-02'],
    ]);
    expect(reviews.every((r) => r.result.outcome === 'started')).toBe(true);
    // The daily gift run fires every day at 08:00 Irkutsk, in order with the reviews.
    const daily = runs.filter((r) => r.schedule === 'gift-tasks-daily');
    expect(daily).toHaveLength(32);
    expect(daily[0]!.scheduledTime).toBe('2029-01-01T00:00:00.000Z');
    // A whole survey wave: opened on the second Tuesday of January at 10:00 Irkutsk, closed by the first daily run after its 21 days.
    const surveyRuns = runs as unknown as Array<{ schedule: string; scheduledTime: string; result: { waveKey?: string; outcome?: string; outcomes?: { waveKey: string; action: string }[] } }>;
    expect(surveyRuns.filter((r) => r.schedule === 'surveys-open-wave').map((r) => [r.scheduledTime, r.result.waveKey, r.result.outcome])).toEqual([['2029-01-09T02:00:00.000Z', '2029-Q1', 'opened']]);
    const closing = surveyRuns.filter((r) => r.schedule === 'surveys-daily' && r.result.outcomes?.some((o) => o.waveKey === '2029-Q1' && o.action === 'closed'));
    expect(closing.map((r) => r.scheduledTime)).toEqual(['2029-01-30T03:00:00.000Z']);
    // Tasks by quarter come with the shares the source documents observed beside them.
    const quarters = JSON.parse(result.stdout).tasksByMonth.quarters as Array<{ quarter: string; observed: string }>;
    expect(quarters.map((q) => [q.quarter, q.observed])).toEqual([
      ['Q1', '19 %'],
      ['Q2', '24 %'],
      ['Q3', '26 %'],
      ['Q4', '31 %'],
    ]);
  }, 900_000);

  it('reports the dead letters kept in the data folder', async () => {
    const client = createDocumentClient({ endpoint: running.stack.dynamoEndpoint, region: localRegion, credentials: localCredentials });
    await new DynamoDeadLetterSink(client, running.stack.tableName).record({
      rule: 'status-review-segment-requested',
      target: 'statusReviewSegment',
      event: { version: '0', id: 'e1', 'detail-type': 'StatusReviewSegmentRequested', source: 'vip.status-review', account: '0', time: '2029-01-01T00:00:00Z', region: 'local', resources: [], detail: {} },
      error: 'invalid segment request',
      attempts: 3,
      failedAt: '2029-01-01T00:00:01.000Z',
    });
    client.destroy();
    const result = await cli(['--data-dir', dataDir, 'report', 'dead-letters']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/2029-01-01T00:00:01\.000Z +status-review-segment-requested +statusReviewSegment +StatusReviewSegmentRequested +3 +invalid segment request/);
  }, 900_000);

  it('sets, reports and plans budget lines, and refuses a negative allocation', async () => {
    const set = await cli(['--data-dir', dataDir, 'budget', 'set', '2029-03', 'vip-gifts', '15000', '--owner', 'owner@vip-operator.example']);
    expect(set.stdout).toContain('2029-03 vip-gifts: allocated 15,000.00 RUB, reserved 0.00 RUB, spent 0.00 RUB, available 15,000.00 RUB');
    const negative = await cli(['--data-dir', dataDir, 'budget', 'set', '2029-03', 'vip-gifts', '-5']);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain('expected a non-negative amount in roubles');
    const report = await cli(['--data-dir', dataDir, '--json', 'report', 'budget', '--year', '2029']);
    // JSON and CSV name fields as budgets.csv does; JSON amounts in kopecks, CSV in roubles (importable again).
    expect(JSON.parse(report.stdout)).toContainEqual(expect.objectContaining({ month: '2029-03', cost_item: 'vip-gifts', amount_kopecks: 1_500_000, owner_email: 'owner@vip-operator.example', available_kopecks: 1_500_000 }));
    const csv = await cli(['--data-dir', dataDir, 'report', 'budget', '--year', '2029', '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe('month,cost_item,amount_rub,owner_email,reserved_rub,spent_rub,available_rub,overrun_pending_rub,overrun_approved_rub,overrun_declined_rub');
    expect(csv.stdout).toContain('2029-03,vip-gifts,15000.00,owner@vip-operator.example,0.00,0.00,15000.00');
    const plan = await cli(['--data-dir', dataDir, '--json', 'budget', 'plan', '--year', '2029']);
    const parsed = JSON.parse(plan.stdout) as { months: unknown[]; quarters: Array<Record<string, unknown>> };
    expect(parsed.months).toHaveLength(12);
    expect(parsed.quarters[0]).toMatchObject({ quarter: 'Q1', allocated_kopecks: 1_500_000 });
    const tasks = await cli(['--data-dir', dataDir, '--json', 'report', 'tasks', '--status', 'open']);
    expect(Array.isArray(JSON.parse(tasks.stdout))).toBe(true);
  }, 900_000);

  it('lists the suspect dates an import flagged, as a table, CSV or JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vip-cli-suspect-'));
    const contacts = join(dir, 'contacts.csv');
    writeFileSync(contacts, 'contact_id,account_id,role,full_name,email,birth_date,language,consent_email\nQ1,A001,client,Иван Петров,q1@x.example,1970-01-01,ru,yes\nQ2,A002,client,Ann Lee,q2@x.example,1981-03-04,en,yes\n');
    const imported = await cli(['--data-dir', dataDir, 'import', 'contacts', contacts]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('1 contact(s) with a birth date of 1970-01-01 or 1900-01-01');
    const csv = await cli(['--data-dir', dataDir, 'report', 'suspect-dates', '--format', 'csv']);
    expect(csv.stdout.trim().split('\n')).toEqual(['account_id,source,occasion,date,file', 'A001,Q1,client-birthday,1970-01-01,contacts.csv']);
    const json = await cli(['--data-dir', dataDir, 'report', 'suspect-dates', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toEqual([{ account_id: 'A001', source: 'Q1', occasion: 'client-birthday', date: '1970-01-01', file: 'contacts.csv' }]);
    const table = await cli(['--data-dir', dataDir, 'report', 'suspect-dates']);
    expect(table.stdout).toMatch(/A001 +Q1 +client-birthday +1970-01-01 +contacts\.csv/);
    expect(table.stdout).toContain('1 suspect date(s); confirm a real one by re-importing its row with date_confirmed = yes');
  }, 900_000);
});
