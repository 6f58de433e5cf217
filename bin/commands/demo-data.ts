import { resolve } from 'node:path';
import { Command } from 'commander';
import { generateDemoData, summarizeDemoData } from '../../shared/demo/generate-demo-data.ts';
import { writeDemoData } from '../../shared/demo/write-demo-csv.ts';
import { parseDate, parsePositiveInt } from '../arguments.ts';
import { printJson } from '../output.ts';
import type { GlobalOptions } from '../cli-context.ts';

export function demoDataCommand(globals: () => GlobalOptions): Command {
  return new Command('demo-data')
    .description('write a deterministic demo data set as CSV files (the same files for the same seed and date)')
    .option('--accounts <n>', 'number of accounts', parsePositiveInt, 500)
    .option('--seed <n>', 'random seed', (v) => parsePositiveInt(v), 1)
    .option('--today <date>', 'the date the data is as of (default: today in UTC)', parseDate)
    .requiredOption('--out <dir>', 'folder to write the CSV files into')
    .action(async (options: { accounts: number; seed: number; today?: string; out: string }) => {
      const set = generateDemoData({ accounts: options.accounts, seed: options.seed, today: options.today ?? new Date().toISOString().slice(0, 10) });
      const files = await writeDemoData(set, resolve(options.out));
      const summary = summarizeDemoData(set);
      if (globals().json) return printJson({ files, summary });
      for (const file of files) console.log(`wrote ${file}`);
      console.log(JSON.stringify(summary, null, 2));
      console.log(`next: npx vip import managers ${options.out}/managers.csv (then accounts, numbers, charges, payments, contacts, company-dates, budgets)`);
    });
}
