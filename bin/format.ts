import { Option } from 'commander';
import type { GlobalOptions } from './cli-context.ts';
import { printCsv, printJson, printTable } from './output.ts';

export const outputFormats = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof outputFormats)[number];

/** The `--format` option every report command takes; the global `--json` is the same as `--format json`. */
export function formatOption(): Option {
  return new Option('--format <format>', 'output format (the global --json means --format json)').choices(outputFormats);
}

export class ConflictingFormatError extends Error {
  override readonly name = 'UsageError';
}

/** The format asked for: `--format`, or `json` for the global `--json`; both at once must agree. */
export function outputFormat(options: { readonly format?: OutputFormat }, globals: GlobalOptions): OutputFormat {
  if (globals.json && options.format !== undefined && options.format !== 'json')
    throw new ConflictingFormatError(`--json asks for JSON but --format asks for ${options.format}; give one of them (--json is --format json)`);
  return globals.json ? 'json' : (options.format ?? 'table');
}

/**
 * Prints report rows in the format: a table (with an optional footer line), CSV, or JSON. `json`
 * is what JSON prints when it differs from the rows (e.g. raw amounts instead of formatted ones).
 */
export function printReport(format: OutputFormat, rows: ReadonlyArray<Record<string, unknown>>, extra: { readonly json?: unknown; readonly footer?: string; readonly columns?: readonly string[] } = {}): void {
  if (format === 'json') return printJson(extra.json ?? rows);
  if (format === 'csv') return printCsv(rows, extra.columns);
  printTable(rows, extra.columns);
  if (extra.footer) console.log(extra.footer);
}
