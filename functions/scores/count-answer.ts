import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { answerRecordedSchema } from '../../shared/schemas/scores-events.ts';
import { countAnswer } from '../../shared/use-cases/scores/count-answer.ts';
import { scoresPorts } from '../../shared/runtime/scores-ports.ts';

const ports = scoresPorts();

/** SurveyAnswerRecorded -> the wave's segment counters, once per answer however often it is delivered. */
export const handler = lambdaHandler(async (event: unknown) => {
  const { detail } = parseEvent(answerRecordedSchema, event, 'answer recorded event');
  const outcome = await countAnswer(detail.waveKey, detail, ports);
  // The invitation id is opaque (random, not derived from anyone): safe in a log line.
  logger.info('answer counted', { waveKey: detail.waveKey, invitationId: detail.invitationId, outcome });
  return { outcome };
});
