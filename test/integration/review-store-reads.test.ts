import { describe, it, expect } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoReviewStore } from '../../shared/adapters/dynamodb/review-store.ts';
import { keys } from '../../shared/adapters/dynamodb/keys.ts';
import { freshTable } from './local-env.ts';

describe('the digest step reads what the review wrote', () => {
  // DynamoDB Local is always consistent, so the request itself is what can be checked: every
  // page of the changes must be asked for with ConsistentRead, or a digest sent right after the
  // last segment may miss changes on AWS.
  it('reads every page of the changes strongly consistently', async () => {
    const { client, tableName } = await freshTable('vip-reads');
    const queries: Array<Record<string, unknown>> = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'QueryCommand') queries.push(args.input as Record<string, unknown>);
        return next(args);
      },
      { step: 'initialize', name: 'recordQueries' },
    );
    const decision = { accountId: 'A1', managerId: 'M1', outcome: 'grant' };
    for (const accountId of ['A1', 'A2'])
      await client.send(new PutCommand({ TableName: tableName, Item: { ...keys.reviewChange('2027', 'M1', accountId), decision: { ...decision, accountId } } }));
    const changes = await new DynamoReviewStore(client, tableName).listChanges('2027');
    expect(changes.map((c) => c.accountId)).toEqual(['A1', 'A2']);
    expect(queries.length).toBeGreaterThan(0);
    for (const query of queries) expect(query.ConsistentRead).toBe(true);
    client.destroy();
  });
});
