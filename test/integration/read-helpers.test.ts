import { describe, it, expect } from 'vitest';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGet, BatchGetIncompleteError } from '../../shared/adapters/dynamodb/batch-get.ts';
import { DynamoBudgetStore } from '../../shared/adapters/dynamodb/budget-store.ts';
import { keys } from '../../shared/adapters/dynamodb/keys.ts';
import { freshTable } from './local-env.ts';

/**
 * DynamoDB Local never throttles a BatchGetItem, so a middleware answers `throttledCalls` calls
 * with every key unprocessed (as DynamoDB does under throttling) before letting calls through.
 */
function throttleBatchGets(client: DynamoDBDocumentClient, throttledCalls: number): { calls: () => number } {
  let calls = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!String(context.commandName).startsWith('BatchGet')) return next(args);
      calls++;
      if (calls > throttledCalls) return next(args);
      const input = args.input as { RequestItems: Record<string, unknown> };
      return { output: { $metadata: {}, Responses: {}, UnprocessedKeys: input.RequestItems }, response: {} } as never;
    },
    { step: 'initialize', name: 'throttleBatchGets' },
  );
  return { calls: () => calls };
}

describe('batchGet', () => {
  it('retries unprocessed keys with backoff and returns every item', async () => {
    const { client, tableName } = await freshTable('vip-read');
    for (const id of ['M1', 'M2']) await client.send(new PutCommand({ TableName: tableName, Item: { ...keys.manager(id), managerId: id } }));
    const throttle = throttleBatchGets(client, 2);
    const items = await batchGet(client, tableName, [keys.manager('M1'), keys.manager('M2'), keys.manager('M3')], undefined, { maxAttempts: 4, baseDelayMs: 1 });
    expect(items.map((i) => i.managerId).sort()).toEqual(['M1', 'M2']);
    expect(throttle.calls()).toBe(3);
    client.destroy();
  });

  it('gives up after a bounded number of attempts with an error saying what is left', async () => {
    const { client, tableName } = await freshTable('vip-read');
    const throttle = throttleBatchGets(client, Number.POSITIVE_INFINITY);
    const read = batchGet(client, tableName, [keys.manager('M1'), keys.manager('M2')], undefined, { maxAttempts: 3, baseDelayMs: 1 });
    await expect(read).rejects.toBeInstanceOf(BatchGetIncompleteError);
    await expect(read).rejects.toThrow(`2 of 2 keys of ${tableName} were still unprocessed after 3 attempts (the table is throttling reads)`);
    expect(throttle.calls()).toBe(3);
    client.destroy();
  });
});

describe('the budget line listing', () => {
  it('reads every page of a month', async () => {
    const { client, tableName } = await freshTable('vip-read');
    const budgets = new DynamoBudgetStore(client, tableName);
    for (const item of ['a-gifts', 'b-gifts', 'c-gifts']) await budgets.setAllocation('2027-09', item, 1_000, 'owner@example.com');
    // Pages of one item, as a month with many lines would be paged by size on AWS.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'QueryCommand') (args.input as { Limit?: number }).Limit = 1;
        return next(args);
      },
      { step: 'initialize', name: 'smallPages' },
    );
    expect((await budgets.listLines(['2027-09'])).map((l) => l.costItem)).toEqual(['a-gifts', 'b-gifts', 'c-gifts']);
    client.destroy();
  });
});
