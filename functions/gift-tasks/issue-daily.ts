import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { giftScheduleInputSchema } from '../../shared/schemas/gift-task-events.ts';
import { issueDailyGiftTasks } from '../../shared/use-cases/gift-tasks/issue-daily.ts';
import { giftTaskPorts } from '../../shared/runtime/gift-task-ports.ts';

const ports = giftTaskPorts();

export const handler = lambdaHandler(async (event: unknown) => {
  const input = parseEvent(giftScheduleInputSchema, event, 'schedule input');
  const result = await issueDailyGiftTasks({ scheduledTime: new Date(input.scheduledTime) }, { ...ports, now: () => new Date(), log: (m, f) => logger.warn(m, f) });
  logger.info('gift tasks daily run', { ...result });
  return result;
});
