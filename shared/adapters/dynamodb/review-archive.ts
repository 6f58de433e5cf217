import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StandardsReview } from '../../domain/scores/standards-review.ts';
import type { OutboxMail } from '../../ports/outbox.ts';
import type { ReviewArchive } from '../../ports/standards-review.ts';
import { keys } from './keys.ts';
import { isOnlyAlreadyQueued, outboxPut } from './outbox-items.ts';

/** The review is kept as one JSON attribute: read whole, never queried inside. */
export class DynamoReviewArchive implements ReviewArchive {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async saved(quarter: string): Promise<StandardsReview | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.standardsReview(quarter), ConsistentRead: true }));
    return typeof result.Item?.review === 'string' ? (JSON.parse(result.Item.review) as StandardsReview) : undefined;
  }

  async save(review: StandardsReview, mail: OutboxMail, at: string): Promise<'saved' | 'already-saved'> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.standardsReview(review.quarter), review: JSON.stringify(review), mailId: mail.mailId, savedAt: at },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            outboxPut(this.tableName, mail, at),
          ],
        }),
      );
      return 'saved';
    } catch (error) {
      // Either guard holding means an earlier run saved the review and queued its mail together.
      if (isOnlyAlreadyQueued(error)) return 'already-saved';
      throw error;
    }
  }
}
