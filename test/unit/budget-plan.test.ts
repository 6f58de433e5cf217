import { describe, it, expect } from 'vitest';
import { planBudget, quarterShares } from '../../shared/domain/gifts/budget-plan.ts';
import type { Occasion } from '../../shared/domain/gifts/gift-task.ts';
import { programmeA } from '../fixtures/accounts.ts';

const occasion = (accountId: string, originalDate: string, kind: Occasion['kind'] = 'director-birthday', extra: Partial<Occasion> = {}): Occasion => ({
  accountId,
  sourceId: `${accountId}-${originalDate}`,
  kind,
  originalDate,
  personName: 'x',
  consent: true,
  active: true,
  ...extra,
});

describe('the yearly budget plan', () => {
  const statuses = new Map([
    ['A', { vip: true, tier: 'very-highly-profitable' }],
    ['B', { vip: true, tier: 'profitable' }],
    ['C', { vip: false }],
  ]);

  it('prices each celebrated occasion of a VIP account at the preferred gift, in the month it falls in', () => {
    const months = planBudget(
      [
        occasion('A', '1980-03-10'), // phone, 25,000 RUB
        occasion('B', '1975-03-31'), // flowers, 3,500 RUB
        occasion('B', '1990-07-01', 'contact-birthday'), // not celebrated for "profitable"
        occasion('C', '1970-03-01'), // not VIP
        occasion('A', '1988-02-29'), // 28 February in 2027
        occasion('A', '1985-05-05', 'director-birthday', { consent: false }),
      ],
      statuses,
      programmeA.giftTasks,
      2027,
    );
    expect(months.find((m) => m.month === '2027-03')).toEqual({ month: '2027-03', occasions: 2, needKopecks: 2_850_000 });
    expect(months.find((m) => m.month === '2027-02')).toEqual({ month: '2027-02', occasions: 1, needKopecks: 2_500_000 });
    expect(months.reduce((n, m) => n + m.occasions, 0)).toBe(3);
  });

  it('sums quarters and gives their shares of the year', () => {
    expect(quarterShares([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4])).toEqual([
      { quarter: 1, total: 3, share: 0.1 },
      { quarter: 2, total: 6, share: 0.2 },
      { quarter: 3, total: 9, share: 0.3 },
      { quarter: 4, total: 12, share: 0.4 },
    ]);
  });
});
