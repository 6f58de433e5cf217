import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import { localDateOf } from '../../domain/local-date.ts';
import type { CaseOutcome } from '../../domain/scores/closed-loop-figures.ts';
import type { ClosedLoopSource } from '../../ports/standards-review.ts';
import { queryAll } from './query-all.ts';

/**
 * Cases of a quarter through the cases-by-manager index (sort key `CASE#<quarter>#...`): one
 * query per manager who had answers in the quarter, reading only the fields the figures need.
 */
export class DynamoClosedLoopSource implements ClosedLoopSource {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly timeZone: string,
  ) {}

  async casesOf(quarter: string, managerIds: readonly string[]): Promise<CaseOutcome[]> {
    const pages = await pMap(
      managerIds,
      (managerId) =>
        queryAll(this.client, {
          TableName: this.tableName,
          IndexName: 'casesByManager',
          KeyConditionExpression: 'caseManagerKey = :m AND begins_with(caseKey, :q)',
          ExpressionAttributeValues: { ':m': `MANAGER#${managerId}`, ':q': `CASE#${quarter}#` },
          ExpressionAttributeNames: { '#state': 'state', '#dates': 'dates' },
          ProjectionExpression: '#state, contactedAt, #dates.dueOn',
        }),
      { concurrency: 4 },
    );
    return pages.flat().map((item) => {
      const dates = item.dates as { dueOn?: string } | undefined;
      return {
        state: item.state as CaseOutcome['state'],
        dueOn: dates?.dueOn ?? '9999-12-31',
        ...(typeof item.contactedAt === 'string' && { contactedOn: localDateOf(new Date(item.contactedAt), this.timeZone) }),
      };
    });
  }
}
