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

/** Fires a schedule in this process's stack, or asks the running `npm start` to fire it. */
/** The schedule a job name (or a schedule's own name) stands for; anything else is the operator's typo. */
export function scheduleOfJob(config: ProgrammeConfig, job: string): string {
  const schedule = jobSchedules[job] ?? job;
  const known = topologyFor(config).schedules.map((s) => s.name);
  if (!known.includes(schedule))
    throw new UsageError(`unknown job or schedule "${job}"; jobs: ${Object.keys(jobSchedules).join(', ')}; schedules: ${known.join(', ')}`);
  return schedule;
}

export async function runScheduleOn(target: CommandTarget, schedule: string, at: Date): Promise<ScheduleRunSummary> {
  if (target.stack) return target.stack.runSchedule(schedule, at);
  const response = await fetch(`${target.running!.httpUrl}/_local/run-schedule`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ schedule, at: at.toISOString() }),
  });
  if (response.status === 400) throw new UsageError(`the running stack refused to run ${schedule}: ${((await response.json()) as { error?: string }).error ?? 'bad request'}`);
  if (!response.ok) throw new Error(`the running stack could not run ${schedule}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as ScheduleRunSummary;
}
