import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';

export interface CsvRecord {
  /** 1-based line of the file where the record starts, header being line 1. */
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
}

/**
 * Russian Excel saves CSV with `;` and often a BOM; billing exports use `,`. The header line
 * decides: whichever separator it holds more of.
 */
export async function detectDelimiter(file: string): Promise<',' | ';'> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    // A cut multi-byte character at the end of the buffer is not an encoding error; anything before it is.
    if (text.slice(0, -4).includes('\uFFFD'))
      throw new CsvFormatError(`${file}: not UTF-8 text (a Windows-1251 export?); save it as "CSV UTF-8" and import again`);
    const header = text.split(/\r?\n/)[0] ?? '';
    return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  } finally {
    await handle.close();
  }
}

/** Streams the records of a CSV file with their line numbers; memory stays flat for any size. */
export async function* readCsv(file: string, expectedColumns: readonly string[]): AsyncGenerator<CsvRecord> {
  const delimiter = await detectDelimiter(file);
  const parser = createReadStream(file).pipe(
    parse({ bom: true, delimiter, columns: false, info: true, relax_column_count: true, skip_empty_lines: true, trim: false }),
  );
  let header: string[] | undefined;
  for await (const entry of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const cells = entry.record;
    if (!header) {
      header = cells.map((c) => c.trim().toLowerCase());
      const missing = expectedColumns.filter((c) => !header!.includes(c));
      if (missing.length)
        throw new CsvFormatError(
          `${file}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}; expected the header ${expectedColumns.join(',')}`,
        );
      continue;
    }
    if (cells.length !== header.length)
      throw new CsvFormatError(`${file}:${entry.info.lines}: ${cells.length} values, expected ${header.length} (one per column of the header)`);
    const values: Record<string, string> = {};
    header.forEach((name, i) => (values[name] = cells[i] ?? ''));
    yield { line: entry.info.lines, values };
  }
  if (!header) throw new CsvFormatError(`${file}: empty file; expected the header ${expectedColumns.join(',')}`);
}
