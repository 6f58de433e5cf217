import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { QuarterKey } from '../../domain/surveys/quarter.ts';
import { segmentId, allClients } from '../../domain/scores/segments.ts';
import type { ScoredQuarterIndex } from '../../ports/dashboard-source.ts';
import { batchGet } from './batch-get.ts';
import { keys } from './keys.ts';

/**
 * A quarter has scores once its "all clients" counter item exists. One BatchGet of the keys only,
 * whatever the number of answers: the overview's cost does not grow with the answers.
 */
export class DynamoScoredQuarters implements ScoredQuarterIndex {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async withScores(candidates: readonly QuarterKey[]): Promise<QuarterKey[]> {
    const all = segmentId(allClients);
    const found = await batchGet(
      this.client,
      this.tableName,
      candidates.map((q) => keys.scoreSegment(q, all)),
      { ProjectionExpression: 'pk' },
    );
    const present = new Set(found.map((item) => String(item.pk)));
    return candidates.filter((q) => present.has(keys.scoreSegment(q, all).pk));
  }
}
