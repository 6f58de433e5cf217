import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { reviewScheduleInputSchema } from '../../shared/schemas/status-review-events.ts';
import { startReview } from '../../shared/use-cases/status-review/start-review.ts';
import { statusReviewPorts } from '../../shared/runtime/status-review-ports.ts';

const ports = statusReviewPorts();

export const handler = lambdaHandler(async (event: unknown) => {
  const input = parseEvent(reviewScheduleInputSchema, event, 'schedule input');
  const result = await startReview({ mode: input.kind, scheduledTime: new Date(input.scheduledTime) }, { ...ports, now: () => new Date() });
  // A refused start is not an error (nothing is lost) but someone should read why.
  if (result.outcome === 'refused') logger.warn('status review not started: another review is running', { ...result });
  else logger.info('status review start', { ...result });
  return result;
});
