import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoImportStore } from '../../shared/adapters/dynamodb/import-store.ts';
import { importDirectory, type ImportDirectoryListener } from '../../shared/import/import-directory.ts';
import type { ImportResult } from '../../shared/import/import-csv.ts';
import { generateDemoData } from '../../shared/demo/generate-demo-data.ts';
import { writeDemoData } from '../../shared/demo/write-demo-csv.ts';
import type { GiftTasksConfig } from '../../shared/schemas/programme-config.ts';

export type DemoLoad = { readonly loaded: true; readonly accounts: number; readonly results: readonly ImportResult[] } | { readonly loaded: false; readonly reason: string };

/**
 * The demo goes only into an empty table: invented accounts mixed into an operator's imported
 * ones (and demo allocations over imported budget lines) could not be told apart afterwards.
 * The marker records what was loaded; whether the table is empty decides.
 */
export async function loadDemoIfEmpty(options: {
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly dataDir: string;
  readonly accounts: number;
  readonly today: string;
  /** Months of facts a profile keeps (the programme's longest rule window). */
  readonly keptMonths: number;
  /** The programme's gift rules: they decide which imported occasions join the due index. */
  readonly gifts: GiftTasksConfig;
  /** Each file as it completes, and rows as they go: the first start takes a while, and says so. */
  readonly listener?: ImportDirectoryListener;
}): Promise<DemoLoad> {
  const marker = join(options.dataDir, 'demo-loaded.json');
  const any = await options.documents.send(new ScanCommand({ TableName: options.tableName, Limit: 1, ProjectionExpression: 'pk' }));
  if (any.Items?.length) {
    if (existsSync(marker)) return { loaded: false, reason: `the demo data was loaded on ${loadedOn(marker)}; it is not loaded twice` };
    return {
      loaded: false,
      reason: `the table already holds data the demo did not write (an import?); the demo is loaded only into an empty table (start with another --data-dir to see it)`,
    };
  }
  const csvDir = join(options.dataDir, 'demo-csv');
  await writeDemoData(generateDemoData({ accounts: options.accounts, seed: 1, today: options.today }), csvDir);
  const results = await importDirectory(csvDir, new DynamoImportStore(options.documents, options.tableName, options.keptMonths, options.gifts), options.listener);
  writeFileSync(marker, JSON.stringify({ loadedAt: new Date().toISOString(), accounts: options.accounts, results }, null, 2));
  return { loaded: true, accounts: options.accounts, results };
}

function loadedOn(marker: string): string {
  try {
    return String((JSON.parse(readFileSync(marker, 'utf8')) as { loadedAt?: unknown }).loadedAt ?? 'an earlier start').slice(0, 10);
  } catch {
    return 'an earlier start';
  }
}
