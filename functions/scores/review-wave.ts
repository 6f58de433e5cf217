import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { reviewCheckSchema } from '../../shared/schemas/scores-events.ts';
import { reviewClosedWaves } from '../../shared/use-cases/scores/standards-review.ts';
import { scoresPorts } from '../../shared/runtime/scores-ports.ts';

const ports = scoresPorts();

/** Daily: a wave whose close has passed gets its standards review computed and queued for leadership, once. */
export const handler = lambdaHandler(async (event: unknown) => {
  const input = parseEvent(reviewCheckSchema, event, 'schedule input');
  const outcomes = await reviewClosedWaves(new Date(input.scheduledTime), ports.config.timeZone, ports.review);
  logger.info('standards review check', { outcomes });
  return { outcomes };
});
