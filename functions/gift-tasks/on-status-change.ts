import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { statusLostSchema } from '../../shared/schemas/gift-task-events.ts';
import { cancelTasksOfLostAccount } from '../../shared/use-cases/gift-tasks/on-status-change.ts';
import { giftTaskPorts } from '../../shared/runtime/gift-task-ports.ts';

const ports = giftTaskPorts();

export const handler = lambdaHandler(async (event: unknown) => {
  const { detail, time } = parseEvent(statusLostSchema, event, 'status change event');
  const result = await cancelTasksOfLostAccount({ accountId: detail.accountId, outcome: detail.outcome, changedAt: new Date(time) }, { ...ports, now: () => new Date() });
  logger.info('gift tasks of a lost account', { accountId: detail.accountId, ...result });
  return result;
});
