import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { retentionInputSchema } from '../../shared/schemas/data-rights-events.ts';
import { applyRetentionAt } from '../../shared/use-cases/data-rights/apply-retention.ts';
import { dataRightsPorts } from '../../shared/runtime/data-rights-ports.ts';

const ports = dataRightsPorts();

/** `data-retention-monthly`: ages what has no TTL of its own (docs/data-rights.md). */
export const handler = lambdaHandler(async (event: unknown) => {
  const input = parseEvent(retentionInputSchema, event, 'schedule input');
  const result = await applyRetentionAt(new Date(input.scheduledTime), ports.config.timeZone, ports);
  logger.info('retention run', { ...result.redacted, answerQuarters: result.answerQuarters.join(' ') });
  return result;
});
