import { t95, z95 } from './t-quantile.ts';

/** A 95 % interval; `method` says how it was made (docs/scores.md explains each). */
export interface Interval {
  readonly low: number;
  readonly high: number;
  readonly method: 'wald' | 'adjusted-wald' | 't' | 'wilson';
}

export interface Estimate {
  /** The observed value (NPS in points -100..100, CSI 0..100, CES 1..7, shares in %). */
  readonly value: number;
  /** Absent when the data admit none (a mean of one answer). */
  readonly interval?: Interval;
  /** Standard error on the scale of `value`, for comparing quarters; absent with the interval. */
  readonly standardError?: number;
  /** Where the interval is centred: the value, or the adjusted estimate of the adjusted-Wald method. */
  readonly centre?: number;
  /** Degrees of freedom of a t interval (n - 1). */
  readonly df?: number;
  readonly n: number;
}

/**
 * Below this many answers NPS uses the adjusted-Wald interval: Wald's normal approximation is
 * poor there, and adjusted-Wald (add 3 answers, 3/4 of them promoters and 3/4 detractors) holds
 * its 95 % coverage on small samples (Sauro & Lewis). Equal to the small-sample mark on purpose.
 */
export const npsWaldFrom = 30;

const clamp = (x: number, low: number, high: number) => Math.min(high, Math.max(low, x));
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * NPS = % promoters - % detractors, with a 95 % interval. Standard error
 * sqrt((p + d - (p - d)^2) / n) (domain.md). Wald from 30 answers on, unless the sample is all
 * one kind (all promoters, all detractors, only passives), where Wald's error is 0 and its interval
 * a point: then, as below 30, adjusted-Wald.
 */
export function npsEstimate(c: { readonly n: number; readonly promoters: number; readonly detractors: number }): Estimate | undefined {
  const { n, promoters, detractors } = c;
  if (n <= 0) return undefined;
  const value = (100 * (promoters - detractors)) / n;
  const waldVariance = (p: number, d: number) => p + d - (p - d) ** 2;
  const p = promoters / n;
  const d = detractors / n;
  const adjusted = n < npsWaldFrom || waldVariance(p, d) <= 1e-12;
  const nn = adjusted ? n + 3 : n;
  const pp = adjusted ? (promoters + 0.75) / nn : p;
  const dd = adjusted ? (detractors + 0.75) / nn : d;
  const se = Math.sqrt(waldVariance(pp, dd) / nn) * 100;
  const centre = 100 * (pp - dd);
  return {
    value: round(value),
    centre: round(centre),
    standardError: se,
    interval: { low: round(clamp(centre - z95 * se, -100, 100)), high: round(clamp(centre + z95 * se, -100, 100)), method: adjusted ? 'adjusted-wald' : 'wald' },
    n,
  };
}

/**
 * A mean with its 95 % t interval, from the count, the sum and the sum of squares (all integers,
 * on a scale `unit` times finer than the reported one: CSI is counted in hundredths). t rather
 * than z: the standard deviation is estimated and segments go down to 5 answers, where z would
 * make the interval a fifth too narrow. The interval is clipped to the scale's range.
 */
export function meanEstimate(
  c: { readonly n: number; readonly sum: number; readonly sumSq: number },
  scale: { readonly min: number; readonly max: number; readonly unit?: number },
): Estimate | undefined {
  const { n, sum, sumSq } = c;
  if (n <= 0) return undefined;
  const unit = scale.unit ?? 1;
  const mean = sum / n / unit;
  if (n === 1) return { value: round(mean), n };
  // n * sumSq - sum^2 in BigInt: exact, so identical answers give a variance of exactly 0.
  const spread = Number(BigInt(n) * BigInt(sumSq) - BigInt(sum) ** 2n);
  const variance = Math.max(0, spread / (n * (n - 1))) / unit ** 2;
  const se = Math.sqrt(variance / n);
  const half = t95(n - 1) * se;
  return {
    value: round(mean),
    centre: round(mean),
    standardError: se,
    df: n - 1,
    interval: { low: round(clamp(mean - half, scale.min, scale.max)), high: round(clamp(mean + half, scale.min, scale.max)), method: 't' },
    n,
  };
}

/** A share in %, with the Wilson 95 % interval (sound at 0 %, 100 % and small n, unlike Wald). */
export function shareEstimate(hits: number, n: number): Estimate | undefined {
  if (n <= 0) return undefined;
  const p = hits / n;
  const z2 = z95 ** 2;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return {
    value: round(100 * p),
    centre: round(100 * centre),
    standardError: 100 * Math.sqrt((p * (1 - p)) / n),
    interval: { low: round(100 * Math.max(0, centre - half)), high: round(100 * Math.min(1, centre + half)), method: 'wilson' },
    n,
  };
}
