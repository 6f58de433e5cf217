import type { Estimate } from './estimates.ts';
import { t95, z95 } from './t-quantile.ts';

export interface Change {
  /** This quarter's value minus the previous quarter's. */
  readonly difference: number;
  /** 95 % interval of the difference; absent when either side has no standard error. */
  readonly interval?: { readonly low: number; readonly high: number };
  /** Only when the interval of the difference excludes zero. */
  readonly significant: boolean;
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * The change from the previous quarter, called significant only when the 95 % interval of the
 * difference excludes zero. The two quarters are independent samples, so the standard errors
 * add in quadrature. Means use Welch's t (unequal variances, Welch-Satterthwaite df); NPS uses z
 * around the difference of the interval centres (adjusted where an adjusted-Wald interval was used).
 */
export function changeBetween(current: Estimate, previous: Estimate, kind: 'nps' | 'mean'): Change {
  const difference = round(current.value - previous.value);
  const a = current.standardError;
  const b = previous.standardError;
  if (a === undefined || b === undefined) return { difference, significant: false };
  const se = Math.sqrt(a * a + b * b);
  let quantile = z95;
  if (kind === 'mean') {
    const va = (a * a) ** 2 / Math.max(1, current.n - 1);
    const vb = (b * b) ** 2 / Math.max(1, previous.n - 1);
    // Both spreads zero: the difference is exact (and then significant whenever it is not zero).
    quantile = va + vb === 0 ? z95 : t95(Math.max(1, se ** 4 / (va + vb)));
  }
  const centre = (current.centre ?? current.value) - (previous.centre ?? previous.value);
  const low = round(centre - quantile * se);
  const high = round(centre + quantile * se);
  return { difference, interval: { low, high }, significant: low > 0 || high < 0 };
}
