import { Command } from 'commander';
import { resolveConfig, withTarget, type GlobalOptions } from '../cli-context.ts';
import { parseInstant } from '../arguments.ts';
import { printJson } from '../output.ts';
import type { ScheduleRunSummary } from '../../infra/local/local-stack.ts';
import { jobSchedules, runScheduleOn, scheduleOfJob } from '../run-schedule.ts';
import { formatOption, outputFormat, printReport, type OutputFormat } from '../format.ts';
import { runReportOf, runReportRows } from '../run-report.ts';
import { mailboxCountSince } from '../mailbox-count.ts';
import { DynamoReviewStore } from '../../shared/adapters/dynamodb/review-store.ts';

export function runCommand(globals: () => GlobalOptions): Command {
  return new Command('run')
    .description(`run one job once, as its schedule would fire at --at (jobs: ${Object.keys(jobSchedules).join(', ')}, or any schedule name)`)
    .argument('<job>', 'job or schedule name')
    .requiredOption('--at <instant>', 'the scheduled time, ISO with zone, e.g. 2027-01-01T03:00:00+08:00', parseInstant)
    .addOption(formatOption())
    .action(async (job: string, options: { at: Date; format?: OutputFormat }) => {
      const format = outputFormat(options, globals());
      // Checked before any emulator starts: a typo costs nothing and says what exists.
      const schedule = scheduleOfJob(resolveConfig(globals()), job);
      const report = await withTarget(globals(), async (target) => {
        const ses = target.stack?.sesEndpoint ?? target.running!.sesEndpoint;
        const since = Math.floor(Date.now() / 1000);
        const before = await mailboxCountSince(ses, since);
        const summary = await runScheduleOn(target, schedule, options.at);
        const after = await mailboxCountSince(ses, since);
        const reviews = new DynamoReviewStore(target.documents, target.tableName);
        return runReportOf(summary, { reviewRun: (key) => reviews.getRun(key) }, before !== undefined && after !== undefined ? after - before : undefined);
      });
      if (format === 'json') return printJson(report);
      if (format === 'table') console.log(`${report.schedule} at ${report.scheduledTime}: ${report.outcome}`);
      printReport(format, runReportRows(report));
      if (format === 'table' && report.deadLetters) console.log(`${report.deadLetters} event(s) dead-lettered: see \`npx vip report dead-letters\``);
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
