import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { occasionsImportedSchema } from '../../shared/schemas/gift-task-events.ts';
import { issueLateGrantAt } from '../../shared/use-cases/gift-tasks/late-grant.ts';
import { giftTaskPorts } from '../../shared/runtime/gift-task-ports.ts';

const ports = giftTaskPorts();

// The late grant of a status change, for occasions imported after the runs passed their issue day.
export const handler = lambdaHandler(async (event: unknown) => {
  const { detail } = parseEvent(occasionsImportedSchema, event, 'occasions imported event');
  const result = await issueLateGrantAt({ accountId: detail.accountId, changedAt: new Date(detail.importedAt) }, { ...ports, now: () => new Date(), log: (m, f) => logger.warn(m, f) });
  logger.info('gift tasks of occasions imported late', { accountId: detail.accountId, ...result });
  return result;
});
