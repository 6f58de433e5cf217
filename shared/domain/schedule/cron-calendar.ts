import type { DayRule } from './cron-fields.ts';

// Pure proleptic-Gregorian arithmetic on UTC dates: which calendar day a cron
// rule selects does not depend on the time zone, only the instant does.

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Sunday … 7 = Saturday, matching AWS day-of-week numbering. */
export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

const SUNDAY = 1;
const SATURDAY = 7;

export function matchesDay(rule: DayRule, year: number, month: number, day: number): boolean {
  switch (rule.kind) {
    case 'days-of-month':
      return rule.days.includes(day);
    case 'last-day-of-month':
      return day === daysInMonth(year, month);
    case 'nearest-weekday':
      return day === nearestWeekday(year, month, rule.day);
    case 'last-weekday-of-month':
      return day === nearestWeekday(year, month, daysInMonth(year, month));
    case 'days-of-week':
      return rule.weekdays.includes(weekdayOf(year, month, day));
    case 'last-day-of-week-in-month':
      return day + 7 > daysInMonth(year, month) && weekdayOf(year, month, day) === rule.weekday;
    case 'nth-day-of-week':
      return Math.ceil(day / 7) === rule.nth && weekdayOf(year, month, day) === rule.weekday;
  }
}

/**
 * Quartz semantics for `nW`: the weekday nearest to day n without leaving the
 * month (a Saturday 1st moves to Monday 3rd, a Sunday last day to Friday).
 * A day the month does not have (31W in April) selects nothing, just as a
 * plain `31` does.
 */
function nearestWeekday(year: number, month: number, target: number): number | null {
  const last = daysInMonth(year, month);
  if (target > last) return null;
  const weekday = weekdayOf(year, month, target);
  if (weekday === SATURDAY) return target === 1 ? 3 : target - 1;
  if (weekday === SUNDAY) return target === last ? target - 2 : target + 1;
  return target;
}
