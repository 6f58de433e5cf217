import { Command } from 'commander';
import { resolveConfig, withTarget, type GlobalOptions } from '../cli-context.ts';
import { parseInstant } from '../arguments.ts';
import { printJson } from '../output.ts';
import type { ScheduleRunSummary } from '../../infra/local/local-stack.ts';
import { jobSchedules, runScheduleOn, scheduleOfJob } from '../run-schedule.ts';

export function runCommand(globals: () => GlobalOptions): Command {
  return new Command('run')
    .description(`run one job once, as its schedule would fire at --at (jobs: ${Object.keys(jobSchedules).join(', ')}, or any schedule name)`)
    .argument('<job>', 'job or schedule name')
    .requiredOption('--at <instant>', 'the scheduled time, ISO with zone, e.g. 2027-01-01T03:00:00+08:00', parseInstant)
    .action(async (job: string, options: { at: Date }) => {
      // Checked before any emulator starts: a typo costs nothing and says what exists.
      const schedule = scheduleOfJob(resolveConfig(globals()), job);
      const summary = await withTarget(globals(), (target) => runScheduleOn(target, schedule, options.at));
      if (globals().json) return printJson(summary);
      printRunSummary(summary);
    });
}

export function printRunSummary(summary: ScheduleRunSummary): void {
  const byFunction = new Map<string, { runs: number; failed: number }>();
  for (const i of summary.invocations) {
    const entry = byFunction.get(i.functionName) ?? { runs: 0, failed: 0 };
    entry.runs++;
    if (i.error) entry.failed++;
    byFunction.set(i.functionName, entry);
  }
  console.log(`${summary.schedule} at ${summary.scheduledTime}: ${JSON.stringify(summary.result)}`);
  for (const [name, { runs, failed }] of byFunction) console.log(`  ${name}: ${runs} invocation(s)${failed ? `, ${failed} failed` : ''}`);
  if (summary.deadLetters) console.log(`  ${summary.deadLetters} event(s) dead-lettered: see \`npx vip report dead-letters\``);
}
