import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { casesDailyInputSchema } from '../../shared/schemas/survey-answer-events.ts';
import { followUpCases } from '../../shared/use-cases/surveys/follow-up-cases.ts';
import { surveyAnswerPorts } from '../../shared/runtime/survey-answer-ports.ts';

const ports = surveyAnswerPorts((message, fields) => logger.info(message, fields));

/** `survey-cases-daily`: reminders and escalations of closed-loop cases (schedule input: scheduledTime). */
export const handler = lambdaHandler(async (event: unknown) => {
  const input = parseEvent(casesDailyInputSchema, event, 'schedule input');
  const result = await followUpCases({ scheduledTime: new Date(input.scheduledTime) }, ports);
  logger.info('survey cases daily run', { ...result });
  return result;
});
