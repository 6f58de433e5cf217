import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { mailPorts } from '../../shared/runtime/mail-ports.ts';
import { sesSendEventSchema } from '../../shared/schemas/mail-events.ts';
import { recordSendConfirmation } from '../../shared/use-cases/mail/record-confirmation.ts';

const ports = mailPorts();

export const handler = lambdaHandler(async (event: unknown) => {
  const sendEvent = parseEvent(sesSendEventSchema, event, 'SES send event');
  const result = await recordSendConfirmation(sendEvent, { store: ports.store, now: () => new Date() });
  logger.info('SES send confirmation', result);
  return result;
});
