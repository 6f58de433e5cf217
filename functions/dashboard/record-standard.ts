import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { answerDashboardRequest, BadRequestError } from '../../shared/runtime/dashboard-http.ts';
import { dashboardPorts } from '../../shared/runtime/dashboard-ports.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { adjustmentProblems, standardAdjustmentSchema } from '../../shared/schemas/dashboard-api.ts';
import { dashboardRequestSchema, jsonBodyOf } from '../../shared/schemas/dashboard-request.ts';
import { recordStandard } from '../../shared/use-cases/dashboard/record-standard.ts';

const ports = dashboardPorts();

/** POST /api/dashboard/standards: records a target adjustment, checked here whatever the form did. */
export const handler = lambdaHandler(async (event: unknown) => {
  const request = parseEvent(dashboardRequestSchema, event, 'dashboard API request');
  return answerDashboardRequest(request, ports.access, async () => {
    const body = jsonBodyOf(request);
    const adjustment = standardAdjustmentSchema.safeParse(body);
    if (!adjustment.success) throw new BadRequestError(adjustmentProblems(adjustment.error, body));
    const record = await recordStandard(ports.source, adjustment.data, ports.now(), ports.currentQuarter());
    logger.info('standard adjusted', { measure: record.measure, fromQuarter: record.fromQuarter });
    return { status: 201, value: record };
  });
});
