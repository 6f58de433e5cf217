import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addWorkingDays, isWorkingDay } from '../../shared/domain/surveys/working-days.ts';
import { caseActionOn, caseDates, isOverdue } from '../../shared/domain/surveys/closed-loop.ts';
import { addDays, daysBetween } from '../../shared/domain/calendar-date.ts';

// 2027-01-15 is a Friday.
describe('working days', () => {
  it('are Monday to Friday', () => {
    expect(['2027-01-11', '2027-01-12', '2027-01-13', '2027-01-14', '2027-01-15'].every((d) => isWorkingDay(d))).toBe(true);
    expect(isWorkingDay('2027-01-16')).toBe(false);
    expect(isWorkingDay('2027-01-17')).toBe(false);
  });

  it('skip the weekend', () => {
    expect(addWorkingDays('2027-01-14', 1)).toBe('2027-01-15'); // Thu -> Fri
    expect(addWorkingDays('2027-01-15', 1)).toBe('2027-01-18'); // Fri -> Mon
    expect(addWorkingDays('2027-01-15', 2)).toBe('2027-01-19'); // Fri -> Tue
    expect(addWorkingDays('2027-01-16', 1)).toBe('2027-01-18'); // Sat -> Mon
    expect(addWorkingDays('2027-01-17', 2)).toBe('2027-01-19'); // Sun -> Tue
    expect(addWorkingDays('2027-01-13', 0)).toBe('2027-01-13');
  });

  it('skip holidays a caller passes in, like weekends', () => {
    expect(addWorkingDays('2027-01-15', 1, new Set(['2027-01-18']))).toBe('2027-01-19');
  });

  it('refuse a negative or fractional count', () => {
    expect(() => addWorkingDays('2027-01-15', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2027-01-15', 1.5)).toThrow(RangeError);
  });

  it('land on a working day with exactly n working days in between (property)', () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2026-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 30 }), (start, n) => {
        const end = addWorkingDays(start, n);
        expect(isWorkingDay(end)).toBe(true);
        const between = Array.from({ length: daysBetween(start, end) }, (_, i) => addDays(start, i + 1)).filter((d) => isWorkingDay(d));
        expect(between.length).toBe(n);
      }),
    );
  });
});

describe('case dates and the daily action', () => {
  const sla = { slaWorkingDays: 2, reminderAfterWorkingDays: 1 };
  const open = (dates: ReturnType<typeof caseDates>) => ({ state: 'open' as const, dates, reminded: false, escalated: false });

  it('answered on a Friday: reminder Monday, due Tuesday, escalation Wednesday', () => {
    expect(caseDates('2027-01-15', sla)).toEqual({ remindOn: '2027-01-18', dueOn: '2027-01-19', escalateOn: '2027-01-20' });
  });

  it('answered on a Wednesday: reminder Thursday, due Friday, escalation Monday', () => {
    expect(caseDates('2027-01-13', sla)).toEqual({ remindOn: '2027-01-14', dueOn: '2027-01-15', escalateOn: '2027-01-18' });
  });

  it('reminds on the reminder day, escalates once the due day has passed, and only while not contacted', () => {
    const dates = caseDates('2027-01-15', sla);
    expect(caseActionOn('2027-01-15', open(dates))).toBe('none');
    expect(caseActionOn('2027-01-17', open(dates))).toBe('none');
    expect(caseActionOn('2027-01-18', open(dates))).toBe('remind');
    expect(caseActionOn('2027-01-19', { ...open(dates), reminded: true })).toBe('none');
    expect(caseActionOn('2027-01-20', { ...open(dates), reminded: true })).toBe('escalate');
    expect(caseActionOn('2027-01-21', { ...open(dates), reminded: true, escalated: true })).toBe('none');
    // A run that missed the reminder day escalates straight away once the SLA is gone.
    expect(caseActionOn('2027-01-25', open(dates))).toBe('escalate');
    expect(caseActionOn('2027-01-20', { ...open(dates), state: 'contacted' })).toBe('none');
    expect(caseActionOn('2027-01-20', { ...open(dates), state: 'resolved' })).toBe('none');
  });

  it('is overdue after the due day while not contacted', () => {
    const dates = caseDates('2027-01-15', sla);
    expect(isOverdue(open(dates), '2027-01-19')).toBe(false);
    expect(isOverdue(open(dates), '2027-01-20')).toBe(true);
    expect(isOverdue({ ...open(dates), state: 'contacted' }, '2027-01-25')).toBe(false);
  });
});
