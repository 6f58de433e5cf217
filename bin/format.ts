import { Option } from 'commander';
import type { GlobalOptions } from './cli-context.ts';
import { UsageError } from './usage-error.ts';
import { printCsv, printJson, printTable } from './output.ts';
import { formatRub, type Kopecks } from '../shared/domain/money.ts';

/**
 * An amount in a report row. One field, three forms: the table writes "1,234.56 RUB"; CSV a
 * column `<name>_rub` with "1234.56" (what the imports read, so a report that mirrors an import
 * can be imported again); JSON a field `<name>_kopecks` with the whole number of kopecks.
 */
export class Amount {
  constructor(readonly kopecks: Kopecks) {}
}
export const amount = (kopecks: Kopecks): Amount => new Amount(kopecks);

/** A share in a report row: "12.5 %" in a table and CSV, the fraction 0.125 in JSON. */
export class Share {
  constructor(readonly fraction: number) {}
}
export const share = (fraction: number | undefined): Share | '' => (fraction === undefined ? '' : new Share(fraction));

const roubles = (kopecks: Kopecks) => `${kopecks < 0 ? '-' : ''}${Math.floor(Math.abs(kopecks) / 100)}.${String(Math.abs(kopecks) % 100).padStart(2, '0')}`;

/** A row's fields as the format names and writes them; `amountKeys` are the fields that hold an amount in any row. */
function rowIn(format: OutputFormat, row: Record<string, unknown>, amountKeys: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (amountKeys.has(key)) {
      const kopecks = value instanceof Amount ? value.kopecks : undefined;
      if (format === 'json') out[`${key}_kopecks`] = kopecks ?? null;
      else if (format === 'csv') out[`${key}_rub`] = kopecks === undefined ? '' : roubles(kopecks);
      else out[key] = kopecks === undefined ? '' : formatRub(kopecks);
    } else if (value instanceof Share) out[key] = format === 'json' ? value.fraction : `${(value.fraction * 100).toFixed(1)} %`;
    else out[key] = value;
  }
  return out;
}

/** Column names as the format writes them (an amount column gets its unit suffix). */
function nameIn(format: OutputFormat, column: string, amountKeys: ReadonlySet<string>): string {
  if (!amountKeys.has(column)) return column;
  return format === 'json' ? `${column}_kopecks` : format === 'csv' ? `${column}_rub` : column;
}


export const outputFormats = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof outputFormats)[number];

/** The `--format` option every report command takes; the global `--json` is the same as `--format json`. */
export function formatOption(): Option {
  return new Option('--format <format>', 'output format (the global --json means --format json)').choices(outputFormats);
}

/** Misuse: exit code 2, like every other usage error. */
export class ConflictingFormatError extends UsageError {}

/** The format asked for: `--format`, or `json` for the global `--json`; both at once must agree. */
export function outputFormat(options: { readonly format?: OutputFormat }, globals: GlobalOptions): OutputFormat {
  if (globals.json && options.format !== undefined && options.format !== 'json')
    throw new ConflictingFormatError(`--json asks for JSON but --format asks for ${options.format}; give one of them (--json is --format json)`);
  return globals.json ? 'json' : (options.format ?? 'table');
}

/**
 * Prints report rows in the format: a table (with an optional footer line), CSV, or JSON, with
 * the same field names in all three (snake_case, as the CSV imports name their columns); amounts
 * and shares as `Amount` and `Share` cells take each format's form.
 */
export function printReport(format: OutputFormat, rows: ReadonlyArray<Record<string, unknown>>, extra: { readonly footer?: string; readonly columns?: readonly string[] } = {}): void {
  const amountKeys = new Set(rows.flatMap((row) => Object.entries(row).filter(([, v]) => v instanceof Amount).map(([k]) => k)));
  const written = rows.map((row) => rowIn(format, row, amountKeys));
  const columns = extra.columns?.map((c) => nameIn(format, c, amountKeys));
  if (format === 'json') return printJson(columns ? written.map((r) => Object.fromEntries(columns.map((c) => [c, r[c]]))) : written);
  if (format === 'csv') return printCsv(written, columns);
  printTable(written, columns);
  if (extra.footer) console.log(extra.footer);
}
