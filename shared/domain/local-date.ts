import { DateTime } from 'luxon';
import type { IsoDate } from './calendar-date.ts';

/** The calendar date an instant falls on in the programme's time zone (a 03:00 run on 1 January local is still 31 December in UTC). */
export function localDateOf(instant: Date, timeZone: string): IsoDate {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate()!;
}

/** The instant a local calendar day begins in the zone (midnight, or the first instant after a DST gap). */
export function startOfLocalDay(date: IsoDate, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone }).startOf('day').toJSDate();
}
