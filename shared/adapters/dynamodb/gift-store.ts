import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import type { GiftStore, IssueOutcome, OccasionAccount } from '../../ports/gift-store.ts';
import { accountOfTask, occasionKindOfRole, type GiftTask, type Occasion } from '../../domain/gifts/gift-task.ts';
import type { BudgetLine } from '../../domain/gifts/budget-line.ts';
import type { MonthDay } from '../../domain/gifts/occasion-dates.ts';
import type { Kopecks } from '../../domain/money.ts';
import type { AccountStatus } from '../../domain/account.ts';
import { accountStatusSchema } from '../../schemas/account-item.ts';
import { keys } from './keys.ts';
import { queryAll, queryPrefix, scanAll } from './query-all.ts';
import { batchGet } from './batch-get.ts';
import { DynamoBudgetStore } from './budget-store.ts';

const openStates = ['open', 'awaiting-budget'];

export class DynamoGiftStore implements GiftStore {
  private readonly budgets: DynamoBudgetStore;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.budgets = new DynamoBudgetStore(client, tableName);
  }

  async occasionsOn(monthDays: readonly MonthDay[]): Promise<Occasion[]> {
    const pages = await pMap(
      monthDays,
      (day) =>
        queryAll(this.client, {
          TableName: this.tableName,
          IndexName: 'byOccasionDay',
          KeyConditionExpression: 'occasionDay = :d',
          ExpressionAttributeValues: { ':d': day },
        }),
      { concurrency: 4 },
    );
    return pages.flat().flatMap((item) => toOccasion(item));
  }

  /** Every occasion, read from the month-day index: for yearly planning, never for the daily run. */
  async allOccasions(): Promise<Occasion[]> {
    return (await scanAll(this.client, { TableName: this.tableName, IndexName: 'byOccasionDay' })).flatMap(toOccasion);
  }

  /** Tasks of one manager, or of everybody, through the task index. */
  async listTasks(managerId?: string): Promise<GiftTask[]> {
    if (managerId)
      return (
        await queryAll(this.client, {
          TableName: this.tableName,
          IndexName: 'tasksByManager',
          KeyConditionExpression: 'taskManagerKey = :m',
          ExpressionAttributeValues: { ':m': `MANAGER#${managerId}` },
        })
      ).map(toTask);
    return (await scanAll(this.client, { TableName: this.tableName, IndexName: 'tasksByManager' })).map(toTask);
  }

  /**
   * The status items first (small, and most occasions' accounts are not VIP), then the profiles
   * (manager, name) of the VIP accounts only. An account never decided has no status item: not VIP.
   */
  async accounts(accountIds: readonly string[]): Promise<Map<string, OccasionAccount>> {
    const ids = [...new Set(accountIds)];
    const statusItems = await batchGet(this.client, this.tableName, ids.map((id) => keys.accountStatus(id)), {
      ProjectionExpression: 'pk, #s',
      ExpressionAttributeNames: { '#s': 'status' },
    });
    const statuses = new Map<string, AccountStatus>();
    for (const item of statusItems) {
      const status = accountStatusSchema.safeParse(item.status ?? { vip: false });
      statuses.set(String(item.pk).slice('ACCOUNT#'.length), status.success ? status.data : { vip: false });
    }
    const vipIds = ids.filter((id) => statuses.get(id)?.vip);
    const profiles = await batchGet(this.client, this.tableName, vipIds.map((id) => keys.account(id)), {
      ProjectionExpression: 'accountId, #n, managerId',
      ExpressionAttributeNames: { '#n': 'name' },
    });
    const found = new Map(profiles.map((item) => [String(item.accountId), item]));
    return new Map(
      ids.flatMap((id): Array<[string, OccasionAccount]> => {
        const status = statuses.get(id) ?? { vip: false };
        const profile = found.get(id);
        if (status.vip && !profile) return [];
        // A non-VIP account needs no manager or name: every occasion of it is skipped.
        return [[id, { accountId: id, ...(profile?.name !== undefined && { name: String(profile.name) }), managerId: String(profile?.managerId ?? ''), status }]];
      }),
    );
  }

  budgetLine(month: string, costItem: string): Promise<BudgetLine | undefined> {
    return this.budgets.getLine(month, costItem);
  }

  async issueTask(task: GiftTask, createdAt: string): Promise<IssueOutcome> {
    const outcome = await this.writeTask(
      taskItem({ ...task, createdAt }),
      { ConditionExpression: 'attribute_not_exists(pk)' },
      task.reservedKopecks > 0 ? this.reserveOnLine(task) : undefined,
    );
    return outcome === 'written' ? 'issued' : outcome === 'task-refused' ? 'already-issued' : 'line-short';
  }

  async getTask(taskId: string): Promise<GiftTask | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.giftTask(accountOfTask(taskId), taskId), ConsistentRead: true }));
    return result.Item ? toTask(result.Item) : undefined;
  }

  async openTasksOn(date: string): Promise<GiftTask[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: 'openTasksByDate',
      KeyConditionExpression: 'openTaskDate = :d',
      ExpressionAttributeValues: { ':d': date },
    });
    return items.map(toTask);
  }

  async openTasksOfAccount(accountId: string): Promise<GiftTask[]> {
    const items = await queryPrefix(this.client, this.tableName, keys.account(accountId).pk, 'TASK#', { consistent: true });
    return items.map(toTask).filter((t) => openStates.includes(t.state));
  }

  async completeTask(task: GiftTask, actualKopecks: Kopecks, at: string): Promise<'done' | 'not-open' | 'line-short'> {
    const extra = Math.max(0, actualKopecks - task.reservedKopecks);
    return this.close(task, { state: 'done', actualKopecks, closedAt: at }, {
      Key: keys.budgetLine(task.budgetMonth, task.costItem),
      ConditionExpression: 'availableKopecks >= :extra',
      UpdateExpression: 'SET reservedKopecks = reservedKopecks - :reserved, spentKopecks = spentKopecks + :actual, availableKopecks = availableKopecks + :delta',
      ExpressionAttributeValues: { ':extra': extra, ':reserved': task.reservedKopecks, ':actual': actualKopecks, ':delta': task.reservedKopecks - actualKopecks },
    });
  }

  async cancelTask(task: GiftTask, reason: string, at: string): Promise<boolean> {
    const release: LineUpdate | undefined =
      task.reservedKopecks > 0
        ? {
            Key: keys.budgetLine(task.budgetMonth, task.costItem),
            UpdateExpression: 'SET reservedKopecks = reservedKopecks - :r, availableKopecks = availableKopecks + :r',
            ExpressionAttributeValues: { ':r': task.reservedKopecks },
          }
        : undefined;
    return (await this.close(task, { state: 'cancelled', closedAt: at, closedReason: reason }, release)) === 'done';
  }

  async watermark(): Promise<string | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.giftWatermark(), ConsistentRead: true }));
    return result.Item?.day as string | undefined;
  }

  async advanceWatermark(day: string): Promise<void> {
    try {
      // Never backwards: a late duplicate of an old run must not make the next run redo days.
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.giftWatermark(), day },
          ConditionExpression: 'attribute_not_exists(pk) OR #d < :day',
          ExpressionAttributeNames: { '#d': 'day' },
          ExpressionAttributeValues: { ':day': day },
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  async recordRun(day: string, summary: Readonly<Record<string, unknown>>, at: string): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.giftRun(day), day, summary, recordedAt: at } }));
  }

  async promoteTask(_task: GiftTask, promoted: GiftTask): Promise<'promoted' | 'not-awaiting' | 'line-short'> {
    const outcome = await this.writeTask(
      taskItem(promoted),
      { ConditionExpression: '#state = :awaiting', ExpressionAttributeNames: { '#state': 'state' }, ExpressionAttributeValues: { ':awaiting': 'awaiting-budget' } },
      this.reserveOnLine(promoted),
    );
    return outcome === 'written' ? 'promoted' : outcome === 'task-refused' ? 'not-awaiting' : 'line-short';
  }

  /** Moves an open task to a final state together with its budget line, in one transaction. */
  private async close(task: GiftTask, change: Partial<GiftTask>, line: LineUpdate | undefined): Promise<'done' | 'not-open' | 'line-short'> {
    const outcome = await this.writeTask(
      taskItem({ ...task, ...change }),
      {
        ConditionExpression: '#state IN (:open, :awaiting)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':open': 'open', ':awaiting': 'awaiting-budget' },
      },
      line,
    );
    return outcome === 'written' ? 'done' : outcome === 'task-refused' ? 'not-open' : 'line-short';
  }

  private reserveOnLine(task: GiftTask): LineUpdate {
    return {
      Key: keys.budgetLine(task.budgetMonth, task.costItem),
      ConditionExpression: 'availableKopecks >= :amount',
      UpdateExpression: 'SET reservedKopecks = reservedKopecks + :amount, availableKopecks = availableKopecks - :amount',
      ExpressionAttributeValues: { ':amount': task.reservedKopecks },
    };
  }

  /**
   * Every change of a task goes through here: the task item under its condition and, where money
   * moves, its budget line, in one transaction; the cancellation reasons say which one refused.
   */
  private async writeTask(
    item: Record<string, unknown>,
    condition: { ConditionExpression: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> },
    line: LineUpdate | undefined,
  ): Promise<'written' | 'task-refused' | 'line-refused'> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [{ Put: { TableName: this.tableName, Item: item, ...condition } }, ...(line ? [{ Update: { TableName: this.tableName, ...line } }] : [])],
        }),
      );
      return 'written';
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const [taskReason, lineReason] = error.CancellationReasons ?? [];
        if (taskReason?.Code === 'ConditionalCheckFailed') return 'task-refused';
        if (lineReason?.Code === 'ConditionalCheckFailed') return 'line-refused';
      }
      throw error;
    }
  }
}

interface LineUpdate {
  readonly Key: Record<string, string>;
  readonly ConditionExpression?: string;
  readonly UpdateExpression: string;
  readonly ExpressionAttributeValues: Record<string, unknown>;
}

function taskItem(task: GiftTask): Record<string, unknown> {
  const open = openStates.includes(task.state);
  return {
    ...keys.giftTask(task.accountId, task.taskId),
    ...task,
    taskKey: task.taskId,
    taskManagerKey: `MANAGER#${task.managerId}`,
    taskStateKey: `${task.state}#${task.occasionDate}#${task.taskId}`,
    // Only open tasks are in the deadline index, so reminders read nothing that is finished.
    ...(open && { openTaskDate: task.occasionDate }),
  };
}

export function toTask(item: Record<string, unknown>): GiftTask {
  const { pk: _pk, sk: _sk, taskKey: _k, taskManagerKey: _m, taskStateKey: _s, openTaskDate: _o, ...task } = item;
  return task as unknown as GiftTask;
}

function toOccasion(item: Record<string, unknown>): Occasion[] {
  const sk = String(item.sk);
  const accountId = String(item.pk).slice('ACCOUNT#'.length);
  if (sk.startsWith('CONTACT#') && typeof item.birthDate === 'string')
    return [
      {
        accountId,
        sourceId: String(item.contactId),
        kind: occasionKindOfRole(item.role as 'client' | 'director' | 'contact'),
        originalDate: item.birthDate,
        personName: String(item.fullName),
        consent: item.consentEmail === true,
        active: item.active !== false,
      },
    ];
  if (sk.startsWith('DATE#') && typeof item.date === 'string')
    return [
      {
        accountId,
        sourceId: `company-${String(item.kind)}`,
        kind: 'company-anniversary',
        originalDate: item.date,
        personName: String(item.description || item.kind),
        consent: true,
        active: true,
      },
    ];
  return [];
}
