/** Plain fixed-width table for terminals; --json prints the rows instead. */
export function printTable(rows: ReadonlyArray<Record<string, unknown>>, columns?: readonly string[]): void {
  if (rows.length === 0) {
    console.log('(none)');
    return;
  }
  const names = columns ?? Object.keys(rows[0]!);
  const cells = rows.map((row) => names.map((name) => formatCell(row[name])));
  const widths = names.map((name, i) => Math.max(name.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: readonly string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  console.log(line(names));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of cells) console.log(line(row));
}

export function printCsv(rows: ReadonlyArray<Record<string, unknown>>, columns?: readonly string[]): void {
  const names = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  const quote = (v: string) => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  console.log(names.join(','));
  for (const row of rows) console.log(names.map((n) => quote(formatCell(row[n]))).join(','));
}

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

function formatCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
