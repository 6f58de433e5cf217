import type { Dimension } from './segments.ts';

export interface SampleFloors {
  /** A segment with fewer answers is not shown on its own, to protect who answered (default 5). */
  readonly hideBelow: number;
  /** A segment with fewer answers is shown, marked as a small sample (default 30). */
  readonly smallSampleBelow: number;
}

export type Visibility = 'shown' | 'small-sample' | 'hidden';
/** `floor`: too few answers; `complement`: shown, it would give the hidden one away by subtraction from "all". */
export type HiddenBecause = 'floor' | 'complement';

export function visibilityOf(n: number, floors: SampleFloors): Visibility {
  return n < floors.hideBelow ? 'hidden' : n < floors.smallSampleBelow ? 'small-sample' : 'shown';
}

export interface SegmentSize {
  readonly id: string;
  readonly dimension: Dimension;
  readonly n: number;
}

/**
 * Which segments to hide, and why. Beyond the floor, secondary suppression: a dimension's
 * segments add up to "all", so when exactly one of them is under the floor, the smallest shown one
 * of the same dimension is hidden too; otherwise "all" minus the others would reveal it.
 */
export function hiddenSegments(segments: readonly SegmentSize[], floors: SampleFloors): Map<string, HiddenBecause> {
  const hidden = new Map<string, HiddenBecause>();
  for (const s of segments) if (s.n < floors.hideBelow) hidden.set(s.id, 'floor');
  const byDimension = new Map<Dimension, SegmentSize[]>();
  for (const s of segments) if (s.dimension !== 'all') byDimension.set(s.dimension, [...(byDimension.get(s.dimension) ?? []), s]);
  for (const members of byDimension.values()) {
    const under = members.filter((s) => hidden.has(s.id));
    const shown = members.filter((s) => !hidden.has(s.id)).sort((a, b) => a.n - b.n || a.id.localeCompare(b.id));
    if (under.length === 1 && shown.length > 0) hidden.set(shown[0]!.id, 'complement');
  }
  return hidden;
}
