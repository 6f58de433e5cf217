import { describe, it, expect } from 'vitest';
import {
  describeFireTime,
  InvalidScheduleExpressionError,
  nextFireTimes,
  parseScheduleExpression,
} from '../../shared/domain/schedule/schedule-expression.ts';

// Wednesday, so weekday-based examples have both past and future days in the week.
const FROM = '2026-06-10T12:00:00Z';

function fires(expr: string, from: string, count: number, timeZone = 'UTC', startDate?: string): string[] {
  return nextFireTimes(expr, {
    timeZone,
    from: new Date(from),
    count,
    ...(startDate === undefined ? {} : { startDate: new Date(startDate) }),
  }).map((d) => d.toISOString().replace('.000Z', 'Z'));
}

function expectInvalid(run: () => unknown, message: RegExp | string): void {
  expect(run).toThrow(InvalidScheduleExpressionError);
  expect(run).toThrow(message);
}

describe('AWS documentation cron examples (UTC)', () => {
  it('cron(0 10 * * ? *) runs at 10:00 every day', () => {
    expect(fires('cron(0 10 * * ? *)', FROM, 3)).toEqual([
      '2026-06-11T10:00:00Z',
      '2026-06-12T10:00:00Z',
      '2026-06-13T10:00:00Z',
    ]);
  });

  it('cron(15 12 * * ? *) runs at 12:15 every day, including later today', () => {
    expect(fires('cron(15 12 * * ? *)', FROM, 3)).toEqual([
      '2026-06-10T12:15:00Z',
      '2026-06-11T12:15:00Z',
      '2026-06-12T12:15:00Z',
    ]);
  });

  it('cron(0 18 ? * MON-FRI *) runs at 18:00 on weekdays only', () => {
    expect(fires('cron(0 18 ? * MON-FRI *)', FROM, 4)).toEqual([
      '2026-06-10T18:00:00Z',
      '2026-06-11T18:00:00Z',
      '2026-06-12T18:00:00Z',
      '2026-06-15T18:00:00Z',
    ]);
  });

  it('cron(0 8 1 * ? *) runs at 08:00 on the first of every month', () => {
    expect(fires('cron(0 8 1 * ? *)', FROM, 3)).toEqual([
      '2026-07-01T08:00:00Z',
      '2026-08-01T08:00:00Z',
      '2026-09-01T08:00:00Z',
    ]);
  });

  it('cron(0/10 * ? * MON-FRI *) runs every 10 minutes on weekdays, skipping the weekend', () => {
    expect(fires('cron(0/10 * ? * MON-FRI *)', '2026-06-12T23:45:00Z', 3)).toEqual([
      '2026-06-12T23:50:00Z',
      '2026-06-15T00:00:00Z',
      '2026-06-15T00:10:00Z',
    ]);
  });

  it('cron(0/5 8-17 ? * MON-FRI *) runs every 5 minutes between 08:00 and 17:55 on weekdays', () => {
    expect(fires('cron(0/5 8-17 ? * MON-FRI *)', '2026-06-12T17:52:00Z', 3)).toEqual([
      '2026-06-12T17:55:00Z',
      '2026-06-15T08:00:00Z',
      '2026-06-15T08:05:00Z',
    ]);
    const monday = fires('cron(0/5 8-17 ? * MON-FRI *)', '2026-06-15T00:00:00Z', 121);
    expect(monday[0]).toBe('2026-06-15T08:00:00Z');
    expect(monday[119]).toBe('2026-06-15T17:55:00Z');
    expect(monday[120]).toBe('2026-06-16T08:00:00Z');
  });

  it('cron(0 9 ? * 2#1 *) runs at 09:00 on the first Monday of the month', () => {
    expect(fires('cron(0 9 ? * 2#1 *)', FROM, 3)).toEqual([
      '2026-07-06T09:00:00Z',
      '2026-08-03T09:00:00Z',
      '2026-09-07T09:00:00Z',
    ]);
  });

  it('cron(0 0 L * ? *) runs on the last day of each month, February included', () => {
    expect(fires('cron(0 0 L * ? *)', FROM, 3)).toEqual([
      '2026-06-30T00:00:00Z',
      '2026-07-31T00:00:00Z',
      '2026-08-31T00:00:00Z',
    ]);
    expect(fires('cron(0 0 L 2 ? *)', FROM, 3)).toEqual([
      '2027-02-28T00:00:00Z',
      '2028-02-29T00:00:00Z',
      '2029-02-28T00:00:00Z',
    ]);
  });

  it('cron(0 0 ? * 6L *) runs on the last Friday of each month', () => {
    expect(fires('cron(0 0 ? * 6L *)', FROM, 3)).toEqual([
      '2026-06-26T00:00:00Z',
      '2026-07-31T00:00:00Z',
      '2026-08-28T00:00:00Z',
    ]);
  });

  it('cron(0 0 15W * ? *) runs on the weekday nearest the 15th', () => {
    // 2026-08-15 is a Saturday (-> Fri 14th), 2026-11-15 a Sunday (-> Mon 16th).
    expect(fires('cron(0 0 15W * ? *)', FROM, 6)).toEqual([
      '2026-06-15T00:00:00Z',
      '2026-07-15T00:00:00Z',
      '2026-08-14T00:00:00Z',
      '2026-09-15T00:00:00Z',
      '2026-10-15T00:00:00Z',
      '2026-11-16T00:00:00Z',
    ]);
  });

  it('nW never leaves the month: a Saturday 1st moves forward to Monday the 3rd', () => {
    expect(fires('cron(0 0 1W * ? *)', '2026-07-15T00:00:00Z', 1)).toEqual(['2026-08-03T00:00:00Z']);
  });

  it('cron(0 0 LW * ? *) runs on the last weekday of the month', () => {
    expect(fires('cron(0 0 LW * ? *)', FROM, 3)).toEqual([
      '2026-06-30T00:00:00Z',
      '2026-07-31T00:00:00Z',
      '2026-08-31T00:00:00Z',
    ]);
    // 2027-01-31 and 2027-02-28 are Sundays.
    expect(fires('cron(0 0 LW * ? *)', '2027-01-15T00:00:00Z', 2)).toEqual([
      '2027-01-29T00:00:00Z',
      '2027-02-26T00:00:00Z',
    ]);
  });
});

describe('other day-of-week forms', () => {
  it('a bare L in day-of-week is the last day of the week (Saturday)', () => {
    expect(fires('cron(0 0 ? * L *)', FROM, 2)).toEqual(['2026-06-13T00:00:00Z', '2026-06-20T00:00:00Z']);
  });

  it('5L is the last Thursday and 3#2 the second Tuesday of the month', () => {
    expect(fires('cron(0 0 ? * 5L *)', FROM, 3)).toEqual([
      '2026-06-25T00:00:00Z',
      '2026-07-30T00:00:00Z',
      '2026-08-27T00:00:00Z',
    ]);
    expect(fires('cron(0 0 ? * 3#2 *)', FROM, 2)).toEqual(['2026-07-14T00:00:00Z', '2026-08-11T00:00:00Z']);
  });

  it('accepts names in lists, ranges and # forms, case-insensitively', () => {
    expect(fires('cron(0 0 ? * mon#1 *)', FROM, 1)).toEqual(['2026-07-06T00:00:00Z']);
    expect(fires('cron(0 0 1 JAN,jul ? *)', FROM, 2)).toEqual(['2026-07-01T00:00:00Z', '2027-01-01T00:00:00Z']);
  });
});

describe('time zones', () => {
  it('cron(0 3 1 1 ? *) in Asia/Irkutsk fires at 19:00Z on 31 December', () => {
    const result = nextFireTimes('cron(0 3 1 1 ? *)', { timeZone: 'Asia/Irkutsk', from: new Date(FROM), count: 2 });
    expect(result.map((d) => d.toISOString())).toEqual(['2026-12-31T19:00:00.000Z', '2027-12-31T19:00:00.000Z']);
    const [first] = result;
    expect(first && describeFireTime(first, 'Asia/Irkutsk')).toEqual({
      utc: '2026-12-31T19:00:00Z',
      local: '2027-01-01T03:00:00+08:00',
    });
  });

  it('describeFireTime shows the offset in effect at that instant', () => {
    expect(describeFireTime(new Date('2027-07-01T10:00:00Z'), 'Europe/Warsaw')).toEqual({
      utc: '2027-07-01T10:00:00Z',
      local: '2027-07-01T12:00:00+02:00',
    });
  });
});

describe('daylight-saving transitions', () => {
  it('Europe/Warsaw: 02:30 is skipped on the spring-forward day (2027-03-28)', () => {
    expect(fires('cron(30 2 * * ? *)', '2027-03-26T12:00:00Z', 3, 'Europe/Warsaw')).toEqual([
      '2027-03-27T01:30:00Z',
      '2027-03-29T00:30:00Z',
      '2027-03-30T00:30:00Z',
    ]);
  });

  it('Europe/Warsaw: 02:30 happens twice on 2027-10-31 but fires once, at the first occurrence', () => {
    expect(fires('cron(30 2 * * ? *)', '2027-10-30T12:00:00Z', 3, 'Europe/Warsaw')).toEqual([
      '2027-10-31T00:30:00Z',
      '2027-11-01T01:30:00Z',
      '2027-11-02T01:30:00Z',
    ]);
    // Between the two occurrences: the repeat at 01:30Z must not fire.
    expect(fires('cron(30 2 * * ? *)', '2027-10-31T01:00:00Z', 1, 'Europe/Warsaw')).toEqual(['2027-11-01T01:30:00Z']);
  });

  it('America/New_York: 02:30 is skipped on the spring-forward day (2027-03-14)', () => {
    expect(fires('cron(30 2 * * ? *)', '2027-03-12T12:00:00Z', 2, 'America/New_York')).toEqual([
      '2027-03-13T07:30:00Z',
      '2027-03-15T06:30:00Z',
    ]);
    expect(fires('cron(* 2 14 3 ? 2027)', '2027-03-01T00:00:00Z', 1, 'America/New_York')).toEqual([]);
  });

  it('America/New_York: the repeated 01:xx hour on 2026-11-01 fires only in its first pass', () => {
    expect(fires('cron(30 1 * * ? *)', '2026-10-31T12:00:00Z', 2, 'America/New_York')).toEqual([
      '2026-11-01T05:30:00Z',
      '2026-11-02T06:30:00Z',
    ]);
    expect(fires('cron(0/15 1 * * ? *)', '2026-11-01T04:00:00Z', 5, 'America/New_York')).toEqual([
      '2026-11-01T05:00:00Z',
      '2026-11-01T05:15:00Z',
      '2026-11-01T05:30:00Z',
      '2026-11-01T05:45:00Z',
      '2026-11-02T06:00:00Z',
    ]);
  });
});

describe('rate()', () => {
  it('rate(5 minutes) without a start date counts from `from`', () => {
    expect(fires('rate(5 minutes)', FROM, 3)).toEqual([
      '2026-06-10T12:05:00Z',
      '2026-06-10T12:10:00Z',
      '2026-06-10T12:15:00Z',
    ]);
  });

  it('rate(5 minutes) keeps the phase of a past start date, and fires at a future start date', () => {
    expect(fires('rate(5 minutes)', FROM, 2, 'UTC', '2026-06-10T11:58:30Z')).toEqual([
      '2026-06-10T12:03:30Z',
      '2026-06-10T12:08:30Z',
    ]);
    expect(fires('rate(5 minutes)', FROM, 2, 'UTC', '2026-06-11T00:00:00Z')).toEqual([
      '2026-06-11T00:00:00Z',
      '2026-06-11T00:05:00Z',
    ]);
  });

  it('rate(1 day) is a fixed 24 hours, so it shifts by an hour of local time across DST', () => {
    const result = nextFireTimes('rate(1 day)', {
      timeZone: 'Europe/Warsaw',
      from: new Date('2027-03-27T10:00:00Z'),
      count: 2,
      startDate: new Date('2027-03-27T10:00:00Z'),
    });
    expect(result.map((d) => describeFireTime(d, 'Europe/Warsaw').local)).toEqual([
      '2027-03-28T12:00:00+02:00',
      '2027-03-29T12:00:00+02:00',
    ]);
  });
});

describe('at()', () => {
  it('at(2027-01-01T03:00:00) fires once, in the schedule time zone', () => {
    expect(fires('at(2027-01-01T03:00:00)', FROM, 5, 'Asia/Irkutsk')).toEqual(['2026-12-31T19:00:00Z']);
    expect(fires('at(2027-01-01T03:00:00)', FROM, 5, 'UTC')).toEqual(['2027-01-01T03:00:00Z']);
  });

  it('returns nothing once the time has passed, and ignores startDate', () => {
    expect(fires('at(2027-01-01T03:00:00)', '2027-01-01T03:00:00Z', 1)).toEqual([]);
    expect(fires('at(2027-01-01T03:00:00)', FROM, 1, 'UTC', '2028-01-01T00:00:00Z')).toEqual(['2027-01-01T03:00:00Z']);
  });

  it('a local time inside a spring-forward gap never fires', () => {
    expect(fires('at(2027-03-28T02:30:00)', FROM, 1, 'Europe/Warsaw')).toEqual([]);
  });
});

describe('ranges, start dates and efficiency', () => {
  it('cron(0 3 1 1 ? *) next 10 is computed quickly', () => {
    const started = performance.now();
    const result = fires('cron(0 3 1 1 ? *)', FROM, 10, 'Asia/Irkutsk');
    expect(performance.now() - started).toBeLessThan(250);
    expect(result).toHaveLength(10);
    expect(result[9]).toBe('2035-12-31T19:00:00Z');
  });

  it('cron(0 0 29 2 ? *) fires only in leap years', () => {
    expect(fires('cron(0 0 29 2 ? *)', FROM, 3)).toEqual([
      '2028-02-29T00:00:00Z',
      '2032-02-29T00:00:00Z',
      '2036-02-29T00:00:00Z',
    ]);
  });

  it('returns fewer than count when the year range runs out, or the date never exists', () => {
    expect(fires('cron(0 0 1 1 ? 2198-2199)', FROM, 5)).toEqual(['2198-01-01T00:00:00Z', '2199-01-01T00:00:00Z']);
    expect(fires('cron(0 0 31 2 ? *)', FROM, 5)).toEqual([]);
  });

  it('a cron startDate is inclusive', () => {
    expect(fires('cron(0 10 * * ? *)', FROM, 2, 'UTC', '2026-06-15T10:00:00Z')).toEqual([
      '2026-06-15T10:00:00Z',
      '2026-06-16T10:00:00Z',
    ]);
  });

  it('count 0 returns nothing, and a parsed expression can be reused', () => {
    const parsed = parseScheduleExpression('cron(0 10 * * ? *)');
    expect(nextFireTimes(parsed, { timeZone: 'UTC', from: new Date(FROM), count: 0 })).toEqual([]);
    expect(nextFireTimes(parsed, { timeZone: 'UTC', from: new Date(FROM), count: 1 })).toEqual([
      new Date('2026-06-11T10:00:00Z'),
    ]);
  });
});

describe('parseScheduleExpression', () => {
  it('expands steps: 0/10, */20 and 5/10', () => {
    const parsed = parseScheduleExpression('cron(0/10 */20 5/10 * ? *)');
    expect(parsed).toMatchObject({
      type: 'cron',
      cron: {
        minutes: [0, 10, 20, 30, 40, 50],
        hours: [0, 20],
        day: { kind: 'days-of-month', days: [5, 15, 25] },
      },
    });
  });

  it('parses rate() and at()', () => {
    expect(parseScheduleExpression('rate(1 hour)')).toMatchObject({ type: 'rate', value: 1, unit: 'hours' });
    expect(parseScheduleExpression('rate(2 days)')).toMatchObject({ type: 'rate', value: 2, unit: 'days' });
    expect(parseScheduleExpression('at(2027-01-01T03:00:00)')).toMatchObject({
      type: 'at',
      at: { year: 2027, month: 1, day: 1, hour: 3, minute: 0, second: 0 },
    });
  });
});

describe('invalid expressions', () => {
  it('rejects the wrong number of cron fields', () => {
    expectInvalid(() => parseScheduleExpression('cron(0 10 * * ?)'), 'expected 6 fields');
  });

  it('rejects setting both day-of-month and day-of-week', () => {
    expectInvalid(
      () => parseScheduleExpression('cron(0 10 1 * MON *)'),
      'cron field "day-of-week": expected ? because day-of-month is set',
    );
  });

  it('rejects ? in both day fields', () => {
    expectInvalid(() => parseScheduleExpression('cron(0 10 ? * ? *)'), /"day-of-week": expected a value because day-of-month is \?/);
  });

  it('rejects out-of-range values, including inside ranges', () => {
    expectInvalid(() => parseScheduleExpression('cron(5-70 * * * ? *)'), 'cron field "minutes": expected a value 0-59, got "70"');
    expectInvalid(() => parseScheduleExpression('cron(0 24 * * ? *)'), 'cron field "hours"');
    expectInvalid(() => parseScheduleExpression('cron(0 0 ? * 8 *)'), 'cron field "day-of-week": expected a value 1-7 or SUN-SAT');
    expectInvalid(() => parseScheduleExpression('cron(0 0 1 * ? 1969)'), 'cron field "year": expected a value 1970-2199');
  });

  it('rejects forms AWS does not document', () => {
    expectInvalid(() => parseScheduleExpression('cron(0 0 5-2 * ? *)'), 'from <= to');
    expectInvalid(() => parseScheduleExpression('cron(0 0 ? * 1/2 *)'), 'cron field "day-of-week": expected no "/" step');
    expectInvalid(() => parseScheduleExpression('cron(0 0 ? * 2#6 *)'), 'expected an occurrence 1-5');
    expectInvalid(() => parseScheduleExpression('cron(0 0 1W,15 * ? *)'), 'cron field "day-of-month"');
    expectInvalid(() => parseScheduleExpression('cron(0/60 * * * ? *)'), 'expected a step 1-59');
    expectInvalid(() => parseScheduleExpression('every(5 minutes)'), 'expected cron(...), rate(...) or at(...)');
  });

  it('rejects rate(0 minutes)', () => {
    expectInvalid(() => parseScheduleExpression('rate(0 minutes)'), 'rate field "value": expected a positive integer');
  });

  it('rejects a plural unit for 1 and a singular unit for more than 1', () => {
    expectInvalid(() => parseScheduleExpression('rate(1 minutes)'), 'rate field "unit": expected "minute" because value is 1');
    expectInvalid(() => parseScheduleExpression('rate(5 hour)'), 'rate field "unit": expected "hours" because value is 5');
    expectInvalid(() => parseScheduleExpression('rate(5 weeks)'), 'rate field "unit"');
  });

  it('rejects impossible at() dates', () => {
    expectInvalid(() => parseScheduleExpression('at(2027-13-01T00:00:00)'), 'at field "month": expected 01-12');
    expectInvalid(() => parseScheduleExpression('at(2027-02-29T00:00:00)'), 'at field "day": expected 01-28');
    expectInvalid(() => parseScheduleExpression('at(2027-01-01 00:00:00)'), 'expected "at(yyyy-mm-ddThh:mm:ss)"');
  });

  it('rejects an unknown time zone', () => {
    expectInvalid(
      () => nextFireTimes('cron(0 10 * * ? *)', { timeZone: 'Mars/Olympus_Mons', from: new Date(FROM), count: 1 }),
      'time zone: expected an IANA time zone name',
    );
    expectInvalid(() => describeFireTime(new Date(FROM), 'Not/AZone'), 'time zone');
  });
});
