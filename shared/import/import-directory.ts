import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { importCsv, type ImportProgress, type ImportResult } from './import-csv.ts';
import type { ImportKind } from './import-schemas.ts';
import type { ImportStore } from '../ports/import-store.ts';

/** The order references allow: managers before the accounts that name them, accounts before the rest. */
export const importOrder: readonly ImportKind[] = ['managers', 'accounts', 'numbers', 'charges', 'payments', 'contacts', 'company-dates', 'budgets'];

/** Imports every `<kind>.csv` found in a folder, in reference order. */
export async function importDirectory(
  dir: string,
  store: ImportStore,
  onProgress?: (kind: ImportKind, progress: ImportProgress) => void,
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const kind of importOrder) {
    const file = join(dir, `${kind}.csv`);
    if (existsSync(file)) results.push(await importCsv(kind, file, store, (p) => onProgress?.(kind, p)));
  }
  return results;
}
