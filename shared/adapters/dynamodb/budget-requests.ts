import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addMonths } from '../../domain/calendar-date.ts';
import type { BudgetRequest } from '../../domain/gifts/budget-request.ts';
import type { BudgetRequests } from '../../ports/budget-requests.ts';
import type { OutboxMail } from '../../ports/outbox.ts';
import { keys } from './keys.ts';
import { raiseUpdate } from './money-moves.ts';
import { DynamoMailOutbox, isOnlyAlreadyQueued, outboxPut } from './outbox-items.ts';
import { parseBudgetRequestItem } from '../../schemas/budget-request-item.ts';

/** How far back a month without a line looks for an owner to tell. */
const ownerLookBackMonths = 12;

/** `BUDGETREQUEST#<ref>` / `REQUEST`: a day's request to a line's owner, and its decision. */
export class DynamoBudgetRequests implements BudgetRequests {
  private readonly outbox: DynamoMailOutbox;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.outbox = new DynamoMailOutbox(client, tableName);
  }

  async open(request: BudgetRequest, mail: OutboxMail, at: string): Promise<boolean> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: { ...keys.budgetRequest(request.ref), ...request, createdAt: at }, ConditionExpression: 'attribute_not_exists(pk)' } },
            outboxPut(this.tableName, mail, at),
          ],
        }),
      );
      return true;
    } catch (error) {
      // Request and mail are written together, so a retry finds both: nothing else refused.
      if (isOnlyAlreadyQueued(error, [0, 1])) return false;
      throw error;
    }
  }

  async get(ref: string): Promise<BudgetRequest | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.budgetRequest(ref), ConsistentRead: true }));
    return result.Item ? parseBudgetRequestItem(result.Item) : undefined;
  }

  async raise(request: BudgetRequest, at: string): Promise<'raised' | 'decided' | 'no-line'> {
    const line = raiseUpdate(request.month, request.costItem, request.missingKopecks);
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: { TableName: this.tableName, ...this.decision(request.ref, 'raised', at) } },
            { Update: { TableName: this.tableName, ...line } },
          ],
        }),
      );
      return 'raised';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [requestReason] = error.CancellationReasons ?? [];
      return requestReason?.Code === 'ConditionalCheckFailed' ? 'decided' : 'no-line';
    }
  }

  async decline(request: BudgetRequest, at: string): Promise<'declined' | 'was-declined' | 'was-raised'> {
    try {
      await this.client.send(new UpdateCommand({ TableName: this.tableName, ...this.decision(request.ref, 'declined', at) }));
      return 'declined';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return (await this.get(request.ref))?.state === 'raised' ? 'was-raised' : 'was-declined';
    }
  }

  async ownerBefore(month: string, costItem: string): Promise<string | undefined> {
    for (let back = 1; back <= ownerLookBackMonths; back++) {
      const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.budgetLine(addMonths(month, -back), costItem), ProjectionExpression: 'ownerEmail' }));
      if (typeof result.Item?.ownerEmail === 'string') return result.Item.ownerEmail;
    }
    return undefined;
  }

  async notify(mail: OutboxMail, at: string): Promise<boolean> {
    return (await this.outbox.enqueue([mail], at)).enqueued === 1;
  }

  private decision(ref: string, state: 'raised' | 'declined', at: string) {
    return {
      Key: keys.budgetRequest(ref),
      UpdateExpression: 'SET #state = :state, decidedAt = :at',
      ConditionExpression: '#state = :pending',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':state': state, ':at': at, ':pending': 'pending' },
    };
  }
}
