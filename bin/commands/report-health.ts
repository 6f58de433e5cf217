import { printJson } from '../output.ts';
import { Command } from 'commander';
import { DynamoReviewStore } from '../../shared/adapters/dynamodb/review-store.ts';
import { DynamoSurveyStore } from '../../shared/adapters/dynamodb/survey-store.ts';
import { DynamoHealthFindings } from '../../shared/adapters/dynamodb/health-store.ts';
import { DynamoHealthCounts } from '../../shared/adapters/dynamodb/health-counts.ts';
import { healthReport } from '../../shared/use-cases/operations/health-report.ts';
import { stallAfterMinutes } from '../../infra/topology.ts';
import { withTarget, type GlobalOptions } from '../cli-context.ts';
import { formatOption, outputFormat, printReport, type OutputFormat } from '../format.ts';

/**
 * The conditions the AWS alarms watch, read locally (docs/operations.md). Exit code 1 when one
 * needs attention (a stalled run, a watchdog finding, a dead letter), so a script or cron can act.
 */
export function healthCommand(globals: () => GlobalOptions): Command {
  return new Command('health')
    .description('stalled runs, the watchdog\'s findings, dead letters, parked mails, suppressed addresses; exit code 1 if something needs attention')
    .addOption(formatOption())
    .action(async (options: { format?: OutputFormat }) => {
      const format = outputFormat(options, globals());
      const report = await withTarget(globals(), (t) =>
        healthReport(
          { stallAfterMinutes },
          {
            reviews: new DynamoReviewStore(t.documents, t.tableName),
            waves: new DynamoSurveyStore(t.documents, t.tableName),
            findings: new DynamoHealthFindings(t.documents, t.tableName),
            counts: new DynamoHealthCounts(t.documents, t.tableName),
            timeZone: t.config.timeZone,
            now: () => new Date(),
          },
        ),
      );
      // JSON keeps the whole report (each condition's items too); the table and CSV one line per check.
      if (format === 'json') printJson(report);
      else
        printReport(
          format,
          report.conditions.map((c) => ({ check: c.check, count: c.count, status: c.attention ? 'ATTENTION' : 'ok', detail: c.detail })),
          { columns: ['check', 'count', 'status', 'detail'], footer: report.healthy ? 'healthy' : 'needs attention (exit code 1)' },
        );
      if (!report.healthy) process.exitCode = 1;
    });
}
