import { InvalidScheduleExpressionError } from './schedule-expression-error.ts';

/** Field names as the AWS cron reference labels them, so errors match the docs. */
export type CronFieldName = 'minutes' | 'hours' | 'day-of-month' | 'month' | 'day-of-week' | 'year';

/** Day-of-week numbering follows AWS: 1 = SUN … 7 = SAT. */
export type DayRule =
  | { readonly kind: 'days-of-month'; readonly days: readonly number[] }
  | { readonly kind: 'last-day-of-month' }
  | { readonly kind: 'nearest-weekday'; readonly day: number }
  | { readonly kind: 'last-weekday-of-month' }
  | { readonly kind: 'days-of-week'; readonly weekdays: readonly number[] }
  | { readonly kind: 'last-day-of-week-in-month'; readonly weekday: number }
  | { readonly kind: 'nth-day-of-week'; readonly weekday: number; readonly nth: number };

/** Parsed cron body; value lists are sorted ascending and de-duplicated. */
export interface CronExpression {
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly months: readonly number[];
  readonly years: readonly number[];
  readonly day: DayRule;
}

interface FieldSpec {
  readonly name: CronFieldName;
  readonly min: number;
  readonly max: number;
  /** Names for min, min+1, …; matched after the body has been upper-cased. */
  readonly names?: readonly string[];
  readonly allowStep: boolean;
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const SATURDAY = 7;

// Allowed wildcards per field follow the AWS cron reference table; notably
// day-of-week does not list "/", so a step there is rejected.
const MINUTES: FieldSpec = { name: 'minutes', min: 0, max: 59, allowStep: true };
const HOURS: FieldSpec = { name: 'hours', min: 0, max: 23, allowStep: true };
const DAY_OF_MONTH: FieldSpec = { name: 'day-of-month', min: 1, max: 31, allowStep: true };
const MONTH: FieldSpec = { name: 'month', min: 1, max: 12, names: MONTH_NAMES, allowStep: true };
const DAY_OF_WEEK: FieldSpec = { name: 'day-of-week', min: 1, max: 7, names: WEEKDAY_NAMES, allowStep: false };
const YEAR: FieldSpec = { name: 'year', min: 1970, max: 2199, allowStep: true };

const FIELD_ORDER = 'minutes hours day-of-month month day-of-week year';

/**
 * Parses the text between `cron(` and `)`. `source` is the full expression,
 * only used to make error messages self-contained.
 */
export function parseCronBody(body: string, source: string): CronExpression {
  const fail = (detail: string): never => {
    throw new InvalidScheduleExpressionError(source, detail);
  };
  const parts = body.trim().toUpperCase().split(/\s+/).filter((p) => p !== '');
  if (parts.length !== 6) {
    fail(`cron expression: expected 6 fields (${FIELD_ORDER}), got ${parts.length}`);
  }
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = parts as [string, string, string, string, string, string];

  const domUnset = dayOfMonth === '?';
  const dowUnset = dayOfWeek === '?';
  if (domUnset && dowUnset) {
    fail('cron field "day-of-week": expected a value because day-of-month is ? (exactly one of them must be ?)');
  }
  if (!domUnset && !dowUnset) {
    fail('cron field "day-of-week": expected ? because day-of-month is set');
  }

  return {
    minutes: parseList(minutes, MINUTES, fail),
    hours: parseList(hours, HOURS, fail),
    months: parseList(month, MONTH, fail),
    years: parseList(year, YEAR, fail),
    day: domUnset ? parseDayOfWeek(dayOfWeek, fail) : parseDayOfMonth(dayOfMonth, fail),
  };
}

type Fail = (detail: string) => never;

function fieldFail(fail: Fail, spec: FieldSpec, detail: string): never {
  return fail(`cron field "${spec.name}": ${detail}`);
}

function parseDayOfMonth(text: string, fail: Fail): DayRule {
  if (text === 'L') return { kind: 'last-day-of-month' };
  if (text === 'LW') return { kind: 'last-weekday-of-month' };
  const nearest = /^(\w+)W$/.exec(text);
  if (nearest?.[1] !== undefined) {
    return { kind: 'nearest-weekday', day: parseValue(nearest[1], DAY_OF_MONTH, text, fail) };
  }
  // Quartz, whose syntax AWS follows, only defines L and W as whole-field forms.
  if (/[LW]/.test(text)) {
    fieldFail(fail, DAY_OF_MONTH, `expected L, LW or <day>W on their own, got "${text}"`);
  }
  return { kind: 'days-of-month', days: parseList(text, DAY_OF_MONTH, fail) };
}

function parseDayOfWeek(text: string, fail: Fail): DayRule {
  // AWS: "L in day-of-week specifies the last day of the week"; with 1=SUN…7=SAT
  // that is Saturday (Quartz reads a bare L the same way).
  if (text === 'L') return { kind: 'days-of-week', weekdays: [SATURDAY] };
  const last = /^(\w+)L$/.exec(text);
  if (last?.[1] !== undefined) {
    return { kind: 'last-day-of-week-in-month', weekday: parseValue(last[1], DAY_OF_WEEK, text, fail) };
  }
  const nth = /^(\w+)#(\w+)$/.exec(text);
  if (nth?.[1] !== undefined && nth[2] !== undefined) {
    const weekday = parseValue(nth[1], DAY_OF_WEEK, text, fail);
    if (!/^[1-5]$/.test(nth[2])) {
      fieldFail(fail, DAY_OF_WEEK, `expected an occurrence 1-5 after #, got "${nth[2]}" in "${text}"`);
    }
    return { kind: 'nth-day-of-week', weekday, nth: Number(nth[2]) };
  }
  if (/[L#]/.test(text)) {
    fieldFail(fail, DAY_OF_WEEK, `expected L, <day>L or <day>#<n> on their own, got "${text}"`);
  }
  return { kind: 'days-of-week', weekdays: parseList(text, DAY_OF_WEEK, fail) };
}

function parseList(text: string, spec: FieldSpec, fail: Fail): number[] {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    for (const v of expandItem(item, spec, fail)) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

function expandItem(item: string, spec: FieldSpec, fail: Fail): number[] {
  if (item === '') fieldFail(fail, spec, 'expected a value, got an empty list item');
  const slash = item.split('/');
  if (slash.length > 2) fieldFail(fail, spec, `expected at most one "/", got "${item}"`);
  const [base = '', stepText] = slash;

  let step = 1;
  if (stepText !== undefined) {
    if (!spec.allowStep) fieldFail(fail, spec, `expected no "/" step (not supported in ${spec.name}), got "${item}"`);
    // Quartz caps increments at the field's largest value (59 for minutes, …).
    const maxStep = spec.max;
    if (!/^\d+$/.test(stepText) || Number(stepText) < 1 || Number(stepText) > maxStep) {
      fieldFail(fail, spec, `expected a step 1-${maxStep} after "/", got "${stepText}" in "${item}"`);
    }
    step = Number(stepText);
  }

  let start: number;
  let end: number;
  if (base === '*') {
    start = spec.min;
    end = spec.max;
  } else if (base.includes('-')) {
    const bounds = base.split('-');
    if (bounds.length !== 2) fieldFail(fail, spec, `expected a range <from>-<to>, got "${item}"`);
    start = parseValue(bounds[0] ?? '', spec, item, fail);
    end = parseValue(bounds[1] ?? '', spec, item, fail);
    // Wrap-around ranges (e.g. FRI-MON) are not documented by AWS; rejecting
    // them is safer than guessing a meaning the service may not share.
    if (start > end) fieldFail(fail, spec, `expected a range with from <= to, got "${base}"`);
  } else {
    start = parseValue(base, spec, item, fail);
    // "5/10" means "from 5, every 10, to the end of the field".
    end = stepText === undefined ? start : spec.max;
  }

  const out: number[] = [];
  for (let v = start; v <= end; v += step) out.push(v);
  return out;
}

function parseValue(token: string, spec: FieldSpec, item: string, fail: Fail): number {
  let value: number | undefined;
  if (/^\d+$/.test(token)) {
    value = Number(token);
  } else if (spec.names !== undefined) {
    const index = spec.names.indexOf(token);
    if (index >= 0) value = spec.min + index;
  }
  if (value === undefined || value < spec.min || value > spec.max) {
    const names = spec.names === undefined ? '' : ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}`;
    const where = item === token ? '' : ` in "${item}"`;
    return fieldFail(fail, spec, `expected a value ${spec.min}-${spec.max}${names}, got "${token}"${where}`);
  }
  return value;
}
