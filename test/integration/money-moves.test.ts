import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoGiftStore } from '../../shared/adapters/dynamodb/gift-store.ts';
import { DynamoBudgetStore } from '../../shared/adapters/dynamodb/budget-store.ts';
import { keys } from '../../shared/adapters/dynamodb/keys.ts';
import { availableOf, BudgetRuleError } from '../../shared/domain/gifts/budget-line.ts';
import { mailIdOf } from '../../shared/adapters/crypto/digests.ts';
import type { GiftTask } from '../../shared/domain/gifts/gift-task.ts';
import { freshTable } from './local-env.ts';

/**
 * The store is the one place that moves money, so the property runs against it: several writers
 * at once, each reading tasks (sometimes keeping an old copy) and reserving, promoting, settling,
 * releasing and cancelling, on DynamoDB Local. Each case has its own line (a cost item of its own).
 */
const month = '2030-01';
const poolSize = 3;

type Op =
  | { readonly kind: 'reserve'; readonly task: number; readonly amount: number }
  | { readonly kind: 'await'; readonly task: number }
  | { readonly kind: 'promote'; readonly task: number; readonly amount: number; readonly stale: boolean }
  | { readonly kind: 'settle'; readonly task: number; readonly actual: number; readonly stale: boolean }
  | { readonly kind: 'release'; readonly task: number; readonly stale: boolean }
  | { readonly kind: 'allocate'; readonly amount: number }
  | { readonly kind: 'overrun'; readonly task: number; readonly extra: number; readonly stale: boolean }
  | { readonly kind: 'decide'; readonly task: number; readonly approve: boolean; readonly stale: boolean };

const task = fc.nat({ max: poolSize - 1 });
const amount = fc.integer({ min: 1, max: 400 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('reserve' as const), task, amount }),
  fc.record({ kind: fc.constant('await' as const), task }),
  fc.record({ kind: fc.constant('promote' as const), task, amount, stale: fc.boolean() }),
  fc.record({ kind: fc.constant('settle' as const), task, actual: fc.integer({ min: 0, max: 500 }), stale: fc.boolean() }),
  fc.record({ kind: fc.constant('release' as const), task, stale: fc.boolean() }),
  fc.record({ kind: fc.constant('allocate' as const), amount: fc.integer({ min: 0, max: 1_000 }) }),
  fc.record({ kind: fc.constant('overrun' as const), task, extra: fc.integer({ min: 1, max: 300 }), stale: fc.boolean() }),
  fc.record({ kind: fc.constant('decide' as const), task, approve: fc.boolean(), stale: fc.boolean() }),
);

let client: DynamoDBDocumentClient;
let tableName: string;
let store: DynamoGiftStore;
let budgets: DynamoBudgetStore;
let caseNo = 0;

beforeAll(async () => {
  ({ client, tableName } = await freshTable('vip-money'));
  store = new DynamoGiftStore(client, tableName);
  budgets = new DynamoBudgetStore(client, tableName);
});
afterAll(() => client?.destroy());

function newTask(costItem: string, i: number, reservedKopecks: number): GiftTask {
  return {
    taskId: `${costItem}-${i}~2030~c1`,
    accountId: `${costItem}-${i}`,
    sourceId: 'c1',
    managerId: 'm1',
    tier: 'gold',
    occasionKind: 'client-birthday',
    occasionDate: `${month}-20`,
    issueDate: `${month}-10`,
    personName: 'P',
    giftId: 'g',
    reservedKopecks,
    priceKopecks: reservedKopecks || 300,
    budgetMonth: month,
    costItem,
    state: reservedKopecks > 0 ? 'open' : 'awaiting-budget',
  };
}

/** One writer: its ops in order, each on a fresh read of the task or on the copy it read first. */
async function writer(costItem: string, ops: readonly Op[]): Promise<void> {
  const firstReads = new Map<number, GiftTask | undefined>();
  const read = async (i: number, stale: boolean) => {
    if (stale && firstReads.has(i)) return firstReads.get(i);
    const current = await store.getTask(newTask(costItem, i, 0).taskId);
    if (!firstReads.has(i)) firstReads.set(i, current);
    return current;
  };
  for (const o of ops) {
    switch (o.kind) {
      case 'reserve':
      case 'await':
        await store.issueTask(newTask(costItem, o.task, o.kind === 'reserve' ? o.amount : 0), '2030-01-10T00:00:00Z');
        break;
      case 'promote': {
        const current = await read(o.task, o.stale);
        if (current) await store.promoteTask(current, { ...current, state: 'open', reservedKopecks: o.amount, priceKopecks: o.amount });
        break;
      }
      case 'settle': {
        const current = await read(o.task, o.stale);
        if (current) await store.completeTask(current, o.actual, '2030-01-21T00:00:00Z');
        break;
      }
      case 'release': {
        const current = await read(o.task, o.stale);
        if (current) await store.cancelTask(current, 'test', '2030-01-21T00:00:00Z');
        break;
      }
      case 'overrun': {
        // A cost beyond everything the line has left, as the manager reports it.
        const current = await read(o.task, o.stale);
        const line = await budgets.getLine(month, costItem);
        if (current?.state !== 'open' || !line) break;
        const actual = current.reservedKopecks + availableOf(line) + o.extra;
        const mail = { mailId: mailIdOf(`overrun/${costItem}/${o.task}/${actual}`), kind: 'budget-overrun' as const, to: 'owner@example.com', subject: 's', text: 't', html: 'h' };
        await store.completeWithOverrun(current, actual, line, mail, '2030-01-21T00:00:00Z');
        break;
      }
      case 'decide': {
        const current = await read(o.task, o.stale);
        if (current) await store.decideOverrun(current, o.approve ? 'approved' : 'declined', '2030-01-22T00:00:00Z');
        break;
      }
      case 'allocate':
        await budgets.setAllocation(month, costItem, o.amount).catch((error: unknown) => {
          // below what is reserved and spent: refused, and the line stays as it was
          if (!(error instanceof BudgetRuleError)) throw error;
        });
        break;
    }
  }
}

async function expectLineHoldsItsTasks(costItem: string): Promise<void> {
  const raw = (await client.send(new GetCommand({ TableName: tableName, Key: keys.budgetLine(month, costItem), ConsistentRead: true }))).Item!;
  const [allocated, available, reserved, spent, pending, approved, declined] = [
    'allocatedKopecks',
    'availableKopecks',
    'reservedKopecks',
    'spentKopecks',
    'overrunPendingKopecks',
    'overrunApprovedKopecks',
    'overrunDeclinedKopecks',
  ].map((a) => Number(raw[a] ?? 0));
  expect(allocated! + pending! + approved! + declined!).toBe(available! + reserved! + spent!);
  for (const v of [allocated, available, reserved, spent, pending, approved, declined]) expect(v).toBeGreaterThanOrEqual(0);
  const tasks = (await Promise.all(Array.from({ length: poolSize }, (_, i) => store.getTask(newTask(costItem, i, 0).taskId)))).filter((t) => t !== undefined);
  for (const t of tasks) if (t.state !== 'open') expect(t.reservedKopecks).toBe(0);
  expect(reserved).toBe(tasks.filter((t) => t.state === 'open').reduce((s, t) => s + t.reservedKopecks, 0));
  expect(spent).toBe(tasks.filter((t) => t.state === 'done').reduce((s, t) => s + (t.actualKopecks ?? 0), 0));
  const overrun = (state: string) => tasks.filter((t) => t.overrunState === state).reduce((s, t) => s + (t.overrunKopecks ?? 0), 0);
  expect([pending, approved, declined]).toEqual([overrun('pending'), overrun('approved'), overrun('declined')]);
}

describe('money moves on DynamoDB Local (property)', () => {
  it('any interleaving of reserve, promote, settle, release, cancel, overrun and its decision from several writers keeps every line whole', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1_000 }), fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 3 }), async (allocation, writers) => {
        const costItem = `case${++caseNo}`;
        await budgets.setAllocation(month, costItem, allocation, 'owner@example.com');
        await Promise.all(writers.map((ops) => writer(costItem, ops)));
        await expectLineHoldsItsTasks(costItem);
      }),
      { numRuns: 200 },
    );
  }, 900_000);
});
