/**
 * What the scores keep per wave and segment: counts and sums only, so that adding an answer is a
 * handful of ADDs and every statistic follows from them. CSI is kept in hundredths of a point
 * (an integer per answer), so the sums are exact integers: the counters and a rebuild from the
 * stored answers agree to the unit, not to a floating-point tolerance.
 */
export interface ScoreCounters {
  readonly n: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  /** Answers with a CSI, the sum of their CSI in hundredths of a point (0..10000 each), and the sum of squares. */
  readonly csiN: number;
  readonly csiSum: number;
  readonly csiSumSq: number;
  /** Answers with a CES (1-7), their sum and sum of squares, and how many were "easy" (5-7). */
  readonly cesN: number;
  readonly cesSum: number;
  readonly cesSumSq: number;
  readonly cesEasy: number;
  /** Answers that opened a closed-loop case. */
  readonly casesOpened: number;
}

export const counterFields = [
  'n',
  'promoters',
  'passives',
  'detractors',
  'csiN',
  'csiSum',
  'csiSumSq',
  'cesN',
  'cesSum',
  'cesSumSq',
  'cesEasy',
  'casesOpened',
] as const satisfies readonly (keyof ScoreCounters)[];

export const emptyCounters: ScoreCounters = Object.fromEntries(counterFields.map((f) => [f, 0])) as unknown as ScoreCounters;

export interface CsiAttributeWeight {
  readonly id: string;
  readonly weight: number;
}

/** The scores of one answer, as the counters read them (no identities). */
export interface CountedAnswer {
  readonly nps: number;
  /** Attribute id -> 1..10. */
  readonly csi: Readonly<Record<string, number>>;
  readonly ces?: number;
  readonly opensCase: boolean;
}

/** Promoters 9-10, passives 7-8, detractors 0-6 (domain.md). */
export type NpsGroup = 'promoter' | 'passive' | 'detractor';
export function npsGroupOf(score: number): NpsGroup {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

/** CES 5-7 is "easy". */
export const cesEasyFrom = 5;

/**
 * One answer's CSI, 0..100 in hundredths (an integer): each attribute rescaled from 1..10 to
 * 0..100 ((score - 1) / 9 * 100), weighted by importance over the attributes the answer rated.
 * Attributes the configuration does not know carry no weight. Undefined when none was rated.
 */
export function csiHundredths(csi: Readonly<Record<string, number>>, attributes: readonly CsiAttributeWeight[]): number | undefined {
  let weighted = 0;
  let weights = 0;
  for (const { id, weight } of attributes) {
    const score = csi[id];
    if (score === undefined) continue;
    weighted += weight * ((score - 1) / 9);
    weights += weight;
  }
  return weights > 0 ? Math.round((weighted / weights) * 10_000) : undefined;
}

/** The increments one answer adds to every segment it belongs to. */
export function countersOfAnswer(answer: CountedAnswer, attributes: readonly CsiAttributeWeight[]): ScoreCounters {
  const group = npsGroupOf(answer.nps);
  const csi = csiHundredths(answer.csi, attributes);
  const ces = answer.ces;
  return {
    n: 1,
    promoters: group === 'promoter' ? 1 : 0,
    passives: group === 'passive' ? 1 : 0,
    detractors: group === 'detractor' ? 1 : 0,
    csiN: csi === undefined ? 0 : 1,
    csiSum: csi ?? 0,
    csiSumSq: csi === undefined ? 0 : csi * csi,
    cesN: ces === undefined ? 0 : 1,
    cesSum: ces ?? 0,
    cesSumSq: ces === undefined ? 0 : ces * ces,
    cesEasy: ces !== undefined && ces >= cesEasyFrom ? 1 : 0,
    casesOpened: answer.opensCase ? 1 : 0,
  };
}

export function addCounters(a: ScoreCounters, b: ScoreCounters): ScoreCounters {
  return Object.fromEntries(counterFields.map((f) => [f, a[f] + b[f]])) as unknown as ScoreCounters;
}
