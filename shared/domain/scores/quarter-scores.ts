import { meanEstimate, npsEstimate, shareEstimate, type Estimate } from './estimates.ts';
import type { ScoreCounters } from './score-counters.ts';
import { changeBetween, type Change } from './significance.ts';
import { dimensions, segmentId, type Dimension, type Segment } from './segments.ts';
import { hiddenSegments, visibilityOf, type HiddenBecause, type SampleFloors, type Visibility } from './visibility.ts';

export interface SegmentCounters {
  readonly segment: Segment;
  readonly counters: ScoreCounters;
}

/** One segment as the dashboard and the review show it. A hidden one carries its name only. */
export interface SegmentScores {
  readonly id: string;
  readonly dimension: Dimension;
  readonly value: string;
  readonly visibility: Visibility;
  readonly hiddenBecause?: HiddenBecause;
  readonly n?: number;
  readonly nps?: Estimate;
  readonly csi?: Estimate;
  readonly ces?: Estimate;
  /** Share of CES answers 5-7, in %. */
  readonly cesEasy?: Estimate;
  readonly casesOpened?: number;
}

export interface QuarterScores {
  readonly quarter: string;
  /** Invitations of the wave (from the wave item); absent before the wave opened. */
  readonly invited?: number;
  readonly answered: number;
  /** answered / invited, in %: the whole wave, a census rather than a sample, so no interval. */
  readonly responseRate?: number;
  readonly floors: SampleFloors;
  readonly segments: readonly SegmentScores[];
}

const order = (s: Segment) => dimensions.indexOf(s.dimension);

/** Counters to figures, hiding what must be hidden. Pure: the same counters give the same JSON. */
export function quarterScores(quarter: string, rows: readonly SegmentCounters[], wave: { readonly invited?: number }, floors: SampleFloors): QuarterScores {
  const sorted = [...rows].sort((a, b) => order(a.segment) - order(b.segment) || a.segment.value.localeCompare(b.segment.value));
  const hidden = hiddenSegments(
    sorted.map((r) => ({ id: segmentId(r.segment), dimension: r.segment.dimension, n: r.counters.n })),
    floors,
  );
  const segments = sorted.map((row): SegmentScores => {
    const id = segmentId(row.segment);
    const base = { id, dimension: row.segment.dimension, value: row.segment.value };
    const because = hidden.get(id);
    if (because !== undefined) return { ...base, visibility: 'hidden', hiddenBecause: because };
    const c = row.counters;
    return {
      ...base,
      visibility: visibilityOf(c.n, floors),
      n: c.n,
      ...optional('nps', npsEstimate(c)),
      ...optional('csi', meanEstimate({ n: c.csiN, sum: c.csiSum, sumSq: c.csiSumSq }, { min: 0, max: 100, unit: 100 })),
      ...optional('ces', meanEstimate({ n: c.cesN, sum: c.cesSum, sumSq: c.cesSumSq }, { min: 1, max: 7 })),
      ...optional('cesEasy', shareEstimate(c.cesEasy, c.cesN)),
      casesOpened: c.casesOpened,
    };
  });
  const answered = rows.find((r) => r.segment.dimension === 'all')?.counters.n ?? 0;
  const invited = wave.invited;
  return {
    quarter,
    ...(invited !== undefined && { invited }),
    answered,
    ...(invited !== undefined && invited > 0 && { responseRate: Math.round((10_000 * answered) / invited) / 100 }),
    floors,
    segments,
  };
}

function optional<K extends string>(key: K, value: Estimate | undefined): Partial<Record<K, Estimate>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, Estimate>);
}

export interface SegmentChange {
  readonly id: string;
  readonly nps?: Change;
  readonly csi?: Change;
  readonly ces?: Change;
}

/** Changes from the previous quarter, for segments shown in both. */
export function changesBetween(current: QuarterScores, previous: QuarterScores): SegmentChange[] {
  const before = new Map(previous.segments.filter((s) => s.visibility !== 'hidden').map((s) => [s.id, s]));
  const changes: SegmentChange[] = [];
  for (const now of current.segments) {
    const then = before.get(now.id);
    if (now.visibility === 'hidden' || then === undefined) continue;
    changes.push({
      id: now.id,
      ...(now.nps && then.nps && { nps: changeBetween(now.nps, then.nps, 'nps') }),
      ...(now.csi && then.csi && { csi: changeBetween(now.csi, then.csi, 'mean') }),
      ...(now.ces && then.ces && { ces: changeBetween(now.ces, then.ces, 'mean') }),
    });
  }
  return changes;
}
