import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { InvalidQuarterError, nextQuarter, parseQuarterKey, previousQuarter, quarterEnd, quarterOf, quarterStart } from '../../shared/domain/surveys/quarter.ts';
import { addDays } from '../../shared/domain/calendar-date.ts';

describe('quarters', () => {
  it('names the quarter a date falls in', () => {
    expect(quarterOf('2027-01-01')).toBe('2027-Q1');
    expect(quarterOf('2027-03-31')).toBe('2027-Q1');
    expect(quarterOf('2027-04-01')).toBe('2027-Q2');
    expect(quarterOf('2027-09-30')).toBe('2027-Q3');
    expect(quarterOf('2027-12-31')).toBe('2027-Q4');
  });

  it('knows the first and last day of a quarter, leap years included', () => {
    expect([quarterStart('2027-Q1'), quarterEnd('2027-Q1')]).toEqual(['2027-01-01', '2027-03-31']);
    expect([quarterStart('2028-Q2'), quarterEnd('2028-Q2')]).toEqual(['2028-04-01', '2028-06-30']);
    expect(quarterEnd('2027-Q4')).toBe('2027-12-31');
  });

  it('steps back and forth across a year boundary', () => {
    expect(previousQuarter('2027-Q1')).toBe('2026-Q4');
    expect(previousQuarter('2027-Q3')).toBe('2027-Q2');
    expect(nextQuarter('2026-Q4')).toBe('2027-Q1');
  });

  it('parses a quarter key and refuses anything else with the expected form', () => {
    expect(parseQuarterKey('2027-Q2')).toBe('2027-Q2');
    expect(parseQuarterKey(' 2027-q2 ')).toBe('2027-Q2');
    for (const bad of ['2027-Q5', '2027-Q0', '2027Q1', '27-Q1', '2027-01', '', 'Q1-2027'])
      expect(() => parseQuarterKey(bad)).toThrow(new InvalidQuarterError(`expected a quarter such as 2027-Q1 (year, "-Q", 1-4), got "${bad}"`));
    expect(() => quarterOf('2027-02-30')).toThrow(InvalidQuarterError);
  });

  it('every day lies between the start and the end of its quarter, and the day after the end is in the next one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), (offset) => {
        const day = addDays('2025-01-01', offset);
        const q = quarterOf(day);
        expect(quarterStart(q) <= day && day <= quarterEnd(q)).toBe(true);
        expect(quarterOf(addDays(quarterEnd(q), 1))).toBe(nextQuarter(q));
        expect(previousQuarter(nextQuarter(q))).toBe(q);
      }),
    );
  });
});
