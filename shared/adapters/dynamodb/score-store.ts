import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { counterFields, emptyCounters, type ScoreCounters } from '../../domain/scores/score-counters.ts';
import type { SegmentCounters } from '../../domain/scores/quarter-scores.ts';
import { parseSegmentId, segmentId, type Segment } from '../../domain/scores/segments.ts';
import type { CountOutcome, ScoreStore, WaveFigures } from '../../ports/score-store.ts';
import { batchWrite, type WriteRequest } from './batch-write.ts';
import { keys } from './keys.ts';
import { queryPrefix } from './query-all.ts';

/**
 * Concurrent answers in the same segments conflict in a transaction; a conflict is retried, a
 * condition is not. Generous: a wave's last day brings many answers at once, and a counter given
 * up on costs an event retry or a dead letter.
 */
const conflictRetries = 20;

export class DynamoScoreStore implements ScoreStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async countAnswer(quarter: string, invitationId: string, increments: readonly { segment: Segment; counters: ScoreCounters }[]): Promise<CountOutcome> {
    if (increments.length + 1 > 100) throw new Error(`one answer touches ${increments.length} segments; a transaction holds at most 99 besides its marker`);
    const names = Object.fromEntries(counterFields.map((f) => [`#${f}`, f]));
    const add = counterFields.map((f) => `#${f} :${f}`).join(', ');
    const transaction = new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.scoreCounted(quarter, invitationId) },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...increments.map(({ segment, counters }) => ({
          Update: {
            TableName: this.tableName,
            Key: keys.scoreSegment(quarter, segmentId(segment)),
            UpdateExpression: `SET #dimension = :dimension, #value = :value ADD ${add}`,
            ExpressionAttributeNames: { ...names, '#dimension': 'dimension', '#value': 'value' },
            ExpressionAttributeValues: {
              ':dimension': segment.dimension,
              ':value': segment.value,
              ...Object.fromEntries(counterFields.map((f) => [`:${f}`, counters[f]])),
            },
          },
        })),
      ],
    });
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.send(transaction);
        return 'counted';
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const codes = (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
        if (codes[0] === 'ConditionalCheckFailed') return 'already-counted';
        if (!codes.includes('TransactionConflict') || attempt >= conflictRetries) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 10 * 2 ** attempt) * (0.5 + Math.random())));
      }
    }
  }

  async readCounters(quarter: string): Promise<SegmentCounters[]> {
    const items = await queryPrefix(this.client, this.tableName, keys.scoreSegment(quarter, '').pk, 'SEG#');
    return items.map(toSegmentCounters);
  }

  async replaceCounters(quarter: string, rows: readonly SegmentCounters[], countedInvitationIds: readonly string[]): Promise<void> {
    const existing = await queryPrefix(this.client, this.tableName, keys.scoreSegment(quarter, '').pk, 'SEG#', { consistent: true });
    const keep = new Set(rows.map((r) => keys.scoreSegment(quarter, segmentId(r.segment)).sk));
    const requests: WriteRequest[] = [
      ...rows.map((r) => ({
        PutRequest: { Item: { ...keys.scoreSegment(quarter, segmentId(r.segment)), dimension: r.segment.dimension, value: r.segment.value, ...r.counters } },
      })),
      ...existing.filter((item) => !keep.has(String(item.sk))).map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } })),
      ...countedInvitationIds.map((id) => ({ PutRequest: { Item: { ...keys.scoreCounted(quarter, id) } } })),
    ];
    await batchWrite(this.client, this.tableName, requests);
  }

  async wave(quarter: string): Promise<WaveFigures | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.surveyWave(quarter), ProjectionExpression: 'invited, closesAt' }));
    if (!result.Item) return undefined;
    return {
      invited: typeof result.Item.invited === 'number' ? result.Item.invited : 0,
      ...(typeof result.Item.closesAt === 'string' && { closesAt: result.Item.closesAt }),
    };
  }
}

function toSegmentCounters(item: Record<string, unknown>): SegmentCounters {
  const segment = parseSegmentId(String(item.sk).slice('SEG#'.length));
  const counters = Object.fromEntries(counterFields.map((f) => [f, typeof item[f] === 'number' ? item[f] : emptyCounters[f]])) as unknown as ScoreCounters;
  return { segment, counters };
}
