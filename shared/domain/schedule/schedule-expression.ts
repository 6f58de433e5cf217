import { DateTime } from 'luxon';
import { daysInMonth } from './cron-calendar.ts';
import { parseCronBody, type CronExpression } from './cron-fields.ts';
import { nextCronFireTimes } from './cron-schedule.ts';
import { InvalidScheduleExpressionError } from './schedule-expression-error.ts';
import { firstInstantAt, loadZone, naiveMs, type WallTime } from './zoned-wall-time.ts';

export { InvalidScheduleExpressionError } from './schedule-expression-error.ts';
export type { CronExpression, CronFieldName, DayRule } from './cron-fields.ts';
export type { WallTime } from './zoned-wall-time.ts';

export type RateUnit = 'minutes' | 'hours' | 'days';

export interface CronScheduleExpression {
  readonly type: 'cron';
  readonly expression: string;
  readonly cron: CronExpression;
}

export interface RateScheduleExpression {
  readonly type: 'rate';
  readonly expression: string;
  readonly value: number;
  readonly unit: RateUnit;
}

export interface AtScheduleExpression {
  readonly type: 'at';
  readonly expression: string;
  /** Local date-time in the schedule's time zone. */
  readonly at: WallTime;
}

export type ScheduleExpression = CronScheduleExpression | RateScheduleExpression | AtScheduleExpression;

export interface NextFireTimesOptions {
  /** IANA zone the expression is evaluated in (ScheduleExpressionTimezone). */
  readonly timeZone: string;
  /** Only instants strictly after this one are returned. */
  readonly from: Date;
  readonly count: number;
  /** The schedule's StartDate; ignored for at(), as EventBridge Scheduler does. */
  readonly startDate?: Date;
}

const UNIT_MS: Record<RateUnit, number> = {
  minutes: 60_000,
  hours: 3_600_000,
  // AWS: for rate() a day is a fixed 24-hour duration, not a calendar day, so
  // it drifts against local time across DST changes.
  days: 86_400_000,
};

const SINGULAR: Record<RateUnit, string> = { minutes: 'minute', hours: 'hour', days: 'day' };

/** Largest millisecond value a Date can hold (ECMAScript time value range). */
const MAX_DATE_MS = 8.64e15;

export function parseScheduleExpression(expr: string): ScheduleExpression {
  const match = /^(cron|rate|at)\((.*)\)$/s.exec(expr);
  const kind = match?.[1];
  const body = match?.[2] ?? '';
  switch (kind) {
    case 'cron':
      return { type: 'cron', expression: expr, cron: parseCronBody(body, expr) };
    case 'rate':
      return parseRate(body, expr);
    case 'at':
      return parseAt(body, expr);
    default:
      throw new InvalidScheduleExpressionError(expr, 'schedule expression: expected cron(...), rate(...) or at(...)');
  }
}

function parseRate(body: string, expr: string): RateScheduleExpression {
  const fail = (detail: string): never => {
    throw new InvalidScheduleExpressionError(expr, detail);
  };
  const match = /^(\S+) (\S+)$/.exec(body);
  if (match?.[1] === undefined || match[2] === undefined) {
    return fail('rate expression: expected "rate(<value> <unit>)", e.g. rate(5 minutes)');
  }
  const valueText = match[1];
  const unitText = match[2];
  const value = Number(valueText);
  if (!/^\d+$/.test(valueText) || !Number.isSafeInteger(value) || value < 1) {
    fail(`rate field "value": expected a positive integer, got "${valueText}"`);
  }
  const unit = (Object.keys(SINGULAR) as RateUnit[]).find((u) => u === unitText || SINGULAR[u] === unitText);
  if (unit === undefined) {
    return fail(`rate field "unit": expected minute(s), hour(s) or day(s), got "${unitText}"`);
  }
  // AWS requires the singular exactly when the value is 1: rate(1 hours) and
  // rate(5 hour) are both rejected.
  const expected = value === 1 ? SINGULAR[unit] : unit;
  if (unitText !== expected) {
    fail(`rate field "unit": expected "${expected}" because value is ${value}, got "${unitText}"`);
  }
  return { type: 'rate', expression: expr, value, unit };
}

function parseAt(body: string, expr: string): AtScheduleExpression {
  const fail = (detail: string): never => {
    throw new InvalidScheduleExpressionError(expr, detail);
  };
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (match === null) return fail('at expression: expected "at(yyyy-mm-ddThh:mm:ss)"');
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const check = (field: string, value: number, min: number, max: number): void => {
    if (value < min || value > max) {
      fail(`at field "${field}": expected ${String(min).padStart(2, '0')}-${max}, got "${String(value).padStart(2, '0')}"`);
    }
  };
  check('month', month, 1, 12);
  check('day', day, 1, daysInMonth(year, month));
  check('hour', hour, 0, 23);
  check('minute', minute, 0, 59);
  check('second', second, 0, 59);
  return { type: 'at', expression: expr, at: { year, month, day, hour, minute, second } };
}

/**
 * The next `count` instants at which EventBridge Scheduler would invoke the
 * target, strictly after `from`, oldest first. Fewer are returned when the
 * schedule ends (at() already past, or the cron year range exhausted).
 */
export function nextFireTimes(expr: string | ScheduleExpression, opts: NextFireTimesOptions): Date[] {
  const schedule = typeof expr === 'string' ? parseScheduleExpression(expr) : expr;
  const zone = loadZone(opts.timeZone);
  const fromMs = opts.from.getTime();
  if (Number.isNaN(fromMs)) throw new RangeError('nextFireTimes: "from" is an invalid Date');
  if (!Number.isInteger(opts.count) || opts.count < 0) {
    throw new RangeError(`nextFireTimes: "count" must be a non-negative integer, got ${opts.count}`);
  }
  const startMs = opts.startDate?.getTime();
  if (startMs !== undefined && Number.isNaN(startMs)) throw new RangeError('nextFireTimes: "startDate" is an invalid Date');
  if (opts.count === 0) return [];

  switch (schedule.type) {
    case 'cron': {
      // StartDate is inclusive ("on, or after"), `from` exclusive; fire times are
      // whole seconds, so "at or after startMs" is "after startMs - 1".
      const afterMs = startMs === undefined ? fromMs : Math.max(fromMs, startMs - 1);
      return nextCronFireTimes(schedule.cron, zone, afterMs, opts.count).map((ms) => new Date(ms));
    }
    case 'rate':
      return nextRateFireTimes(schedule, fromMs, startMs, opts.count);
    case 'at': {
      // A one-time schedule in a DST gap is skipped like a cron time would be.
      const instant = firstInstantAt(zone, naiveMs(schedule.at));
      return instant !== null && instant > fromMs ? [new Date(instant)] : [];
    }
  }
}

/**
 * AWS starts a rate schedule at its StartDate, or immediately on creation when
 * there is none, then repeats every N units. Without a startDate we treat
 * `from` as the creation instant, so the first fire returned is from + N
 * (the creation-time fire itself is not strictly after `from`).
 */
function nextRateFireTimes(rate: RateScheduleExpression, fromMs: number, startMs: number | undefined, count: number): Date[] {
  const anchor = startMs ?? fromMs;
  const stepMs = rate.value * UNIT_MS[rate.unit];
  const firstIndex = anchor > fromMs ? 0 : Math.floor((fromMs - anchor) / stepMs) + 1;
  const fires: Date[] = [];
  for (let i = firstIndex; fires.length < count; i++) {
    const instant = anchor + i * stepMs;
    if (instant > MAX_DATE_MS) break;
    fires.push(new Date(instant));
  }
  return fires;
}

/** ISO-8601 renderings of a fire instant: UTC (`Z`) and local with its offset. */
export function describeFireTime(d: Date, timeZone: string): { utc: string; local: string } {
  const zone = loadZone(timeZone);
  const ms = d.getTime();
  if (Number.isNaN(ms)) throw new RangeError('describeFireTime: invalid Date');
  const iso = (dt: DateTime): string => dt.toISO({ suppressMilliseconds: true }) ?? '';
  return {
    utc: iso(DateTime.fromMillis(ms, { zone: 'utc' })),
    local: iso(DateTime.fromMillis(ms, { zone })),
  };
}
