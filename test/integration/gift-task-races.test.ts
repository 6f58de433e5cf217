import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoGiftStore } from '../../shared/adapters/dynamodb/gift-store.ts';
import { DynamoBudgetStore } from '../../shared/adapters/dynamodb/budget-store.ts';
import { keys } from '../../shared/adapters/dynamodb/keys.ts';
import type { GiftTask } from '../../shared/domain/gifts/gift-task.ts';
import { StoredItemError } from '../../shared/schemas/gift-task-item.ts';
import { freshTable } from './local-env.ts';
import { DynamoTaskLinkIds } from '../../shared/adapters/dynamodb/task-link-ids.ts';

let client: DynamoDBDocumentClient;
let tableName: string;
let store: DynamoGiftStore;
let budgets: DynamoBudgetStore;

beforeAll(async () => {
  ({ client, tableName } = await freshTable('vip-races'));
  store = new DynamoGiftStore(client, tableName);
  budgets = new DynamoBudgetStore(client, tableName);
});
afterAll(() => client?.destroy());

const awaitingTask = (month: string, n: number): GiftTask => ({
  taskId: `acc-${month}-${n}~2027~contact-1`,
  accountId: `acc-${month}-${n}`,
  sourceId: 'contact-1',
  managerId: 'm-1',
  tier: 'gold',
  occasionKind: 'contact-birthday',
  occasionDate: `${month}-15`,
  issueDate: `${month}-01`,
  personName: 'Someone',
  giftId: 'flowers',
  reservedKopecks: 0,
  priceKopecks: 300_000,
  budgetMonth: month,
  costItem: 'vip-gifts',
  state: 'awaiting-budget',
});

async function rawLine(month: string) {
  const item = (await client.send(new GetCommand({ TableName: tableName, Key: keys.budgetLine(month, 'vip-gifts'), ConsistentRead: true }))).Item!;
  return { allocated: Number(item.allocatedKopecks), reserved: Number(item.reservedKopecks), spent: Number(item.spentKopecks), available: Number(item.availableKopecks) };
}

/** A manager opens a link on an awaiting task; before the form is sent, the daily run promotes it. */
async function readThenPromote(month: string, n: number): Promise<GiftTask> {
  await budgets.setAllocation(month, 'vip-gifts', 1_000_000, 'owner@example.com');
  const task = awaitingTask(month, n);
  expect(await store.issueTask(task, '2027-01-01T00:00:00Z')).toBe('issued');
  const readByManager = (await store.getTask(task.taskId))!;
  expect(await store.promoteTask(readByManager, { ...readByManager, state: 'open', reservedKopecks: 300_000 })).toBe('promoted');
  expect(await rawLine(month)).toMatchObject({ reserved: 300_000, available: 700_000 });
  return readByManager;
}

describe('a task closed from a copy read before a promotion', () => {
  it('a cancellation releases the reservation the promotion made, leaving no orphan on the line', async () => {
    const stale = await readThenPromote('2027-04', 1);
    expect(await store.cancelTask(stale, 'cancelled by the manager', '2027-04-02T00:00:00Z')).toBe(true);
    expect(await store.getTask(stale.taskId)).toMatchObject({ state: 'cancelled', reservedKopecks: 0 });
    expect(await rawLine('2027-04')).toEqual({ allocated: 1_000_000, reserved: 0, spent: 0, available: 1_000_000 });
  });

  it('a completion settles the reservation the promotion made', async () => {
    const stale = await readThenPromote('2027-05', 1);
    expect(await store.completeTask(stale, 250_000, '2027-05-02T00:00:00Z')).toBe('done');
    expect(await store.getTask(stale.taskId)).toMatchObject({ state: 'done', actualKopecks: 250_000, reservedKopecks: 0 });
    expect(await rawLine('2027-05')).toEqual({ allocated: 1_000_000, reserved: 0, spent: 250_000, available: 750_000 });
  });

  it('a second close from an old copy changes nothing', async () => {
    const stale = await readThenPromote('2027-06', 1);
    expect(await store.completeTask(stale, 300_000, '2027-06-02T00:00:00Z')).toBe('done');
    expect(await store.cancelTask(stale, 'cancelled by the manager', '2027-06-03T00:00:00Z')).toBe(false);
    expect(await store.completeTask(stale, 100_000, '2027-06-03T00:00:00Z')).toBe('not-open');
    expect(await store.getTask(stale.taskId)).toMatchObject({ state: 'done', actualKopecks: 300_000 });
    expect(await rawLine('2027-06')).toEqual({ allocated: 1_000_000, reserved: 0, spent: 300_000, available: 700_000 });
  });

  it('a promotion from a copy read before a cancellation reserves nothing', async () => {
    await budgets.setAllocation('2027-07', 'vip-gifts', 1_000_000, 'owner@example.com');
    const task = awaitingTask('2027-07', 1);
    await store.issueTask(task, '2027-01-01T00:00:00Z');
    const readByRun = (await store.getTask(task.taskId))!;
    expect(await store.cancelTask(readByRun, 'account lost VIP status (revoke)', '2027-07-01T00:00:00Z')).toBe(true);
    expect(await store.promoteTask(readByRun, { ...readByRun, state: 'open', reservedKopecks: 300_000 })).toBe('not-awaiting');
    expect(await rawLine('2027-07')).toEqual({ allocated: 1_000_000, reserved: 0, spent: 0, available: 1_000_000 });
  });
});

describe('a stored task', () => {
  it('that is damaged fails with its key and field named, instead of travelling on as a task', async () => {
    const task = awaitingTask('2027-08', 1);
    await store.issueTask(task, '2027-01-01T00:00:00Z');
    const key = keys.giftTask(task.accountId, task.taskId);
    await client.send(new UpdateCommand({ TableName: tableName, Key: key, UpdateExpression: 'SET reservedKopecks = :bad', ExpressionAttributeValues: { ':bad': 'lots' } }));
    const read = store.getTask(task.taskId);
    await expect(read).rejects.toBeInstanceOf(StoredItemError);
    await expect(read).rejects.toThrow(`the stored gift task ${key.pk} ${key.sk} is not valid:\n  reservedKopecks: `);
  });

  it('a task issued with its link id gets the pointer back to it in the same write, so its links need no read', async () => {
    const task = { ...awaitingTask('2027-09', 1), linkId: 'bench-opaque-link-id-0001' };
    expect(await store.issueTask(task, '2027-01-01T00:00:00Z')).toBe('issued');
    const ids = new DynamoTaskLinkIds(client, tableName, () => 'a-second-id-never-used');
    expect(await ids.taskOf(task.linkId)).toBe(task.taskId);
    // The stored task carries the same id: a link made later from a fresh read names the same task.
    expect(await ids.linkIdOf(task.taskId)).toBe(task.linkId);
  });
});
