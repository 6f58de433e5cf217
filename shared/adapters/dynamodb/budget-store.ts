import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { availableOf, reallocate, type BudgetLine } from '../../domain/gifts/budget-line.ts';
import type { Kopecks } from '../../domain/money.ts';
import { keys } from './keys.ts';

/**
 * Budget lines keep `availableKopecks` (allocated - reserved - spent) as an attribute of its own,
 * because a DynamoDB condition can compare an attribute with a value but cannot add attributes:
 * every reservation is then one conditional write that can never overdraw the line.
 */
export class DynamoBudgetStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getLine(month: string, costItem: string): Promise<BudgetLine | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.budgetLine(month, costItem), ConsistentRead: true }));
    return result.Item ? toBudgetLine(result.Item) : undefined;
  }

  async listLines(months: readonly string[]): Promise<BudgetLine[]> {
    const lines: BudgetLine[] = [];
    for (const month of months) {
      const page = await this.client.send(
        new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `BUDGET#${month}` }, ConsistentRead: true }),
      );
      lines.push(...(page.Items ?? []).map(toBudgetLine));
    }
    return lines;
  }

  /** Sets a line's allocation; it may not fall below what is already reserved and spent. */
  async setAllocation(month: string, costItem: string, allocatedKopecks: Kopecks, ownerEmail?: string): Promise<BudgetLine> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.getLine(month, costItem);
      try {
        if (!current) {
          if (!ownerEmail) throw new Error(`the line ${month} ${costItem} does not exist yet: give its owner's e-mail`);
          const line: BudgetLine = { month, costItem, ownerEmail, allocatedKopecks, reservedKopecks: 0, spentKopecks: 0 };
          await this.client.send(
            new PutCommand({
              TableName: this.tableName,
              Item: { ...keys.budgetLine(month, costItem), ...line, availableKopecks: allocatedKopecks },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
          return line;
        }
        const next = reallocate(current, allocatedKopecks);
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: keys.budgetLine(month, costItem),
            // Optimistic: a reservation landing between the read and this write makes it retry.
            ConditionExpression:
              'allocatedKopecks = :old AND (attribute_not_exists(reservedKopecks) OR reservedKopecks = :reserved) AND (attribute_not_exists(spentKopecks) OR spentKopecks = :spent)',
            // Reserved and spent are written back as read, so a line written before they existed gets them.
            UpdateExpression: 'SET allocatedKopecks = :new, reservedKopecks = :reserved, spentKopecks = :spent, availableKopecks = :available, ownerEmail = :owner',
            ExpressionAttributeValues: {
              ':old': current.allocatedKopecks,
              ':reserved': current.reservedKopecks,
              ':spent': current.spentKopecks,
              ':new': allocatedKopecks,
              ':available': availableOf(next),
              ':owner': ownerEmail ?? current.ownerEmail,
            },
          }),
        );
        return { ...next, ownerEmail: ownerEmail ?? current.ownerEmail };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || attempt >= 5) throw error;
      }
    }
  }
}

export function toBudgetLine(item: Record<string, unknown>): BudgetLine {
  return {
    month: String(item.month),
    costItem: String(item.costItem),
    ownerEmail: String(item.ownerEmail),
    allocatedKopecks: Number(item.allocatedKopecks ?? 0),
    reservedKopecks: Number(item.reservedKopecks ?? 0),
    spentKopecks: Number(item.spentKopecks ?? 0),
  };
}
