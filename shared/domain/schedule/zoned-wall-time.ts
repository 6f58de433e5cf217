import { IANAZone } from 'luxon';
import { InvalidScheduleExpressionError } from './schedule-expression-error.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A local calendar date and clock time, not tied to any zone. */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/**
 * Wall times are handled as "naive" epoch milliseconds (the wall time read as
 * if it were UTC), which makes calendar arithmetic plain integer maths.
 */
export function naiveMs(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

export function loadZone(timeZone: string): IANAZone {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) {
    throw new InvalidScheduleExpressionError(timeZone, 'time zone: expected an IANA time zone name such as "Europe/Warsaw"');
  }
  return zone;
}

/** Naive wall-clock milliseconds of `instantMs` as seen in `zone`. */
export function wallClockOf(zone: IANAZone, instantMs: number): number {
  return instantMs + zone.offset(instantMs) * MINUTE_MS;
}

/**
 * The instant at which the wall clock in `zone` first shows `wallMs`, or null
 * when that wall time is skipped by a forward transition. Taking the earliest
 * match is what makes a repeated (fall-back) time fire once, on its first
 * occurrence, and returning null is what makes a skipped time not fire at all —
 * both as EventBridge Scheduler documents for daylight-saving changes.
 *
 * Like Temporal's GetPossibleEpochNanoseconds, this assumes a zone changes its
 * offset at most once within a day either side of the wall time.
 */
export function firstInstantAt(zone: IANAZone, wallMs: number): number | null {
  const before = zone.offset(wallMs - DAY_MS);
  const after = zone.offset(wallMs + DAY_MS);
  let earliest: number | null = null;
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wallMs - offset * MINUTE_MS;
    if (zone.offset(instant) === offset && (earliest === null || instant < earliest)) earliest = instant;
  }
  return earliest;
}

/**
 * A resolver for wall times on the local day starting at `dayStartWallMs`.
 * Most days have no transition anywhere near them, so one offset serves the
 * whole day and a cron like `* * * * ? *` costs two zone lookups per day
 * instead of several per minute.
 */
export function dayResolver(zone: IANAZone, dayStartWallMs: number): (wallMs: number) => number | null {
  const early = zone.offset(dayStartWallMs - DAY_MS);
  const late = zone.offset(dayStartWallMs + 2 * DAY_MS);
  if (early === late) {
    const shift = early * MINUTE_MS;
    return (wallMs) => wallMs - shift;
  }
  return (wallMs) => firstInstantAt(zone, wallMs);
}
