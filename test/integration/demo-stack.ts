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
import { sharedEmulators } from './local-env.ts';

/** Writes a demo data set as CSV once per test file. */
export async function demoCsv(accounts: number, seed: number, today: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vip-demo-'));
  await writeDemoData(generateDemoData({ accounts, seed, today }), dir);
  return dir;
}

/**
 * A local stack on the shared emulators, with its own table, loaded from a demo CSV folder before
 * the stack turns the table's stream on (`beforeStream`: DynamoDB Local writes several times
 * slower with one).
 */
export async function demoStack(config: ProgrammeConfig, csvDir: string, overrides: Partial<LocalStackOptions> = {}) {
  // A sender of its own, so this stack's mails can be told apart in the shared SES emulator.
  const senderAddress = `vip-${randomUUID().slice(0, 8)}@example.com`;
  const stack = await LocalStack.start({
    config,
    emulators: sharedEmulators(),
    tableName: `vip-test-${randomUUID().slice(0, 8)}`,
    senderAddress,
    leadershipAddress: `leadership-${randomUUID().slice(0, 8)}@example.com`,
    beforeStream: async ({ dynamoEndpoint, tableName }) => {
      const documents = createDocumentClient({ endpoint: dynamoEndpoint, region: localRegion, credentials: localCredentials });
      await importDirectory(csvDir, new DynamoImportStore(documents, tableName, keptMonthCount(config.statusReview.rules), config.giftTasks));
      documents.destroy();
    },
    ...overrides,
  });
  const documents = createDocumentClient({ endpoint: stack.dynamoEndpoint, region: localRegion, credentials: localCredentials });
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
