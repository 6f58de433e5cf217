import { resolve } from 'node:path';
import { Command } from 'commander';
import { generateDemoData, summarizeDemoData } from '../../shared/demo/generate-demo-data.ts';
import { writeDemoData } from '../../shared/demo/write-demo-csv.ts';
import { parseDate, parsePositiveInt } from '../arguments.ts';
import { printJson } from '../output.ts';
import { UsageError } from '../usage-error.ts';
import type { GlobalOptions } from '../cli-context.ts';

export function demoDataCommand(globals: () => GlobalOptions): Command {
  return new Command('demo-data')
    .description('write a deterministic demo data set as CSV export files into a folder (the same files for the same seed and date), ready for `vip import all <folder>`')
    .argument('[folder]', 'folder to write the CSV files into')
    .option('--accounts <n>', 'number of accounts', parsePositiveInt, 500)
    .option('--seed <n>', 'random seed', (v) => parsePositiveInt(v), 1)
    .option('--today <date>', 'the date the data is as of (default: today in UTC)', parseDate)
    .option('--out <dir>', 'the folder, as an option (the same as the argument)')
    .action(async (folder: string | undefined, options: { accounts: number; seed: number; today?: string; out?: string }) => {
      if (folder && options.out && resolve(folder) !== resolve(options.out)) throw new UsageError(`give the folder once: ${folder} or --out ${options.out}`);
      const out = folder ?? options.out;
      if (!out) throw new UsageError('say where to write the files: npx vip demo-data <folder>');
      const set = generateDemoData({ accounts: options.accounts, seed: options.seed, today: options.today ?? new Date().toISOString().slice(0, 10) });
      const files = await writeDemoData(set, resolve(out));
      const summary = summarizeDemoData(set);
      if (globals().json) return printJson({ files, summary });
      for (const file of files) console.log(`wrote ${file}`);
      console.log(JSON.stringify(summary, null, 2));
      console.log(`next: npx vip import all ${out}   (or one file: npx vip import accounts ${out}/accounts.csv)`);
    });
}
