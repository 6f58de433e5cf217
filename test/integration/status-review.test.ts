import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../infra/local/local-stack.ts';
import { decideStatus } from '../../shared/domain/status-rules.ts';
import { StatusQueries } from '../../shared/adapters/dynamodb/status-queries.ts';
import { accountItemSchema } from '../../shared/schemas/account-item.ts';
import { accountIndexAttributes, keys } from '../../shared/adapters/dynamodb/keys.ts';
import { joinAccountEntries } from '../../shared/adapters/dynamodb/account-entries.ts';
import { programmeA } from '../fixtures/accounts.ts';
import { demoCsv, demoStack, type SentMail } from './demo-stack.ts';

const config = { ...programmeA, statusReview: { ...programmeA.statusReview, segments: 3 } };
const yearlyAt = new Date('2026-12-31T19:00:00Z'); // 1 January 2027, 03:00 in Irkutsk
let stack: LocalStack;
let documents: DynamoDBDocumentClient;
let sentMails: () => Promise<SentMail[]>;
/** What the local stack reports of failed invocations (by default on stderr, so a failing handler is never silent). */
const invocationFailures: string[] = [];

async function accountItems() {
  // Profiles and status items, each account's joined into one record.
  const result = await documents.send(new ScanCommand({ TableName: stack.tableName, IndexName: 'accounts' }));
  return joinAccountEntries(result.Items ?? []).accounts.sort((a, b) => String(a.accountId).localeCompare(String(b.accountId)));
}

beforeAll(async () => {
  ({ stack, documents, sentMails } = await demoStack(config, await demoCsv(120, 11, '2026-12-20'), { logFailure: (line) => invocationFailures.push(line) }));
  // One account whose item cannot be read as facts: it must be reported, not stop its segment.
  await documents.send(
    new PutCommand({
      TableName: stack.tableName,
      Item: { ...keys.account('BROKEN1'), ...accountIndexAttributes('BROKEN1', 'M001'), accountId: 'BROKEN1', customerType: 'alien', managerId: 'M001' },
    }),
  );
});
afterAll(async () => {
  documents?.destroy();
  await stack?.stop();
});

describe('the yearly status review on the emulators', () => {
  it('evaluates every account once, fanning out into segments, and completes the run once', async () => {
    const before = await accountItems();
    const summary = await stack.runSchedule('status-review-yearly', yearlyAt);
    expect(summary.result).toEqual({ reviewKey: 'yearly-2027', outcome: 'started' });
    const segmentRuns = summary.invocations.filter((i) => i.functionName === 'statusReviewSegment');
    expect(summary.invocations.filter((i) => i.error).map((i) => i.error)).toEqual([]);
    expect(segmentRuns).toHaveLength(3);
    expect(summary.invocations.filter((i) => i.functionName === 'statusReviewDigest')).toHaveLength(1);
    expect(summary.invocations.every((i) => !i.error)).toBe(true);

    const run = await documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.reviewRun('yearly-2027') }));
    expect(run.Item).toMatchObject({ state: 'completed', doneSegments: new Set([0, 1, 2]), totalSegments: 3, reviewDate: '2027-01-01' });
    expect(run.Item?.summary.accounts).toBe(before.length);
    expect(run.Item?.summary.failedAccounts).toBe(1);

    // Every stored status is what the pure rules say for the stored facts.
    const after = await accountItems();
    let vip = 0;
    for (const item of after.filter((a) => a.accountId !== 'BROKEN1')) {
      const { status, override, ...facts } = accountItemSchema.parse(item);
      const expected = decideStatus({ facts, current: { vip: false }, rules: config.statusReview.rules, reviewDate: '2027-01-01', reviewKey: 'yearly-2027', mode: 'yearly', ...(override && { override }) });
      expect({ id: facts.accountId, vip: status.vip, tier: status.tier }).toEqual({ id: facts.accountId, vip: expected.next.vip, tier: expected.next.tier });
      if (status.vip) vip++;
    }
    expect(vip).toBeGreaterThan(0);
    expect(run.Item?.summary.outcomes.grant).toBe(vip);
  });

  it('mails each manager the changes of their own accounts, and leadership a summary', async () => {
    // Subjects name the review in the reader's language ("годовой, 2027"), never by its key.
    const ofReview = (subject: string) => /\((годовой|yearly), 2027\)/.test(subject);
    const mails = (await sentMails()).filter((m) => ofReview(m.subject));
    expect((await sentMails()).some((m) => m.subject.includes('yearly-2027'))).toBe(false);
    const granted = (await accountItems()).filter((a) => a.status?.vip);
    const managers = new Map<string, string[]>();
    for (const a of granted) managers.set(a.managerId, [...(managers.get(a.managerId) ?? []), a.accountId]);
    const managerItems = await Promise.all([...managers.keys()].map((id) => documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.manager(id) }))));
    for (const m of managerItems) {
      const digest = mails.filter((mail) => mail.destination.to.includes(m.Item!.email));
      expect(digest).toHaveLength(1);
      for (const accountId of managers.get(m.Item!.managerId)!) expect(digest[0]!.body.text).toContain(accountId);
      expect(digest[0]!.subject).toMatch(m.Item!.language === 'ru' ? /Пересмотр VIP-статуса/ : /VIP status review/);
      expect(digest[0]!.body.html).toContain('<table');
      // Tiers appear by the programme's names, not their ids.
      expect(digest[0]!.body.text).toMatch(/: (Profitable|Highly profitable|Very highly profitable)\n/);
    }
    const summaries = mails.filter((mail) => mail.destination.to.some((to) => to.startsWith('leadership-')) && ofReview(mail.subject));
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.body.text).toContain(`оценено счетов: ${(await accountItems()).length}`);
    expect(summaries[0]!.body.text).toContain('Счета, которые не удалось оценить: 1');
  });

  it("lists a manager's accounts from the manager index with their statuses", async () => {
    const all = (await accountItems()).filter((a) => a.managerId === 'M001' && a.accountId !== 'BROKEN1');
    const listed = await new StatusQueries(documents, stack.tableName).listAccounts({ managerId: 'M001' });
    expect(listed.map((a) => [a.accountId, a.status.vip, a.status.tier])).toEqual(all.map((a) => [a.accountId, a.status?.vip ?? false, a.status?.tier]));
    expect(listed.length).toBeGreaterThan(0);
  });

  it('a second delivery of the schedule, or a later firing in the same year, changes nothing and mails nothing', async () => {
    const before = await accountItems();
    const mailsBefore = (await sentMails()).length;
    const again = await stack.runSchedule('status-review-yearly', yearlyAt);
    const later = await stack.runSchedule('status-review-yearly', new Date('2027-06-01T00:00:00Z'));
    expect([again.result, later.result]).toEqual([
      { reviewKey: 'yearly-2027', outcome: 'already-completed' },
      { reviewKey: 'yearly-2027', outcome: 'already-completed' },
    ]);
    expect(await accountItems()).toEqual(before);
    expect((await sentMails()).length).toBe(mailsBefore);
  });

  it('a repeated segment request or completion event is a no-op', async () => {
    const before = await accountItems();
    const mailsBefore = (await sentMails()).length;
    await stack.bus.putEvents([
      { EventBusName: 'vip-workflows', Source: 'vip.status-review', DetailType: 'StatusReviewSegmentRequested', Detail: JSON.stringify({ reviewKey: 'yearly-2027', segment: 1, totalSegments: 3 }) },
      { EventBusName: 'vip-workflows', Source: 'vip.status-review', DetailType: 'StatusReviewCompleted', Detail: JSON.stringify({ reviewKey: 'yearly-2027', summary: { accounts: 1, outcomes: {}, tiers: {}, failedAccounts: 0 } }) },
    ]);
    await stack.bus.drain();
    expect(await accountItems()).toEqual(before);
    expect((await sentMails()).length).toBe(mailsBefore);
  });

  it('the monthly admission pass grants newcomers only and never revokes', async () => {
    const before = await accountItems();
    const vipBefore = before.filter((a) => a.status?.vip).map((a) => a.accountId);
    // A newcomer that qualifies by February: lift one non-VIP account's charges.
    const newcomer = before.find((a) => !a.status?.vip && a.accountId !== 'BROKEN1' && a.openedOn < '2026-01-01')!;
    const months = Object.fromEntries(
      Object.entries(newcomer.months as Record<string, object>).map(([m, f]) => [m, { ...f, chargesKopecks: 900_000, billedNumbers: 1, dueKopecks: 900_000, paidKopecks: 900_000, paidOn: `${m}-05` }]),
    );
    await documents.send(new PutCommand({ TableName: stack.tableName, Item: { ...newcomer, months, registeredNumbers: 1 } }));
    const summary = await stack.runSchedule('status-review-monthly-admission', new Date('2027-01-31T20:00:00Z'));
    expect(summary.result).toEqual({ reviewKey: 'admission-2027-02', outcome: 'started' });
    const after = await accountItems();
    expect(after.filter((a) => a.status?.vip).map((a) => a.accountId).sort()).toEqual([...vipBefore, newcomer.accountId].sort());
    const run = await documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.reviewRun('admission-2027-02') }));
    expect(run.Item?.summary.outcomes).toMatchObject({ grant: 1 });
    expect(Object.keys(run.Item?.summary.outcomes)).toEqual(expect.arrayContaining(['grant', 'unchanged']));
    expect(run.Item?.summary.outcomes.revoke).toBeUndefined();
  });

  it('an event its target keeps rejecting is retried, then dead-lettered', async () => {
    const before = (await stack.deadLetters.list()).length;
    const recordedBefore = stack.deadLetters.recorded;
    await stack.bus.putEvents([{ EventBusName: 'vip-workflows', Source: 'vip.status-review', DetailType: 'StatusReviewSegmentRequested', Detail: JSON.stringify({ reviewKey: 'yearly-2027', segment: -1 }) }]);
    await stack.bus.drain();
    const letters = await stack.deadLetters.list();
    expect(letters).toHaveLength(before + 1);
    expect(stack.deadLetters.recorded).toBe(recordedBefore + 1);
    expect(letters.at(-1)).toMatchObject({ target: 'statusReviewSegment', attempts: 3 });
    expect(letters.at(-1)!.error).toContain('invalid segment request');
    expect(letters.at(-1)!.error).toContain('detail.segment');
    // Each failed try was reported as it happened, not only in the dead letter at the end.
    expect(invocationFailures.filter((line) => line.startsWith('statusReviewSegment failed:') && line.includes('invalid segment request'))).toHaveLength(3);
  });
});
