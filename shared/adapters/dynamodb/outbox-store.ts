import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MailKind } from '../../ports/outbox.ts';
import type { ClaimedMail, OutboxStore } from '../../ports/outbox-store.ts';
import { mailDueShardCount, outboxKey } from './outbox-items.ts';
import { parseClaimedOutboxItem } from '../../schemas/outbox-item.ts';

/** The sparse index of pending and leased mail (infra/topology.ts `mailDue`). */
export const mailDueIndex = 'mailDue';
/** Sent and parked mail is kept this long, then DynamoDB's TTL deletes it. */
const retentionSeconds = 30 * 86_400;

/**
 * The outbox's state machine on the table: pending -> sending (a lease) -> sent | parked, every
 * step conditional on the state (and lease) it expects. Only pending and sending items carry
 * the `mailDue` index attributes, so the sender reads due mail through the index, never a scan.
 */
export class DynamoOutboxStore implements OutboxStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async dueMail(now: string, limit: number): Promise<string[]> {
    const shards = await Promise.all(
      Array.from({ length: mailDueShardCount }, async (_, shard) => {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: mailDueIndex,
            KeyConditionExpression: 'mailDueShard = :shard AND mailDueAt <= :now',
            ExpressionAttributeValues: { ':shard': `MAILDUE#${shard}`, ':now': now },
            Limit: limit,
          }),
        );
        return (page.Items ?? []).map((item) => ({ pk: String(item['pk']), dueAt: String(item['mailDueAt']) }));
      }),
    );
    return shards
      .flat()
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
      .slice(0, limit)
      .map((item) => item.pk.slice('OUTBOX#'.length));
  }

  async claim(mailId: string, claim: { at: string; leaseId: string; leaseUntil: string; recoverAt: string }): Promise<ClaimedMail | undefined> {
    try {
      const { Attributes: item } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: outboxKey(mailId),
          // Only pending and sending items have mailDueAt: sent, parked and missing ones fail here.
          ConditionExpression: 'mailDueAt <= :at',
          UpdateExpression: 'SET #state = :sending, attempts = attempts + :one, leaseId = :lease, leaseUntil = :until, mailDueAt = :recover, claimedAt = :at',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': 'sending', ':one': 1, ':lease': claim.leaseId, ':until': claim.leaseUntil, ':recover': claim.recoverAt, ':at': claim.at },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return item && toClaimed(item);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async markSent(mail: ClaimedMail, messageId: string, at: string): Promise<'sent' | 'already-sent' | 'lease-lost'> {
    const done = await this.underLease(mail, 'SET #state = :sent, messageId = :id, sentAt = :at, expiresAt = :expires REMOVE mailDueShard, mailDueAt, leaseId, leaseUntil', {
      ':sent': 'sent',
      ':id': messageId,
      ':at': at,
      ':expires': expiresAt(at),
    });
    if (done) return 'sent';
    const current = await this.client.send(new GetCommand({ TableName: this.tableName, Key: outboxKey(mail.mailId), ConsistentRead: true, ProjectionExpression: '#state', ExpressionAttributeNames: { '#state': 'state' } }));
    return current.Item?.['state'] === 'sent' ? 'already-sent' : 'lease-lost';
  }

  async release(mail: ClaimedMail, dueAt: string, error: string, at: string): Promise<void> {
    await this.underLease(mail, 'SET #state = :pending, mailDueAt = :due, lastError = :error, releasedAt = :at REMOVE leaseId, leaseUntil', {
      ':pending': 'pending',
      ':due': dueAt,
      ':error': error.slice(0, 500),
      ':at': at,
    });
  }

  async park(mail: ClaimedMail, reason: string, at: string): Promise<void> {
    await this.underLease(mail, 'SET #state = :parked, parkedReason = :reason, parkedAt = :at, expiresAt = :expires REMOVE mailDueShard, mailDueAt, leaseId, leaseUntil', {
      ':parked': 'parked',
      ':reason': reason.slice(0, 500),
      ':at': at,
      ':expires': expiresAt(at),
    });
  }

  async recordConfirmation(mailId: string, messageId: string, at: string): Promise<'confirmed' | 'already-sent' | 'unknown'> {
    // Nearly every Send event is for a mail its sender already marked: a read (half a unit for a
    // 4 KB item) settles those, and only a mail still pending or leased is written.
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: outboxKey(mailId), ProjectionExpression: '#state', ExpressionAttributeNames: { '#state': 'state' } }));
    if (!Item) return 'unknown';
    if (Item['state'] !== 'pending' && Item['state'] !== 'sending') return 'already-sent';
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: outboxKey(mailId),
          ConditionExpression: '#state IN (:pending, :sending)',
          UpdateExpression: 'SET #state = :sent, messageId = :id, sentAt = :at, confirmedAt = :at, expiresAt = :expires REMOVE mailDueShard, mailDueAt, leaseId, leaseUntil',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':pending': 'pending', ':sending': 'sending', ':sent': 'sent', ':id': messageId, ':at': at, ':expires': expiresAt(at) },
        }),
      );
      return 'confirmed';
    } catch (error) {
      // Marked sent (or parked) between the read and the write.
      if (error instanceof ConditionalCheckFailedException) return 'already-sent';
      throw error;
    }
  }

  /** An update that holds only while the item is still `sending` under this lease. */
  private async underLease(mail: ClaimedMail, update: string, values: Record<string, unknown>): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: outboxKey(mail.mailId),
          ConditionExpression: '#state = :sending AND leaseId = :lease',
          UpdateExpression: update,
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ...values, ':sending': 'sending', ':lease': mail.leaseId },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

function expiresAt(at: string): number {
  return Math.floor(Date.parse(at) / 1000) + retentionSeconds;
}

function toClaimed(item: Record<string, unknown>): ClaimedMail {
  const { lastError, headers, attachments, ...rest } = parseClaimedOutboxItem(item, `${String(item['pk'])}`);
  return {
    ...rest,
    kind: rest.kind as MailKind,
    ...(headers && { headers }),
    ...(attachments && { attachments: attachments.map(({ contentId, ...a }) => ({ ...a, ...(contentId !== undefined && { contentId }) })) }),
    ...(lastError !== undefined && { lastError }),
  };
}
