import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import type { DueOccasion, GiftStore, IssueOutcome, OccasionAccount, TaggedOccasion } from '../../ports/gift-store.ts';
import { accountOfTask, type GiftTask, type Occasion } from '../../domain/gifts/gift-task.ts';
import { availableOf, moneyMoves, type BudgetLine, type MoneyMove } from '../../domain/gifts/budget-line.ts';
import type { GiftDueKey, GiftTag } from '../../domain/gifts/gift-due.ts';
import { giftTagFrom, occasionsOfAccount, toOccasion, writeGiftTag } from './gift-tags.ts';
import type { Kopecks } from '../../domain/money.ts';
import type { AccountStatus } from '../../domain/account.ts';
import { accountStatusSchema } from '../../schemas/account-item.ts';
import { keys } from './keys.ts';
import { expiresAfter, retention } from '../../domain/data-rights/retention.ts';
import { queryAll, queryPrefix, scanAll } from './query-all.ts';
import { batchGet } from './batch-get.ts';
import { DynamoBudgetStore } from './budget-store.ts';
import { lineMoveUpdate, overrunDecisionUpdate, type LineUpdate } from './money-moves.ts';
import { outboxPut } from './outbox-items.ts';
import type { OutboxMail } from '../../ports/outbox.ts';
import { updateExpression } from './update-expression.ts';
import { parseGiftTaskItem } from '../../schemas/gift-task-item.ts';
import { taskLinkPointer } from './task-link-ids.ts';

const openStates = ['open', 'awaiting-budget'];
const maxChangeAttempts = 5;

export class DynamoGiftStore implements GiftStore {
  private readonly budgets: DynamoBudgetStore;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.budgets = new DynamoBudgetStore(client, tableName);
  }

  async dueOccasions(dueKeys: readonly GiftDueKey[]): Promise<DueOccasion[]> {
    const pages = await pMap(
      dueKeys,
      (key) =>
        queryAll(this.client, {
          TableName: this.tableName,
          IndexName: 'giftsDue',
          KeyConditionExpression: 'giftDue = :k',
          ExpressionAttributeValues: { ':k': key },
        }),
      { concurrency: 4 },
    );
    return pages.flat().flatMap((item) => {
      const tag = giftTagFrom(item);
      return tag ? toOccasion(item).map((occasion) => ({ occasion, tag })) : [];
    });
  }

  occasionsOfAccount(accountId: string): Promise<TaggedOccasion[]> {
    return occasionsOfAccount(this.client, this.tableName, accountId);
  }

  setGiftTag(accountId: string, itemSk: string, tag: GiftTag | undefined): Promise<void> {
    return writeGiftTag(this.client, this.tableName, accountId, itemSk, tag);
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
      // Consistent: read right after the review wrote the status its event announces.
      ConsistentRead: true,
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
      ConsistentRead: true,
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
    // Its link id's pointer first, so a task issued with an id never lacks the way back to it, and
    // the digest signs its links without a read or a second transaction per task. A plain put (1
    // write unit; in the transaction it would bill 2): if the task then turns out to exist, the
    // pointer names an id no mail carries, and leads nowhere a link could come from.
    if (task.linkId) await this.client.send(new PutCommand({ TableName: this.tableName, Item: taskLinkPointer(task.linkId, task.taskId) }));
    const outcome = await this.transact(
      { Put: { TableName: this.tableName, Item: taskItem({ ...task, createdAt, version: 1 }), ConditionExpression: 'attribute_not_exists(pk)' } },
      task.reservedKopecks > 0 ? lineMoveUpdate(task.budgetMonth, task.costItem, moneyMoves.reserve(task.reservedKopecks)) : undefined,
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

  async awaitingTasksOn(date: string): Promise<GiftTask[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: 'openTasksByDate',
      KeyConditionExpression: 'openTaskDate = :d AND begins_with(taskKey, :awaiting)',
      ExpressionAttributeValues: { ':d': date, ':awaiting': 'awaiting-budget#' },
    });
    return items.map(toTask);
  }

  async openTasksOfAccount(accountId: string): Promise<GiftTask[]> {
    const items = await queryPrefix(this.client, this.tableName, keys.account(accountId).pk, 'TASK#', { consistent: true });
    return items.map(toTask).filter((t) => openStates.includes(t.state));
  }

  async completeTask(task: GiftTask, actualKopecks: Kopecks, at: string): Promise<'done' | 'not-open' | 'line-short'> {
    return this.close(task, (current) => ({
      next: { ...current, state: 'done', reservedKopecks: 0, actualKopecks, closedAt: at },
      move: moneyMoves.settle(current.reservedKopecks, actualKopecks),
    }));
  }

  async cancelTask(task: GiftTask, reason: string, at: string): Promise<boolean> {
    const outcome = await this.close(task, (current) => ({
      next: { ...current, state: 'cancelled', reservedKopecks: 0, closedAt: at, closedReason: reason },
      move: moneyMoves.release(current.reservedKopecks),
    }));
    return outcome === 'done';
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
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.giftRun(day), day, summary, recordedAt: at, expiresAt: expiresAfter(at, retention.runRecordDays) } }));
  }

  async promoteTask(task: GiftTask, promoted: GiftTask): Promise<'promoted' | 'not-awaiting' | 'line-short'> {
    if (task.state !== 'awaiting-budget') return 'not-awaiting';
    const outcome = await this.transact(
      { Update: this.taskChange(task, { ...promoted, state: 'open' }) },
      lineMoveUpdate(task.budgetMonth, task.costItem, moneyMoves.reserve(promoted.reservedKopecks)),
    );
    return outcome === 'written' ? 'promoted' : outcome === 'task-refused' ? 'not-awaiting' : 'line-short';
  }

  async completeWithOverrun(task: GiftTask, actualKopecks: Kopecks, line: BudgetLine, mail: OutboxMail, at: string): Promise<'done' | 'changed'> {
    if (task.state !== 'open') return 'changed';
    const available = availableOf(line);
    const move = moneyMoves.settleOverrun(task.reservedKopecks, actualKopecks, available);
    const next: GiftTask = { ...task, state: 'done', reservedKopecks: 0, actualKopecks, closedAt: at, overrunKopecks: move.overrunDelta!, overrunState: 'pending' };
    const outcome = await this.transact({ Update: this.taskChange(task, next) }, lineMoveUpdate(task.budgetMonth, task.costItem, move), [outboxPut(this.tableName, mail, at)]);
    return outcome === 'written' ? 'done' : 'changed';
  }

  async decideOverrun(task: GiftTask, decision: 'approved' | 'declined', at: string): Promise<'decided' | 'not-pending'> {
    let current: GiftTask | undefined = task;
    for (let attempt = 1; current?.overrunState === 'pending' && current.overrunKopecks; attempt++) {
      const next: GiftTask = { ...current, overrunState: decision, overrunDecidedAt: at };
      const outcome = await this.transact({ Update: this.taskChange(current, next) }, overrunDecisionUpdate(current.budgetMonth, current.costItem, current.overrunKopecks, decision));
      if (outcome === 'written') return 'decided';
      if (outcome === 'line-refused' || attempt >= maxChangeAttempts) throw new Error(`the overrun of task ${task.taskId} could not be decided (its line does not hold it)`);
      current = await this.getTask(task.taskId);
    }
    return 'not-pending';
  }

  async cancelAwaiting(task: GiftTask, reason: string, at: string): Promise<boolean> {
    let current: GiftTask | undefined = task;
    for (let attempt = 1; current?.state === 'awaiting-budget' && current.reservedKopecks === 0; attempt++) {
      const outcome = await this.transact({ Update: this.taskChange(current, { ...current, state: 'cancelled', closedAt: at, closedReason: reason }) }, undefined);
      if (outcome === 'written') return true;
      if (attempt >= maxChangeAttempts) throw new Error(`the task ${task.taskId} kept changing under ${maxChangeAttempts} attempts to cancel it`);
      current = await this.getTask(task.taskId);
    }
    return false;
  }

  /**
   * Moves an open task to a final state together with its budget line, in one transaction, as an
   * update conditional on the copy it was computed from; when the task changed since that copy
   * (a promotion, a concurrent close) it is read again and the change computed again.
   */
  private async close(task: GiftTask, change: (current: GiftTask) => { next: GiftTask; move: MoneyMove }): Promise<'done' | 'not-open' | 'line-short'> {
    let current: GiftTask | undefined = task;
    for (let attempt = 1; current && openStates.includes(current.state); attempt++) {
      const { next, move } = change(current);
      const outcome = await this.transact({ Update: this.taskChange(current, next) }, lineMoveUpdate(current.budgetMonth, current.costItem, move));
      if (outcome === 'written') return 'done';
      if (outcome === 'line-refused') return 'line-short';
      if (attempt >= maxChangeAttempts) throw new Error(`the task ${task.taskId} kept changing under ${maxChangeAttempts} attempts to close it`);
      current = await this.getTask(task.taskId);
    }
    return 'not-open';
  }

  /**
   * The change from `read` to `next` as one update of the attributes that differ, conditional on
   * the task still being what was read: same state, same reservation, same version.
   */
  private taskChange(read: GiftTask, next: GiftTask) {
    const before = taskItem(read);
    const after = taskItem({ ...next, version: (read.version ?? 0) + 1 });
    const changed: Record<string, unknown> = {};
    for (const name of new Set([...Object.keys(before), ...Object.keys(after)]))
      if (before[name] !== after[name]) changed[name] = after[name];
    const update = updateExpression(changed);
    return {
      TableName: this.tableName,
      Key: keys.giftTask(read.accountId, read.taskId),
      UpdateExpression: update.UpdateExpression,
      ConditionExpression: `#readState = :readState AND reservedKopecks = :readReserved AND ${read.version === undefined ? 'attribute_not_exists(version)' : 'version = :readVersion'}`,
      ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#readState': 'state' },
      ExpressionAttributeValues: {
        ...update.ExpressionAttributeValues,
        ':readState': read.state,
        ':readReserved': read.reservedKopecks,
        ...(read.version !== undefined && { ':readVersion': read.version }),
      },
    };
  }

  /**
   * Every change of a task goes through here: the task item under its condition and, where money
   * moves, its budget line, in one transaction; the cancellation reasons say which one refused.
   */
  private async transact(
    task: NonNullable<TransactWriteCommandInput['TransactItems']>[number],
    line: LineUpdate | undefined,
    more: NonNullable<TransactWriteCommandInput['TransactItems']> = [],
  ): Promise<'written' | 'task-refused' | 'line-refused'> {
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: [task, ...(line ? [{ Update: { TableName: this.tableName, ...line } }] : []), ...more] }));
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

function taskItem(task: GiftTask): Record<string, unknown> {
  const open = openStates.includes(task.state);
  return {
    ...keys.giftTask(task.accountId, task.taskId),
    ...task,
    // The state first, so the tasks awaiting budget are one begins_with away from the open ones.
    taskKey: `${task.state}#${task.taskId}`,
    taskManagerKey: `MANAGER#${task.managerId}`,
    taskStateKey: `${task.state}#${task.occasionDate}#${task.taskId}`,
    // Only open tasks are in the deadline index, so reminders read nothing that is finished.
    ...(open && { openTaskDate: task.occasionDate }),
  };
}

/** A stored task, parsed: a damaged item fails with its key named instead of travelling on as a task. */
export function toTask(item: Record<string, unknown>): GiftTask {
  return parseGiftTaskItem(item) as GiftTask;
}
