import { DateTime } from 'luxon';
import type { IsoDate } from './calendar-date.ts';

/** The calendar date an instant falls on in the programme's time zone (a 03:00 run on 1 January local is still 31 December in UTC). */
export function localDateOf(instant: Date, timeZone: string): IsoDate {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate()!;
}
