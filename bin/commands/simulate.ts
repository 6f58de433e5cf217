import { Command } from 'commander';
import { nextFireTimes, describeFireTime } from '../../shared/domain/schedule/schedule-expression.ts';
import { topologyFor } from '../../infra/topology.ts';
import { withTarget, type GlobalOptions } from '../cli-context.ts';
import { parseDate } from '../arguments.ts';
import { printJson } from '../output.ts';
import { runScheduleOn } from '../run-schedule.ts';
import { printRunSummary } from './run.ts';
import { DateTime } from 'luxon';
import type { ScheduleRunSummary } from '../../infra/local/local-stack.ts';

export function simulateCommand(globals: () => GlobalOptions): Command {
  return new Command('simulate')
    .description('fast-forward every schedule from one date to another on a simulated clock, running each firing in order')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD in the programme time zone', parseDate)
    .requiredOption('--to <date>', 'last day, inclusive', parseDate)
    .action(async (options: { from: string; to: string }) => {
      const summaries = await withTarget(globals(), async (target) => {
        const zone = target.config.timeZone;
        const start = DateTime.fromISO(options.from, { zone }).startOf('day').toJSDate();
        const end = DateTime.fromISO(options.to, { zone }).endOf('day').toJSDate();
        const firings = topologyFor(target.config)
          .schedules.filter((s) => s.enabled)
          .flatMap((schedule) =>
            nextFireTimes(schedule.expression, { timeZone: schedule.timeZone, from: new Date(start.getTime() - 1), count: 5000 })
              .filter((at) => at <= end)
              .map((at) => ({ schedule, at })),
          )
          .sort((a, b) => a.at.getTime() - b.at.getTime());
        const done: ScheduleRunSummary[] = [];
        for (const { schedule, at } of firings) {
          const summary = await runScheduleOn(target, schedule.name, at);
          done.push(summary);
          if (!globals().json) {
            process.stdout.write(`${describeFireTime(at, schedule.timeZone).local}  `);
            printRunSummary(summary);
          }
        }
        return done;
      });
      if (globals().json) printJson(summaries);
      else console.log(`simulated ${summaries.length} firing(s) from ${options.from} to ${options.to}`);
    });
}
