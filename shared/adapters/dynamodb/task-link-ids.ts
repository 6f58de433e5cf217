import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accountOfTask } from '../../domain/gifts/gift-task.ts';
import type { TaskLinkIds } from '../../ports/link-signer.ts';
import { randomRef } from '../crypto/random-ids.ts';
import { keys } from './keys.ts';

/** The pointer from a link id back to its task: `TASKLINK#<id>`. */
export function taskLinkPointer(linkId: string, taskId: string): Record<string, unknown> {
  return { ...keys.taskLinkRef(linkId), taskId };
}

/**
 * A task's link id lives on the task and in a pointer item `TASKLINK#<id>` back to it. Both are
 * written in one transaction, and only if the task has none yet, so a task that has a link id
 * always has its pointer, and two mails made at once agree on one id.
 */
export class DynamoTaskLinkIds implements TaskLinkIds {
  private readonly known = new Map<string, string>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly newRef: () => string = randomRef,
  ) {}

  async linkIdOf(taskId: string): Promise<string> {
    const cached = this.known.get(taskId);
    if (cached) return cached;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const stored = await this.stored(taskId);
      if (stored) {
        this.known.set(taskId, stored);
        return stored;
      }
      const linkId = this.newRef();
      try {
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.tableName,
                  Key: keys.giftTask(accountOfTask(taskId), taskId),
                  UpdateExpression: 'SET linkId = :id',
                  ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(linkId)',
                  ExpressionAttributeValues: { ':id': linkId },
                },
              },
              { Put: { TableName: this.tableName, Item: taskLinkPointer(linkId, taskId), ConditionExpression: 'attribute_not_exists(pk)' } },
            ],
          }),
        );
        this.known.set(taskId, linkId);
        return linkId;
      } catch (error) {
        // Another writer gave the task its id first (or the task is gone): read again.
        if (!(error instanceof TransactionCanceledException)) throw error;
      }
    }
    throw new Error(`no link id could be given to the task ${taskId} (does it exist?)`);
  }

  async taskOf(linkId: string): Promise<string | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.taskLinkRef(linkId), ConsistentRead: true }));
    return typeof result.Item?.taskId === 'string' ? result.Item.taskId : undefined;
  }

  private async stored(taskId: string): Promise<string | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.giftTask(accountOfTask(taskId), taskId), ProjectionExpression: 'linkId', ConsistentRead: true }),
    );
    return typeof result.Item?.linkId === 'string' ? result.Item.linkId : undefined;
  }
}
