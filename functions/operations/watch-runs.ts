import { lambdaHandler } from '../../shared/runtime/handler.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { parseEvent } from '../../shared/runtime/parse-event.ts';
import { watchdogInputSchema } from '../../shared/schemas/watchdog-events.ts';
import { watchRuns } from '../../shared/use-cases/operations/watch-runs.ts';
import { operationsPorts } from '../../shared/runtime/operations-ports.ts';

const ports = operationsPorts();

export const handler = lambdaHandler(async (event: unknown) => {
  const input = parseEvent(watchdogInputSchema, event, 'watchdog input');
  const result = await watchRuns(input, { ...ports, now: () => new Date() });
  const stalled = result.runs.filter((run) => run.outcome !== 'progressing');
  // Run keys and segment numbers only: nothing about a client.
  if (stalled.length > 0) logger.warn('stalled runs found', { stalled, resolved: result.resolved });
  else logger.info('runs watched', { runs: result.runs.length, resolved: result.resolved });
  return result;
});
