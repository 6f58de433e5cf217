import { describe, it, expect, vi, afterEach } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { amount, printReport, share, type OutputFormat } from '../../bin/format.ts';
import { dayOf, instantOf, parseDayOrInstant } from '../../bin/arguments.ts';
import { readCsv } from '../../shared/import/csv-rows.ts';
import { expectedColumns, importRowSchemas } from '../../shared/import/import-schemas.ts';

function printed(format: OutputFormat, rows: Array<Record<string, unknown>>): string {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
  printReport(format, rows);
  log.mockRestore();
  return lines.join('\n');
}
afterEach(() => vi.restoreAllMocks());

const budgetRows = [
  { month: '2027-03', cost_item: 'vip-gifts', amount: amount(15_000_050), owner_email: 'owner@x.example', reserved: amount(500_000), spent: amount(0), available: amount(14_500_050) },
  { month: '2027-04', cost_item: 'vip-gifts', amount: amount(0), owner_email: 'owner@x.example', reserved: amount(0), spent: amount(0), available: amount(0) },
];

describe('one set of report conventions', () => {
  it('an amount is roubles in a table, <name>_rub in CSV and <name>_kopecks in JSON, under the same field names', () => {
    expect(printed('table', budgetRows)).toContain('150,000.50 RUB');
    expect(printed('csv', budgetRows).split('\n')[0]).toBe('month,cost_item,amount_rub,owner_email,reserved_rub,spent_rub,available_rub');
    expect(printed('csv', budgetRows).split('\n')[1]).toBe('2027-03,vip-gifts,150000.50,owner@x.example,5000.00,0.00,145000.50');
    expect(JSON.parse(printed('json', budgetRows))[0]).toEqual({ month: '2027-03', cost_item: 'vip-gifts', amount_kopecks: 15_000_050, owner_email: 'owner@x.example', reserved_kopecks: 500_000, spent_kopecks: 0, available_kopecks: 14_500_050 });
  });

  it('a missing amount keeps its column in every row; a share is a fraction in JSON', () => {
    const rows = [{ task_id: 't1', actual: amount(100) }, { task_id: 't2', actual: '' }];
    expect(JSON.parse(printed('json', rows))).toEqual([{ task_id: 't1', actual_kopecks: 100 }, { task_id: 't2', actual_kopecks: null }]);
    expect(printed('csv', rows).split('\n')).toEqual(['task_id,actual_rub', 't1,1.00', 't2,']);
    expect(JSON.parse(printed('json', [{ response_rate: share(0.125) }]))).toEqual([{ response_rate: 0.125 }]);
    expect(printed('csv', [{ response_rate: share(0.125) }])).toBe('response_rate\n12.5 %');
  });

  it('the budget report as CSV is a budgets.csv the import takes again', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vip-report-csv-')), 'budgets.csv');
    writeFileSync(file, `${printed('csv', budgetRows)}\n`);
    const rows = [];
    for await (const record of readCsv(file, expectedColumns('budgets'))) rows.push(importRowSchemas.budgets.parse(record.values));
    expect(rows.map((r) => [r.month, r.cost_item, r.amount_rub, r.owner_email])).toEqual([
      ['2027-03', 'vip-gifts', 15_000_050, 'owner@x.example'],
      ['2027-04', 'vip-gifts', 0, 'owner@x.example'],
    ]);
  });

  it('every --from/--to takes a day or an instant with a zone, read as each command needs', () => {
    const day = parseDayOrInstant('2027-01-01');
    const instant = parseDayOrInstant('2026-12-31T19:00:00Z');
    expect(instantOf(day, 'Asia/Irkutsk')).toEqual(new Date('2026-12-31T16:00:00Z'));
    expect(dayOf(instant, 'Asia/Irkutsk')).toBe('2027-01-01');
    expect(dayOf(day, 'Asia/Irkutsk')).toBe('2027-01-01');
    expect(() => parseDayOrInstant('2027-02-30')).toThrow('expected a day YYYY-MM-DD (in the programme time zone) or an ISO instant with a zone');
    expect(() => parseDayOrInstant('2027-01-01T03:00:00')).toThrow(/ISO instant with a zone/);
  });
});
