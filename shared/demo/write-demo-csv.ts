/**
 * Writes a demo data set as the CSV files the importer reads: `<kind>.csv`, UTF-8 without BOM,
 * comma separated, a header row, RFC 4180 quoting only where a value needs it, LF line ends.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Kopecks } from '../domain/money.ts';
import { demoKinds, type DemoDataSet, type DemoKind } from './generate-demo-data.ts';

export interface CsvTable {
  readonly header: readonly string[];
  /** Re-iterable: charges and payments are regenerated on each pass rather than held. */
  readonly records: Iterable<readonly string[]>;
}

export function formatRubCell(kopecks: Kopecks): string {
  const sign = kopecks < 0 ? '-' : '';
  const abs = Math.abs(kopecks);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function mapped<T>(rows: Iterable<T>, toCells: (row: T) => readonly string[]): Iterable<readonly string[]> {
  return {
    *[Symbol.iterator]() {
      for (const row of rows) yield toCells(row);
    },
  };
}

/** The columns of each file, in the order the importer's header expects. */
export function demoCsvTables(set: DemoDataSet): Record<DemoKind, CsvTable> {
  return {
    managers: {
      header: ['manager_id', 'full_name', 'email', 'language', 'region'],
      records: mapped(set.managers, (r) => [r.managerId, r.fullName, r.email, r.language, r.region]),
    },
    accounts: {
      header: ['account_id', 'customer_type', 'name', 'city', 'manager_id', 'opened_on', 'tariff'],
      records: mapped(set.accounts, (r) => [r.accountId, r.customerType, r.name, r.city, r.managerId, r.openedOn, r.tariff]),
    },
    numbers: {
      header: ['number', 'account_id', 'registered_on'],
      records: mapped(set.numbers, (r) => [r.number, r.accountId, r.registeredOn]),
    },
    charges: {
      header: ['account_id', 'month', 'number', 'amount_rub'],
      records: mapped(set.charges, (r) => [r.accountId, r.month, r.number ?? '', formatRubCell(r.amountKopecks)]),
    },
    payments: {
      header: ['account_id', 'month', 'due_rub', 'paid_rub', 'paid_on'],
      records: mapped(set.payments, (r) => [r.accountId, r.month, formatRubCell(r.dueKopecks), formatRubCell(r.paidKopecks), r.paidOn ?? '']),
    },
    contacts: {
      header: ['contact_id', 'account_id', 'role', 'full_name', 'email', 'birth_date', 'language', 'consent_email'],
      records: mapped(set.contacts, (r) => [
        r.contactId,
        r.accountId,
        r.role,
        r.fullName,
        r.email,
        r.birthDate ?? '',
        r.language,
        r.consentEmail ? 'yes' : 'no',
      ]),
    },
    'company-dates': {
      header: ['account_id', 'kind', 'date', 'description'],
      records: mapped(set.companyDates, (r) => [r.accountId, r.kind, r.date, r.description]),
    },
    budgets: {
      header: ['month', 'cost_item', 'amount_rub', 'owner_email'],
      records: mapped(set.budgets, (r) => [r.month, r.costItem, formatRubCell(r.amountKopecks), r.ownerEmail]),
    },
  };
}

/**
 * Small enough that the gathered lines die young (a megabyte of them survived into the old
 * generation and doubled the run time in garbage collection), large enough to keep writes few.
 */
const CHUNK_CHARS = 1 << 16;

function csvLine(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += i === 0 ? csvCell(cells[i] ?? '') : `,${csvCell(cells[i] ?? '')}`;
  return line;
}

async function writeTable(path: string, table: CsvTable): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  try {
    // Lines gathered in an array and joined once per chunk: cheaper than growing one string.
    let lines = [csvLine(table.header)];
    let size = 0;
    for (const record of table.records) {
      const line = csvLine(record);
      lines.push(line);
      size += line.length + 1;
      if (size >= CHUNK_CHARS) {
        lines.push('');
        // Honour back-pressure, or a fast generator queues the whole file in memory.
        if (!out.write(lines.join('\n'))) await once(out, 'drain');
        lines = [];
        size = 0;
      }
    }
    lines.push('');
    out.end(lines.length > 1 ? lines.join('\n') : '');
    await finished(out);
  } catch (error) {
    out.destroy();
    throw error;
  }
}

/** Writes one CSV per kind into `outDir` (created if missing) and returns the paths, in `demoKinds` order. */
export async function writeDemoData(set: DemoDataSet, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const tables = demoCsvTables(set);
  const paths: string[] = [];
  for (const kind of demoKinds) {
    const path = join(outDir, `${kind}.csv`);
    await writeTable(path, tables[kind]);
    paths.push(path);
  }
  return paths;
}
