import { localDateOf } from '../../domain/local-date.ts';
import { reviewKeyFor, type ReviewMode } from '../../domain/review-key.ts';
import { reviewSegmentsFor } from '../../domain/review-segments.ts';
import { eventSources, eventTypes } from '../../schemas/event-names.ts';
import type { ProgrammeConfig } from '../../schemas/programme-config.ts';
import type { EventPublisher } from '../../ports/event-publisher.ts';
import type { ReviewStore } from '../../ports/review-store.ts';

export interface StartReviewCommand {
  readonly mode: ReviewMode;
  readonly scheduledTime: Date;
}

export type StartReviewResult =
  | { readonly reviewKey: string; readonly outcome: 'started' | 'resumed-fan-out' | 'already-running' | 'already-completed' }
  | { readonly reviewKey: string; readonly outcome: 'refused'; readonly runningReview: string; readonly reason: string };

export class ReviewBusyError extends Error {
  override readonly name = 'ReviewBusyError';
}

/** A review holding the turn this long after its scheduled time has stalled; the next may take over. */
const turnStaleAfterMs = 24 * 3_600_000;

/**
 * Opens the review of the cycle the scheduled time falls in and fans it out into scan segments.
 * A second delivery finds the run and does nothing, unless the first died before fanning out.
 * The yearly review and the admission pass never run at once, each writing statuses from what it
 * read: the second to start while the other runs is refused. A refused admission pass is not
 * needed (the yearly review decides every account, grants included); a refused yearly review
 * fails, so the invocation is retried and, if still refused, dead-lettered, never lost quietly.
 */
export async function startReview(
  command: StartReviewCommand,
  ports: { store: ReviewStore; events: EventPublisher; config: ProgrammeConfig; now?: () => Date },
): Promise<StartReviewResult> {
  const reviewDate = localDateOf(command.scheduledTime, ports.config.timeZone);
  const reviewKey = reviewKeyFor(command.mode, reviewDate);
  const totalSegments = ports.config.statusReview.segments ?? reviewSegmentsFor(await ports.store.accountsOfLastYearlyReview(reviewKey), { maxSegments: ports.store.maxSegments });
  const opened = await ports.store.openRun(
    { reviewKey, mode: command.mode, reviewDate, scheduledTime: command.scheduledTime.toISOString(), openedAt: (ports.now?.() ?? new Date()).toISOString(), totalSegments },
    { staleBefore: new Date(command.scheduledTime.getTime() - turnStaleAfterMs).toISOString() },
  );
  if ('busy' in opened) {
    const running = `${opened.busy.reviewKey} is running (scheduled ${opened.busy.scheduledTime})`;
    if (command.mode === 'yearly') throw new ReviewBusyError(`${reviewKey} not started: ${running}; the yearly review starts once it has completed`);
    return { reviewKey, outcome: 'refused', runningReview: opened.busy.reviewKey, reason: `${running}; on 1 January the admission pass is not needed (the yearly review decides every account), otherwise run it again once that one has completed` };
  }
  const { run, created } = opened;
  if (run.state === 'completed') return { reviewKey, outcome: 'already-completed' };
  if (run.segmentsPublished) return { reviewKey, outcome: 'already-running' };
  const segments = Array.from({ length: run.totalSegments }, (_, segment) => ({
    source: eventSources.statusReview,
    detailType: eventTypes.segmentRequested,
    detail: { reviewKey, segment, totalSegments: run.totalSegments },
  }));
  await ports.events.publish(segments);
  await ports.store.markSegmentsPublished(reviewKey);
  return { reviewKey, outcome: created ? 'started' : 'resumed-fan-out' };
}
