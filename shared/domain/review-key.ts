import type { IsoDate } from './calendar-date.ts';

export type ReviewMode = 'yearly' | 'admission';

/**
 * One key per review cycle: however often or late the schedule fires, every firing inside the
 * same cycle is the same review, which is what makes a duplicate run a no-op.
 */
export function reviewKeyFor(mode: ReviewMode, reviewDate: IsoDate): string {
  return mode === 'yearly' ? `yearly-${reviewDate.slice(0, 4)}` : `admission-${reviewDate.slice(0, 7)}`;
}

export function previousYearlyKey(reviewKey: string): string | undefined {
  const match = /^yearly-(\d{4})$/.exec(reviewKey);
  return match ? `yearly-${Number(match[1]) - 1}` : undefined;
}
