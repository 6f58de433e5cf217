import { addDays, daysInMonth, type IsoDate } from '../calendar-date.ts';

export type LeapDayRule = 'feb-28' | 'mar-01';

/** Month-day key of the occasion index, e.g. "02-29". */
export type MonthDay = string;

export function monthDayOf(date: IsoDate): MonthDay {
  return date.slice(5, 10);
}

/** The date an occasion (birthday, anniversary) falls on in `year`; 29 February moves in common years. */
export function occurrenceIn(original: IsoDate, year: number, leapRule: LeapDayRule): IsoDate {
  const monthDay = monthDayOf(original);
  if (monthDay === '02-29' && daysInMonth(year, 2) === 28) return leapRule === 'feb-28' ? `${year}-02-28` : `${year}-03-01`;
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

/** The first occurrence on or after `day` (so a 3 January birthday seen from 20 December is next year's). */
export function nextOccurrence(original: IsoDate, day: IsoDate, leapRule: LeapDayRule): IsoDate {
  const year = Number(day.slice(0, 4));
  const thisYear = occurrenceIn(original, year, leapRule);
  return thisYear >= day ? thisYear : occurrenceIn(original, year + 1, leapRule);
}

/**
 * The month-day keys whose occasions can fall in [from, to]: each day's own key, plus "02-29"
 * on the day 29 February birthdays are moved to in a common year.
 */
export function monthDaysBetween(from: IsoDate, to: IsoDate, leapRule: LeapDayRule): MonthDay[] {
  const keys = new Set<MonthDay>();
  for (let day = from; day <= to; day = addDays(day, 1)) {
    keys.add(monthDayOf(day));
    const year = Number(day.slice(0, 4));
    if (daysInMonth(year, 2) === 28 && monthDayOf(day) === (leapRule === 'feb-28' ? '02-28' : '03-01')) keys.add('02-29');
  }
  return [...keys];
}
