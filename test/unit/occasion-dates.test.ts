import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { monthDayOf, monthDaysBetween, nextOccurrence, occurrenceIn, type LeapDayRule } from '../../shared/domain/gifts/occasion-dates.ts';
import { localDateOf } from '../../shared/domain/local-date.ts';
import { addDays, daysBetween, daysInMonth, type IsoDate } from '../../shared/domain/calendar-date.ts';

describe('occurrenceIn', () => {
  it('puts a normal birthday on the same month-day of the year', () => {
    expect(occurrenceIn('1980-06-15', 2027, 'feb-28')).toBe('2027-06-15');
    expect(occurrenceIn('1980-06-15', 2028, 'mar-01')).toBe('2028-06-15');
  });

  it('moves a 29 February birthday in a common year by the rule', () => {
    expect(occurrenceIn('1988-02-29', 2027, 'feb-28')).toBe('2027-02-28');
    expect(occurrenceIn('1988-02-29', 2027, 'mar-01')).toBe('2027-03-01');
    expect(occurrenceIn('1988-02-29', 2100, 'feb-28')).toBe('2100-02-28');
  });

  it('keeps 29 February in a leap year under either rule', () => {
    expect(occurrenceIn('1988-02-29', 2028, 'feb-28')).toBe('2028-02-29');
    expect(occurrenceIn('1988-02-29', 2028, 'mar-01')).toBe('2028-02-29');
    expect(occurrenceIn('1988-02-29', 2000, 'mar-01')).toBe('2000-02-29');
  });
});

describe('nextOccurrence', () => {
  it('gives this year when the birthday is still ahead or today', () => {
    expect(nextOccurrence('1980-06-15', '2027-06-01', 'feb-28')).toBe('2027-06-15');
    expect(nextOccurrence('1980-06-15', '2027-06-15', 'feb-28')).toBe('2027-06-15');
  });

  it('gives next year once the birthday has passed', () => {
    expect(nextOccurrence('1980-06-15', '2027-06-16', 'feb-28')).toBe('2028-06-15');
  });

  it('crosses the year boundary: a January birthday seen from late December is next year', () => {
    expect(nextOccurrence('1975-01-03', '2026-12-20', 'feb-28')).toBe('2027-01-03');
    expect(nextOccurrence('1975-01-01', '2026-12-31', 'mar-01')).toBe('2027-01-01');
  });

  it('moves a 29 February birthday in a common year and keeps it in a leap year', () => {
    expect(nextOccurrence('1988-02-29', '2027-02-01', 'feb-28')).toBe('2027-02-28');
    expect(nextOccurrence('1988-02-29', '2027-02-01', 'mar-01')).toBe('2027-03-01');
    expect(nextOccurrence('1988-02-29', '2028-02-01', 'feb-28')).toBe('2028-02-29');
    expect(nextOccurrence('1988-02-29', '2028-02-01', 'mar-01')).toBe('2028-02-29');
    // Seen from 1 March of a common year under feb-28, this year's (28 Feb) has passed: next is the leap day.
    expect(nextOccurrence('1988-02-29', '2027-03-01', 'feb-28')).toBe('2028-02-29');
    expect(nextOccurrence('1988-02-29', '2027-03-01', 'mar-01')).toBe('2027-03-01');
  });
});

describe('monthDaysBetween', () => {
  it('spans a year boundary', () => {
    expect(monthDaysBetween('2026-12-28', '2027-01-03', 'feb-28')).toEqual(['12-28', '12-29', '12-30', '12-31', '01-01', '01-02', '01-03']);
  });

  it('gives a single day its own key', () => {
    expect(monthDaysBetween('2027-06-15', '2027-06-15', 'feb-28')).toEqual(['06-15']);
  });

  it("includes '02-29' on 28 February of a common year under feb-28", () => {
    expect(monthDaysBetween('2027-02-28', '2027-02-28', 'feb-28')).toEqual(['02-28', '02-29']);
    expect(monthDaysBetween('2027-03-01', '2027-03-01', 'feb-28')).toEqual(['03-01']);
  });

  it("includes '02-29' on 1 March of a common year under mar-01", () => {
    expect(monthDaysBetween('2027-03-01', '2027-03-01', 'mar-01')).toEqual(['03-01', '02-29']);
    expect(monthDaysBetween('2027-02-28', '2027-02-28', 'mar-01')).toEqual(['02-28']);
  });

  it("does not add '02-29' on 28 February or 1 March of a leap year (29 February is its own day)", () => {
    expect(monthDaysBetween('2028-02-28', '2028-02-28', 'feb-28')).toEqual(['02-28']);
    expect(monthDaysBetween('2028-03-01', '2028-03-01', 'mar-01')).toEqual(['03-01']);
    expect(monthDaysBetween('2028-02-27', '2028-03-01', 'feb-28')).toEqual(['02-27', '02-28', '02-29', '03-01']);
  });

  it('is empty when from is after to', () => {
    expect(monthDaysBetween('2027-01-02', '2027-01-01', 'feb-28')).toEqual([]);
  });
});

describe('localDateOf', () => {
  it('reads dates in Europe/Warsaw around the spring DST change (2027-03-28)', () => {
    expect(localDateOf(new Date('2027-03-27T22:30:00Z'), 'Europe/Warsaw')).toBe('2027-03-27');
    expect(localDateOf(new Date('2027-03-27T23:30:00Z'), 'Europe/Warsaw')).toBe('2027-03-28');
    expect(localDateOf(new Date('2027-03-28T01:30:00Z'), 'Europe/Warsaw')).toBe('2027-03-28');
    expect(localDateOf(new Date('2027-03-28T21:59:00Z'), 'Europe/Warsaw')).toBe('2027-03-28');
    expect(localDateOf(new Date('2027-03-28T22:00:00Z'), 'Europe/Warsaw')).toBe('2027-03-29');
  });

  it('reads dates in Europe/Warsaw around the autumn DST change (2027-10-31)', () => {
    expect(localDateOf(new Date('2027-10-30T21:59:00Z'), 'Europe/Warsaw')).toBe('2027-10-30');
    expect(localDateOf(new Date('2027-10-30T22:00:00Z'), 'Europe/Warsaw')).toBe('2027-10-31');
    expect(localDateOf(new Date('2027-10-31T00:30:00Z'), 'Europe/Warsaw')).toBe('2027-10-31');
    expect(localDateOf(new Date('2027-10-31T01:30:00Z'), 'Europe/Warsaw')).toBe('2027-10-31');
    expect(localDateOf(new Date('2027-10-31T22:59:00Z'), 'Europe/Warsaw')).toBe('2027-10-31');
    expect(localDateOf(new Date('2027-10-31T23:00:00Z'), 'Europe/Warsaw')).toBe('2027-11-01');
  });

  it('reads New Year in Asia/Irkutsk (UTC+8) while UTC is still in the old year', () => {
    expect(localDateOf(new Date('2026-12-31T19:00:00Z'), 'Asia/Irkutsk')).toBe('2027-01-01');
    expect(localDateOf(new Date('2026-12-31T15:59:59Z'), 'Asia/Irkutsk')).toBe('2026-12-31');
    expect(localDateOf(new Date('2026-12-31T16:00:00Z'), 'Asia/Irkutsk')).toBe('2027-01-01');
  });
});

const epoch = '1900-01-01';
const anyDate: fc.Arbitrary<IsoDate> = fc.integer({ min: 0, max: daysBetween(epoch, '2199-12-31') }).map((n) => addDays(epoch, n));
const leapYears = Array.from({ length: 300 }, (_, i) => 1900 + i).filter((y) => daysInMonth(y, 2) === 29);
const leapBirthday: fc.Arbitrary<IsoDate> = fc.constantFrom(...leapYears).map((y) => `${y}-02-29`);
const birthDate: fc.Arbitrary<IsoDate> = fc.oneof(anyDate, leapBirthday);
const leapRule: fc.Arbitrary<LeapDayRule> = fc.constantFrom('feb-28', 'mar-01');

describe('nextOccurrence (property)', () => {
  it('is on or after the day, within 366 days, on the original month-day or its leap-rule substitute', () => {
    fc.assert(
      fc.property(birthDate, anyDate, leapRule, (original, day, rule) => {
        const next = nextOccurrence(original, day, rule);
        expect(next >= day).toBe(true);
        expect(daysBetween(day, next)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(day, next)).toBeLessThanOrEqual(366);
        const year = Number(next.slice(0, 4));
        const expectedMonthDay =
          monthDayOf(original) === '02-29' && daysInMonth(year, 2) === 28 ? (rule === 'feb-28' ? '02-28' : '03-01') : monthDayOf(original);
        expect(monthDayOf(next)).toBe(expectedMonthDay);
        // and it is the first one: this year's occurrence, unless that has already passed
        const thisYear = occurrenceIn(original, Number(day.slice(0, 4)), rule);
        expect(next).toBe(thisYear >= day ? thisYear : occurrenceIn(original, Number(day.slice(0, 4)) + 1, rule));
      }),
      { numRuns: 2000 },
    );
  });

  it('the occurrence falls on a day monthDaysBetween lists under the original key', () => {
    fc.assert(
      fc.property(birthDate, anyDate, leapRule, (original, day, rule) => {
        const next = nextOccurrence(original, day, rule);
        expect(monthDaysBetween(next, next, rule)).toContain(monthDayOf(original));
      }),
      { numRuns: 1000 },
    );
  });
});
