import type { AccountStatus } from '../account.ts';
import type { GiftTasksConfig } from '../../schemas/programme-config.ts';
import { rubToKopecks, type Kopecks } from '../money.ts';
import { isCelebrated, suitableGifts } from './gift-choice.ts';
import type { Occasion } from './gift-task.ts';
import { occurrenceIn } from './occasion-dates.ts';

/** The shares of events by quarter the source documents observed (Q1..Q4). */
export const observedQuarterShares = [0.19, 0.24, 0.26, 0.31] as const;

export interface MonthNeed {
  readonly month: string;
  readonly occasions: number;
  readonly needKopecks: Kopecks;
}

/**
 * What a year of celebrations would cost: every celebrated occasion of today's VIP accounts,
 * priced at the preferred gift for its tier, in the month it falls in that year.
 */
export function planBudget(
  occasions: readonly Occasion[],
  statuses: ReadonlyMap<string, AccountStatus>,
  config: GiftTasksConfig,
  year: number,
): MonthNeed[] {
  const months = Array.from({ length: 12 }, (_, i) => ({ month: `${year}-${String(i + 1).padStart(2, '0')}`, occasions: 0, needKopecks: 0 }));
  for (const occasion of occasions) {
    const status = statuses.get(occasion.accountId);
    if (!status?.vip || !status.tier || !occasion.active || !occasion.consent || !isCelebrated(config, status.tier, occasion.kind)) continue;
    const gift = suitableGifts(config.catalogue, status.tier, occasion.kind)[0];
    if (!gift) continue;
    const month = months[Number(occurrenceIn(occasion.originalDate, year, config.leapDayInCommonYears).slice(5, 7)) - 1]!;
    month.occasions++;
    month.needKopecks += rubToKopecks(gift.priceRub);
  }
  return months;
}

/** Sums by quarter and gives each quarter's share of the year. */
export function quarterShares(values: readonly number[]): Array<{ quarter: number; total: number; share: number }> {
  const totals = [0, 1, 2, 3].map((q) => values.slice(q * 3, q * 3 + 3).reduce((s, v) => s + v, 0));
  const year = totals.reduce((s, v) => s + v, 0);
  return totals.map((total, q) => ({ quarter: q + 1, total, share: year ? total / year : 0 }));
}
