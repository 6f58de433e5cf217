import { InvalidArgumentError } from 'commander';
import { DateTime } from 'luxon';
import { isRealDate } from '../shared/domain/calendar-date.ts';
import { localDateOf } from '../shared/domain/local-date.ts';

export function parseInstant(value: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(date.getTime()))
    throw new InvalidArgumentError('expected an ISO instant with a zone, e.g. 2027-01-01T03:00:00+08:00 or 2026-12-31T19:00:00Z');
  return date;
}

export function parseDate(value: string): string {
  if (!isRealDate(value)) throw new InvalidArgumentError('expected a date YYYY-MM-DD');
  return value;
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

/**
 * Every `--from`/`--to` takes the same two forms: a day (YYYY-MM-DD, in the programme's time zone)
 * or an instant with a zone. Each command reads it as it needs: a day, or an instant.
 */
export type DayOrInstant = { readonly day: string; readonly at?: undefined } | { readonly at: Date; readonly day?: undefined };

export function parseDayOrInstant(value: string): DayOrInstant {
  if (isRealDate(value)) return { day: value };
  try {
    return { at: parseInstant(value) };
  } catch {
    throw new InvalidArgumentError('expected a day YYYY-MM-DD (in the programme time zone) or an ISO instant with a zone, e.g. 2027-01-01T03:00:00+08:00');
  }
}

/** The day it names, in the programme's time zone. */
export function dayOf(value: DayOrInstant, timeZone: string): string {
  return value.day ?? localDateOf(value.at!, timeZone);
}

/** The instant it names: a day's start in the programme's time zone. */
export function instantOf(value: DayOrInstant, timeZone: string): Date {
  return value.at ?? DateTime.fromISO(value.day!, { zone: timeZone }).startOf('day').toJSDate();
}
