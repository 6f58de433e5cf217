import { Command } from 'commander';
import { DynamoGiftStore } from '../../shared/adapters/dynamodb/gift-store.ts';
import { withTarget, type GlobalOptions } from '../cli-context.ts';
import { formatOption, outputFormat, printReport, type OutputFormat } from '../format.ts';

/** Birth and company dates held back from the gift run until a re-import confirms them (date_confirmed = yes). */
export function suspectDatesCommand(globals: () => GlobalOptions): Command {
  return new Command('suspect-dates')
    .description('birth and company dates that look like an exported empty date (1970-01-01, 1900-01-01): no task until confirmed')
    .addOption(formatOption())
    .action(async (options: { format?: OutputFormat }) => {
      const format = outputFormat(options, globals());
      const occasions = await withTarget(globals(), (t) => new DynamoGiftStore(t.documents, t.tableName).allOccasions());
      const rows = occasions
        .filter((o) => o.suspectDate)
        .sort((a, b) => a.accountId.localeCompare(b.accountId) || a.sourceId.localeCompare(b.sourceId))
        .map((o) => ({ account_id: o.accountId, source: o.sourceId, occasion: o.kind, date: o.originalDate, file: o.sourceId.startsWith('company-') ? 'company-dates.csv' : 'contacts.csv' }));
      printReport(format, rows, {
        columns: ['account_id', 'source', 'occasion', 'date', 'file'],
        footer: `${rows.length} suspect date(s); confirm a real one by re-importing its row with date_confirmed = yes, or correct the date`,
      });
    });
}
