import type { IsoDate } from '../calendar-date.ts';
import type { Kopecks } from '../money.ts';
import { availableOf, type BudgetLine } from './budget-line.ts';

export type BudgetRequestState = 'pending' | 'raised' | 'declined';

/**
 * What a day's run asked a line's owner: to raise the line by what its waiting tasks miss, or to
 * decline them. Its links carry only `ref`; its state makes a second click change nothing.
 */
export interface BudgetRequest {
  readonly ref: string;
  readonly day: IsoDate;
  readonly month: string;
  readonly costItem: string;
  readonly taskIds: readonly string[];
  readonly missingKopecks: Kopecks;
  readonly state: BudgetRequestState;
  readonly decidedAt?: string;
}

/** The business key of a day's request for a line; its mail and its `ref` both come from it. */
export function budgetRequestKey(day: IsoDate, month: string): string {
  return `budget-approval/${day}/${month}`;
}

/**
 * The request for the tasks waiting on `line`: the line is short by what their (preferred) gifts
 * cost together beyond what it has left. At least 1 kopeck, so a raise always does something.
 * `ref` is the reference of `budgetRequestKey(day, line.month)` (a RefOfKey, shared/ports/key-refs.ts).
 */
export function budgetRequestFor(day: IsoDate, line: BudgetLine, tasks: readonly { taskId: string; priceKopecks: Kopecks }[], ref: string): BudgetRequest {
  const need = tasks.reduce((sum, t) => sum + t.priceKopecks, 0);
  return {
    ref,
    day,
    month: line.month,
    costItem: line.costItem,
    taskIds: tasks.map((t) => t.taskId),
    missingKopecks: Math.max(1, need - Math.max(0, availableOf(line))),
    state: 'pending',
  };
}
