import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { functionUrlRequestSchema } from '../../shared/schemas/gift-task-events.ts';
import { unsubscribeRequest } from '../../shared/use-cases/surveys/unsubscribe.ts';
import { surveyPorts } from '../../shared/runtime/survey-ports.ts';

const ports = surveyPorts();

/** `/s/<token>` for unsubscribe links (GET: confirmation page; POST: RFC 8058 one-click or the page's button). */
export const handler = lambdaHandler(async (event: unknown) => {
  const request = parseEvent(functionUrlRequestSchema, event, 'function URL request');
  const token = decodeURIComponent(request.rawPath.split('/').filter(Boolean).at(-1) ?? '');
  const page = await unsubscribeRequest(
    { method: request.requestContext.http.method, token },
    { lookup: ports.store, suppressions: ports.store, keyring: ports.keyring, now: () => new Date() },
  );
  logger.info('unsubscribe link', { method: request.requestContext.http.method, status: page.status });
  return { statusCode: page.status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: page.html };
});
