import type { IsoDate, IsoMonth } from './calendar-date.ts';
import type { Kopecks } from './money.ts';

export type CustomerType = 'business' | 'private';

/** One month of an account as billing and payments saw it. */
export interface MonthFacts {
  /** All charges of the month: per-number charges plus whole-account ones. */
  readonly chargesKopecks: Kopecks;
  /** Numbers that had a per-number charge that month. */
  readonly billedNumbers: number;
  readonly dueKopecks?: Kopecks;
  readonly paidKopecks?: Kopecks;
  readonly paidOn?: IsoDate;
}

/** Everything the status rules look at, kept on the account's one item so a review reads it once. */
export interface AccountFacts {
  readonly accountId: string;
  /** For the manager's digest only; rules never read it. */
  readonly name?: string;
  readonly customerType: CustomerType;
  readonly managerId: string;
  readonly openedOn: IsoDate;
  readonly tariff: string;
  readonly registeredNumbers: number;
  readonly months: Readonly<Record<IsoMonth, MonthFacts>>;
  /** Numbers charged to this account while registered to another one. */
  readonly foreignNumbers?: readonly string[];
}

export interface AccountStatus {
  readonly vip: boolean;
  readonly tier?: string;
  readonly validUntil?: IsoDate;
  readonly since?: IsoDate;
  /** Reviews left before a pending downgrade takes effect (grace rule). */
  readonly graceLeft?: number;
  readonly reviewKey?: string;
}

export interface StatusOverride {
  readonly kind: 'exclude' | 'include';
  readonly reason: string;
  readonly by: string;
  readonly at: string;
  readonly until?: IsoDate;
}

export const noStatus: AccountStatus = { vip: false };
