import type { Context } from 'aws-lambda';
import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { mailPorts } from '../../shared/runtime/mail-ports.ts';
import { outboxSenderEventSchema } from '../../shared/schemas/mail-events.ts';
import { sendOutbox } from '../../shared/use-cases/mail/send-outbox.ts';

const ports = mailPorts();
/** Stop claiming this long before the timeout: one mail's throttling retries and its SES call fit in it. */
const stopMarginMs = 30_000;

export const handler = lambdaHandler(async (event: unknown, context: Context) => {
  const trigger = parseEvent(outboxSenderEventSchema, event, 'outbox sender event');
  const result = await sendOutbox({
    ...ports,
    shouldStop: () => context.getRemainingTimeInMillis() < stopMarginMs,
    log: (level, message, fields) => logger[level](message, fields),
  });
  logger.info('outbox drained', { trigger: 'Records' in trigger ? 'stream' : 'sweep', ...result });
  return result;
});
