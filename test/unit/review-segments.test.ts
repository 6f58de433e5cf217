import { describe, expect, it } from 'vitest';
import { reviewSegmentsFor } from '../../shared/domain/review-segments.ts';

describe('segments of a review, from the size of the base', () => {
  it('gives one segment per 50,000 accounts, at least one', () => {
    expect(reviewSegmentsFor(0, { maxSegments: 16 })).toBe(1);
    expect(reviewSegmentsFor(120, { maxSegments: 16 })).toBe(1);
    expect(reviewSegmentsFor(50_000, { maxSegments: 16 })).toBe(1);
    expect(reviewSegmentsFor(50_001, { maxSegments: 16 })).toBe(2);
    expect(reviewSegmentsFor(100_000, { maxSegments: 16 })).toBe(2);
    expect(reviewSegmentsFor(420_000, { maxSegments: 16 })).toBe(9);
  });

  it('never more than the index has partition keys to spread a Scan over', () => {
    expect(reviewSegmentsFor(800_001, { maxSegments: 16 })).toBe(16);
    expect(reviewSegmentsFor(10_000_000, { maxSegments: 16 })).toBe(16);
    expect(reviewSegmentsFor(10_000_000, { maxSegments: 64 })).toBe(64);
  });

  it('takes every shard when the size is not known yet', () => {
    expect(reviewSegmentsFor(undefined, { maxSegments: 16 })).toBe(16);
    expect(reviewSegmentsFor(Number.NaN, { maxSegments: 16 })).toBe(16);
  });

  it('follows a different segment size', () => {
    expect(reviewSegmentsFor(100_000, { maxSegments: 16, accountsPerSegment: 10_000 })).toBe(10);
  });
});
