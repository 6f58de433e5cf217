import type { ClosedLoopFigures, DashboardSource, QuarterScoresView } from '../../ports/dashboard-source.ts';
import {
  dimensionSchema,
  measureSchema,
  type SegmentView,
  type ClosedLoopResponse,
  type EstimateView,
  type Measure,
  type OverviewResponse,
  type ProgrammeResponse,
  type QuarterSummary,
  type SegmentsResponse,
  type StandardRecordView,
  type StandardsResponse,
  type TargetView,
} from '../../schemas/dashboard-api.ts';
import { standardsInForce } from '../../domain/scores/standards.ts';

/** The quarter asked for has no scores (or is not a quarter at all): the API answers 404. */
export class NoScoresError extends Error {
  override readonly name = 'NoScoresError';
}

/** How many quarters the overview shows, newest last: two years, enough to see a trend. */
export const overviewQuarters = 8;

const whole = (scores: QuarterScoresView) => scores.segments.find((s) => s.dimension === 'all');

/** NPS, CSI, CES and the response rate per quarter with their targets: reads O(quarters x segments) items. */
export async function readOverview(source: DashboardSource): Promise<OverviewResponse> {
  const quarters = (await source.scoredQuarters()).slice(-overviewQuarters);
  const [history, ...scores] = await Promise.all([source.standardsHistory(), ...quarters.map((q) => source.quarterScores(q))]);
  const summaries: QuarterSummary[] = [];
  for (const current of scores) {
    if (current === undefined) continue;
    const all = whole(current);
    summaries.push({
      quarter: current.quarter,
      ...(current.invited !== undefined && { invited: current.invited }),
      answered: current.answered,
      ...(current.responseRate !== undefined && { responseRate: current.responseRate }),
      ...(all?.nps && { nps: all.nps }),
      ...(all?.csi && { csi: all.csi }),
      ...(all?.ces && { ces: all.ces }),
      ...(all?.cesEasy && { cesEasy: all.cesEasy }),
      ...(current.changes && { changes: current.changes }),
      targets: standardsInForce(history, current.quarter, []).map(targetView),
    });
  }
  return { quarters: summaries };
}

/** The segment table of one quarter (the latest when none is asked for). Hidden segments carry only their name. */
export async function readSegments(source: DashboardSource, quarter: string | undefined, tierNames: ReadonlyMap<string, string>): Promise<SegmentsResponse> {
  const { scores, quarters } = await scoresOf(source, quarter);
  // Tiers in the programme's order (lowest first), the other dimensions as the scores give them.
  const tierOrder = [...tierNames.keys()];
  const rank = (s: SegmentView) => (s.dimension === 'tier' ? tierOrder.indexOf(s.value) : 0);
  const dimensionOrder = (s: SegmentView) => dimensionSchema.options.indexOf(s.dimension);
  const ordered = [...scores.segments].sort((a, b) => dimensionOrder(a) - dimensionOrder(b) || rank(a) - rank(b));
  return {
    quarter: scores.quarter,
    quarters,
    floors: scores.floors,
    segments: ordered.map((s) => {
      const label = s.dimension === 'tier' ? tierNames.get(s.value) : undefined;
      if (s.visibility === 'hidden') return { id: s.id, dimension: s.dimension, value: s.value, ...(label && { label }), visibility: 'hidden', ...(s.hiddenBecause && { hiddenBecause: s.hiddenBecause }) };
      return { ...s, ...(label && { label }) };
    }),
  };
}

/** Targets against the latest quarter's actuals, per measure and tier, and the whole history of adjustments. */
export async function readStandards(source: DashboardSource, tierNames: ReadonlyMap<string, string>): Promise<StandardsResponse> {
  const [quarters, history] = await Promise.all([source.scoredQuarters(), source.standardsHistory()]);
  const quarter = quarters.at(-1);
  const scores = quarter === undefined ? undefined : await source.quarterScores(quarter);
  const [closedLoop] = quarter === undefined ? [undefined] : await Promise.all([source.closedLoop(quarter)]);
  const targets = standardsInForce(history, quarter ?? '9999-Q4', [...tierNames.keys()]);
  const rows = targets.map((t) => {
    const actual = scores && actualOf(t.measure, t.tier, scores, closedLoop);
    return {
      measure: t.measure,
      ...(t.tier !== undefined && { tier: t.tier }),
      target: t.target,
      ...(actual && { actual, met: actual.value >= t.target }),
    };
  });
  const newestFirst = [...history].sort((a, b) => (b.setAt ?? '').localeCompare(a.setAt ?? ''));
  const tiers = [...tierNames].map(([id, label]) => ({ id, label }));
  return { ...(quarter !== undefined && { quarter }), rows: sortRows(rows), history: newestFirst, tiers };
}

export async function readClosedLoop(source: DashboardSource, quarter: string | undefined): Promise<ClosedLoopResponse> {
  const { scores, quarters } = await scoresOf(source, quarter);
  return { quarter: scores.quarter, quarters, ...(await source.closedLoop(scores.quarter)) };
}

export async function readProgramme(source: DashboardSource, year: number, tierNames: ReadonlyMap<string, string>): Promise<ProgrammeResponse> {
  const figures = await source.programme(year);
  const order = [...tierNames.keys()];
  return {
    year,
    vipByTier: [...figures.vipByTier]
      .sort((a, b) => order.indexOf(a.tier) - order.indexOf(b.tier))
      .map((t) => ({ tier: t.tier, label: tierNames.get(t.tier) ?? t.tier, accounts: t.accounts })),
    giftSpending: [...figures.giftSpending],
  };
}

const targetView = (r: StandardRecordView): TargetView => ({
  measure: r.measure,
  ...(r.tier !== undefined && { tier: r.tier }),
  target: r.target,
  ...(r.fromQuarter !== undefined && { fromQuarter: r.fromQuarter }),
});

async function scoresOf(source: DashboardSource, quarter: string | undefined): Promise<{ scores: QuarterScoresView; quarters: string[] }> {
  const quarters = [...(await source.scoredQuarters())];
  const chosen = quarter ?? quarters.at(-1);
  if (chosen === undefined) throw new NoScoresError('no quarter has scores yet: the first survey wave has not been answered');
  const scores = await source.quarterScores(chosen);
  if (scores === undefined) throw new NoScoresError(`no scores for ${chosen}: no survey wave of that quarter has answers`);
  return { scores, quarters };
}

function actualOf(measure: Measure, tier: string | undefined, scores: QuarterScoresView, closedLoop: ClosedLoopFigures | undefined): EstimateView | undefined {
  const segment = scores.segments.find((s) => (tier === undefined ? s.dimension === 'all' : s.dimension === 'tier' && s.value === tier));
  switch (measure) {
    case 'nps':
    case 'csi':
    case 'ces':
      return segment?.visibility === 'hidden' ? undefined : segment?.[measure];
    case 'response-rate':
      return tier === undefined && scores.responseRate !== undefined ? { value: scores.responseRate, n: scores.invited ?? 0 } : undefined;
    case 'closed-loop-sla':
      return tier === undefined && closedLoop?.withinSlaShare !== undefined ? { value: closedLoop.withinSlaShare, n: closedLoop.opened } : undefined;
  }
}

function sortRows<T extends { measure: Measure; tier?: string }>(rows: T[]): T[] {
  const order = measureSchema.options;
  return rows.sort((a, b) => order.indexOf(a.measure) - order.indexOf(b.measure) || (a.tier ?? '').localeCompare(b.tier ?? ''));
}
