import { Command } from 'commander';
import { nextFireTimes, describeFireTime } from '../../shared/domain/schedule/schedule-expression.ts';
import { topologyFor } from '../../infra/topology.ts';
import { withTarget, type GlobalOptions } from '../cli-context.ts';
import { dayOf, parseDayOrInstant, type DayOrInstant } from '../arguments.ts';
import { printJson, printTable } from '../output.ts';
import { DynamoGiftStore } from '../../shared/adapters/dynamodb/gift-store.ts';
import { observedQuarterShares, quarterShares } from '../../shared/domain/gifts/budget-plan.ts';
import { runScheduleOn } from '../run-schedule.ts';
import { UsageError } from '../usage-error.ts';
import { printRunSummary } from './run.ts';
import { DateTime } from 'luxon';
import type { ScheduleRunSummary } from '../../infra/local/local-stack.ts';
import { resolveConfig, resolveDataDir } from '../cli-context.ts';
import { demoAnswerPortsFor } from '../demo-answer-ports.ts';
import { answerDemoInvitations, followUpDemoCases } from '../../shared/use-cases/surveys/demo-answers.ts';
import { quarterOf } from '../../shared/domain/surveys/quarter.ts';
import { localDateOf } from '../../shared/domain/local-date.ts';
import { demoAnswerSeed, demoAnswerShare } from './demo-answers.ts';

/** Tasks per month and quarter, with each quarter's share beside the documents' 19/24/26/31 %. */
function tasksByMonth(dates: readonly string[]) {
  const counts = new Map<string, number>();
  for (const date of dates) counts.set(date.slice(0, 7), (counts.get(date.slice(0, 7)) ?? 0) + 1);
  const months = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([month, tasks]) => ({ month, tasks }));
  const perMonthOfYear = Array.from({ length: 12 }, (_, i) => dates.filter((d) => Number(d.slice(5, 7)) === i + 1).length);
  const quarters = quarterShares(perMonthOfYear).map((q, i) => ({
    quarter: `Q${q.quarter}`,
    tasks: q.total,
    share: `${(q.share * 100).toFixed(1)} %`,
    observed: `${(observedQuarterShares[i]! * 100).toFixed(0)} %`,
  }));
  return { months, quarters };
}

export function simulateCommand(globals: () => GlobalOptions): Command {
  return new Command('simulate')
    .description('fast-forward every schedule from one date to another on a simulated clock, running each firing in order')
    .requiredOption('--from <day-or-instant>', 'first day: YYYY-MM-DD in the programme time zone, or an ISO instant with zone (its day)', parseDayOrInstant)
    .requiredOption('--to <day-or-instant>', 'last day, inclusive (the same forms)', parseDayOrInstant)
    .option('--no-demo-answers', 'do not let demo invitees answer open survey waves, nor their managers act on the cases, as the clock moves (`vip demo answers`)')
    .action(async (given: { from: DayOrInstant; to: DayOrInstant; demoAnswers: boolean }) => {
      const zone = resolveConfig(globals()).timeZone;
      const options = { from: dayOf(given.from, zone), to: dayOf(given.to, zone), demoAnswers: given.demoAnswers };
      if (options.from > options.to) throw new UsageError(`--from ${options.from} is after --to ${options.to}; give the earlier day first`);
      const summaries = await withTarget(globals(), async (target) => {
        const zone = target.config.timeZone;
        const start = DateTime.fromISO(options.from, { zone }).startOf('day').toJSDate();
        const end = DateTime.fromISO(options.to, { zone }).endOf('day').toJSDate();
        const firings = topologyFor(target.config)
          .schedules.filter((s) => s.enabled && !s.housekeeping)
          .flatMap((schedule) =>
            nextFireTimes(schedule.expression, { timeZone: schedule.timeZone, from: new Date(start.getTime() - 1), count: 5000 })
              .filter((at) => at <= end)
              .map((at) => ({ schedule, at })),
          )
          .sort((a, b) => a.at.getTime() - b.at.getTime());
        const done: ScheduleRunSummary[] = [];
        // Demo invitees answer as the simulated clock reaches their planned time: before each survey run.
        const demo = options.demoAnswers ? demoAnswerPortsFor(target, resolveDataDir(globals())) : undefined;
        let demoAnswered = 0;
        let demoResolved = 0;
        for (const { schedule, at } of firings) {
          if (demo && schedule.workflow === 'surveys') {
            demoAnswered += (await answerDemoInvitations({ waveKey: quarterOf(localDateOf(at, zone)), until: at, share: demoAnswerShare, seed: demoAnswerSeed }, demo)).answered;
            // ...and their managers call them back and settle the cases, or the contact policy would keep those clients out of every later wave.
            demoResolved += (await followUpDemoCases({ until: at, seed: demoAnswerSeed }, demo)).resolved;
          }
          const summary = await runScheduleOn(target, schedule.name, at);
          done.push(summary);
          if (!globals().json) {
            process.stdout.write(`${describeFireTime(at, schedule.timeZone).local}  `);
            printRunSummary(summary);
          }
        }
        const tasks = (await new DynamoGiftStore(target.documents, target.tableName).listTasks()).filter(
          (t) => t.occasionDate >= options.from && t.occasionDate <= options.to,
        );
        demo?.destroy();
        return { runs: done, demoAnswered, demoResolved, tasksByMonth: tasksByMonth(tasks.map((t) => t.occasionDate)) };
      });
      if (globals().json) return printJson(summaries);
      console.log(`simulated ${summaries.runs.length} firing(s) from ${options.from} to ${options.to}`);
      if (summaries.demoAnswered) console.log(`demo invitees answered ${summaries.demoAnswered} survey invitation(s) along the way; their managers resolved ${summaries.demoResolved} closed-loop case(s) (npx vip report cases)`);
      if (summaries.tasksByMonth.months.length) {
        console.log('\ngift tasks by the month of their occasion:');
        printTable(summaries.tasksByMonth.months);
        console.log('\nby quarter, beside the shares the source documents observed:');
        printTable(summaries.tasksByMonth.quarters);
      }
    });
}
