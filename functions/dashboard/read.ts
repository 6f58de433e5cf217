import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { answerDashboardRequest, BadRequestError } from '../../shared/runtime/dashboard-http.ts';
import { dashboardPorts } from '../../shared/runtime/dashboard-ports.ts';
import { dashboardQuerySchema, dashboardRequestSchema } from '../../shared/schemas/dashboard-request.ts';
import { readDashboard, readRouteOf } from '../../shared/use-cases/dashboard/dashboard-routes.ts';

const ports = dashboardPorts();

/** GET /api/dashboard/<overview|segments|standards|closed-loop|programme>: precomputed figures only. */
export const handler = lambdaHandler(async (event: unknown) => {
  const request = parseEvent(dashboardRequestSchema, event, 'dashboard API request');
  return answerDashboardRequest(request, ports.access, async () => {
    const route = readRouteOf(request.rawPath);
    if (route === undefined) throw new BadRequestError([{ field: 'path', message: `no dashboard read at ${request.rawPath}` }]);
    const query = dashboardQuerySchema.safeParse(request.queryStringParameters ?? {});
    if (!query.success) throw BadRequestError.fromZod(query.error, 'query');
    return { value: await readDashboard(route, query.data, ports) };
  });
});
