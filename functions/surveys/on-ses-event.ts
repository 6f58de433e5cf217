import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { sesFeedbackEventSchema } from '../../shared/schemas/ses-events.ts';
import { recordMailFeedback } from '../../shared/use-cases/surveys/mail-feedback.ts';
import { surveyPorts } from '../../shared/runtime/survey-ports.ts';

const ports = surveyPorts();

export const handler = lambdaHandler(async (event: unknown) => {
  const ses = parseEvent(sesFeedbackEventSchema, event, 'SES event');
  const feedback =
    ses.detail.eventType === 'Bounce'
      ? { kind: 'bounce' as const, bounceType: ses.detail.bounce.bounceType, recipients: ses.detail.bounce.bouncedRecipients.map((r) => r.emailAddress), at: new Date(ses.detail.bounce.timestamp) }
      : { kind: 'complaint' as const, recipients: ses.detail.complaint.complainedRecipients.map((r) => r.emailAddress), at: new Date(ses.detail.complaint.timestamp) };
  const result = await recordMailFeedback(feedback, { store: ports.store, emailHash: ports.emailHash, timeZone: ports.config.timeZone });
  // Counts only: the addresses stay out of the logs.
  logger.info('SES feedback', { kind: feedback.kind, bounceType: feedback.bounceType, ...result });
  return result;
});
