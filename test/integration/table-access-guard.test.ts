import { describe, expect, it } from 'vitest';
import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { guardTableAccess, runningFunction, TableAccessDenied } from '../../infra/local/table-access-guard.ts';
import { topologyFor } from '../../infra/topology.ts';
import { programmeA } from '../fixtures/accounts.ts';
import { freshTable } from './local-env.ts';

const topology = topologyFor(programmeA);

describe('the local table guard (the topology\'s grants, as IAM would hold them)', () => {
  it('lets a handler make the calls its grant declares and refuses any other action, index or partition', async () => {
    const { client, tableName } = await freshTable();
    guardTableAccess(client, topology, topology.table.partitionKey);
    await client.send(new PutCommand({ TableName: tableName, Item: { pk: 'ACCOUNT#A1', sk: 'TASK#t1' } }));
    const asTaskLink = <T>(work: () => Promise<T>): Promise<T> => runningFunction.run('giftTaskLink', work);

    // Declared: GetItem on a task's partition.
    expect((await asTaskLink(() => client.send(new GetCommand({ TableName: tableName, Key: { pk: 'ACCOUNT#A1', sk: 'TASK#t1' } })))).Item).toBeDefined();
    // Not declared: a Scan (it could read every contact), a Delete, a partition it does not serve, an index.
    await expect(asTaskLink(() => client.send(new ScanCommand({ TableName: tableName })))).rejects.toThrow(TableAccessDenied);
    await expect(asTaskLink(() => client.send(new DeleteCommand({ TableName: tableName, Key: { pk: 'ACCOUNT#A1', sk: 'TASK#t1' } })))).rejects.toThrow('giftTaskLink is not granted dynamodb:DeleteItem');
    await expect(asTaskLink(() => client.send(new GetCommand({ TableName: tableName, Key: { pk: 'SUPPRESSION', sk: 'EMAIL#x' } })))).rejects.toThrow('partition key SUPPRESSION');
    await expect(
      asTaskLink(() => client.send(new TransactWriteCommand({ TransactItems: [{ Update: { TableName: tableName, Key: { pk: 'SUPPRESSION', sk: 'EMAIL#x' }, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': 1 } } }] }))),
    ).rejects.toThrow(TableAccessDenied);
    await expect(
      runningFunction.run('giftTasksDaily', () => client.send(new QueryCommand({ TableName: tableName, IndexName: 'mailDue', KeyConditionExpression: 'mailDueShard = :s', ExpressionAttributeValues: { ':s': 'MAILDUE#0' } }))),
    ).rejects.toThrow('dynamodb:Query on index mailDue');
    // A Query names its partition in the key condition.
    await expect(
      runningFunction.run('giftTasksOnStatusChange', () => client.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'REVIEWS' } }))),
    ).rejects.toThrow('partition key REVIEWS');
    expect((await runningFunction.run('giftTasksOnStatusChange', () => client.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'ACCOUNT#A1' } })))).Count).toBe(1);
    // A BatchWriteItem may delete: the scores review's is pinned to the score partitions, so it cannot remove a contact.
    const batchDelete = (pk: string) => new BatchWriteCommand({ RequestItems: { [tableName]: [{ DeleteRequest: { Key: { pk, sk: 'x' } } }] } });
    await expect(runningFunction.run('scoresReview', () => client.send(batchDelete('ACCOUNT#A1')))).rejects.toThrow('partition key ACCOUNT#A1');
    await runningFunction.run('scoresReview', () => client.send(batchDelete('SCORES#2027-Q2')));
    // Outside a handler (the CLI, imports, tests) nothing is checked.
    expect((await client.send(new ScanCommand({ TableName: tableName }))).Count).toBe(1);
  });
});
