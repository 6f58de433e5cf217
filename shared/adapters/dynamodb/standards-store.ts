import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StandardRecord } from '../../domain/scores/standards.ts';
import type { StandardsStore } from '../../ports/score-store.ts';
import { keys } from './keys.ts';
import { queryPrefix } from './query-all.ts';

/** Every recorded version under one partition, in the order recorded; a handful a year. */
export class DynamoStandardsStore implements StandardsStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async records(): Promise<StandardRecord[]> {
    const items = await queryPrefix(this.client, this.tableName, 'STANDARDS', 'SET#', { consistent: true });
    return items.map((item) => ({
      measure: item.measure as StandardRecord['measure'],
      ...(typeof item.tier === 'string' && { tier: item.tier }),
      target: Number(item.target),
      ...(typeof item.fromQuarter === 'string' && { fromQuarter: item.fromQuarter }),
      ...(typeof item.setAt === 'string' && { setAt: item.setAt }),
      setBy: String(item.setBy),
      reason: String(item.reason),
    }));
  }

  async add(record: StandardRecord): Promise<void> {
    if (record.setAt === undefined) throw new Error('a recorded standard needs its time (setAt)');
    // A version is never overwritten: the same instant, measure and tier twice is a bug, not an edit.
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...keys.standard(record.setAt, record.measure, record.tier), ...record }, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  }
}
