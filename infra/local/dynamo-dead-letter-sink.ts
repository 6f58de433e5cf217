import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../shared/adapters/dynamodb/keys.ts';
import type { DeadLetterEntry, DeadLetterSink } from './dead-letter-sink.ts';

/** Keeps the local bus's dead letters in the table, so `vip report dead-letters` sees them after a restart. */
export class DynamoDeadLetterSink implements DeadLetterSink {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(entry: DeadLetterEntry): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.deadLetter(entry.failedAt, randomUUID()), entry } }));
  }

  async list(): Promise<DeadLetterEntry[]> {
    const entries: DeadLetterEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.deadLetter('', '').pk },
          ExclusiveStartKey: startKey,
        }),
      );
      entries.push(...(page.Items ?? []).map((item) => item.entry as DeadLetterEntry));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return entries;
  }
}
