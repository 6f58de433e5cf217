import type { BudgetLine } from '../../shared/domain/gifts/budget-line.ts';
import type { GiftDueKey, GiftTag } from '../../shared/domain/gifts/gift-due.ts';
import type { GiftTask } from '../../shared/domain/gifts/gift-task.ts';
import type { DueOccasion, GiftStore, IssueOutcome, OccasionAccount, TaggedOccasion } from '../../shared/ports/gift-store.ts';

/** The gift store in memory, for the daily run's steps: it records which due keys were read. */
export class FakeGiftStore implements GiftStore {
  readonly tasks = new Map<string, GiftTask>();
  readonly lines = new Map<string, BudgetLine>();
  readonly due = new Map<GiftDueKey, DueOccasion[]>();
  readonly keysRead: GiftDueKey[] = [];
  day: string | undefined;

  async dueOccasions(keys: readonly GiftDueKey[]): Promise<DueOccasion[]> {
    this.keysRead.push(...keys);
    return keys.flatMap((key) => this.due.get(key) ?? []);
  }
  readonly accountsById = new Map<string, OccasionAccount>();
  readonly occasionsByAccount = new Map<string, TaggedOccasion[]>();

  async occasionsOfAccount(accountId: string): Promise<TaggedOccasion[]> {
    return this.occasionsByAccount.get(accountId) ?? [];
  }
  async setGiftTag(accountId: string, itemSk: string, tag: GiftTag | undefined): Promise<void> {
    const list = this.occasionsByAccount.get(accountId) ?? [];
    this.occasionsByAccount.set(
      accountId,
      list.map((one) => (one.itemSk === itemSk ? { occasion: one.occasion, itemSk, ...(tag && { tag }) } : one)),
    );
  }
  async accounts(accountIds: readonly string[]): Promise<Map<string, OccasionAccount>> {
    return new Map(accountIds.flatMap((id) => (this.accountsById.has(id) ? [[id, this.accountsById.get(id)!] as const] : [])));
  }
  async budgetLine(month: string): Promise<BudgetLine | undefined> {
    return this.lines.get(month);
  }
  async issueTask(task: GiftTask): Promise<IssueOutcome> {
    if (this.tasks.has(task.taskId)) return 'already-issued';
    this.tasks.set(task.taskId, task);
    const line = this.lines.get(task.budgetMonth);
    if (line) this.lines.set(task.budgetMonth, { ...line, reservedKopecks: line.reservedKopecks + task.reservedKopecks });
    return 'issued';
  }
  async getTask(taskId: string): Promise<GiftTask | undefined> {
    return this.tasks.get(taskId);
  }
  async openTasksOn(date: string): Promise<GiftTask[]> {
    return [...this.tasks.values()].filter((t) => t.occasionDate === date && (t.state === 'open' || t.state === 'awaiting-budget'));
  }
  async awaitingTasksOn(date: string): Promise<GiftTask[]> {
    return (await this.openTasksOn(date)).filter((t) => t.state === 'awaiting-budget');
  }
  async openTasksOfAccount(accountId: string): Promise<GiftTask[]> {
    return [...this.tasks.values()].filter((t) => t.accountId === accountId && (t.state === 'open' || t.state === 'awaiting-budget'));
  }
  async completeTask(): Promise<'done' | 'not-open' | 'line-short'> {
    throw new Error('not used by the daily run');
  }
  async cancelTask(): Promise<boolean> {
    throw new Error('not used by the daily run');
  }
  async completeWithOverrun(): Promise<'done' | 'changed'> {
    throw new Error('not used by the daily run');
  }
  async decideOverrun(): Promise<'decided' | 'not-pending'> {
    throw new Error('not used by the daily run');
  }
  async cancelAwaiting(): Promise<boolean> {
    throw new Error('not used by the daily run');
  }
  async watermark(): Promise<string | undefined> {
    return this.day;
  }
  async advanceWatermark(day: string): Promise<void> {
    if (!this.day || this.day < day) this.day = day;
  }
  async recordRun(): Promise<void> {}
  async promoteTask(task: GiftTask, promoted: GiftTask): Promise<'promoted' | 'not-awaiting' | 'line-short'> {
    if (this.tasks.get(task.taskId)?.state !== 'awaiting-budget') return 'not-awaiting';
    this.tasks.set(task.taskId, promoted);
    return 'promoted';
  }
}
