import { decideStatus } from '../../domain/status-rules.ts';
import type { AccountStatus } from '../../domain/account.ts';
import { isApplied, isChange, type StatusDecision } from '../../domain/status-decision.ts';
import { eventSources, eventTypes } from '../../schemas/event-names.ts';
import type { ProgrammeConfig } from '../../schemas/programme-config.ts';
import type { DomainEvent, EventPublisher } from '../../ports/event-publisher.ts';
import type { PageProgress, ReviewRun, ReviewStore, ReviewSummary } from '../../ports/review-store.ts';

export interface ReviewSegmentCommand {
  readonly reviewKey: string;
  readonly segment: number;
  readonly totalSegments: number;
}

export interface ReviewSegmentPorts {
  readonly store: ReviewStore;
  readonly events: EventPublisher;
  readonly config: ProgrammeConfig;
  readonly now: () => Date;
  /** Milliseconds this invocation has left; the worker hands on before it runs out. */
  readonly remainingMs: () => number;
  /** Accounts read per page; a checkpoint follows every page. */
  readonly pageSize?: number;
  /** Time kept in reserve for the checkpoint and the hand-over. */
  readonly reserveMs?: number;
  readonly log?: (message: string, fields: Record<string, unknown>) => void;
}

export interface ReviewSegmentResult {
  readonly outcome: 'segment-done' | 'handed-over' | 'already-done' | 'superseded' | 'unknown-run';
  readonly processed: number;
  readonly runCompleted: boolean;
}

/**
 * Evaluates one scan segment page by page. After each page the cursor and counts are saved;
 * when time runs short the worker publishes its own continuation and stops, so a crash or a
 * timeout resumes from the last saved page and no account is decided twice.
 */
export async function reviewSegment(command: ReviewSegmentCommand, ports: ReviewSegmentPorts): Promise<ReviewSegmentResult> {
  const { store } = ports;
  const run = await store.getRun(command.reviewKey);
  if (!run) return { outcome: 'unknown-run', processed: 0, runCompleted: false };
  if (run.doneSegments.includes(command.segment)) {
    // A worker that died between counting its segment and completing the run is finished here.
    const runCompleted = run.state === 'running' && run.doneSegments.length >= run.totalSegments && (await finishRun(run, ports));
    return { outcome: 'already-done', processed: 0, runCompleted };
  }
  const segment = await store.getSegment(command.reviewKey, command.segment);

  const pageSize = ports.pageSize ?? 200;
  const reserveMs = ports.reserveMs ?? 30_000;
  let cursor = segment.cursor;
  let pages = segment.pages;
  let processed = 0;
  while (!segment.scanComplete) {
    if (ports.remainingMs() < reserveMs) {
      await ports.events.publish([{ source: eventSources.statusReview, detailType: eventTypes.segmentRequested, detail: { ...command } }]);
      return { outcome: 'handed-over', processed, runCompleted: false };
    }
    const page = await store.readSegmentPage(command.segment, command.totalSegments, cursor, pageSize);
    const progress = await decidePage(run, page, ports);
    processed += progress.processed;
    if (!(await store.advanceSegment(command.reviewKey, command.segment, pages, page.cursor, progress, ports.now().toISOString()))) {
      // Another delivery of this segment moved the cursor first; it carries on from there.
      return { outcome: 'superseded', processed, runCompleted: false };
    }
    cursor = page.cursor;
    pages++;
    if (!cursor) break;
  }

  const counted = await store.completeSegment(command.reviewKey, command.segment);
  const runCompleted = counted === 'completed-all' && (await finishRun(run, ports));
  return { outcome: 'segment-done', processed, runCompleted };
}

async function decidePage(run: ReviewRun, page: Awaited<ReturnType<ReviewStore['readSegmentPage']>>, ports: ReviewSegmentPorts): Promise<PageProgress> {
  const outcomes: Record<string, number> = {};
  const tiers: Record<string, number> = {};
  const events: DomainEvent[] = [];
  let failed = page.unreadable.length;
  for (const bad of page.unreadable) ports.log?.('account skipped: unreadable facts', { accountId: bad.accountId, problem: bad.problem });
  const decidedAt = ports.now().toISOString();
  for (const account of page.accounts) {
    if (account.lastDecision?.reviewKey === run.reviewKey) {
      // Decided by an earlier attempt at this page that died before its checkpoint: count it as decided then.
      const outcome = account.lastDecision.outcome;
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (account.status.vip && account.status.tier) tiers[account.status.tier] = (tiers[account.status.tier] ?? 0) + 1;
      // Its event may have died with that attempt; consumers take a repeat in their stride.
      if (account.lastDecision.change && account.lastDecision.previous)
        events.push(statusChanged(run.reviewKey, account.facts.accountId, outcome, account.lastDecision.previous, account.status));
      continue;
    }
    let decision: StatusDecision;
    try {
      decision = decideStatus({ ...account, current: account.status, rules: ports.config.statusReview.rules, reviewDate: run.reviewDate, reviewKey: run.reviewKey, mode: run.mode });
    } catch (error) {
      // One bad account must not stop its segment: it is counted and logged (by id only) instead.
      failed++;
      ports.log?.('account skipped: decision failed', { accountId: account.facts.accountId, error: (error as Error).message });
      continue;
    }
    const applied = isApplied(decision);
    if (applied) {
      await ports.store.applyDecision(decision, decidedAt, account.lastDecision?.reviewKey);
      // Published even when the write was already there: a retried page must not lose its events.
      if (isChange(decision)) events.push(statusChanged(run.reviewKey, decision.accountId, decision.outcome, decision.previous, decision.next));
    }
    const counted = applied ? decision.outcome : 'unchanged';
    outcomes[counted] = (outcomes[counted] ?? 0) + 1;
    const effective = applied ? decision.next : account.status;
    if (effective.vip && effective.tier) tiers[effective.tier] = (tiers[effective.tier] ?? 0) + 1;
  }
  for (let i = 0; i < events.length; i += 10) await ports.events.publish(events.slice(i, i + 10));
  return { processed: page.accounts.length + page.unreadable.length, outcomes, tiers, failed };
}

async function finishRun(run: ReviewRun, ports: ReviewSegmentPorts): Promise<boolean> {
  const segments = await ports.store.listSegments(run.reviewKey, run.totalSegments);
  const summary: ReviewSummary = {
    accounts: segments.reduce((sum, s) => sum + s.processed, 0),
    outcomes: sumCounts(segments.map((s) => s.outcomes)),
    tiers: sumCounts(segments.map((s) => s.tiers)),
    failedAccounts: segments.reduce((sum, s) => sum + s.failed, 0),
  };
  // Event first, then the state change: a crash in between repeats the event, never loses it,
  // and the digest sender does nothing for a review it has already mailed.
  await ports.events.publish([{ source: eventSources.statusReview, detailType: eventTypes.reviewCompleted, detail: { reviewKey: run.reviewKey, summary } }]);
  return ports.store.completeRun(run.reviewKey, summary, ports.now().toISOString());
}

function statusChanged(reviewKey: string, accountId: string, outcome: string, previous: AccountStatus, next: AccountStatus): DomainEvent {
  return { source: eventSources.statusReview, detailType: eventTypes.statusChanged, detail: { reviewKey, accountId, outcome, previous, next } };
}

function sumCounts(counts: ReadonlyArray<Readonly<Record<string, number>>>): Record<string, number> {
  const total: Record<string, number> = {};
  for (const c of counts) for (const [k, v] of Object.entries(c)) total[k] = (total[k] ?? 0) + v;
  return total;
}
