import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { importCsv, type ImportProgress, type ImportResult } from './import-csv.ts';
import type { ForgottenGuard } from './forgotten-guard.ts';
import type { ImportKind } from './import-schemas.ts';
import type { ImportStore } from '../ports/import-store.ts';
import type { OccasionsImportedNotifier } from '../ports/occasions-imported.ts';

/** The order references allow: managers before the accounts that name them, accounts before the rest. */
export const importOrder: readonly ImportKind[] = ['managers', 'accounts', 'numbers', 'charges', 'payments', 'contacts', 'company-dates', 'budgets'];

export class ImportFolderError extends Error {
  override readonly name = 'ImportFolderError';
}

/** A file of the folder was refused (or failed) after the ones before it were imported. */
export class ImportStoppedError extends Error {
  override readonly name = 'ImportStoppedError';
  constructor(
    readonly file: string,
    readonly imported: readonly ImportResult[],
    override readonly cause: unknown,
  ) {
    const already = imported.length ? `already imported: ${imported.map((r) => `${r.kind} (${r.rows} rows)`).join(', ')}` : 'nothing of the folder was imported';
    super(`the import stopped at ${file}; ${already}; the files after it were not read.\n${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export interface ImportDirectoryListener {
  onProgress?(kind: ImportKind, progress: ImportProgress): void;
  /** Called as each file completes, so a long folder import reports as it goes. */
  onFileDone?(result: ImportResult): void;
}

/** The `<kind>.csv` files of a folder in reference order; checked before anything starts. */
export function importFilesIn(dir: string): Array<{ kind: ImportKind; file: string }> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ImportFolderError(`${dir}: no such folder`);
  const files = importOrder.map((kind) => ({ kind, file: join(dir, `${kind}.csv`) })).filter(({ file }) => existsSync(file));
  if (files.length === 0) throw new ImportFolderError(`${dir}: no file to import; expected any of ${importOrder.map((k) => `${k}.csv`).join(', ')} (\`npx vip demo-data\` writes a complete set)`);
  return files;
}

/**
 * Imports every `<kind>.csv` found in a folder, in reference order. A missing folder, or one with
 * none of those files, is refused: an import that finds nothing is almost always a wrong path.
 */
export async function importDirectory(
  dir: string,
  store: ImportStore,
  listener: ImportDirectoryListener = {},
  forgotten?: ForgottenGuard,
  occasions?: OccasionsImportedNotifier,
): Promise<ImportResult[]> {
  const files = importFilesIn(dir);
  const results: ImportResult[] = [];
  for (const { kind, file } of files) {
    let result: ImportResult;
    try {
      result = await importCsv(kind, file, store, (p) => listener.onProgress?.(kind, p), forgotten, occasions);
    } catch (error) {
      throw new ImportStoppedError(file, results, error);
    }
    results.push(result);
    listener.onFileDone?.(result);
  }
  return results;
}
