import { Command } from 'commander';
import { describeFireTime, nextFireTimes } from '../../shared/domain/schedule/schedule-expression.ts';
import { topologyFor } from '../../infra/topology.ts';
import { resolveConfig, type GlobalOptions } from '../cli-context.ts';
import { printJson, printTable } from '../output.ts';
import { instantOf, parseDayOrInstant, parsePositiveInt, type DayOrInstant } from '../arguments.ts';

export function schedulesCommand(globals: () => GlobalOptions): Command {
  return new Command('schedules')
    .description("list every schedule's next fire times, in UTC and in the programme's time zone")
    .option('--from <day-or-instant>', 'count from this day (YYYY-MM-DD, its start in the programme time zone) or ISO instant with zone (default: now)', parseDayOrInstant)
    .option('--next <n>', 'how many fire times per schedule', parsePositiveInt, 3)
    .action((options: { from?: DayOrInstant; next: number }) => {
      const config = resolveConfig(globals());
      const from = options.from ? instantOf(options.from, config.timeZone) : new Date();
      const rows = topologyFor(config).schedules.map((schedule) => ({
        name: schedule.name,
        expression: schedule.expression,
        timeZone: schedule.timeZone,
        enabled: schedule.enabled,
        target: schedule.target,
        next: schedule.enabled
          ? nextFireTimes(schedule.expression, { timeZone: schedule.timeZone, from, count: options.next }).map((d) => describeFireTime(d, schedule.timeZone))
          : [],
      }));
      if (globals().json) return printJson({ from: from.toISOString(), schedules: rows });
      printTable(
        rows.flatMap((row) =>
          row.next.length
            ? row.next.map((fire, i) => ({ schedule: i === 0 ? row.name : '', expression: i === 0 ? row.expression : '', utc: fire.utc, local: fire.local }))
            : [{ schedule: row.name, expression: row.expression, utc: '(disabled)', local: '' }],
        ),
      );
    });
}

