import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { statusGainedSchema } from '../../shared/schemas/gift-task-events.ts';
import { issueLateGrantAt } from '../../shared/use-cases/gift-tasks/late-grant.ts';
import { giftTaskPorts } from '../../shared/runtime/gift-task-ports.ts';

const ports = giftTaskPorts();

export const handler = lambdaHandler(async (event: unknown) => {
  const { detail, time } = parseEvent(statusGainedSchema, event, 'status change event');
  const result = await issueLateGrantAt({ accountId: detail.accountId, changedAt: new Date(time) }, { ...ports, now: () => new Date(), log: (m, f) => logger.warn(m, f) });
  logger.info('gift tasks of a gained account', { accountId: detail.accountId, outcome: detail.outcome, ...result });
  return result;
});
