import type { OccasionKind } from '../../schemas/programme-config.ts';
import type { IsoDate } from '../calendar-date.ts';
import type { Kopecks } from '../money.ts';

export type GiftTaskState = 'open' | 'awaiting-budget' | 'done' | 'cancelled';

/** A significant date of an account: a contact's birthday or a company date. */
export interface Occasion {
  readonly accountId: string;
  /** contact id, or `company-<kind>` for a company date. */
  readonly sourceId: string;
  readonly kind: OccasionKind;
  /** The original date (birth date, founding date). */
  readonly originalDate: IsoDate;
  /** Who is congratulated; confidential, goes only into the manager's mail. */
  readonly personName: string;
  readonly consent: boolean;
  readonly active: boolean;
  /** The date looks like an exported empty date and the import did not confirm it: no task. */
  readonly suspectDate?: boolean;
}

export interface GiftTask {
  readonly taskId: string;
  readonly accountId: string;
  readonly sourceId: string;
  readonly managerId: string;
  readonly tier: string;
  readonly occasionKind: OccasionKind;
  readonly occasionDate: IsoDate;
  readonly issueDate: IsoDate;
  readonly personName: string;
  readonly accountName?: string;
  readonly giftId: string;
  /** Reserved on the budget line; 0 while awaiting budget. */
  readonly reservedKopecks: Kopecks;
  readonly priceKopecks: Kopecks;
  readonly budgetMonth: string;
  readonly costItem: string;
  readonly state: GiftTaskState;
  readonly actualKopecks?: Kopecks;
  readonly closedAt?: string;
  readonly closedReason?: string;
  readonly belated?: boolean;
  /** When the daily run wrote it (wall clock). */
  readonly createdAt?: string;
  /** Counts the changes of the stored task; every change is conditional on the number it read. */
  readonly version?: number;
  /** The opaque id its links carry (128 random bits), given the first time a link is made. */
  readonly linkId?: string;
  /** Done at a cost beyond what its line had left: the amount over, and what the line's owner decided. */
  readonly overrunKopecks?: Kopecks;
  readonly overrunState?: 'pending' | 'approved' | 'declined';
  readonly overrunDecidedAt?: string;
}

/** One task per occasion and year, whatever happens: the id is the key that makes a repeat a no-op. */
export function giftTaskId(accountId: string, sourceId: string, occasionDate: IsoDate): string {
  return `${accountId}~${occasionDate.slice(0, 4)}~${sourceId}`;
}

export function accountOfTask(taskId: string): string {
  return taskId.split('~')[0]!;
}

export function occasionKindOfRole(role: 'client' | 'director' | 'contact'): OccasionKind {
  return role === 'client' ? 'client-birthday' : role === 'director' ? 'director-birthday' : 'contact-birthday';
}
