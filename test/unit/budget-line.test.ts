import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { applyMove, availableDelta, availableOf, BudgetRuleError, moneyMoves, reallocate, type BudgetLine } from '../../shared/domain/gifts/budget-line.ts';

const reserve = (l: BudgetLine, amount: number) => applyMove(l, moneyMoves.reserve(amount));
const settle = (l: BudgetLine, reserved: number, actual: number) => applyMove(l, moneyMoves.settle(reserved, actual));
const release = (l: BudgetLine, reserved: number) => applyMove(l, moneyMoves.release(reserved));
import { giftTaskId, accountOfTask } from '../../shared/domain/gifts/gift-task.ts';
import { nextOccurrence, occurrenceIn, type LeapDayRule } from '../../shared/domain/gifts/occasion-dates.ts';
import { addDays, daysInMonth, type IsoDate } from '../../shared/domain/calendar-date.ts';

const line = (over: Partial<BudgetLine> = {}): BudgetLine => ({
  month: '2027-06',
  costItem: 'vip-gifts',
  ownerEmail: 'budget.owner@example.com',
  allocatedKopecks: 100_000,
  reservedKopecks: 0,
  spentKopecks: 0,
  ...over,
});

describe('availableOf', () => {
  it('is the allocation less what is reserved and spent', () => {
    expect(availableOf(line())).toBe(100_000);
    expect(availableOf(line({ reservedKopecks: 30_000, spentKopecks: 45_000 }))).toBe(25_000);
    expect(availableOf({ allocatedKopecks: 10, reservedKopecks: 5, spentKopecks: 5 })).toBe(0);
  });
});

describe('reserve', () => {
  it('adds to the reservation and leaves the rest alone', () => {
    const before = line({ spentKopecks: 10_000 });
    const after = reserve(before, 30_000);
    expect(after).toEqual({ ...before, reservedKopecks: 30_000 });
    expect(availableOf(after)).toBe(60_000);
    expect(before.reservedKopecks).toBe(0);
  });

  it('may take exactly what is left', () => {
    expect(availableOf(reserve(line({ reservedKopecks: 40_000 }), 60_000))).toBe(0);
  });

  it('refuses more than is left', () => {
    expect(() => reserve(line({ reservedKopecks: 40_000 }), 60_001)).toThrow(BudgetRuleError);
    expect(() => reserve(line({ reservedKopecks: 40_000 }), 60_001)).toThrow('has 600.00 RUB left, 600.01 RUB asked');
  });

  it('refuses a zero or negative reservation', () => {
    expect(() => reserve(line(), 0)).toThrow(BudgetRuleError);
    expect(() => reserve(line(), -1)).toThrow(BudgetRuleError);
  });
});

describe('settle', () => {
  it('turns the reservation into spending; a cheaper actual releases the difference', () => {
    const settled = settle(line({ reservedKopecks: 30_000 }), 30_000, 25_000);
    expect(settled).toMatchObject({ reservedKopecks: 0, spentKopecks: 25_000, allocatedKopecks: 100_000 });
    expect(availableOf(settled)).toBe(75_000);
  });

  it('settles at exactly the reserved amount, or at zero', () => {
    expect(settle(line({ reservedKopecks: 30_000 }), 30_000, 30_000)).toMatchObject({ reservedKopecks: 0, spentKopecks: 30_000 });
    expect(settle(line({ reservedKopecks: 30_000 }), 30_000, 0)).toMatchObject({ reservedKopecks: 0, spentKopecks: 0 });
  });

  it('settles only its own reservation when others are outstanding', () => {
    expect(settle(line({ reservedKopecks: 50_000, spentKopecks: 10_000 }), 20_000, 15_000)).toMatchObject({ reservedKopecks: 30_000, spentKopecks: 25_000 });
  });

  it('accepts a dearer actual when the difference is available', () => {
    const before = line({ reservedKopecks: 30_000, spentKopecks: 60_000 });
    const settled = settle(before, 30_000, 40_000);
    expect(settled).toMatchObject({ reservedKopecks: 0, spentKopecks: 100_000 });
    expect(availableOf(settled)).toBe(0);
  });

  it('refuses a dearer actual when the difference is not available', () => {
    const before = line({ reservedKopecks: 30_000, spentKopecks: 60_000 });
    expect(() => settle(before, 30_000, 40_001)).toThrow(BudgetRuleError);
    expect(() => settle(before, 30_000, 40_001)).toThrow('has 100.00 RUB left, 100.01 RUB asked');
  });

  it('refuses a negative actual cost', () => {
    expect(() => settle(line({ reservedKopecks: 30_000 }), 30_000, -1)).toThrow(BudgetRuleError);
  });
});

describe('money moves', () => {
  it('keep allocated = available + reserved + spent: available moves by -(reserved + spent)', () => {
    expect(availableDelta(moneyMoves.reserve(30_000))).toBe(-30_000);
    expect(availableDelta(moneyMoves.settle(30_000, 25_000))).toBe(5_000);
    expect(availableDelta(moneyMoves.settle(30_000, 40_000))).toBe(-10_000);
    expect(availableDelta(moneyMoves.release(30_000))).toBe(30_000);
  });

  it('refuse to give back more than the line holds reserved', () => {
    expect(() => release(line({ reservedKopecks: 10_000 }), 10_001)).toThrow('a reservation of 100.01 RUB is not held');
    expect(() => settle(line({ reservedKopecks: 10_000 }), 10_001, 0)).toThrow(BudgetRuleError);
  });

  it('refuse amounts that are not whole kopecks', () => {
    expect(() => moneyMoves.reserve(1.5)).toThrow(BudgetRuleError);
    expect(() => moneyMoves.settle(100, 0.5)).toThrow(BudgetRuleError);
    expect(() => moneyMoves.release(-1)).toThrow(BudgetRuleError);
  });
});

describe('release', () => {
  it('gives the reservation back', () => {
    const released = release(line({ reservedKopecks: 50_000, spentKopecks: 10_000 }), 20_000);
    expect(released).toMatchObject({ reservedKopecks: 30_000, spentKopecks: 10_000, allocatedKopecks: 100_000 });
    expect(availableOf(released)).toBe(60_000);
  });
});

describe('reallocate', () => {
  it('raises or lowers the allocation', () => {
    expect(reallocate(line({ reservedKopecks: 30_000 }), 150_000)).toMatchObject({ allocatedKopecks: 150_000, reservedKopecks: 30_000 });
    expect(reallocate(line({ reservedKopecks: 30_000 }), 40_000)).toMatchObject({ allocatedKopecks: 40_000 });
    expect(reallocate(line(), 0)).toMatchObject({ allocatedKopecks: 0 });
  });

  it('may lower it to exactly what is reserved and spent, not below', () => {
    const busy = line({ reservedKopecks: 30_000, spentKopecks: 20_000 });
    expect(availableOf(reallocate(busy, 50_000))).toBe(0);
    expect(() => reallocate(busy, 49_999)).toThrow(BudgetRuleError);
    expect(() => reallocate(busy, 49_999)).toThrow('already has 500.00 RUB reserved or spent: the allocation can be that or more');
  });

  it('refuses a negative allocation', () => {
    expect(() => reallocate(line(), -1)).toThrow(BudgetRuleError);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: random operations never break reserved + spent <= allocated.

type Op =
  | { readonly kind: 'reserve'; readonly amount: number }
  | { readonly kind: 'settle'; readonly pick: number; readonly actual: number }
  | { readonly kind: 'release'; readonly pick: number }
  | { readonly kind: 'reallocate'; readonly allocated: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('reserve' as const), amount: fc.integer({ min: -1_000, max: 400_000 }) }),
  fc.record({ kind: fc.constant('settle' as const), pick: fc.nat(), actual: fc.integer({ min: -1_000, max: 600_000 }) }),
  fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('reallocate' as const), allocated: fc.integer({ min: -1_000, max: 2_000_000 }) }),
);

/** Applies a rule; a BudgetRuleError means the operation is refused and the line stays as it was. */
function orRefused(current: BudgetLine, apply: () => BudgetLine): { line: BudgetLine; refused: boolean } {
  try {
    return { line: apply(), refused: false };
  } catch (error) {
    if (error instanceof BudgetRuleError) return { line: current, refused: true };
    throw error;
  }
}

function expectInvariant(l: BudgetLine): void {
  expect(l.allocatedKopecks).toBeGreaterThanOrEqual(0);
  expect(l.reservedKopecks).toBeGreaterThanOrEqual(0);
  expect(l.spentKopecks).toBeGreaterThanOrEqual(0);
  expect(l.reservedKopecks + l.spentKopecks).toBeLessThanOrEqual(l.allocatedKopecks);
  expect(availableOf(l)).toBeGreaterThanOrEqual(0);
}

describe('budget line (property)', () => {
  it('keeps reserved + spent <= allocated, all >= 0, through any sequence of operations', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.array(op, { maxLength: 60 }), (allocated, ops) => {
        let current = line({ allocatedKopecks: allocated });
        /** Reservations of open tasks, as the task store would hold them. */
        const open: number[] = [];
        let spent = 0;
        expectInvariant(current);
        for (const o of ops) {
          const before = current;
          let outcome: { line: BudgetLine; refused: boolean };
          switch (o.kind) {
            case 'reserve':
              outcome = orRefused(current, () => reserve(current, o.amount));
              if (!outcome.refused) open.push(o.amount);
              break;
            case 'settle': {
              if (!open.length) continue;
              const i = o.pick % open.length;
              outcome = orRefused(current, () => settle(current, open[i]!, o.actual));
              if (!outcome.refused) {
                open.splice(i, 1);
                spent += o.actual;
              }
              break;
            }
            case 'release': {
              if (!open.length) continue;
              const i = o.pick % open.length;
              outcome = orRefused(current, () => release(current, open[i]!));
              if (!outcome.refused) open.splice(i, 1);
              break;
            }
            case 'reallocate':
              outcome = orRefused(current, () => reallocate(current, o.allocated));
              break;
          }
          current = outcome.line;
          if (outcome.refused) expect(current).toBe(before);
          expectInvariant(current);
          // the line agrees with the open tasks and the settled costs
          expect(current.reservedKopecks).toBe(open.reduce((s, v) => s + v, 0));
          expect(current.spentKopecks).toBe(spent);
        }
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Property: one task per occasion per year, however often the daily planning runs.

const idText = fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/);
const birthDate: fc.Arbitrary<IsoDate> = fc.oneof(
  fc.integer({ min: 0, max: 365 * 120 }).map((n) => addDays('1920-01-01', n)),
  fc.constantFrom('1960-02-29', '1988-02-29', '2000-02-29', '1975-01-01', '1975-12-31', '1980-02-28', '1980-03-01'),
);
const occasionArb = fc.record({ accountId: idText, sourceId: idText, originalDate: birthDate });
const leapRule: fc.Arbitrary<LeapDayRule> = fc.constantFrom('feb-28', 'mar-01');

function daysOfYear(year: number): IsoDate[] {
  const days: IsoDate[] = [];
  for (let day = `${year}-01-01`; day <= `${year}-12-31`; day = addDays(day, 1)) days.push(day);
  return days;
}

describe('gift task ids (property)', () => {
  it('running the daily planning on every day of a year yields exactly one task id per occasion-year', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(occasionArb, { minLength: 1, maxLength: 8, selector: (o) => `${o.accountId}|${o.sourceId}` }),
        fc.integer({ min: 2024, max: 2104 }),
        leapRule,
        (occasions, year, rule) => {
          const days = daysOfYear(year);
          expect(days).toHaveLength(daysInMonth(year, 2) === 29 ? 366 : 365);
          const all = new Set<string>();
          for (const o of occasions) {
            const byYear = new Map<string, Set<string>>();
            for (const day of days) {
              const occurrence = nextOccurrence(o.originalDate, day, rule);
              const id = giftTaskId(o.accountId, o.sourceId, occurrence);
              const ids = byYear.get(occurrence.slice(0, 4)) ?? new Set<string>();
              ids.add(id);
              byYear.set(occurrence.slice(0, 4), ids);
              all.add(id);
              expect(accountOfTask(id)).toBe(o.accountId);
            }
            for (const ids of byYear.values()) expect(ids.size).toBe(1);
            // this year's occurrence, plus next year's unless this year's falls on 31 December
            const thisYear = occurrenceIn(o.originalDate, year, rule);
            const expected = [giftTaskId(o.accountId, o.sourceId, thisYear)];
            if (thisYear < `${year}-12-31`) expected.push(giftTaskId(o.accountId, o.sourceId, occurrenceIn(o.originalDate, year + 1, rule)));
            expect([...byYear.values()].flatMap((ids) => [...ids]).sort()).toEqual(expected.sort());
          }
          // distinct occasions never share an id
          const perOccasion = occasions.map((o) => (occurrenceIn(o.originalDate, year, rule) < `${year}-12-31` ? 2 : 1));
          expect(all.size).toBe(perOccasion.reduce((s: number, n) => s + n, 0));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('random run days within a year collapse to at most one id per occasion-year', () => {
    fc.assert(
      fc.property(occasionArb, fc.integer({ min: 2024, max: 2104 }), leapRule, fc.array(fc.integer({ min: 0, max: 364 }), { minLength: 1, maxLength: 50 }), (o, year, rule, offsets) => {
        const ids = new Map<string, Set<string>>();
        for (const offset of offsets) {
          const occurrence = nextOccurrence(o.originalDate, addDays(`${year}-01-01`, offset), rule);
          const set = ids.get(occurrence.slice(0, 4)) ?? new Set<string>();
          set.add(giftTaskId(o.accountId, o.sourceId, occurrence));
          ids.set(occurrence.slice(0, 4), set);
        }
        for (const set of ids.values()) expect(set.size).toBe(1);
        expect(ids.size).toBeLessThanOrEqual(2);
      }),
    );
  });
});
