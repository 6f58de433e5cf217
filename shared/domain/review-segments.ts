/**
 * How many parallel Scan segments a review fans out into, from the size of the base.
 *
 * - One segment per `accountsPerSegment` accounts: 50,000 is what one worker gets through in one
 *   15-minute Lambda invocation at the slowest rate measured (55 accounts/s per worker, on
 *   DynamoDB Local); on AWS a worker is faster and a bigger segment only hands over more often.
 * - At most `maxSegments`: DynamoDB assigns a parallel Scan's items to segments by their partition
 *   key, and the accounts index has only as many partition keys as review shards, so more
 *   segments than shards would stay empty.
 * - At least one; and when the size is unknown (the first review), `maxSegments`, since an empty
 *   segment costs one Scan call and a too-big one costs hours.
 */
export function reviewSegmentsFor(accounts: number | undefined, limits: { readonly maxSegments: number; readonly accountsPerSegment?: number }): number {
  const perSegment = limits.accountsPerSegment ?? 50_000;
  if (accounts === undefined || !Number.isFinite(accounts) || accounts < 0) return limits.maxSegments;
  return Math.min(limits.maxSegments, Math.max(1, Math.ceil(accounts / perSegment)));
}
