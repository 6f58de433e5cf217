import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { LocalStack, type LocalStackOptions } from '../../infra/local/local-stack.ts';
import { generateDemoData } from '../../shared/demo/generate-demo-data.ts';
import { writeDemoData } from '../../shared/demo/write-demo-csv.ts';
import { importDirectory } from '../../shared/import/import-directory.ts';
import { DynamoImportStore } from '../../shared/adapters/dynamodb/import-store.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { localCredentials, localRegion } from '../../infra/local/local-aws.ts';
import type { ProgrammeConfig } from '../../shared/schemas/programme-config.ts';
import { keptMonthCount } from '../../shared/domain/account-facts.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../shared/adapters/dynamodb/ensure-table.ts';
import { sharedEmulators } from './local-env.ts';

/** Writes a demo data set as CSV once per test file. */
export async function demoCsv(accounts: number, seed: number, today: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vip-demo-'));
  await writeDemoData(generateDemoData({ accounts, seed, today }), dir);
  return dir;
}

/**
 * A local stack on the shared emulators, with its own table, loaded from a demo CSV folder. The
 * import goes into the table before the stack enables its stream: DynamoDB Local writes several
 * times slower with one (shared/adapters/dynamodb/ensure-table.ts), and no import write is a mail
 * the stream must wake the sender for.
 */
export async function demoStack(config: ProgrammeConfig, csvDir: string, overrides: Partial<LocalStackOptions> = {}) {
  // A sender of its own, so this stack's mails can be told apart in the shared SES emulator.
  const senderAddress = `vip-${randomUUID().slice(0, 8)}@example.com`;
  const emulators = sharedEmulators();
  const tableName = overrides.tableName ?? `vip-test-${randomUUID().slice(0, 8)}`;
  const raw = new DynamoDBClient({ endpoint: emulators.dynamoEndpoint, region: localRegion, credentials: localCredentials });
  await ensureTable(raw, tableName, { stream: false });
  raw.destroy();
  const documents = createDocumentClient({ endpoint: emulators.dynamoEndpoint, region: localRegion, credentials: localCredentials });
  await importDirectory(csvDir, new DynamoImportStore(documents, tableName, keptMonthCount(config.statusReview.rules), config.giftTasks));
  const stack = await LocalStack.start({
    config,
    emulators,
    tableName,
    senderAddress,
    leadershipAddress: `leadership-${randomUUID().slice(0, 8)}@example.com`,
    ...overrides,
  });
  return { stack, documents, senderAddress, sentMails: () => sentMails(senderAddress) };
}

export interface SentMail {
  readonly messageId: string;
  readonly from: string;
  readonly destination: { readonly to: readonly string[] };
  readonly subject: string;
  readonly body: { readonly html?: string; readonly text?: string };
  readonly at: number;
}

/** The mails the SES emulator holds from one sender, read through its own HTTP API. */
export async function sentMails(from: string): Promise<SentMail[]> {
  const response = await fetch(`${inject('sesEndpoint')}/store`);
  return ((await response.json()) as { emails: SentMail[] }).emails.filter((m) => m.from === from);
}
