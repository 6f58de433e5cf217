import { addDays, type IsoDate } from '../calendar-date.ts';

/**
 * Working days are Monday to Friday. Public holidays are not modelled by default (the programme
 * config has no holiday calendar yet); a caller that knows them passes them in, and they are
 * skipped like weekends.
 */
export type Holidays = ReadonlySet<IsoDate>;

const noHolidays: Holidays = new Set();

export function isWorkingDay(date: IsoDate, holidays: Holidays = noHolidays): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}

/**
 * The `count`-th working day after `date` (`date` itself never counts, whatever day it is):
 * answered on a Friday, 1 working day later is the Monday; on a Saturday, also the Monday.
 */
export function addWorkingDays(date: IsoDate, count: number, holidays: Holidays = noHolidays): IsoDate {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`working days must be a whole number >= 0, got ${count}`);
  let day = date;
  for (let left = count; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day, holidays)) left--;
  }
  return day;
}
