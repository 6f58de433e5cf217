import type { IsoDate, IsoMonth } from './calendar-date.ts';
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
