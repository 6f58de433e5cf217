import { request as httpRequest } from 'node:http';
import type { ScheduleRunSummary } from '../infra/local/local-stack.ts';
import type { CommandTarget } from './cli-context.ts';
import type { ProgrammeConfig } from '../shared/schemas/programme-config.ts';
import { topologyFor } from '../infra/topology.ts';
import { UsageError } from './usage-error.ts';

/** Short job names for the command line, mapped to the topology's schedules. */
export const jobSchedules: Readonly<Record<string, string>> = {
  'status-review': 'status-review-yearly',
  'status-admission': 'status-review-monthly-admission',
  'gift-tasks': 'gift-tasks-daily',
  /** Opens the quarter's wave (the opening step); `surveys-daily` sends reminders and closes waves. */
  surveys: 'surveys-open-wave',
  'surveys-daily': 'surveys-daily',
  'survey-cases': 'survey-cases-daily',
};

/** The schedule a job name (or a schedule's own name) stands for; anything else is the operator's typo. */
export function scheduleOfJob(config: ProgrammeConfig, job: string): string {
  const schedule = jobSchedules[job] ?? job;
  const known = topologyFor(config).schedules.map((s) => s.name);
  if (!known.includes(schedule))
    throw new UsageError(`unknown job or schedule "${job}"; jobs: ${Object.keys(jobSchedules).join(', ')}; schedules: ${known.join(', ')}`);
  return schedule;
}

/** Fires a schedule in this process's stack, or asks the running `npm start` to fire it. */
export async function runScheduleOn(target: CommandTarget, schedule: string, at: Date): Promise<ScheduleRunSummary> {
  if (target.stack) return target.stack.runSchedule(schedule, at);
  const response = await postToRunningStack(target.running!.httpUrl, '/_local/run-schedule', { schedule, at: at.toISOString() });
  if (response.status === 400) throw new UsageError(`the running stack refused to run ${schedule}: ${(JSON.parse(response.body) as { error?: string }).error ?? 'bad request'}`);
  if (response.status !== 200) throw new Error(`the running stack could not run ${schedule}: HTTP ${response.status} ${response.body}`);
  return JSON.parse(response.body) as ScheduleRunSummary;
}

/** Waits until the running stack has delivered what was put on its buses (and the mail that followed). */
export async function settleRunning(httpUrl: string): Promise<void> {
  const response = await postToRunningStack(httpUrl, '/_local/settle', {});
  if (response.status !== 200) throw new Error(`the running stack could not settle: HTTP ${response.status} ${response.body}`);
}

/**
 * node:http rather than fetch: a year's schedule run on a loaded machine can take longer than
 * fetch's fixed five-minute wait for response headers, and the run must not be reported failed
 * while it is still going.
 */
function postToRunningStack(httpUrl: string, path: string, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, httpUrl), { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}
