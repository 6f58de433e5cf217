import { Presets, SingleBar } from 'cli-progress';
import type { ImportProgress, ImportResult } from '../shared/import/import-csv.ts';
import type { ImportDirectoryListener } from '../shared/import/import-directory.ts';
import type { ImportKind } from '../shared/import/import-schemas.ts';

/**
 * What an operator sees while a file imports: a bar with rows per second on a terminal, and a
 * line every few seconds elsewhere (a CI log, a pipe), so a long import is never silent.
 */
const largeFileRows = 5000;

export function importProgressReporter(label: string, quiet: boolean): { update(progress: ImportProgress): void; stop(): void } {
  if (quiet) return { update: () => {}, stop: () => {} };
  const started = Date.now();
  const rate = (rows: number) => Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000));
  if (process.stderr.isTTY) {
    const bar = new SingleBar({ format: `${label} {phase} [{bar}] {value}/{total} rows, {rate} rows/s`, stream: process.stderr }, Presets.shades_classic);
    let shown = false;
    return {
      update(p) {
        if (!shown) bar.start(p.total ?? p.rows, 0, { phase: p.phase, rate: 0 });
        shown = true;
        if (p.total !== undefined) bar.setTotal(p.total);
        bar.update(p.rows, { phase: p.phase, rate: rate(p.rows) });
      },
      stop: () => shown && bar.stop(),
    };
  }
  let lastLine = started;
  return {
    update(p) {
      // Only large files get progress lines; a small file is reported when it completes.
      if ((p.total ?? p.rows) < largeFileRows || Date.now() - lastLine < 5000) return;
      lastLine = Date.now();
      console.error(`${label}: ${p.phase} ${p.rows}${p.total !== undefined ? `/${p.total}` : ''} rows, ${rate(p.rows)} rows/s`);
    },
    stop: () => {},
  };
}

export function describeImport(result: ImportResult): string {
  const refreshed = result.accountsRefreshed ? `; facts refreshed for ${result.accountsRefreshed} accounts` : '';
  return `imported ${result.rows} ${result.kind} rows from ${result.file}${refreshed}${result.notes.map((n) => `\n  note: ${n}`).join('')}`;
}

/**
 * Progress of a folder import, file by file: a reporter per file as it starts, the file's line
 * when it completes. Used by `vip import all` and by the first `npm start`'s demo load.
 */
export function folderImportListener(quiet: boolean, onFileDone: (result: ImportResult) => void): ImportDirectoryListener & { stop(): void } {
  let reporter: ReturnType<typeof importProgressReporter> | undefined;
  let reporting: ImportKind | undefined;
  return {
    onProgress(kind, progress) {
      if (reporting !== kind) {
        reporter?.stop();
        reporter = importProgressReporter(kind, quiet);
        reporting = kind;
      }
      reporter!.update(progress);
    },
    onFileDone(result) {
      reporter?.stop();
      reporter = undefined;
      reporting = undefined;
      onFileDone(result);
    },
    stop: () => reporter?.stop(),
  };
}
