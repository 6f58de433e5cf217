import pMap from 'p-map';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

/** BatchWriteItem in chunks of 25, retrying UnprocessedItems with backoff until all are written. */
export async function batchWrite(client: DynamoDBDocumentClient, tableName: string, requests: readonly WriteRequest[], concurrency = 4): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let start = 0; start < requests.length; start += 25) batches.push(requests.slice(start, start + 25));
  await pMap(batches, (batch) => writeBatch(client, tableName, batch), { concurrency });
}

async function writeBatch(client: DynamoDBDocumentClient, tableName: string, batch: WriteRequest[]): Promise<void> {
  let pending = batch;
  for (let attempt = 0; pending.length; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
    if (attempt > 10) throw new Error(`BatchWriteItem: ${pending.length} items still unprocessed after ${attempt} attempts`);
    const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
    pending = (result.UnprocessedItems?.[tableName] as WriteRequest[] | undefined) ?? [];
  }
}
