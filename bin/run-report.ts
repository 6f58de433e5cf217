import type { ScheduleRunSummary } from '../infra/local/local-stack.ts';
import type { ReviewRun } from '../shared/ports/review-store.ts';
import { addDays } from '../shared/domain/calendar-date.ts';

/**
 * What a run did, for a person: one line saying what happened (or why nothing did) and the
 * counts that matter for its workflow. JSON keeps the schedule's raw `result` beside them.
 */
export interface RunReport {
  readonly schedule: string;
  readonly scheduledTime: string;
  /** One line: "review yearly-2027 completed", "days up to 2027-03-31 are already done". */
  readonly outcome: string;
  /** What happened, in the order a person reads it; camelCase names, plain numbers. */
  readonly counts: Readonly<Record<string, number>>;
  /** Mails the mailbox received while the run and everything it caused ran. */
  readonly mailsSent?: number;
  readonly failedInvocations: number;
  readonly deadLetters: number;
  readonly result: unknown;
}

/** What the report reads beyond the run's own result: the review's summary once it completed. */
export interface RunReads {
  reviewRun(reviewKey: string): Promise<ReviewRun | undefined>;
}

type Result = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const sum = (record: unknown) => Object.values((record ?? {}) as Record<string, number>).reduce((s, n) => s + num(n), 0);

/** Outcome codes of a review, as the counts name them. */
const reviewCounts: ReadonlyArray<readonly [string, string]> = [
  ['grant', 'granted'],
  ['renew', 'renewed'],
  ['tier-up', 'tierUp'],
  ['tier-down', 'tierDown'],
  ['grace', 'keptInGrace'],
  ['revoke', 'revoked'],
  ['excluded', 'excluded'],
  ['not-eligible', 'notEligible'],
];

async function statusReview(result: Result, reads: RunReads): Promise<Pick<RunReport, 'outcome' | 'counts'>> {
  const reviewKey = String(result.reviewKey);
  if (result.outcome === 'refused') return { outcome: `review ${reviewKey} not started: ${String(result.reason)}`, counts: {} };
  const run = await reads.reviewRun(reviewKey);
  const summary = run?.summary;
  const counts = summary
    ? {
        accountsEvaluated: summary.accounts,
        ...Object.fromEntries(reviewCounts.map(([code, name]) => [name, summary.outcomes[code] ?? 0])),
        // An account the review leaves outside is not written, and counted as 'unchanged'.
        notEligible: (summary.outcomes['not-eligible'] ?? 0) + (summary.outcomes.unchanged ?? 0),
        failedAccounts: summary.failedAccounts,
      }
    : {};
  const state =
    result.outcome === 'already-completed'
      ? `review ${reviewKey} was already done${run?.completedAt ? ` (completed ${run.completedAt})` : ''}: nothing changed; the counts are that review's`
      : run?.state === 'completed'
        ? `review ${reviewKey} completed`
        : `review ${reviewKey} ${String(result.outcome)}, not completed yet (${run?.doneSegments.length ?? 0}/${run?.totalSegments ?? '?'} segments)`;
  return { outcome: state, counts };
}

function giftTasks(result: Result): Pick<RunReport, 'outcome' | 'counts'> {
  const day = String(result.day);
  const from = String(result.from);
  // The watermark is past the day asked for: an earlier run (or `simulate`) did these days.
  if (from > day) return { outcome: `days up to ${addDays(from, -1)} are already done: nothing to do for ${day}`, counts: {} };
  return {
    outcome: from === day ? `gift tasks for ${day}` : `gift tasks for ${from} to ${day} (catching up missed days)`,
    counts: {
      tasksIssued: num(result.issued),
      alreadyIssued: num(result.alreadyIssued),
      awaitingBudget: num(result.awaitingBudget),
      promotedAfterBudgetRaise: num(result.promoted),
      skipped: sum(result.skipped),
      reminders: num(result.reminders),
      escalations: num(result.escalations),
      mailsQueued: num(result.mailsQueued),
    },
  };
}

function surveyWave(result: Result): Pick<RunReport, 'outcome' | 'counts'> {
  const wave = String(result.waveKey);
  const outcome = result.outcome === 'already-open' ? `wave ${wave} is already open: no new invitations` : `wave ${wave} ${String(result.outcome)}`;
  return { outcome, counts: { invitations: num(result.invited), skipped: sum(result.skipped), ...Object.fromEntries(Object.entries((result.skipped ?? {}) as Record<string, number>).map(([k, v]) => [`skipped:${k}`, v])) } };
}

function surveyDay(result: Result): Pick<RunReport, 'outcome' | 'counts'> {
  const outcomes = (result.outcomes ?? []) as Array<{ waveKey: string; action: string; reminded?: number; skipped?: Record<string, number> }>;
  if (outcomes.length === 0) return { outcome: 'no open survey wave: nothing to do', counts: {} };
  return {
    outcome: outcomes.map((o) => `wave ${o.waveKey}: ${o.action}`).join('; '),
    counts: { reminders: outcomes.reduce((s, o) => s + num(o.reminded), 0), wavesClosed: outcomes.filter((o) => o.action === 'closed').length, skipped: outcomes.reduce((s, o) => s + sum(o.skipped), 0) },
  };
}

function surveyCases(result: Result): Pick<RunReport, 'outcome' | 'counts'> {
  return { outcome: `closed-loop cases for ${String(result.day)}`, counts: { reminders: num(result.reminders), escalations: num(result.escalations), nothingOwed: num(result.nothingOwed) } };
}

/** Any other schedule: its numeric fields as they come. */
function generic(result: unknown): Pick<RunReport, 'outcome' | 'counts'> {
  const fields = typeof result === 'object' && result !== null ? Object.entries(result as Result) : [];
  const counts = Object.fromEntries(fields.filter(([, v]) => typeof v === 'number') as Array<[string, number]>);
  const words = fields.filter(([, v]) => typeof v === 'string').map(([k, v]) => `${k} ${String(v)}`);
  return { outcome: words.length ? words.join(', ') : 'done', counts };
}

export async function runReportOf(summary: ScheduleRunSummary, reads: RunReads, mailsSent?: number): Promise<RunReport> {
  const result = (summary.result ?? {}) as Result;
  const part = summary.schedule.startsWith('status-review')
    ? await statusReview(result, reads)
    : summary.schedule === 'gift-tasks-daily'
      ? giftTasks(result)
      : summary.schedule === 'surveys-open-wave'
        ? surveyWave(result)
        : summary.schedule === 'surveys-daily'
          ? surveyDay(result)
          : summary.schedule === 'survey-cases-daily'
            ? surveyCases(result)
            : generic(summary.result);
  return {
    schedule: summary.schedule,
    scheduledTime: summary.scheduledTime,
    ...part,
    ...(mailsSent !== undefined && { mailsSent }),
    failedInvocations: summary.invocations.filter((i) => i.error).length,
    deadLetters: summary.deadLetters,
    result: summary.result,
  };
}

/** Counts as "what / how many" rows, words split from camelCase ("tasksIssued" -> "tasks issued"). */
export function runReportRows(report: RunReport): Array<{ what: string; count: number }> {
  const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/:/g, ': ').toLowerCase();
  return [
    ...Object.entries(report.counts).map(([name, count]) => ({ what: words(name), count })),
    ...(report.mailsSent !== undefined ? [{ what: 'mails sent', count: report.mailsSent }] : []),
    ...(report.failedInvocations ? [{ what: 'failed invocations', count: report.failedInvocations }] : []),
    ...(report.deadLetters ? [{ what: 'dead-lettered events', count: report.deadLetters }] : []),
  ];
}
