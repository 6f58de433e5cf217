import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { AnswerSource, ScoredAnswer } from '../../ports/score-store.ts';
import { formatZodIssues } from '../../schemas/format-issues.ts';
import { keys } from './keys.ts';

const answerSchema = z.object({
  invitationId: z.string(),
  segment: z.object({ tier: z.string(), city: z.string(), managerId: z.string(), customerType: z.string() }),
  nps: z.number().int().min(0).max(10),
  csi: z.record(z.string(), z.number().int().min(1).max(10)),
  ces: z.number().int().min(1).max(7).optional(),
});

/** Only what the scores need: no comment, no consent, so a rebuild never carries what clients wrote. */
const projection = 'invitationId, #segment, nps, csi, ces';

/** The answers of a wave, a page at a time, from the wave's own answer partition. */
export class DynamoAnswerSource implements AnswerSource {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async *answersOf(quarter: string): AsyncIterable<readonly ScoredAnswer[]> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :answer)',
          ExpressionAttributeValues: { ':pk': keys.surveyAnswer(quarter, '').pk, ':answer': 'ANSWER#' },
          ExpressionAttributeNames: { '#segment': 'segment' },
          ProjectionExpression: projection,
          ExclusiveStartKey: startKey,
        }),
      );
      yield (page.Items ?? []).map((item) => {
        const parsed = answerSchema.safeParse(item);
        if (!parsed.success) throw new Error(`answer ${String(item.invitationId)} of ${quarter} is not as expected:\n${formatZodIssues(parsed.error)}`);
        return parsed.data;
      });
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
}
