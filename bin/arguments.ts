import { InvalidArgumentError } from 'commander';
import { isRealDate } from '../shared/domain/calendar-date.ts';

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
