/**
 * The cuts leadership reads the scores by. Every answer belongs to exactly one segment of each
 * dimension (its snapshot at the wave's opening), so a dimension's segments add up to `all`.
 */
export const dimensions = ['all', 'tier', 'city', 'manager', 'customer-type'] as const;
export type Dimension = (typeof dimensions)[number];

export interface Segment {
  readonly dimension: Dimension;
  /** `all` for the whole wave; else the tier id, city, manager id or customer type. */
  readonly value: string;
}

/** The fields of the answer's segment snapshot the scores are cut by. */
export interface SegmentFields {
  readonly tier: string;
  readonly city: string;
  readonly managerId: string;
  readonly customerType: string;
}

export const allClients: Segment = { dimension: 'all', value: 'all' };

export function segmentsOf(snapshot: SegmentFields): Segment[] {
  return [
    allClients,
    { dimension: 'tier', value: snapshot.tier },
    { dimension: 'city', value: snapshot.city },
    { dimension: 'manager', value: snapshot.managerId },
    { dimension: 'customer-type', value: snapshot.customerType },
  ];
}

/** `tier#gold`: the segment's stable id (its sort key and its id in JSON). */
export function segmentId(segment: Segment): string {
  return `${segment.dimension}#${segment.value}`;
}

export function parseSegmentId(id: string): Segment {
  const hash = id.indexOf('#');
  const dimension = id.slice(0, hash) as Dimension;
  if (hash < 0 || !dimensions.includes(dimension)) throw new Error(`not a segment id: "${id}"`);
  return { dimension, value: id.slice(hash + 1) };
}
