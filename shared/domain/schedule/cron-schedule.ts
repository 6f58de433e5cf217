import type { IANAZone } from 'luxon';
import { matchesDay, daysInMonth } from './cron-calendar.ts';
import type { CronExpression } from './cron-fields.ts';
import { dayResolver, wallClockOf } from './zoned-wall-time.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * Up to `count` fire instants of `cron` in `zone` strictly after `afterMs`.
 *
 * Walks calendar days (skipping whole years and months the expression
 * excludes), and only expands hours × minutes on days that match, so sparse
 * schedules such as `0 0 29 2 ? *` cost a few thousand cheap day checks at most
 * even when the year range runs out.
 */
export function nextCronFireTimes(cron: CronExpression, zone: IANAZone, afterMs: number, count: number): number[] {
  const fires: number[] = [];
  if (count <= 0) return fires;
  // Start a day early: a wall time on the previous local date can still lie
  // after `afterMs` in zones whose clocks go back across midnight.
  const start = toLocalDate(wallClockOf(zone, afterMs) - DAY_MS);
  for (const date of candidateDays(cron, start)) {
    const dayStart = Date.UTC(date.year, date.month - 1, date.day);
    const resolve = dayResolver(zone, dayStart);
    for (const hour of cron.hours) {
      for (const minute of cron.minutes) {
        const instant = resolve(dayStart + hour * HOUR_MS + minute * MINUTE_MS);
        if (instant === null || instant <= afterMs) continue;
        fires.push(instant);
        if (fires.length === count) return fires;
      }
    }
  }
  return fires;
}

function* candidateDays(cron: CronExpression, start: LocalDate): Generator<LocalDate> {
  for (const year of cron.years) {
    if (year < start.year) continue;
    for (const month of cron.months) {
      if (year === start.year && month < start.month) continue;
      const firstDay = year === start.year && month === start.month ? start.day : 1;
      const lastDay = daysInMonth(year, month);
      for (let day = firstDay; day <= lastDay; day++) {
        if (matchesDay(cron.day, year, month, day)) yield { year, month, day };
      }
    }
  }
}

function toLocalDate(wallMs: number): LocalDate {
  const d = new Date(wallMs);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
