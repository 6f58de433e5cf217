import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { dataRightsRequestSchema } from '../../shared/schemas/data-rights-events.ts';
import { runDataRightsRequest } from '../../shared/use-cases/data-rights/operator-request.ts';
import { dataRightsPorts } from '../../shared/runtime/data-rights-ports.ts';

const ports = dataRightsPorts();

/**
 * Invoked by an operator (`aws lambda invoke`, README): export, forget, reapply-forgets. Its role
 * is the only one allowed to delete items. Only the command is logged: never an id or a reason.
 */
export const handler = lambdaHandler(async (event: unknown) => {
  const request = parseEvent(dataRightsRequestSchema, event, 'data-rights request');
  const result = await runDataRightsRequest(request, ports);
  logger.info('data-rights request done', { command: request.command });
  return result;
});
