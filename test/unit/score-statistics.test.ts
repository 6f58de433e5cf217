import { describe, expect, it } from 'vitest';
import { meanEstimate, npsEstimate, shareEstimate } from '../../shared/domain/scores/estimates.ts';
import { changeBetween } from '../../shared/domain/scores/significance.ts';
import { t95 } from '../../shared/domain/scores/t-quantile.ts';
import { addCounters, countersOfAnswer, csiHundredths, emptyCounters } from '../../shared/domain/scores/score-counters.ts';
import { quarterScores, changesBetween } from '../../shared/domain/scores/quarter-scores.ts';
import { hiddenSegments } from '../../shared/domain/scores/visibility.ts';
import { segmentsOf } from '../../shared/domain/scores/segments.ts';

const z = 1.96; // hand arithmetic below uses z = 1.96; the code uses 1.959964, within the rounding asserted
const r2 = (x: number) => Math.round(x * 100) / 100;

describe('NPS and its 95 % interval', () => {
  it('all promoters (n = 10): NPS 100, adjusted-Wald interval because n < 30 and Wald would be a point', () => {
    // adjusted: n' = 13, p' = 10.75/13, d' = 0.75/13
    const p = 10.75 / 13;
    const d = 0.75 / 13;
    const se = Math.sqrt((p + d - (p - d) ** 2) / 13) * 100; // 15.0102
    const centre = (p - d) * 100; // 76.9231
    const e = npsEstimate({ n: 10, promoters: 10, detractors: 0 })!;
    expect(e.value).toBe(100);
    expect(e.interval!.method).toBe('adjusted-wald');
    expect(e.interval!.low).toBeCloseTo(centre - z * se, 1); // 47.50
    expect(e.interval!.low).toBeCloseTo(47.5, 1);
    expect(e.interval!.high).toBe(100); // 106.3, clipped to the scale
  });

  it('all detractors (n = 10): the mirror image', () => {
    const e = npsEstimate({ n: 10, promoters: 0, detractors: 10 })!;
    expect(e.value).toBe(-100);
    expect(e.interval).toMatchObject({ low: -100, method: 'adjusted-wald' });
    expect(e.interval!.high).toBeCloseTo(-47.5, 1);
  });

  it('only passives (n = 10): NPS 0, interval about +-18.5 rather than a point', () => {
    const d = 0.75 / 13;
    const se = Math.sqrt((2 * d) / 13) * 100; // 9.4211
    const e = npsEstimate({ n: 10, promoters: 0, detractors: 0 })!;
    expect(e.value).toBe(0);
    expect(e.interval!.low).toBeCloseTo(-z * se, 1); // -18.47
    expect(e.interval!.high).toBeCloseTo(18.47, 1);
  });

  it('n = 1, one promoter: centre 25, interval -48.5 .. 98.5 (adjusted n = 4, p = 0.4375, d = 0.1875)', () => {
    const se = Math.sqrt((0.625 - 0.25 ** 2) / 4) * 100; // 37.5
    expect(se).toBe(37.5);
    const e = npsEstimate({ n: 1, promoters: 1, detractors: 0 })!;
    expect(e).toMatchObject({ value: 100, centre: 25, n: 1 });
    expect(e.interval!.low).toBeCloseTo(25 - z * 37.5, 1); // -48.50
    expect(e.interval!.high).toBeCloseTo(25 + z * 37.5, 1); // 98.50
  });

  it('100 answers, 50 promoters and 20 detractors: NPS 30, Wald interval 14.69 .. 45.31', () => {
    const se = Math.sqrt((0.5 + 0.2 - 0.3 ** 2) / 100) * 100; // 7.8102
    const e = npsEstimate({ n: 100, promoters: 50, detractors: 20 })!;
    expect(e.value).toBe(30);
    expect(e.interval!.method).toBe('wald');
    expect(e.interval!.low).toBeCloseTo(30 - z * se, 1);
    expect(e.interval!.low).toBeCloseTo(14.69, 1);
    expect(e.interval!.high).toBeCloseTo(45.31, 1);
  });

  it('30 answers all promoters still switch to adjusted-Wald (Wald error 0)', () => {
    expect(npsEstimate({ n: 30, promoters: 30, detractors: 0 })!.interval!.method).toBe('adjusted-wald');
    expect(npsEstimate({ n: 30, promoters: 20, detractors: 5 })!.interval!.method).toBe('wald');
    expect(npsEstimate({ n: 29, promoters: 20, detractors: 5 })!.interval!.method).toBe('adjusted-wald');
  });

  it('no answers: no estimate', () => {
    expect(npsEstimate({ n: 0, promoters: 0, detractors: 0 })).toBeUndefined();
  });
});

describe('means (CSI, CES) with a t interval from sums and sums of squares', () => {
  it('CES 5, 6, 7, 4, 3: mean 5, s^2 = 2.5, t(4) = 2.7764, interval 3.04 .. 6.96', () => {
    const sum = 5 + 6 + 7 + 4 + 3;
    const sumSq = 25 + 36 + 49 + 16 + 9;
    const variance = (sumSq - sum ** 2 / 5) / 4; // 2.5
    const half = 2.7764 * Math.sqrt(variance / 5); // 1.9632
    const e = meanEstimate({ n: 5, sum, sumSq }, { min: 1, max: 7 })!;
    expect(e.value).toBe(5);
    expect(e.interval).toEqual({ low: r2(5 - half), high: r2(5 + half), method: 't' });
    expect(e.interval).toMatchObject({ low: 3.04, high: 6.96 });
  });

  it('n = 1: the mean, and no interval', () => {
    const e = meanEstimate({ n: 1, sum: 6, sumSq: 36 }, { min: 1, max: 7 })!;
    expect(e.value).toBe(6);
    expect(e.interval).toBeUndefined();
  });

  it('identical answers: zero spread, the interval is the point', () => {
    expect(meanEstimate({ n: 5, sum: 35, sumSq: 245 }, { min: 1, max: 7 })!.interval).toMatchObject({ low: 7, high: 7 });
  });

  it('CSI in hundredths: two answers, 100 and 50 points: mean 75, interval clipped to 0 .. 100', () => {
    const e = meanEstimate({ n: 2, sum: 10_000 + 5_000, sumSq: 10_000 ** 2 + 5_000 ** 2 }, { min: 0, max: 100, unit: 100 })!;
    // s^2 = (100^2 + 50^2 - 150^2/2) / 1 = 1250, se = sqrt(1250/2) = 25, t(1) = 12.7062
    expect(e.value).toBe(75);
    expect(e.interval).toMatchObject({ low: 0, high: 100 });
    expect(e.standardError).toBeCloseTo(25, 10);
  });

  it('t quantiles: table below 30, expansion from 30 (t(30) = 2.0423, t(120) = 1.9799)', () => {
    expect(t95(1)).toBe(12.7062);
    expect(t95(4)).toBe(2.7764);
    expect(t95(30)).toBeCloseTo(2.0423, 3);
    expect(t95(120)).toBeCloseTo(1.9799, 3);
    expect(t95(4.9)).toBe(2.7764);
  });
});

describe('CSI of one answer: attributes rescaled from 1-10 to 0-100 and weighted', () => {
  it('weights 2 and 1, scores 10 and 1: (2 x 100 + 1 x 0) / 3 = 66.67', () => {
    expect(csiHundredths({ a: 10, b: 1 }, [{ id: 'a', weight: 2 }, { id: 'b', weight: 1 }])).toBe(6667);
  });
  it('all 1 is 0, all 10 is 100, a 4 is (4 - 1) / 9 = 33.33', () => {
    const w = [{ id: 'a', weight: 1 }];
    expect(csiHundredths({ a: 1 }, w)).toBe(0);
    expect(csiHundredths({ a: 10 }, w)).toBe(10_000);
    expect(csiHundredths({ a: 4 }, w)).toBe(3333);
  });
});

describe('CES easy share (Wilson)', () => {
  it('3 easy of 5: 60 %, interval 23.07 .. 88.24', () => {
    const z2 = 1.96 ** 2;
    const centre = (0.6 + z2 / 10) / (1 + z2 / 5);
    const half = (1.96 * Math.sqrt(0.24 / 5 + z2 / 100)) / (1 + z2 / 5);
    const e = shareEstimate(3, 5)!;
    expect(e.value).toBe(60);
    expect(e.interval!.low).toBeCloseTo(100 * (centre - half), 1);
    expect(e.interval!.high).toBeCloseTo(88.24, 1);
  });
});

describe('significance: the 95 % interval of the difference must exclude zero', () => {
  const q1 = npsEstimate({ n: 100, promoters: 50, detractors: 20 })!; // 30, se 7.81
  it('30 against -10 (n = 100 each): difference 40, interval 17.65 .. 62.35, significant', () => {
    const q0 = npsEstimate({ n: 100, promoters: 30, detractors: 40 })!; // -10, se sqrt(0.69/100)
    const se = Math.sqrt(0.61 / 100 + 0.69 / 100) * 100; // 11.40
    const change = changeBetween(q1, q0, 'nps');
    expect(change.difference).toBe(40);
    expect(change.interval!.low).toBeCloseTo(40 - z * se, 1);
    expect(change.significant).toBe(true);
  });
  it('30 against 20: difference 10, interval -12.09 .. 32.09, not significant', () => {
    const q0 = npsEstimate({ n: 100, promoters: 45, detractors: 25 })!;
    const change = changeBetween(q1, q0, 'nps');
    expect(change.difference).toBe(10);
    expect(change.interval!.low).toBeCloseTo(-12.09, 1);
    expect(change.significant).toBe(false);
  });
  it('a mean of one answer has no error: no interval, never significant', () => {
    const one = meanEstimate({ n: 1, sum: 7, sumSq: 49 }, { min: 1, max: 7 })!;
    const many = meanEstimate({ n: 5, sum: 10, sumSq: 22 }, { min: 1, max: 7 })!;
    expect(changeBetween(one, many, 'mean')).toEqual({ difference: 5, significant: false });
  });
  it('means: Welch t; CES 6.0 (s^2 5/9, n 10) against 5.0 (s^2 5/9, n 10) is significant', () => {
    const now = meanEstimate({ n: 10, sum: 60, sumSq: 365 }, { min: 1, max: 7 })!; // s^2 = (365 - 360) / 9
    const then = meanEstimate({ n: 10, sum: 50, sumSq: 255 }, { min: 1, max: 7 })!; // s^2 = (255 - 250) / 9
    // se = sqrt(2 x (5/9) / 10) = 0.3333, df = 18, t = 2.1009: 1 +- 0.70
    const change = changeBetween(now, then, 'mean');
    expect(change.interval!.low).toBeCloseTo(1 - 2.1009 / 3, 2);
    expect(change.significant).toBe(true);
  });
});

describe('floors: hidden below 5, small sample below 30', () => {
  const answer = (nps: number, tier: string) => ({ nps, tier });
  const counters = (answers: { nps: number; tier: string }[]) => {
    const rows = new Map<string, { segment: ReturnType<typeof segmentsOf>[number]; counters: typeof emptyCounters }>();
    for (const a of answers)
      for (const segment of segmentsOf({ tier: a.tier, city: 'Irkutsk', managerId: 'M1', customerType: 'business' })) {
        const id = `${segment.dimension}#${segment.value}`;
        const before = rows.get(id)?.counters ?? emptyCounters;
        rows.set(id, { segment, counters: addCounters(before, countersOfAnswer({ nps: a.nps, csi: {}, ces: 6, opensCase: a.nps <= 6 }, [])) });
      }
    return [...rows.values()];
  };
  const floors = { hideBelow: 5, smallSampleBelow: 30 };

  it('n below the floor: named, hidden, no figures', () => {
    const scores = quarterScores('2027-Q1', counters([answer(10, 'gold'), answer(3, 'gold')]), { invited: 10 }, floors);
    const all = scores.segments.find((s) => s.id === 'all#all')!;
    expect(all).toEqual({ id: 'all#all', dimension: 'all', value: 'all', visibility: 'hidden', hiddenBecause: 'floor' });
    expect(scores.responseRate).toBe(20);
  });

  it('5 to 29 answers: shown as a small sample; 30: shown', () => {
    const five = quarterScores('2027-Q1', counters(Array.from({ length: 5 }, () => answer(9, 'gold'))), {}, floors);
    expect(five.segments.find((s) => s.id === 'tier#gold')).toMatchObject({ visibility: 'small-sample', n: 5 });
    const thirty = quarterScores('2027-Q1', counters(Array.from({ length: 30 }, () => answer(9, 'gold'))), {}, floors);
    expect(thirty.segments.find((s) => s.id === 'tier#gold')).toMatchObject({ visibility: 'shown', n: 30 });
  });

  it('one segment under the floor hides the smallest other one of its dimension (no subtraction from "all")', () => {
    const hidden = hiddenSegments(
      [
        { id: 'all#all', dimension: 'all', n: 40 },
        { id: 'tier#a', dimension: 'tier', n: 3 },
        { id: 'tier#b', dimension: 'tier', n: 12 },
        { id: 'tier#c', dimension: 'tier', n: 25 },
        { id: 'city#x', dimension: 'city', n: 2 },
        { id: 'city#y', dimension: 'city', n: 3 },
        { id: 'city#z', dimension: 'city', n: 35 },
      ],
      floors,
    );
    expect(Object.fromEntries(hidden)).toEqual({ 'tier#a': 'floor', 'tier#b': 'complement', 'city#x': 'floor', 'city#y': 'floor' });
  });

  it('changes are compared only where both quarters show the segment', () => {
    const now = quarterScores('2027-Q2', counters(Array.from({ length: 40 }, (_, i) => answer(i % 2 ? 10 : 8, 'gold'))), {}, floors);
    const then = quarterScores('2027-Q1', counters(Array.from({ length: 40 }, (_, i) => answer(i % 2 ? 2 : 8, 'gold'))), {}, floors);
    const changes = changesBetween(now, then);
    expect(changes.map((c) => c.id)).toEqual(['all#all', 'tier#gold', 'city#Irkutsk', 'manager#M1', 'customer-type#business']);
    expect(changes[0]!.nps).toMatchObject({ difference: 100, significant: true });
    expect(changes[0]!.ces).toMatchObject({ difference: 0, significant: false });
  });
});
