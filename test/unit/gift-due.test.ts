import { describe, it, expect } from 'vitest';
import { dueKeysOn, giftDueKeyOf, giftTagOf, passedByRuns, programmeLeads } from '../../shared/domain/gifts/gift-due.ts';
import { leadDaysFor } from '../../shared/domain/gifts/gift-choice.ts';
import type { Occasion } from '../../shared/domain/gifts/gift-task.ts';
import type { AccountStatus } from '../../shared/domain/account.ts';
import { addDays } from '../../shared/domain/calendar-date.ts';
import { programmeA } from '../fixtures/accounts.ts';
import type { DomainEvent } from '../../shared/ports/event-publisher.ts';
import { lateImportNotifier } from '../../shared/use-cases/gift-tasks/late-imports.ts';

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

describe('an occasion the daily runs have passed', () => {
  it('is one whose issue day is on or before the watermark while the occasion is still ahead', () => {
    expect(passedByRuns('03-19#3', '2027-03-18', '2027-03-17', 'mar-01')).toEqual({ occasionDate: '2027-03-19', issueDate: '2027-03-16' });
    // Issue day 17 March: the watermark's own day was read.
    expect(passedByRuns('03-20#3', '2027-03-18', '2027-03-17', 'mar-01')).toEqual({ occasionDate: '2027-03-20', issueDate: '2027-03-17' });
    // Issue day 18 March: today's run has not read it yet, and will.
    expect(passedByRuns('03-21#3', '2027-03-18', '2027-03-17', 'mar-01')).toBeUndefined();
    // 17 March is behind today: its next occurrence is next year's, far ahead of the runs.
    expect(passedByRuns('03-17#3', '2027-03-18', '2027-03-17', 'mar-01')).toBeUndefined();
  });

  it('moves 29 February as the programme says in a common year', () => {
    expect(passedByRuns('02-29#3', '2027-02-27', '2027-02-26', 'mar-01')).toEqual({ occasionDate: '2027-03-01', issueDate: '2027-02-26' });
    expect(passedByRuns('02-29#3', '2027-02-27', '2027-02-26', 'feb-28')).toEqual({ occasionDate: '2027-02-28', issueDate: '2027-02-25' });
    expect(passedByRuns('02-29#3', '2028-02-27', '2028-02-26', 'mar-01')).toEqual({ occasionDate: '2028-02-29', issueDate: '2028-02-26' });
  });
});

describe('the gift workflow told of imported occasions', () => {
  const notifierWith = (watermark: string | undefined) => {
    const published: DomainEvent[] = [];
    const notifier = lateImportNotifier({
      store: { watermark: async () => watermark },
      events: { publish: async (events) => void published.push(...events) },
      config: programmeA,
      // 18 March, 10:00 in Irkutsk.
      now: () => new Date('2027-03-18T02:00:00Z'),
    });
    return { notifier, published };
  };

  it('asks a late grant once per account with an occasion the runs passed, and none for the rest', async () => {
    const { notifier, published } = notifierWith('2027-03-17');
    const asked = await notifier.occasionsImported([
      { accountId: 'A2', due: '03-19#3' },
      { accountId: 'A1', due: '03-20#3' },
      { accountId: 'A1', due: '03-25#10' },
      // Issue days the runs have still to read.
      { accountId: 'A3', due: '03-21#3' },
      { accountId: 'A4', due: '06-10#3' },
    ]);
    expect(asked).toBe(2);
    expect(published).toEqual(
      ['A1', 'A2'].map((accountId) => ({ source: 'vip.imports', detailType: 'GiftOccasionsImported', detail: { accountId, importedAt: '2027-03-18T02:00:00.000Z' } })),
    );
  });

  it('asks nothing before the first run, which reads its look-ahead and finds them', async () => {
    const { notifier, published } = notifierWith(undefined);
    expect(await notifier.occasionsImported([{ accountId: 'A1', due: '03-19#3' }])).toBe(0);
    expect(published).toEqual([]);
  });
});
