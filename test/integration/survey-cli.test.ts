import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from '../../infra/local/local-stack.ts';
import { programmeA } from '../fixtures/accounts.ts';
import { runningStack } from './running-stack.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { DynamoDeadLetterSink } from '../../infra/local/dynamo-dead-letter-sink.ts';
import { localCredentials, localRegion } from '../../infra/local/local-aws.ts';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { caseItem } from '../../shared/adapters/dynamodb/survey-case-items.ts';
import { caseDates } from '../../shared/domain/surveys/closed-loop.ts';
import type { SurveyCase } from '../../shared/domain/surveys/survey-case.ts';

const run = promisify(execFile);
const vip = join(repositoryRoot, 'bin/vip.js');
const fixtures = join(repositoryRoot, 'test/fixtures/csv');

/** Runs the real `vip` command in a child process; it finds the stack running in its data folder. */
async function cli(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [vip, '--data-dir', dataDir, ...args], { timeout: 300_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dataDir: string;
let running: Awaited<ReturnType<typeof runningStack>>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'vip-survey-cli-'));
  running = await runningStack(programmeA, dataDir);
  const contacts = join(dataDir, 'contacts.csv');
  writeFileSync(
    contacts,
    [
      'contact_id,account_id,role,full_name,email,birth_date,language,consent_email',
      'C1,A001,client,Anna Client,anna.client@example.com,,en,yes',
      'C2,A001,director,Dmitry Director,dmitry.director@example.com,,ru,no',
      'C3,A002,client,Pyotr Client,pyotr.client@example.com,,ru,yes',
    ].join('\n'),
  );
  for (const [kind, file] of [['managers', join(fixtures, 'managers.csv')], ['accounts', join(fixtures, 'accounts-excel.csv')], ['numbers', join(fixtures, 'numbers.csv')], ['charges', join(fixtures, 'charges-2026.csv')], ['payments', join(fixtures, 'payments-2026.csv')], ['contacts', contacts]]) {
    const result = await cli(['import', kind!, file!]);
    // Nothing on stderr: the command used the running stack.
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  }
  expect((await cli(['run', 'status-review', '--at', '2027-01-01T03:00:00+08:00'])).code).toBe(0);
}, 900_000);
afterAll(async () => {
  await running?.stop();
});

describe('the survey commands', { timeout: 600_000 }, () => {
  it('refuses a bad --quarter and contradicting --json and --format with a clear message, before touching any data', async () => {
    const quarter = await cli(['report', 'survey-waves', '--quarter', '2027-Q5']);
    expect(quarter.code).toBe(2);
    expect(quarter.stderr).toContain('expected a quarter such as 2027-Q1 (year, "-Q", 1-4), got "2027-Q5"');
    const both = await cli(['--json', 'report', 'statuses', '--format', 'csv']);
    // Misuse, like every other usage error of the command: exit code 2.
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--json asks for JSON but --format asks for csv');
    const badFormat = await cli(['report', 'survey-waves', '--format', 'xml']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain("Allowed choices are table, csv, json");
  });

  it('runs the wave as the schedule would, reports it in every format, and --json is --format json', async () => {
    const opened = await cli(['--json', 'run', 'surveys', '--at', '2027-01-12T10:00:00+08:00']);
    expect(opened.code).toBe(0);
    expect(JSON.parse(opened.stdout).result).toMatchObject({ waveKey: '2027-Q1', outcome: 'opened', invited: 1, skipped: {} });

    const json = await cli(['report', 'survey-waves', '--quarter', '2027-Q1', '--format', 'json']);
    const [wave] = JSON.parse(json.stdout) as Record<string, unknown>[];
    // The same field names as the CSV columns; the response rate a fraction in JSON.
    expect(wave).toMatchObject({ quarter: '2027-Q1', state: 'open', opened: '2027-01-12', last_day: '2027-02-01', invited: 1, sent: 1, bounced: 0, answered: 0, response_rate: 0 });
    expect(JSON.parse((await cli(['--json', 'report', 'survey-waves', '--quarter', '2027-Q1'])).stdout)).toEqual(JSON.parse(json.stdout));
    const csv = await cli(['report', 'survey-waves', '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe('quarter,state,opened,last_day,invited,sent,bounced,complained,suppressed,unsubscribed,answered,response_rate');
    expect(csv.stdout.split('\n')[1]).toBe('2027-Q1,open,2027-01-12,2027-02-01,1,1,0,0,0,0,0,0.0 %');
    const table = await cli(['report', 'survey-waves']);
    expect(table.stdout).toContain('1 wave(s)');
  });

  it('answers an unknown address in ses-event with a clear message and stores nothing; a known one is suppressed', async () => {
    const unknown = await cli(['ses-event', 'bounce', 'nobody@example.com']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no survey invitation was sent to this address');
    const badAddress = await cli(['ses-event', 'complaint', 'not-an-address']);
    expect(badAddress.code).toBe(1);
    expect(badAddress.stderr).toContain('expected an e-mail address such as name@example.com, got "not-an-address"');
    expect(JSON.parse((await cli(['suppress', 'list', '--format', 'json'])).stdout)).toEqual([]);

    const transient = await cli(['ses-event', 'bounce', 'Anna.Client@example.com', '--transient']);
    expect(transient.stdout).toContain('the address is not suppressed');
    const bounce = await cli(['--json', 'ses-event', 'bounce', 'anna.client@example.com']);
    expect(JSON.parse(bounce.stdout)).toMatchObject({ kind: 'bounce', waves: ['2027-Q1'], suppressed: 'bounce', at: '2027-01-12T02:01:00.000Z' });
    const report = JSON.parse((await cli(['report', 'survey-waves', '--quarter', '2027-Q1', '--format', 'json'])).stdout) as Record<string, unknown>[];
    expect(report[0]).toMatchObject({ invited: 1, bounced: 1 });
  });

  it('lets the operator add, list and remove a suppression', async () => {
    expect((await cli(['suppress', 'add', 'not-an-address'])).stderr).toContain('expected an e-mail address');
    expect((await cli(['suppress', 'add', 'Someone@Example.com'])).stdout).toContain('suppressed');
    const list = JSON.parse((await cli(['--json', 'suppress', 'list'])).stdout) as { email: string; reason: string }[];
    expect(list.map((s) => [s.email, s.reason]).sort()).toEqual([
      ['anna.client@example.com', 'bounce'],
      ['someone@example.com', 'operator'],
    ]);
    expect((await cli(['suppress', 'remove', 'someone@example.com'])).stdout).toContain('suppression removed');
    expect((await cli(['suppress', 'remove', 'someone@example.com'])).stdout).toContain('was not suppressed');
    expect((await cli(['suppress', 'list'])).stdout).toContain('1 address(es)');
  });

  it('shows an account\'s unresolved closed-loop cases in explain, overdue ones marked, and reports cases by state in every format', async () => {
    const documents = createDocumentClient({ endpoint: running.stack.dynamoEndpoint, region: localRegion, credentials: localCredentials });
    // Opened long ago and never contacted (overdue on any day the test runs), opened far ahead (not yet due), and one resolved.
    const kase = (caseId: string, openedOn: string, state: SurveyCase['state']): SurveyCase => ({
      caseId, waveKey: `${Number(openedOn.slice(0, 4))}-Q1`, accountId: 'A001', managerId: 'M001', state, reasons: [{ kind: 'nps', score: 3 }], scores: { nps: 3, ces: 5, csi: {} },
      mayContact: false, openedAt: `${openedOn}T03:00:00.000Z`, openedOn, dates: caseDates(openedOn, programmeA.surveys.closedLoop), reminded: false, escalated: false,
    });
    for (const c of [kase('case-overdue', '2020-01-15', 'open'), kase('case-ahead', '2099-01-15', 'open'), kase('case-resolved', '2020-01-16', 'resolved')])
      await documents.send(new PutCommand({ TableName: running.stack.tableName, Item: caseItem(c) }));
    documents.destroy();

    const json = await cli(['--json', 'explain', 'A001']);
    expect(json.code).toBe(0);
    const openCases = (JSON.parse(json.stdout) as { openCases: { caseId: string; overdue: boolean }[] }).openCases;
    expect(openCases.map((c) => [c.caseId, c.overdue]).sort()).toEqual([['case-ahead', false], ['case-overdue', true]]);
    const table = await cli(['explain', 'A001']);
    expect(table.stdout).toContain('closed-loop cases not yet resolved:');
    expect(table.stdout).toMatch(/2020-Q1 +open +OVERDUE +opened 2020-01-15/);
    expect(table.stdout).not.toContain('2020-01-16');

    const overdue = JSON.parse((await cli(['report', 'cases', '--state', 'overdue', '--on', '2027-06-01', '--format', 'json'])).stdout) as { case_id: string }[];
    expect(overdue.map((c) => c.case_id)).toEqual(['case-overdue']);
    const resolved = await cli(['report', 'cases', '--state', 'resolved', '--format', 'csv']);
    expect(resolved.stdout.trim().split('\n')).toHaveLength(2);
    expect(resolved.stdout).toContain('case-resolved');
    expect((await cli(['report', 'cases', '--state', 'open'])).stdout).toContain('case-ahead');
  });

  it('reports the health conditions as JSON and as a table, and exits 1 once a dead letter waits', async () => {
    const healthy = await cli(['report', 'health', '--format', 'json']);
    expect(healthy.code).toBe(0);
    const report = JSON.parse(healthy.stdout) as { healthy: boolean; conditions: { check: string; count: number; attention: boolean }[] };
    expect(report.healthy).toBe(true);
    expect(report.conditions.map((c) => c.check)).toEqual(['stalled-runs', 'watchdog-findings', 'dead-letters', 'parked-mails', 'suppressed-addresses']);
    expect(report.conditions.find((c) => c.check === 'suppressed-addresses')?.count).toBe(1);

    const documents = createDocumentClient({ endpoint: running.stack.dynamoEndpoint, region: localRegion, credentials: localCredentials });
    await new DynamoDeadLetterSink(documents, running.stack.tableName).record({
      rule: 'status-review-segment-requested',
      target: 'statusReviewSegment',
      event: { version: '0', id: 'e1', 'detail-type': 'StatusReviewSegmentRequested', source: 'vip.status-review', account: '0', time: '2027-01-01T00:00:00Z', region: 'local', resources: [], detail: {} },
      error: 'invalid segment request',
      attempts: 3,
      failedAt: '2027-01-01T00:00:01.000Z',
    });
    documents.destroy();
    const table = await cli(['report', 'health']);
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/dead-letters +1 +ATTENTION/);
    expect(table.stdout).toContain('needs attention (exit code 1)');
  });
});
