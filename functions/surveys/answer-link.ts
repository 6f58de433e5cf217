import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { functionUrlRequestSchema } from '../../shared/schemas/gift-task-events.ts';
import { handleSurveyLink } from '../../shared/use-cases/surveys/survey-link.ts';
import { surveyAnswerPorts } from '../../shared/runtime/survey-answer-ports.ts';

const ports = surveyAnswerPorts((message, fields) => logger.info(message, fields));

/** `/s/<token>`: the survey form and its answer, unsubscribe links, and managers' case links. */
export const handler = lambdaHandler(async (event: unknown) => {
  const request = parseEvent(functionUrlRequestSchema, event, 'function URL request');
  const body = request.body ? (request.isBase64Encoded ? Buffer.from(request.body, 'base64').toString('utf8') : request.body) : '';
  const page = await handleSurveyLink(
    // The token is the last path segment: "/<token>" on the function URL, "/s/<token>" locally.
    { method: request.requestContext.http.method, rawToken: request.rawPath.split('/').filter(Boolean).at(-1) ?? '', form: Object.fromEntries(new URLSearchParams(body)) },
    ports,
  );
  return {
    statusCode: page.status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
    body: page.html,
  };
});
