import { describe, it, expect } from 'vitest';
import { isSuspectDate } from '../../shared/domain/gifts/suspect-dates.ts';
import { planOccasion } from '../../shared/domain/gifts/occasion-plan.ts';
import type { Occasion } from '../../shared/domain/gifts/gift-task.ts';
import { programmeA } from '../fixtures/accounts.ts';

describe('suspect dates', () => {
  it('are the dates an empty date is often exported as', () => {
    expect(isSuspectDate('1970-01-01')).toBe(true);
    expect(isSuspectDate('1900-01-01')).toBe(true);
    expect(isSuspectDate('1970-01-02')).toBe(false);
    expect(isSuspectDate('1985-01-01')).toBe(false);
    expect(isSuspectDate(undefined)).toBe(false);
  });

  it('keep an unconfirmed occasion out of the gift run, and a confirmed one in', () => {
    const tier = 'profitable';
    const occasion: Occasion = { accountId: 'A1', sourceId: 'c1', kind: 'client-birthday', originalDate: '1970-01-01', personName: 'P', consent: true, active: true };
    const status = { vip: true, tier };
    expect(planOccasion({ ...occasion, suspectDate: true }, status, programmeA.giftTasks, '2026-12-28', '2026-12-28')).toEqual({
      action: 'skip',
      occasionDate: '2027-01-01',
      reason: 'date looks like an exported empty date (unconfirmed)',
    });
    expect(planOccasion(occasion, status, programmeA.giftTasks, '2026-12-28', '2026-12-28').action).not.toBe('skip');
  });
});
