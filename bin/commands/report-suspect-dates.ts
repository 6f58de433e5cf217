import { Command, Option } from 'commander';
import { DynamoGiftStore } from '../../shared/adapters/dynamodb/gift-store.ts';
import { withTarget, type GlobalOptions } from '../cli-context.ts';
import { printCsv, printJson, printTable } from '../output.ts';

/** Birth and company dates held back from the gift run until a re-import confirms them (date_confirmed = yes). */
export function suspectDatesCommand(globals: () => GlobalOptions): Command {
  return new Command('suspect-dates')
    .description('birth and company dates that look like an exported empty date (1970-01-01, 1900-01-01): no task until confirmed')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .action(async (options: { format: 'table' | 'csv' | 'json' }) => {
      const occasions = await withTarget(globals(), (t) => new DynamoGiftStore(t.documents, t.tableName).allOccasions());
      const rows = occasions
        .filter((o) => o.suspectDate)
        .sort((a, b) => a.accountId.localeCompare(b.accountId) || a.sourceId.localeCompare(b.sourceId))
        .map((o) => ({ account_id: o.accountId, source: o.sourceId, occasion: o.kind, date: o.originalDate, file: o.sourceId.startsWith('company-') ? 'company-dates.csv' : 'contacts.csv' }));
      const format = globals().json ? 'json' : options.format;
      if (format === 'json') printJson(rows);
      else if (format === 'csv') printCsv(rows, ['account_id', 'source', 'occasion', 'date', 'file']);
      else {
        printTable(rows);
        console.log(`${rows.length} suspect date(s); confirm a real one by re-importing its row with date_confirmed = yes, or correct the date`);
      }
    });
}
