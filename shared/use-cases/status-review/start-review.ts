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

export interface StartReviewResult {
  readonly reviewKey: string;
  readonly outcome: 'started' | 'resumed-fan-out' | 'already-running' | 'already-completed';
}

/**
 * Opens the review of the cycle the scheduled time falls in and fans it out into scan segments.
 * A second delivery finds the run and does nothing, unless the first died before fanning out.
 */
export async function startReview(
  command: StartReviewCommand,
  ports: { store: ReviewStore; events: EventPublisher; config: ProgrammeConfig },
): Promise<StartReviewResult> {
  const reviewDate = localDateOf(command.scheduledTime, ports.config.timeZone);
  const reviewKey = reviewKeyFor(command.mode, reviewDate);
  const totalSegments = ports.config.statusReview.segments ?? reviewSegmentsFor(await ports.store.accountsOfLastYearlyReview(reviewKey), { maxSegments: ports.store.maxSegments });
  const { run, created } = await ports.store.openRun({
    reviewKey,
    mode: command.mode,
    reviewDate,
    scheduledTime: command.scheduledTime.toISOString(),
    totalSegments,
  });
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
