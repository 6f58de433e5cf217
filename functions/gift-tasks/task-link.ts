import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { functionUrlRequestSchema } from '../../shared/schemas/gift-task-events.ts';
import { handleTaskLink } from '../../shared/use-cases/gift-tasks/task-link.ts';
import { giftTaskPorts, linksForRequest } from '../../shared/runtime/gift-task-ports.ts';

const ports = giftTaskPorts();

/** A manager's task link or a line owner's decision link: `/<token>` on the function URL, `/tasks/<token>` locally. */
export const handler = lambdaHandler(async (event: unknown) => {
  const request = parseEvent(functionUrlRequestSchema, event, 'function URL request');
  const body = request.body ? (request.isBase64Encoded ? Buffer.from(request.body, 'base64').toString('utf8') : request.body) : '';
  const page = await handleTaskLink(
    { method: request.requestContext.http.method, token: request.token, form: Object.fromEntries(new URLSearchParams(body)) },
    { ...ports, links: linksForRequest(ports, request.requestContext.domainName), now: () => new Date(), log: (message, fields) => logger.info(message, fields) },
  );
  return {
    statusCode: page.status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
    body: page.html,
  };
});
