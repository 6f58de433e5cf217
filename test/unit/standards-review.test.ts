import { describe, expect, it } from 'vitest';
import { closedLoopFigures } from '../../shared/domain/scores/closed-loop-figures.ts';
import { quarterScores, type SegmentCounters } from '../../shared/domain/scores/quarter-scores.ts';
import { emptyCounters } from '../../shared/domain/scores/score-counters.ts';
import { standardsReview, type ProgrammeFigures } from '../../shared/domain/scores/standards-review.ts';
import { configStandards, standardFor, targetProblem, type StandardRecord } from '../../shared/domain/scores/standards.ts';

const floors = { hideBelow: 5, smallSampleBelow: 30 };
const programme: ProgrammeFigures = { year: 2027, vipByTier: [], statusChanges: [], giftsByTier: [], budgetKopecks: 0 };
const noCases = closedLoopFigures([], '2027-04-10');

/** A segment with n answers: `promoters` and `detractors` of them, every CSI 100 points, CES 6. */
function row(id: string, n: number, promoters: number, detractors: number): SegmentCounters {
  const [dimension, value] = id.split('#') as [SegmentCounters['segment']['dimension'], string];
  return {
    segment: { dimension, value },
    counters: { ...emptyCounters, n, promoters, detractors, passives: n - promoters - detractors, csiN: n, csiSum: n * 10_000, csiSumSq: n * 10_000 ** 2, cesN: n, cesSum: 6 * n, cesSumSq: 36 * n, cesEasy: n },
  };
}

const general = { nps: 40, csi: 75, ces: 5.5, 'response-rate': 30, 'closed-loop-sla': 90 } as const;
const standards = configStandards(general, { gold: { nps: 60 } });

describe('targets in force', () => {
  const later: StandardRecord = { measure: 'nps', target: 45, fromQuarter: '2027-Q2', setAt: '2027-03-01T00:00:00Z', setBy: 'ceo@example.com', reason: 'up' };
  it('a version applies from its quarter on; the config target before', () => {
    expect(standardFor([...standards, later], 'nps', '2027-Q1')!.target).toBe(40);
    expect(standardFor([...standards, later], 'nps', '2027-Q2')!.target).toBe(45);
    expect(standardFor([...standards, later], 'nps', '2028-Q1')!.target).toBe(45);
  });
  it("a tier's own target beats the general one; other tiers take the general", () => {
    expect(standardFor(standards, 'nps', '2027-Q1', 'gold')!.target).toBe(60);
    expect(standardFor(standards, 'nps', '2027-Q1', 'silver')!.target).toBe(40);
  });
  it('ranges: NPS -100..100, CSI 0..100, CES 1..7, rates 0..100', () => {
    expect(targetProblem('nps', -100)).toBeUndefined();
    expect(targetProblem('nps', 101)).toMatch(/-100 to 100/);
    expect(targetProblem('csi', -1)).toMatch(/0 to 100/);
    expect(targetProblem('ces', 0.9)).toMatch(/1 to 7/);
    expect(targetProblem('response-rate', 100.5)).toMatch(/0 to 100/);
  });
});

describe('the review: findings and proposals', () => {
  // Q1: all 100 answers (60 promoters, 10 detractors: NPS 50), gold 40 (36 / 2: NPS 85), silver 60 (24 / 8: NPS 26.67).
  const q1 = quarterScores('2027-Q1', [row('all#all', 100, 60, 10), row('tier#gold', 40, 36, 2), row('tier#silver', 60, 24, 8)], { invited: 400 }, floors);
  // Q2: all (70 / 5: NPS 65), gold (38 / 1: NPS 92.5), silver (32 / 4: NPS 46.67).
  const q2 = quarterScores('2027-Q2', [row('all#all', 100, 70, 5), row('tier#gold', 40, 38, 1), row('tier#silver', 60, 32, 4)], { invited: 500 }, floors);
  const review = standardsReview({ current: q2, previous: q1, changes: [], standards, closedLoop: noCases, previousClosedLoop: noCases, programme });

  it('findings: measures below target, with whether the whole interval is below', () => {
    // Response rate 100 / 500 = 20 % < 30 %; nothing else in Q2 is below its target.
    expect(review.findings).toEqual([{ segment: 'all#all', measure: 'response-rate', value: 20, target: 30, clearlyBelow: false }]);
    const q1Review = standardsReview({ current: q1, previous: q2, changes: [], standards, closedLoop: noCases, previousClosedLoop: noCases, programme });
    // Q1 silver NPS 26.67 against 40: the Wald interval (SE = sqrt((0.4 + 0.1333 - 0.0711) / 60) = 8.78) reaches 43.9, so not clearly below.
    expect(q1Review.findings).toContainEqual({ segment: 'tier#silver', measure: 'nps', value: 26.67, target: 40, clearlyBelow: false });
  });

  it('proposals: above target two quarters in a row -> the lower of the two values, rounded down', () => {
    // all: NPS 50 then 65 over 40 -> 50; gold: 85 then 92.5 over 60 -> 85; silver: 26.67 then 46.67 -> no (Q1 below).
    const nps = review.proposals.filter((p) => p.measure === 'nps');
    expect(nps).toEqual([
      { segment: 'all#all', measure: 'nps', currentTarget: 40, proposedTarget: 50, values: [50, 65] },
      { segment: 'tier#gold', measure: 'nps', tier: 'gold', currentTarget: 60, proposedTarget: 85, values: [85, 92.5] },
    ]);
    // CES 6 both quarters against 5.5 -> 6; CSI 100 both -> 100 (for all, gold and silver).
    expect(review.proposals.filter((p) => p.measure === 'ces').map((p) => p.proposedTarget)).toEqual([6, 6, 6]);
    // The response rate was below target: no proposal for it.
    expect(review.proposals.some((p) => p.measure === 'response-rate')).toBe(false);
  });

  it('a hidden segment is listed as hidden, never as a finding', () => {
    const small = quarterScores('2027-Q2', [row('all#all', 44, 0, 40), row('tier#gold', 40, 0, 40), row('tier#silver', 4, 0, 0)], {}, floors);
    const r = standardsReview({ current: small, previous: q1, changes: [], standards, closedLoop: noCases, previousClosedLoop: noCases, programme });
    expect(r.rows.filter((x) => x.segment === 'tier#silver').map((x) => x.status)).toEqual(['hidden', 'hidden', 'hidden']);
    // gold is hidden too: with silver hidden, "all" minus gold would reveal it.
    expect(r.findings.map((f) => f.segment)).toEqual(['all#all']);
  });
});

describe('closed-loop figures', () => {
  it('within SLA counts cases whose outcome is known: contacted, or overdue', () => {
    const figures = closedLoopFigures(
      [
        { state: 'contacted', contactedOn: '2027-01-21', dueOn: '2027-01-22' },
        { state: 'resolved', contactedOn: '2027-01-25', dueOn: '2027-01-22' },
        { state: 'open', dueOn: '2027-01-22' },
        { state: 'open', dueOn: '2027-04-30' },
      ],
      '2027-04-10',
    );
    expect(figures).toEqual({ opened: 4, contacted: 2, contactedWithinSla: 1, resolved: 1, open: 2, overdue: 1, withinSlaShare: 33.33 });
  });
});
