import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { reallocate, type BudgetLine } from '../../domain/gifts/budget-line.ts';
import type { Kopecks } from '../../domain/money.ts';
import { keys } from './keys.ts';
import { newLineItem, reallocationUpdate, toBudgetLine } from './money-moves.ts';
import { queryAll } from './query-all.ts';

/** Budget lines: reading them and setting their allocation; money moves are in money-moves.ts. */
export class DynamoBudgetStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getLine(month: string, costItem: string): Promise<BudgetLine | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.budgetLine(month, costItem), ConsistentRead: true }));
    return result.Item ? toBudgetLine(result.Item) : undefined;
  }

  /** Every line of these months, every page of each. */
  async listLines(months: readonly string[]): Promise<BudgetLine[]> {
    const lines: BudgetLine[] = [];
    for (const month of months) {
      const items = await queryAll(this.client, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.budgetLine(month, '').pk },
        ConsistentRead: true,
      });
      lines.push(...items.map(toBudgetLine));
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
          await this.client.send(new PutCommand({ TableName: this.tableName, Item: newLineItem(line), ConditionExpression: 'attribute_not_exists(pk)' }));
          return line;
        }
        const next = { ...reallocate(current, allocatedKopecks), ownerEmail: ownerEmail ?? current.ownerEmail };
        await this.client.send(new UpdateCommand({ TableName: this.tableName, ...reallocationUpdate(current, next) }));
        return next;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || attempt >= 5) throw error;
      }
    }
  }
}
