import type { Estimate } from './estimates.ts';
import type { QuarterScores, SegmentChange, SegmentScores } from './quarter-scores.ts';
import type { ClosedLoopFigures } from './closed-loop-figures.ts';
import { standardFor, type Measure, type StandardRecord } from './standards.ts';

/** The VIP programme beside the scores: accounts by tier, the year's status changes, gift spending. */
export interface ProgrammeFigures {
  readonly year: number;
  readonly vipByTier: readonly { readonly tier: string; readonly accounts: number }[];
  /** Decisions of the year's status reviews, by outcome (grant, upgrade, downgrade, revoke, ...). */
  readonly statusChanges: readonly { readonly outcome: string; readonly count: number }[];
  /** Gift spending of the year by tier (done: actual cost; open: reserved), beside the year's budget. */
  readonly giftsByTier: readonly { readonly tier: string; readonly spentKopecks: number; readonly reservedKopecks: number }[];
  readonly budgetKopecks: number;
}

/** One measure of one segment beside its target. */
export interface MeasureRow {
  readonly segment: string;
  readonly measure: Measure;
  readonly visibility: SegmentScores['visibility'];
  readonly n?: number;
  readonly value?: number;
  readonly low?: number;
  readonly high?: number;
  readonly method?: string;
  readonly target?: number;
  /** The target's version: from which quarter, set by whom. */
  readonly targetFrom?: string;
  readonly status: 'met' | 'below' | 'hidden' | 'no-data' | 'no-target';
}

export interface Finding {
  readonly segment: string;
  readonly measure: Measure;
  readonly value: number;
  readonly target: number;
  /** The whole 95 % interval lies below the target, not just the point estimate. */
  readonly clearlyBelow: boolean;
}

export interface Proposal {
  readonly segment: string;
  readonly measure: Measure;
  readonly tier?: string;
  readonly currentTarget: number;
  readonly proposedTarget: number;
  /** The values of the previous and this quarter, both above target. */
  readonly values: readonly [number, number];
}

export interface SignificantChange {
  readonly segment: string;
  readonly measure: 'nps' | 'csi' | 'ces';
  readonly difference: number;
  readonly low: number;
  readonly high: number;
}

export interface StandardsReview {
  readonly quarter: string;
  readonly previousQuarter: string;
  readonly invited?: number;
  readonly answered: number;
  readonly rows: readonly MeasureRow[];
  readonly changes: readonly SignificantChange[];
  readonly closedLoop: ClosedLoopFigures;
  readonly programme: ProgrammeFigures;
  readonly findings: readonly Finding[];
  readonly proposals: readonly Proposal[];
}

export interface ReviewInputs {
  readonly current: QuarterScores;
  readonly previous: QuarterScores;
  readonly changes: readonly SegmentChange[];
  readonly standards: readonly StandardRecord[];
  readonly closedLoop: ClosedLoopFigures;
  readonly previousClosedLoop: ClosedLoopFigures;
  readonly programme: ProgrammeFigures;
}

const segmentMeasures = ['nps', 'csi', 'ces'] as const;
/** A proposal rounds down to this step: the level both quarters already reached. */
const step: Readonly<Record<Measure, number>> = { nps: 1, csi: 1, ces: 0.1, 'response-rate': 1, 'closed-loop-sla': 1 };

const tierOf = (segment: SegmentScores | undefined) => (segment?.dimension === 'tier' ? segment.value : undefined);

function measureRow(segment: SegmentScores, measure: Measure, estimate: Estimate | undefined, target: StandardRecord | undefined): MeasureRow {
  const base = { segment: segment.id, measure, visibility: segment.visibility, ...(segment.n !== undefined && { n: segment.n }) };
  const targetPart = target ? { target: target.target, targetFrom: `${target.fromQuarter ?? 'config'} (${target.setBy})` } : {};
  if (segment.visibility === 'hidden') return { ...base, status: 'hidden' };
  if (!estimate) return { ...base, ...targetPart, status: 'no-data' };
  const figures = {
    value: estimate.value,
    ...(estimate.interval && { low: estimate.interval.low, high: estimate.interval.high, method: estimate.interval.method }),
  };
  if (!target) return { ...base, ...figures, status: 'no-target' };
  return { ...base, ...figures, ...targetPart, status: estimate.value < target.target ? 'below' : 'met' };
}

/** Whole-wave measures that are not estimates per segment: the response rate and the closed loop's SLA share. */
function waveRow(measure: Measure, value: number | undefined, target: StandardRecord | undefined): MeasureRow {
  const base = { segment: 'all#all', measure, visibility: 'shown' as const };
  const targetPart = target ? { target: target.target, targetFrom: `${target.fromQuarter ?? 'config'} (${target.setBy})` } : {};
  if (value === undefined) return { ...base, ...targetPart, status: 'no-data' };
  if (!target) return { ...base, value, status: 'no-target' };
  return { ...base, value, ...targetPart, status: value < target.target ? 'below' : 'met' };
}

function rowsOf(scores: QuarterScores, closedLoop: ClosedLoopFigures, standards: readonly StandardRecord[]): MeasureRow[] {
  const rows: MeasureRow[] = [];
  for (const segment of scores.segments)
    for (const measure of segmentMeasures) rows.push(measureRow(segment, measure, segment[measure], standardFor(standards, measure, scores.quarter, tierOf(segment))));
  rows.push(waveRow('response-rate', scores.responseRate, standardFor(standards, 'response-rate', scores.quarter)));
  rows.push(waveRow('closed-loop-sla', closedLoop.withinSlaShare, standardFor(standards, 'closed-loop-sla', scores.quarter)));
  return rows;
}

/**
 * The quarterly standards review (pure). Findings: every shown measure whose value is below its
 * target. Proposals: for "all" and the tiers (the segments targets are set for), a measure above
 * its target in this quarter and the previous one: raise the target to the lower of the two
 * values, rounded down to the measure's step.
 */
export function standardsReview(inputs: ReviewInputs): StandardsReview {
  const { current, previous } = inputs;
  const rows = rowsOf(current, inputs.closedLoop, inputs.standards);
  const previousRows = new Map(rowsOf(previous, inputs.previousClosedLoop, inputs.standards).map((r) => [`${r.segment}/${r.measure}`, r]));

  const findings: Finding[] = rows
    .filter((r) => r.status === 'below')
    .map((r) => ({ segment: r.segment, measure: r.measure, value: r.value!, target: r.target!, clearlyBelow: r.high !== undefined && r.high < r.target! }));

  const proposals: Proposal[] = [];
  for (const row of rows) {
    if (row.status !== 'met' || !(row.segment === 'all#all' || row.segment.startsWith('tier#'))) continue;
    const before = previousRows.get(`${row.segment}/${row.measure}`);
    if (before?.status !== 'met' || row.value! <= row.target! || before.value! <= before.target!) continue;
    const level = Math.floor(Math.min(row.value!, before.value!) / step[row.measure]) * step[row.measure];
    const proposed = Math.round(level * 10) / 10;
    if (proposed <= row.target!) continue;
    const tier = row.segment.startsWith('tier#') ? row.segment.slice('tier#'.length) : undefined;
    proposals.push({ segment: row.segment, measure: row.measure, ...(tier && { tier }), currentTarget: row.target!, proposedTarget: proposed, values: [before.value!, row.value!] });
  }

  const changes: SignificantChange[] = inputs.changes.flatMap((c) =>
    segmentMeasures.flatMap((measure) => {
      const change = c[measure];
      return change?.significant && change.interval ? [{ segment: c.id, measure, difference: change.difference, low: change.interval.low, high: change.interval.high }] : [];
    }),
  );

  return {
    quarter: current.quarter,
    previousQuarter: previous.quarter,
    ...(current.invited !== undefined && { invited: current.invited }),
    answered: current.answered,
    rows,
    changes,
    closedLoop: inputs.closedLoop,
    programme: inputs.programme,
    findings,
    proposals,
  };
}
