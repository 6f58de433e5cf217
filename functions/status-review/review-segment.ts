import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { segmentRequestedSchema } from '../../shared/schemas/status-review-events.ts';
import { reviewSegment } from '../../shared/use-cases/status-review/review-segment.ts';
import { statusReviewPorts } from '../../shared/runtime/status-review-ports.ts';

const ports = statusReviewPorts();

export const handler = lambdaHandler(async (event: unknown, context) => {
  const { detail } = parseEvent(segmentRequestedSchema, event, 'segment request');
  const result = await reviewSegment(detail, {
    ...ports,
    now: () => new Date(),
    remainingMs: () => context.getRemainingTimeInMillis(),
    // Keep a tenth of the function's time (at least 5 s) for the checkpoint and the hand-over.
    reserveMs: Math.max(5_000, context.getRemainingTimeInMillis() / 10),
    log: (message, fields) => logger.warn(message, fields),
  });
  logger.info('status review segment', { ...detail, ...result });
  return result;
});
