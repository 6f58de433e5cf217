/**
 * Service standards: a target per measure, optionally per tier, kept as versions. A version
 * applies from its quarter on, until a later version of the same measure and tier takes over;
 * a tier's own target beats the general one. The programme config gives the first targets.
 */
export const measures = ['nps', 'csi', 'ces', 'response-rate', 'closed-loop-sla'] as const;
export type Measure = (typeof measures)[number];

/** The scale of each measure: a target outside it is refused. */
export const measureRange: Readonly<Record<Measure, { readonly min: number; readonly max: number; readonly what: string }>> = {
  nps: { min: -100, max: 100, what: 'NPS in points, -100 to 100' },
  csi: { min: 0, max: 100, what: 'CSI, 0 to 100' },
  ces: { min: 1, max: 7, what: 'CES mean, 1 to 7' },
  'response-rate': { min: 0, max: 100, what: 'response rate in %, 0 to 100' },
  'closed-loop-sla': { min: 0, max: 100, what: 'share of closed-loop cases contacted within the SLA in %, 0 to 100' },
};

export interface StandardRecord {
  readonly measure: Measure;
  /** Absent: every tier (and every segment that is not a tier). */
  readonly tier?: string;
  readonly target: number;
  /** First quarter the target applies to; absent for the programme config's first targets. */
  readonly fromQuarter?: string;
  /** When it was recorded (ISO); absent for the config's targets. */
  readonly setAt?: string;
  readonly setBy: string;
  readonly reason: string;
}

export type Targets = Readonly<Record<Measure, number>>;

/** The config's targets as version zero. */
export function configStandards(general: Targets, byTier: Readonly<Record<string, Partial<Targets>>>): StandardRecord[] {
  const base = { setBy: 'programme config', reason: 'first targets from the programme configuration' };
  return [
    ...measures.map((measure) => ({ measure, target: general[measure], ...base })),
    ...Object.entries(byTier).flatMap(([tier, targets]) =>
      measures.filter((m) => targets[m] !== undefined).map((measure) => ({ measure, tier, target: targets[measure]!, ...base })),
    ),
  ];
}

const newerFirst = (a: StandardRecord, b: StandardRecord) =>
  (b.fromQuarter ?? '').localeCompare(a.fromQuarter ?? '') || (b.setAt ?? '').localeCompare(a.setAt ?? '');

/** The version in force for a measure in a quarter (for a tier, if given). */
export function standardFor(records: readonly StandardRecord[], measure: Measure, quarter: string, tier?: string): StandardRecord | undefined {
  const applicable = records.filter((r) => r.measure === measure && (r.fromQuarter === undefined || r.fromQuarter <= quarter)).sort(newerFirst);
  return (tier !== undefined ? applicable.find((r) => r.tier === tier) : undefined) ?? applicable.find((r) => r.tier === undefined);
}

/** Every measure's target in force, general and per tier. */
export function standardsInForce(records: readonly StandardRecord[], quarter: string, tiers: readonly string[]): StandardRecord[] {
  const inForce: StandardRecord[] = [];
  for (const measure of measures) {
    const general = standardFor(records, measure, quarter);
    if (general) inForce.push(general);
    for (const tier of tiers) {
      const own = standardFor(records, measure, quarter, tier);
      if (own && own.tier === tier) inForce.push(own);
    }
  }
  return inForce;
}

export function isMeasure(text: string): text is Measure {
  return (measures as readonly string[]).includes(text);
}

/** Why a target is refused, or undefined when it is in range. */
export function targetProblem(measure: Measure, target: number): string | undefined {
  const range = measureRange[measure];
  if (!Number.isFinite(target) || target < range.min || target > range.max) return `target ${target} is out of range: expected ${range.what}`;
  return undefined;
}

/**
 * Every way an adjustment can be refused, as a code a page words in its reader's language (the
 * dashboard's labels); `message` is the same problem in English, for the command line and logs.
 */
export const standardProblemCodes = [
  'measure.unknown',
  'tier.unknown',
  'target.number',
  'target.range',
  'fromQuarter.unknown',
  'fromQuarter.passed',
  'reason.missing',
  'reason.tooLong',
  'by.email',
] as const;
export type StandardProblemCode = (typeof standardProblemCodes)[number];

export interface StandardProblem {
  readonly field: 'measure' | 'tier' | 'target' | 'fromQuarter' | 'reason' | 'by';
  readonly code: StandardProblemCode;
  /** Figures the wording needs: numbers, quarter keys. */
  readonly params?: Readonly<Record<string, string | number>>;
  readonly message: string;
}

/** A target outside its measure's scale, with the scale's ends for the wording. */
export function targetRangeProblem(measure: Measure, target: number): StandardProblem | undefined {
  const message = targetProblem(measure, target);
  if (message === undefined) return undefined;
  const { min, max } = measureRange[measure];
  return { field: 'target', code: Number.isFinite(target) ? 'target.range' : 'target.number', params: { min, max }, message };
}
