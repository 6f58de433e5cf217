import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { localDateOf } from '../../shared/domain/local-date.ts';
import { statusGainedSchema } from '../../shared/schemas/gift-task-events.ts';
import { issueLateGrant } from '../../shared/use-cases/gift-tasks/late-grant.ts';
import { giftTaskPorts } from '../../shared/runtime/gift-task-ports.ts';

const ports = giftTaskPorts();

export const handler = lambdaHandler(async (event: unknown) => {
  const { detail, time } = parseEvent(statusGainedSchema, event, 'status change event');
  const today = localDateOf(new Date(time), ports.config.timeZone);
  const result = await issueLateGrant({ accountId: detail.accountId, today }, { ...ports, now: () => new Date(), log: (m, f) => logger.warn(m, f) });
  logger.info('gift tasks of a gained account', { accountId: detail.accountId, outcome: detail.outcome, ...result });
  return result;
});
