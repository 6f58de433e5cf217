import type { AccountStatus } from '../domain/account.ts';
import type { BudgetLine } from '../domain/gifts/budget-line.ts';
import type { GiftTask, Occasion } from '../domain/gifts/gift-task.ts';
import type { MonthDay } from '../domain/gifts/occasion-dates.ts';
import type { Kopecks } from '../domain/money.ts';
import type { OutboxMail } from './outbox.ts';

export interface OccasionAccount {
  readonly accountId: string;
  readonly name?: string;
  readonly managerId: string;
  readonly status: AccountStatus;
}

export type IssueOutcome = 'issued' | 'already-issued' | 'line-short';

export interface GiftStore {
  /** Occasions whose original date falls on these month-days, read through the month-day index. */
  occasionsOn(monthDays: readonly MonthDay[]): Promise<Occasion[]>;
  accounts(accountIds: readonly string[]): Promise<Map<string, OccasionAccount>>;
  budgetLine(month: string, costItem: string): Promise<BudgetLine | undefined>;
  /**
   * Writes the task and, if it reserves money, the reservation on its line, in one transaction:
   * 'already-issued' if the task exists, 'line-short' if the line can no longer afford it.
   */
  issueTask(task: GiftTask, createdAt: string): Promise<IssueOutcome>;
  getTask(taskId: string): Promise<GiftTask | undefined>;
  /** Open tasks whose occasion was on this date. */
  openTasksOn(date: string): Promise<GiftTask[]>;
  openTasksOfAccount(accountId: string): Promise<GiftTask[]>;
  /** Closes an open task: spent becomes `actual` and the rest of the reservation is released; false if it was not open. */
  completeTask(task: GiftTask, actualKopecks: Kopecks, at: string): Promise<'done' | 'not-open' | 'line-short'>;
  cancelTask(task: GiftTask, reason: string, at: string): Promise<boolean>;
  /** The last day a daily run finished; the next run catches up from the day after. */
  watermark(): Promise<string | undefined>;
  advanceWatermark(day: string): Promise<void>;
  /** Keeps what a run did, skipped occasions and their reasons included, for later questions. */
  recordRun(day: string, summary: Readonly<Record<string, unknown>>, at: string): Promise<void>;
  /** An awaiting-budget task gets its reservation after all (the line was raised): task and line in one transaction. */
  promoteTask(task: GiftTask, promoted: GiftTask): Promise<'promoted' | 'not-awaiting' | 'line-short'>;
  /**
   * Closes an open task whose cost is beyond its reservation plus what `line` has left: records the
   * cost, takes all the line has left, marks the rest as a pending overrun on task and line, and
   * queues `mail` (to the line's owner), in one transaction. 'changed' when the task or the line is
   * no longer what was read (read again and decide again).
   */
  completeWithOverrun(task: GiftTask, actualKopecks: Kopecks, line: BudgetLine, mail: OutboxMail, at: string): Promise<'done' | 'changed'>;
  /** The owner's decision on a pending overrun, on the task and its line in one transaction; 'not-pending' if already decided. */
  decideOverrun(task: GiftTask, decision: 'approved' | 'declined', at: string): Promise<'decided' | 'not-pending'>;
  /** Cancels a task only while it still awaits budget (it holds nothing, so nothing is released); false otherwise. */
  cancelAwaiting(task: GiftTask, reason: string, at: string): Promise<boolean>;
}
