import { Command } from 'commander';
import { DynamoDeadLetterSink } from '../../infra/local/dynamo-dead-letter-sink.ts';
import { withTarget, type GlobalOptions } from '../cli-context.ts';
import { formatOption, outputFormat, printReport, type OutputFormat } from '../format.ts';

export function deadLettersCommand(globals: () => GlobalOptions): Command {
  return new Command('dead-letters')
    .description('events the local bus could not deliver after its retries')
    .addOption(formatOption())
    .action(async (options: { format?: OutputFormat }) => {
      const format = outputFormat(options, globals());
      const entries = await withTarget(globals(), (target) => new DynamoDeadLetterSink(target.documents, target.tableName).list());
      printReport(
        format,
        entries.map((e) => ({ failed_at: e.failedAt, rule: e.rule, target: e.target, type: e.event['detail-type'], attempts: e.attempts, error: e.error })),
      );
    });
}
