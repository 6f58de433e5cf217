/** The two-sided 95 % normal quantile, z(0.975). */
export const z95 = 1.959963984540054;

/** t(0.975, df) for df 1..29 (standard tables, 4 decimals); from 30 on the expansion below is as good. */
const table = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098,
  2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452,
];

/**
 * Student's t quantile for a two-sided 95 % interval. A fractional df (Welch) is rounded down,
 * which widens the interval a little: the conservative side.
 */
export function t95(df: number): number {
  if (!(df >= 1)) throw new RangeError(`t quantile needs at least 1 degree of freedom, got ${df}`);
  const whole = Math.floor(df);
  if (whole < 30) return table[whole - 1]!;
  // Cornish-Fisher expansion of t around z (Abramowitz & Stegun 26.7.5); error < 1e-4 from df 30.
  const z = z95;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
  return z + g1 / whole + g2 / whole ** 2 + g3 / whole ** 3;
}
