import type { IsoDate, IsoMonth } from './calendar-date.ts';
import { addMonths } from './calendar-date.ts';
import type { MonthFacts } from './account.ts';
import type { Kopecks } from './money.ts';

export interface ChargeLine {
  readonly month: IsoMonth;
  /** Undefined for a whole-account charge. */
  readonly number?: string;
  readonly amountKopecks: Kopecks;
}

export interface PaymentLine {
  readonly month: IsoMonth;
  readonly dueKopecks: Kopecks;
  readonly paidKopecks?: Kopecks;
  readonly paidOn?: IsoDate;
}

/** Rolls an account's charge and payment lines up into the per-month facts the rules read. */
export function monthFactsFrom(charges: readonly ChargeLine[], payments: readonly PaymentLine[]): Record<IsoMonth, MonthFacts> {
  const months: Record<IsoMonth, { chargesKopecks: number; numbers: Set<string>; payment?: PaymentLine }> = {};
  const monthOf = (month: IsoMonth) => (months[month] ??= { chargesKopecks: 0, numbers: new Set() });
  for (const charge of charges) {
    const m = monthOf(charge.month);
    m.chargesKopecks += charge.amountKopecks;
    if (charge.number !== undefined) m.numbers.add(charge.number);
  }
  for (const payment of payments) monthOf(payment.month).payment = payment;
  return Object.fromEntries(
    Object.entries(months)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, m]) => [
        month,
        {
          chargesKopecks: m.chargesKopecks,
          billedNumbers: m.numbers.size,
          ...(m.payment && {
            dueKopecks: m.payment.dueKopecks,
            ...(m.payment.paidKopecks !== undefined && { paidKopecks: m.payment.paidKopecks }),
            ...(m.payment.paidOn !== undefined && { paidOn: m.payment.paidOn }),
          }),
        } satisfies MonthFacts,
      ]),
  );
}

/**
 * How many months an account profile keeps: the longest window the rules read, plus one for the
 * month in progress. A review (or `vip explain` on any day) reads the window that ends the month
 * before its date; the newest month with facts is at most the current one, so these months, ending
 * at the newest, always hold that window.
 */
export function keptMonthCount(rules: { readonly windowMonths: number; readonly paymentDiscipline: { readonly windowMonths: number } }): number {
  return Math.max(rules.windowMonths, rules.paymentDiscipline.windowMonths) + 1;
}

/** The first month kept when the newest month with facts is `newest`. */
export function firstKeptMonth(newest: IsoMonth, keptMonths: number): IsoMonth {
  return addMonths(newest, -(keptMonths - 1));
}

/** The months of a roll-up that fall inside the kept window ending at its newest month, and those dropped. */
export function keepNewestMonths<T>(months: Readonly<Record<IsoMonth, T>>, keptMonths: number): { kept: Record<IsoMonth, T>; dropped: IsoMonth[] } {
  const all = Object.keys(months).sort();
  const newest = all.at(-1);
  if (newest === undefined) return { kept: {}, dropped: [] };
  const from = firstKeptMonth(newest, keptMonths);
  return {
    kept: Object.fromEntries(all.filter((m) => m >= from).map((m) => [m, months[m]!])),
    dropped: all.filter((m) => m < from),
  };
}
