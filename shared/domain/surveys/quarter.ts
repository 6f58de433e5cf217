import { daysInMonth, isRealDate, type IsoDate } from '../calendar-date.ts';

/** A calendar quarter as the programme names its waves: `2027-Q1`. */
export type QuarterKey = `${number}-Q${1 | 2 | 3 | 4}`;

export class InvalidQuarterError extends Error {
  override readonly name = 'InvalidQuarterError';
}

const pattern = /^(\d{4})-Q([1-4])$/;

/** The quarter a local calendar date (YYYY-MM-DD, read in the programme's zone) falls in. */
export function quarterOf(date: IsoDate): QuarterKey {
  if (!isRealDate(date)) throw new InvalidQuarterError(`expected a date YYYY-MM-DD, got "${date}"`);
  const month = Number(date.slice(5, 7));
  return `${Number(date.slice(0, 4))}-Q${Math.ceil(month / 3)}` as QuarterKey;
}

export function isQuarterKey(text: string): text is QuarterKey {
  return pattern.test(text);
}

export function parseQuarterKey(text: string): QuarterKey {
  const trimmed = text.trim().toUpperCase();
  if (!pattern.test(trimmed)) throw new InvalidQuarterError(`expected a quarter such as 2027-Q1 (year, "-Q", 1-4), got "${text}"`);
  return trimmed as QuarterKey;
}

function parts(quarter: QuarterKey): [number, number] {
  const match = pattern.exec(quarter);
  if (!match) throw new InvalidQuarterError(`expected a quarter such as 2027-Q1, got "${quarter}"`);
  return [Number(match[1]), Number(match[2])];
}

export function previousQuarter(quarter: QuarterKey): QuarterKey {
  const [year, q] = parts(quarter);
  return (q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`) as QuarterKey;
}

export function nextQuarter(quarter: QuarterKey): QuarterKey {
  const [year, q] = parts(quarter);
  return (q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`) as QuarterKey;
}

/** First day of the quarter. */
export function quarterStart(quarter: QuarterKey): IsoDate {
  const [year, q] = parts(quarter);
  return `${year}-${String(q * 3 - 2).padStart(2, '0')}-01`;
}

/** Last day of the quarter (inclusive). */
export function quarterEnd(quarter: QuarterKey): IsoDate {
  const [year, q] = parts(quarter);
  const month = q * 3;
  return `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}
