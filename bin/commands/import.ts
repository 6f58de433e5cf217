import { resolve } from 'node:path';
import { Argument, Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { importCsv } from '../../shared/import/import-csv.ts';
import { importDirectory } from '../../shared/import/import-directory.ts';
import { importKinds, type ImportKind } from '../../shared/import/import-schemas.ts';
import { DynamoImportStore } from '../../shared/adapters/dynamodb/import-store.ts';
import { withTarget, type GlobalOptions } from '../cli-context.ts';
import { printJson } from '../output.ts';
import { keptMonthCount } from '../../shared/domain/account-facts.ts';

export function importCommand(globals: () => GlobalOptions): Command {
  return new Command('import')
    .description('import a CSV export (UTF-8, "," or ";", BOM allowed); the whole file is validated before anything is written')
    .addArgument(new Argument('<kind>', 'what the file holds, or "all" for a folder of <kind>.csv files').choices([...importKinds, 'all']))
    .argument('<file>', 'the CSV file (the folder for "all")')
    .action(async (kind: ImportKind | 'all', file: string) => {
      const options = globals();
      if (kind === 'all') {
        const results = await withTarget(options, (target) => importDirectory(resolve(file), new DynamoImportStore(target.documents, target.tableName, keptMonthCount(target.config.statusReview.rules))));
        if (options.json) return printJson(results);
        for (const r of results) console.log(`imported ${r.rows} ${r.kind} rows from ${r.file}${r.notes.map((n) => `\n  note: ${n}`).join('')}`);
        return;
      }
      const result = await withTarget(options, async (target) => {
        const bar = process.stderr.isTTY && !options.json ? new SingleBar({ format: `${kind} {phase} [{bar}] {value}/{total} rows` }, Presets.shades_classic) : undefined;
        let started = false;
        const outcome = await importCsv(kind, resolve(file), new DynamoImportStore(target.documents, target.tableName, keptMonthCount(target.config.statusReview.rules)), (progress) => {
          if (!bar || progress.phase !== 'writing') return;
          if (!started) bar.start(progress.total ?? 0, 0, { phase: 'writing' });
          started = true;
          bar.update(progress.rows, { phase: 'writing' });
        });
        bar?.stop();
        return outcome;
      });
      if (options.json) printJson(result);
      else {
        console.log(`imported ${result.rows} ${kind} rows from ${result.file}${result.accountsRefreshed ? `; facts refreshed for ${result.accountsRefreshed} accounts` : ''}`);
        for (const note of result.notes) console.log(`  note: ${note}`);
      }
    });
}
