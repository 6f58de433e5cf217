import { eventSources, eventTypes } from '../../schemas/event-names.ts';
import type { DomainEvent, EventPublisher } from '../../ports/event-publisher.ts';
import type { HealthFindings, HealthMetrics, WatchedWorkflow } from '../../ports/run-health.ts';
import type { ReviewStore } from '../../ports/review-store.ts';
import { isStalled, runsInProgress, type RunProgress, type RunProgressPorts } from './run-progress.ts';

export interface WatchRunsCommand {
  /** No checkpoint for this long means stalled: longer than a worker's time limit times its attempts. */
  readonly stallAfterMinutes: number;
  /** Re-publishes per run before the watchdog only alarms and leaves the run to a person. */
  readonly maxRepublishes?: number;
}

export interface WatchRunsPorts extends RunProgressPorts {
  readonly reviews: RunProgressPorts['reviews'] & Pick<ReviewStore, 'markSegmentsPublished'>;
  readonly events: EventPublisher;
  readonly findings: HealthFindings;
  readonly metrics: HealthMetrics;
  readonly now: () => Date;
}

export interface WatchedRun {
  readonly workflow: WatchedWorkflow;
  readonly runKey: string;
  readonly lastProgressAt: string;
  readonly outcome: 'progressing' | 'republished' | 'gave-up';
  readonly republished?: readonly number[];
}

export interface WatchRunsResult {
  readonly runs: readonly WatchedRun[];
  /** Findings closed because their run completed. */
  readonly resolved: number;
}

const defaultMaxRepublishes = 3;

/**
 * The watchdog: a review segment or a wave opening that failed all its retries leaves its run
 * waiting for ever (later firings answer "already running"). A run with no checkpoint for
 * `stallAfterMinutes` gets its unfinished work published again (the workers resume from their
 * checkpoints, so a repeat is harmless), a finding and an alarm data point. It waits as long again
 * before the next re-publish, and after `maxRepublishes` it only alarms: a bug needs a person.
 */
export async function watchRuns(command: WatchRunsCommand, ports: WatchRunsPorts): Promise<WatchRunsResult> {
  const now = ports.now();
  const at = now.toISOString();
  const stallAfterMs = command.stallAfterMinutes * 60_000;
  const maxRepublishes = command.maxRepublishes ?? defaultMaxRepublishes;
  const running = await runsInProgress(now, ports);

  let resolved = 0;
  for (const open of await ports.findings.openStalls())
    if (!running.some((r) => r.workflow === open.workflow && r.runKey === open.runKey)) {
      await ports.findings.resolveStall(open.workflow, open.runKey, at);
      resolved++;
    }

  const runs: WatchedRun[] = [];
  for (const run of running) {
    const finding = await ports.findings.stall(run.workflow, run.runKey);
    // After a re-publish the run gets the full time again before it counts as stalled once more.
    const since = finding !== undefined && finding.resolvedAt === undefined && Date.parse(finding.lastDetectedAt) > Date.parse(run.lastProgressAt) ? finding.lastDetectedAt : run.lastProgressAt;
    if (!isStalled(since, now, stallAfterMs)) {
      runs.push({ workflow: run.workflow, runKey: run.runKey, lastProgressAt: run.lastProgressAt, outcome: 'progressing' });
      continue;
    }
    const spent = (finding?.republishes ?? 0) >= maxRepublishes;
    const republished = spent ? [] : await republish(run, ports);
    await ports.findings.recordStall({
      workflow: run.workflow,
      runKey: run.runKey,
      firstDetectedAt: finding?.firstDetectedAt ?? at,
      lastDetectedAt: at,
      lastProgressAt: run.lastProgressAt,
      republishes: (finding?.republishes ?? 0) + (spent ? 0 : 1),
      republished,
      gaveUp: spent,
    });
    ports.metrics.stalledRun(run.workflow);
    runs.push({ workflow: run.workflow, runKey: run.runKey, lastProgressAt: run.lastProgressAt, outcome: spent ? 'gave-up' : 'republished', republished });
  }
  return { runs, resolved };
}

/** Requests the run's unfinished work again; returns the review segments requested. */
async function republish(run: RunProgress, ports: WatchRunsPorts): Promise<number[]> {
  if (run.workflow === 'surveys') {
    await ports.events.publish([{ source: eventSources.surveys, detailType: eventTypes.surveyWaveOpeningRequested, detail: { scheduledTime: run.scheduledTime } }]);
    return [];
  }
  // Every segment counted but the run still open: its last worker died before finishing it, and a
  // request for a counted segment finishes the run.
  const segments = run.pendingSegments.length > 0 ? [...run.pendingSegments] : [0];
  const events: DomainEvent[] = segments.map((segment) => ({
    source: eventSources.statusReview,
    detailType: eventTypes.segmentRequested,
    detail: { reviewKey: run.runKey, segment, totalSegments: run.totalSegments },
  }));
  for (let i = 0; i < events.length; i += 10) await ports.events.publish(events.slice(i, i + 10));
  if (!run.fannedOut) await ports.reviews.markSegmentsPublished(run.runKey);
  return segments;
}
