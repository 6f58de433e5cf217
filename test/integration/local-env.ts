import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { ensureTable } from '../../shared/adapters/dynamodb/ensure-table.ts';
import { localCredentials, localRegion } from '../../infra/local/local-aws.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * A fresh table on the shared DynamoDB Local, so test files never see each other's data. Without
 * the stream unless asked: only the local stack's outbox trigger reads it, and DynamoDB Local
 * writes several times slower with one (shared/adapters/dynamodb/ensure-table.ts).
 */
export async function freshTable(prefix = 'vip-test', options: { stream?: boolean } = {}) {
  const endpoint = dynamoEndpoint();
  const tableName = `${prefix}-${randomUUID().slice(0, 8)}`;
  const raw = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
  await ensureTable(raw, tableName, { stream: options.stream ?? false });
  raw.destroy();
  const client = createDocumentClient({ endpoint, region: localRegion, credentials: localCredentials });
  return { client, tableName, endpoint };
}

export function sesEndpoint(): string {
  return inject('sesEndpoint');
}

/** This worker's DynamoDB Local: the run starts one per test worker (emulators.global-setup.ts). */
export function dynamoEndpoint(): string {
  const endpoints = inject('dynamoEndpoints');
  const worker = Number(process.env.VITEST_POOL_ID ?? '1');
  return endpoints[(worker - 1) % endpoints.length]!;
}

/** The emulators a test's local stack runs on: this worker's DynamoDB Local and the run's SES emulator. */
export function sharedEmulators() {
  return { dynamoEndpoint: dynamoEndpoint(), sesEndpoint: sesEndpoint() };
}
