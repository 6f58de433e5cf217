import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, startEmulators, type RunningDynamoDbLocal, type RunningEmulators } from '../../infra/local/emulators.ts';

let emulators: RunningEmulators | undefined;
let more: RunningDynamoDbLocal[] = [];

/**
 * One SES emulator for the run, and one DynamoDB Local per test worker: DynamoDB Local does all
 * its work on one SQLite thread, and with a single one the whole run waited on one core.
 */
export async function setup(project: TestProject): Promise<void> {
  const workers = Math.max(1, Number(project.config.maxWorkers) || 1);
  emulators = await startEmulators();
  more = await Promise.all(Array.from({ length: workers - 1 }, () => startDynamoDbLocal()));
  await Promise.all(more.map((d) => d.ready));
  project.provide('dynamoEndpoints', [emulators.dynamoEndpoint, ...more.map((d) => d.endpoint)]);
  project.provide('sesEndpoint', emulators.sesEndpoint);
}

export async function teardown(): Promise<void> {
  await Promise.all(more.map((d) => d.stop()));
  await emulators?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoints: string[];
    sesEndpoint: string;
  }
}
