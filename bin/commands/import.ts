import { resolve } from 'node:path';
import { Argument, Command } from 'commander';
import { importCsv } from '../../shared/import/import-csv.ts';
import { importDirectory, importFilesIn } from '../../shared/import/import-directory.ts';
import { importKinds, type ImportKind } from '../../shared/import/import-schemas.ts';
import { DynamoImportStore } from '../../shared/adapters/dynamodb/import-store.ts';
import { withTarget, type CommandTarget, type GlobalOptions } from '../cli-context.ts';
import { printJson } from '../output.ts';
import { describeImport, folderImportListener, importProgressReporter } from '../import-progress.ts';
import { keptMonthCount } from '../../shared/domain/account-facts.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoPersonalDataStore } from '../../shared/adapters/dynamodb/personal-data-store.ts';
import type { ForgottenGuard } from '../../shared/import/forgotten-guard.ts';
import { withLateGrants } from '../late-grants.ts';

const importStore = (target: CommandTarget) => new DynamoImportStore(target.documents, target.tableName, keptMonthCount(target.config.statusReview.rules), target.config.giftTasks);

export function importCommand(globals: () => GlobalOptions): Command {
  return new Command('import')
    .description('import a CSV export (UTF-8, "," or ";", BOM allowed); the whole file is validated before anything is written')
    .addArgument(new Argument('<kind>', 'what the file holds, or "all" for a folder of <kind>.csv files').choices([...importKinds, 'all']))
    .argument('<file>', 'the CSV file (the folder for "all")')
    .option('--allow-forgotten', 'import rows of contacts or accounts that were forgotten (npx vip data forget): they are back on purpose', false)
    .action(async (kind: ImportKind | 'all', file: string, flags: { allowForgotten: boolean }) => {
      const options = globals();
      const guard = (target: { documents: DynamoDBDocumentClient; tableName: string }): ForgottenGuard => {
        const store = new DynamoPersonalDataStore(target.documents, target.tableName);
        return { forgottenIds: (s, ids) => store.forgottenIds(s, ids), markReturned: (s, ids, at) => store.markReturned(s, ids, at), allowForgotten: flags.allowForgotten, at: new Date().toISOString() };
      };
      if (kind === 'all') {
        // A wrong path is answered at once, before any emulator starts.
        importFilesIn(resolve(file));
        // Each file is reported as it completes: a later refusal does not hide what is already in.
        const listener = folderImportListener(Boolean(options.json), (result) => !options.json && console.log(describeImport(result)));
        const results = await withTarget(options, (target) =>
          withLateGrants(target, (occasions) => importDirectory(resolve(file), importStore(target), listener, guard(target), occasions)),
        ).finally(() => listener.stop());
        if (options.json) printJson(results);
        return;
      }
      const result = await withTarget(options, async (target) => {
        const reporter = importProgressReporter(kind, Boolean(options.json));
        try {
          return await withLateGrants(target, (occasions) => importCsv(kind, resolve(file), importStore(target), (p) => reporter.update(p), guard(target), occasions));
        } finally {
          reporter.stop();
        }
      });
      if (options.json) printJson(result);
      else console.log(describeImport(result));
    });
}
