import { describe, it, expect } from 'vitest';
import { runReportOf, runReportRows, type RunReads } from '../../bin/run-report.ts';
import type { ScheduleRunSummary } from '../../infra/local/local-stack.ts';
import type { ReviewRun } from '../../shared/ports/review-store.ts';

const summary = (schedule: string, result: unknown, over: Partial<ScheduleRunSummary> = {}): ScheduleRunSummary => ({ schedule, scheduledTime: '2027-01-01T19:00:00.000Z', result, invocations: [], deadLetters: 0, ...over });
const completed: ReviewRun = {
  reviewKey: 'yearly-2027', mode: 'yearly', reviewDate: '2027-01-01', scheduledTime: '2026-12-31T19:00:00Z', totalSegments: 2, doneSegments: [0, 1], segmentsPublished: true, state: 'completed', completedAt: '2027-01-01T00:00:05Z',
  summary: { accounts: 500, outcomes: { grant: 40, renew: 10, revoke: 3, 'tier-up': 2, unchanged: 444 }, tiers: { profitable: 50 }, failedAccounts: 1 },
};
const reads: RunReads = { reviewRun: async (key) => (key === 'yearly-2027' ? completed : undefined) };

describe('what a run did, for a person', () => {
  it('a finished review: accounts evaluated, granted, renewed, revoked, tier changes, mails sent', async () => {
    const report = await runReportOf(summary('status-review-yearly', { reviewKey: 'yearly-2027', outcome: 'started' }), reads, 12);
    expect(report.outcome).toBe('review yearly-2027 completed');
    expect(report.counts).toEqual({ accountsEvaluated: 500, granted: 40, renewed: 10, tierUp: 2, tierDown: 0, keptInGrace: 0, revoked: 3, excluded: 0, notEligible: 444, failedAccounts: 1 });
    expect(runReportRows(report)).toContainEqual({ what: 'accounts evaluated', count: 500 });
    expect(runReportRows(report)).toContainEqual({ what: 'mails sent', count: 12 });
    expect(report.result).toEqual({ reviewKey: 'yearly-2027', outcome: 'started' });
  });

  it('a review run again says it was already done', async () => {
    const report = await runReportOf(summary('status-review-yearly', { reviewKey: 'yearly-2027', outcome: 'already-completed' }), reads, 0);
    expect(report.outcome).toBe('review yearly-2027 was already done (completed 2027-01-01T00:00:05Z): nothing changed; the counts are that review\'s');
  });

  it('a gift run whose days are done says up to which day', async () => {
    const done = await runReportOf(summary('gift-tasks-daily', { day: '2027-03-01', from: '2027-04-01', issued: 0, alreadyIssued: 0, awaitingBudget: 0, promoted: 0, skipped: {}, reminders: 0, escalations: 0, mailsQueued: 0 }), reads);
    expect(done.outcome).toBe('days up to 2027-03-31 are already done: nothing to do for 2027-03-01');
    const issued = await runReportOf(summary('gift-tasks-daily', { day: '2027-03-01', from: '2027-03-01', issued: 4, alreadyIssued: 0, awaitingBudget: 1, promoted: 0, skipped: { 'account is not VIP': 2 }, reminders: 0, escalations: 0, mailsQueued: 3 }), reads, 3);
    expect(issued.counts).toMatchObject({ tasksIssued: 4, awaitingBudget: 1, skipped: 2, mailsQueued: 3 });
  });

  it('a survey opening counts invitations; a failed invocation and dead letters are counted too', async () => {
    const report = await runReportOf(
      summary('surveys-open-wave', { waveKey: '2027-Q1', outcome: 'opened', invited: 7, skipped: { suppressed: 1 } }, { invocations: [{ functionName: 'surveysOpenWave', startedAt: new Date(0), durationMs: 1, error: 'x' }] as ScheduleRunSummary['invocations'], deadLetters: 2 }),
      reads,
    );
    expect(report.counts).toEqual({ invitations: 7, skipped: 1, 'skipped:suppressed': 1 });
    expect(runReportRows(report)).toEqual(expect.arrayContaining([{ what: 'failed invocations', count: 1 }, { what: 'dead-lettered events', count: 2 }, { what: 'skipped: suppressed', count: 1 }]));
  });
});

describe('the local stack\'s run-schedule endpoint', () => {
  const known = ['status-review-yearly', 'gift-tasks-daily'];
  it('answers a bad body with the field and what is accepted', async () => {
    const { parseRunScheduleRequest } = await import('../../infra/local/run-schedule-request.ts');
    expect(parseRunScheduleRequest('not json', known)).toEqual({ ok: false, error: expect.stringContaining('the body is not JSON') });
    const typo = parseRunScheduleRequest(JSON.stringify({ schedule: 'gift-task', at: '2027-03-01T08:00:00+08:00' }), known);
    expect(typo).toEqual({ ok: false, error: expect.stringContaining('schedule: a schedule of this stack: status-review-yearly, gift-tasks-daily') });
    const noZone = parseRunScheduleRequest(JSON.stringify({ schedule: 'gift-tasks-daily', at: '2027-03-01T08:00:00' }), known);
    expect(noZone).toEqual({ ok: false, error: expect.stringMatching(/\n {2}at: /) });
    expect(parseRunScheduleRequest(JSON.stringify({ schedule: 'gift-tasks-daily', at: '2027-03-01T08:00:00+08:00' }), known)).toEqual({ ok: true, schedule: 'gift-tasks-daily', at: new Date('2027-03-01T00:00:00Z') });
  });
});
