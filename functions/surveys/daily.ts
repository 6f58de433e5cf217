import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { surveyDailyInputSchema } from '../../shared/schemas/survey-events.ts';
import { runSurveyDay } from '../../shared/use-cases/surveys/survey-day.ts';
import { surveyPorts } from '../../shared/runtime/survey-ports.ts';

const ports = surveyPorts();

export const handler = lambdaHandler(async (event: unknown, context) => {
  const input = parseEvent(surveyDailyInputSchema, event, 'daily survey input');
  const outcomes = await runSurveyDay({ scheduledTime: new Date(input.scheduledTime) }, {
    ...ports,
    now: () => new Date(),
    remainingMs: () => context.getRemainingTimeInMillis(),
    // Keep a tenth of the function's time (at least 5 s) for the checkpoint and the hand-over.
    reserveMs: Math.max(5_000, context.getRemainingTimeInMillis() / 10),
  });
  logger.info('survey daily run', { scheduledTime: input.scheduledTime, outcomes });
  return { outcomes };
});
