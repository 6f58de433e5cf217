import { describe, it, expect } from 'vitest';
import { dueKeysOn, giftDueKeyOf, giftTagOf, programmeLeads } from '../../shared/domain/gifts/gift-due.ts';
import { leadDaysFor } from '../../shared/domain/gifts/gift-choice.ts';
import type { Occasion } from '../../shared/domain/gifts/gift-task.ts';
import type { AccountStatus } from '../../shared/domain/account.ts';
import { addDays } from '../../shared/domain/calendar-date.ts';
import { programmeA } from '../fixtures/accounts.ts';

const config = programmeA.giftTasks;
const vip = (tier: string): AccountStatus => ({ vip: true, tier, validUntil: '2027-12-31', since: '2026-01-01' });
const occasion = (over: Partial<Occasion> = {}): Occasion => ({
  accountId: 'A1',
  sourceId: 'C1',
  kind: 'director-birthday',
  originalDate: '1970-06-15',
  personName: 'Ivan Petrov',
  consent: true,
  active: true,
  ...over,
});

describe('the due-index key of an occasion', () => {
  it('is its month-day and the lead time of its tier and kind', () => {
    expect(giftDueKeyOf(occasion(), vip('profitable'), config)).toBe('06-15#3');
    expect(giftDueKeyOf(occasion(), vip('very-highly-profitable'), config)).toBe('06-15#7');
    expect(giftDueKeyOf(occasion({ kind: 'company-anniversary', originalDate: '2001-12-31' }), vip('very-highly-profitable'), config)).toBe('12-31#10');
  });

  it('is absent for every occasion the daily run would skip', () => {
    expect(giftDueKeyOf(occasion(), { vip: false }, config)).toBeUndefined();
    expect(giftDueKeyOf(occasion({ active: false }), vip('profitable'), config)).toBeUndefined();
    expect(giftDueKeyOf(occasion({ consent: false }), vip('profitable'), config)).toBeUndefined();
    expect(giftDueKeyOf(occasion({ suspectDate: true, originalDate: '1970-01-01' }), vip('profitable'), config)).toBeUndefined();
    // Contact persons' birthdays are not celebrated for the profitable tier in programme A.
    expect(giftDueKeyOf(occasion({ kind: 'contact-birthday' }), vip('profitable'), config)).toBeUndefined();
  });

  it('carries what a task needs of the account, so the run reads no account', () => {
    expect(giftTagOf(occasion(), { status: vip('highly-profitable'), managerId: 'M7', name: 'OOO Baikal' }, config)).toEqual({
      due: '06-15#5',
      tier: 'highly-profitable',
      managerId: 'M7',
      accountName: 'OOO Baikal',
    });
    expect(giftTagOf(occasion(), { status: vip('highly-profitable'), managerId: '' }, config)).toBeUndefined();
  });
});

describe('the keys a run reads for an issue day', () => {
  it('are one per lead time the programme has', () => {
    expect(programmeLeads(config)).toEqual([3, 4, 5, 7, 10]);
    expect(dueKeysOn('2027-03-15', config)).toEqual(['03-18#3', '03-19#4', '03-20#5', '03-22#7', '03-25#10']);
  });

  it('find exactly the occasions whose issue day it is, for every tier and kind', () => {
    const tiers = ['profitable', 'highly-profitable', 'very-highly-profitable'];
    const kinds = ['client-birthday', 'director-birthday', 'contact-birthday', 'company-anniversary'] as const;
    for (let day = '2027-01-01'; day <= '2027-12-31'; day = addDays(day, 7))
      for (const tier of tiers)
        for (const kind of kinds) {
          const key = giftDueKeyOf(occasion({ kind, originalDate: `1980-${day.slice(5)}` }), vip(tier), config);
          if (!key) continue;
          const issueDay = addDays(day, -leadDaysFor(config.catalogue, tier, kind)!);
          expect(dueKeysOn(issueDay, config)).toContain(key);
          expect(dueKeysOn(addDays(issueDay, 1), config)).not.toContain(key);
        }
  });

  it('read 29 February occasions on the day they move to in a common year, and on the day itself in a leap year', () => {
    const key = giftDueKeyOf(occasion({ originalDate: '1984-02-29' }), vip('profitable'), config)!;
    expect(key).toBe('02-29#3');
    expect(dueKeysOn('2027-02-25', config)).toContain(key); // 2027: celebrated on 28 February
    expect(dueKeysOn('2027-02-26', config)).not.toContain(key);
    expect(dueKeysOn('2028-02-26', config)).toContain(key); // 2028: on 29 February itself
    expect(dueKeysOn('2028-02-25', config)).not.toContain(key);
    expect(dueKeysOn('2027-02-26', { ...config, leapDayInCommonYears: 'mar-01' })).toContain(key);
  });
});
