import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MailLog } from '../../ports/mailer.ts';
import { keys } from './keys.ts';

/**
 * A claim per mail key, written before sending. A claim without `sentAt` older than the
 * staleness window (longer than any sending function may run) belongs to a sender that died
 * mid-send and may be taken over. Records expire after a retention period (TTL).
 */
export class DynamoMailLog implements MailLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly staleAfterMs = 6 * 60_000,
    private readonly retentionDays = 400,
  ) {}

  async claim(key: string, at: string): Promise<'claimed' | 'sent' | 'in-progress'> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.mailSent(key), claimedAt: at, expiresAt: Math.floor(Date.parse(at) / 1000) + this.retentionDays * 86_400 },
          ConditionExpression: 'attribute_not_exists(pk) OR (attribute_not_exists(sentAt) AND claimedAt < :stale)',
          ExpressionAttributeValues: { ':stale': new Date(Date.parse(at) - this.staleAfterMs).toISOString() },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.mailSent(key), ConsistentRead: true }));
      return existing.Item?.sentAt ? 'sent' : 'in-progress';
    }
  }

  async markSent(key: string, messageId: string, at: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.mailSent(key),
        UpdateExpression: 'SET sentAt = :at, messageId = :id',
        ExpressionAttributeValues: { ':at': at, ':id': messageId },
      }),
    );
  }

  async release(key: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.mailSent(key) }));
  }
}
