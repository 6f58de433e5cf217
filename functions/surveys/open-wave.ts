import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { openWaveInputSchema } from '../../shared/schemas/survey-events.ts';
import { openWave } from '../../shared/use-cases/surveys/open-wave.ts';
import { surveyPorts } from '../../shared/runtime/survey-ports.ts';

const ports = surveyPorts();

export const handler = lambdaHandler(async (event: unknown, context) => {
  const input = parseEvent(openWaveInputSchema, event, 'wave opening input');
  const result = await openWave({ scheduledTime: new Date(input.scheduledTime) }, {
    ...ports,
    now: () => new Date(),
    remainingMs: () => context.getRemainingTimeInMillis(),
    // Keep a tenth of the function's time (at least 5 s) for the checkpoint and the hand-over.
    reserveMs: Math.max(5_000, context.getRemainingTimeInMillis() / 10),
    log: (message, fields) => logger.warn(message, fields),
  });
  logger.info('survey wave opening', { ...result });
  return result;
});
