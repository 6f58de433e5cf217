import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { MailOutbox, OutboxMail } from '../../ports/outbox.ts';
import { personIndexAttributes } from './keys.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Index partitions the due mail is spread over, so a 20,000-mail wave never makes one hot. */
export const mailDueShardCount = 8;

export const outboxKey = (mailId: string) => ({ pk: `OUTBOX#${mailId}`, sk: 'MAIL' });

export function mailDueShardOf(mailId: string): string {
  let hash = 0;
  for (const char of mailId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `MAILDUE#${hash % mailDueShardCount}`;
}

/** The outbox item of a new mail: pending, due at once, in the sparse `mailDue` index. */
export function outboxItem(mail: OutboxMail, at: string): Record<string, unknown> {
  return {
    ...outboxKey(mail.mailId),
    mailId: mail.mailId,
    kind: mail.kind,
    to: mail.to,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    ...(mail.headers && Object.keys(mail.headers).length > 0 ? { headers: { ...mail.headers } } : {}),
    ...(mail.about ? { about: { ...mail.about }, ...personIndexAttributes(mail.about) } : {}),
    ...(mail.attachments && mail.attachments.length > 0 ? { attachments: mail.attachments.map((a) => ({ ...a })) } : {}),
    state: 'pending',
    attempts: 0,
    createdAt: at,
    mailDueShard: mailDueShardOf(mail.mailId),
    mailDueAt: at,
  };
}

/**
 * One TransactWriteItems element that queues the mail, for a producer to add to the transaction
 * of the item that causes the mail. Conditional on the mail not being queued yet: a retried
 * producer whose transaction fails only on this condition has already queued it
 * (isOnlyAlreadyQueued tells that case apart).
 */
export function outboxPut(tableName: string, mail: OutboxMail, at: string): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: outboxItem(mail, at),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * True when a transaction was cancelled only because some of its outbox puts found their mail
 * already queued (a retried run), and by nothing else. `outboxPositions` are the indexes of the
 * outbox puts in TransactItems; pass none to accept a ConditionalCheckFailed at any position.
 */
export function isOnlyAlreadyQueued(error: unknown, outboxPositions?: readonly number[]): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  const reasons = error.CancellationReasons ?? [];
  let conditional = 0;
  for (const [position, reason] of reasons.entries()) {
    const code = reason?.Code ?? 'None';
    if (code === 'None') continue;
    if (code !== 'ConditionalCheckFailed') return false;
    if (outboxPositions && !outboxPositions.includes(position)) return false;
    conditional++;
  }
  return conditional > 0;
}

/** Queues mails that have no other item in their transaction; idempotent by mailId. */
export class DynamoMailOutbox implements MailOutbox {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async enqueue(mails: readonly OutboxMail[], at: string): Promise<{ enqueued: number; alreadyQueued: number }> {
    let enqueued = 0;
    let alreadyQueued = 0;
    const unique = [...new Map(mails.map((mail) => [mail.mailId, mail])).values()];
    alreadyQueued += mails.length - unique.length;
    // One conditional put per mail: a transaction of several would be cancelled whole by one
    // already-queued mail, and a plain conditional put costs half a transaction item.
    for (const mail of unique) {
      if (await this.putOne(mail, at)) enqueued++;
      else alreadyQueued++;
    }
    return { enqueued, alreadyQueued };
  }

  private async putOne(mail: OutboxMail, at: string): Promise<boolean> {
    try {
      const put = outboxPut(this.tableName, mail, at).Put!;
      await this.client.send(new PutCommand({ TableName: put.TableName, Item: put.Item, ConditionExpression: put.ConditionExpression }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
