import { resolve } from 'node:path';
import { loadProgrammeConfig } from '../shared/config/load-programme-config.ts';
import type { ProgrammeConfig } from '../shared/schemas/programme-config.ts';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../infra/local/local-stack.ts';
import { mailboxFileOf, repositoryRoot } from '../infra/local/local-paths.ts';
import { findRunningStack, type PublishedStack } from '../infra/local/stack-state.ts';
import { localCredentials, localRegion } from '../infra/local/local-aws.ts';

export interface GlobalOptions {
  readonly dataDir?: string;
  readonly config?: string;
  readonly json?: boolean;
}

export const defaults = {
  dataDir: resolve(repositoryRoot, '.local/data'),
  config: resolve(repositoryRoot, 'config/programme-a.json'),
  senderAddress: 'vip-programme@example.com',
  leadershipAddress: 'leadership@example.com',
};

export function resolveDataDir(options: GlobalOptions): string {
  return resolve(options.dataDir ?? process.env.VIP_DATA_DIR ?? defaults.dataDir);
}

export function resolveConfig(options: GlobalOptions): ProgrammeConfig {
  return loadProgrammeConfig(resolve(options.config ?? process.env.VIP_CONFIG ?? defaults.config));
}

/** What a command works against: the running `npm start` if there is one, else a stack of its own. */
export interface CommandTarget {
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly config: ProgrammeConfig;
  /** The running stack's HTTP base URL, or undefined when this command started its own stack. */
  readonly running?: PublishedStack;
  /** Present when this command started its own stack. */
  readonly stack?: LocalStack;
}

export async function withTarget<T>(options: GlobalOptions, work: (target: CommandTarget) => Promise<T>): Promise<T> {
  const dataDir = resolveDataDir(options);
  const config = resolveConfig(options);
  const running = await findRunningStack(dataDir);
  if (running) {
    const documents = createDocumentClient({ endpoint: running.dynamoEndpoint, region: localRegion, credentials: localCredentials });
    try {
      return await work({ documents, tableName: running.tableName, config, running });
    } finally {
      documents.destroy();
    }
  }
  // Said on stderr, so JSON and CSV on stdout stay clean.
  console.error(`no running stack in ${dataDir}: this command runs its own emulators; mails it sends are kept in ${mailboxFileOf(dataDir)} and show in the mailbox of the next \`npm start\``);
  // Loaded only here: beside a running stack a command needs none of it (emulators, handlers, bus).
  const { LocalStack } = await import('../infra/local/local-stack.ts');
  const stack = await LocalStack.start({
    config,
    dataDir,
    senderAddress: process.env.VIP_SENDER_ADDRESS ?? defaults.senderAddress,
    leadershipAddress: process.env.VIP_LEADERSHIP_ADDRESS ?? defaults.leadershipAddress,
    // The command prints its own result; handler logs would only garble it (VIP_LOG_LEVEL brings them back).
    handlerLogLevel: (process.env.VIP_LOG_LEVEL as 'INFO' | undefined) ?? 'SILENT',
  });
  const documents = createDocumentClient({ endpoint: stack.dynamoEndpoint, region: localRegion, credentials: localCredentials });
  try {
    return await work({ documents, tableName: stack.tableName, config, stack });
  } finally {
    documents.destroy();
    await stack.stop();
  }
}
