import { randomUUID } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryPrefix } from '../../shared/adapters/dynamodb/query-all.ts';
import { keys } from '../../shared/adapters/dynamodb/keys.ts';
import { expiresAfter, retention } from '../../shared/domain/data-rights/retention.ts';
import type { DeadLetterEntry, DeadLetterSink } from './dead-letter-sink.ts';

/** Keeps the local bus's dead letters in the table, so `vip report dead-letters` sees them after a restart. */
export class DynamoDeadLetterSink implements DeadLetterSink {
  /** Letters recorded through this sink since it was made: lets a caller count a run's letters without re-reading them. */
  recorded = 0;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(entry: DeadLetterEntry): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.deadLetter(entry.failedAt, randomUUID()), entry, expiresAt: expiresAfter(entry.failedAt, retention.deadLetterDays) } }));
    this.recorded++;
  }

  async list(): Promise<DeadLetterEntry[]> {
    const items = await queryPrefix(this.client, this.tableName, keys.deadLetter('', '').pk, '');
    return items.map((item) => item.entry as DeadLetterEntry);
  }
}
