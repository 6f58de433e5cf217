/**
 * The dashboard's read model built on the scores use cases: the one place where the scores'
 * figures (shared/domain/scores/) become the data API's views (shared/schemas/dashboard-api.ts).
 */
import type { Estimate } from '../../domain/scores/estimates.ts';
import { changesBetween, type QuarterScores } from '../../domain/scores/quarter-scores.ts';
import type { SampleFloors } from '../../domain/scores/visibility.ts';
import type { StandardRecord } from '../../domain/scores/standards.ts';
import { closedLoopFigures } from '../../domain/scores/closed-loop-figures.ts';
import type { IsoDate } from '../../domain/calendar-date.ts';
import type { ClosedLoopSource } from '../../ports/standards-review.ts';
import type { ScoresConfig } from '../../schemas/scores-config.ts';
import { setStandard, standardsHistory } from '../scores/standards.ts';
import { nextQuarter, parseQuarterKey, previousQuarter, type QuarterKey } from '../../domain/surveys/quarter.ts';
import type { ClosedLoopFigures, DashboardSource, ProgrammeFigures, QuarterScoresView } from '../../ports/dashboard-source.ts';
import type { ScoreStore, StandardsStore } from '../../ports/score-store.ts';
import type { EstimateView, SegmentView, StandardAdjustment, StandardRecordView } from '../../schemas/dashboard-api.ts';
import { readOneQuarter } from '../scores/read-quarter-scores.ts';

/** Which of the candidate quarters have counters: one small read per candidate, batched. */
import type { ProgrammeSource, ScoredQuarterIndex } from '../../ports/dashboard-source.ts';
export type { ProgrammeSource, ScoredQuarterIndex };

export interface ScoresDashboardPorts {
  readonly scores: ScoreStore;
  readonly quarters: ScoredQuarterIndex;
  readonly standards: StandardsStore;
  /** Holds the first targets (version zero of every standard). */
  readonly scoresConfig: ScoresConfig;
  /** Tier ids a target may be set for. */
  readonly tiers: readonly string[];
  readonly closedLoop: ClosedLoopSource;
  readonly programme: ProgrammeSource;
  /** Today in the programme's time zone: a case is overdue after its due day. */
  readonly today: () => IsoDate;
  readonly floors: SampleFloors;
  /** The quarter it is now, in the programme's time zone. */
  readonly currentQuarter: () => QuarterKey;
}

/** How far the overview looks for scored quarters around today: demo years run ahead of the clock. */
export const quarterWindow = { back: 12, ahead: 8 } as const;

export class ScoresDashboardSource implements DashboardSource {
  constructor(private readonly ports: ScoresDashboardPorts) {}

  async scoredQuarters(): Promise<readonly string[]> {
    let q = this.ports.currentQuarter();
    for (let i = 0; i < quarterWindow.back; i++) q = previousQuarter(q);
    const candidates: QuarterKey[] = [];
    for (let i = 0; i < quarterWindow.back + quarterWindow.ahead + 1; i++, q = nextQuarter(q)) candidates.push(q);
    return this.ports.quarters.withScores(candidates);
  }

  async quarterScores(quarter: string): Promise<QuarterScoresView | undefined> {
    const q = parseQuarterKey(quarter);
    const ports = { store: this.ports.scores, floors: this.ports.floors };
    const [current, previous] = await Promise.all([readOneQuarter(q, ports), readOneQuarter(previousQuarter(q), ports)]);
    if (current.answered === 0) return undefined;
    return quarterView(current, previous);
  }

  async standardsHistory(): Promise<readonly StandardRecordView[]> {
    return (await standardsHistory({ standards: this.ports.standards, config: this.ports.scoresConfig })).map(recordView);
  }

  /** The same use case as `vip standards set`: the same checks, one new version. */
  async recordStandard(adjustment: StandardAdjustment, at: string): Promise<StandardRecordView> {
    const record = await setStandard(
      { measure: adjustment.measure, target: adjustment.target, fromQuarter: adjustment.fromQuarter, reason: adjustment.reason, by: adjustment.by, at, ...(adjustment.tier !== undefined && { tier: adjustment.tier }) },
      { standards: this.ports.standards, tiers: this.ports.tiers },
    );
    return recordView(record);
  }

  /**
   * Cases opened: the counters' figure (one per answer that called for the manager). Open, overdue
   * and the SLA share: from the quarter's cases, through the case index by manager, counted only.
   */
  async closedLoop(quarter: string): Promise<ClosedLoopFigures> {
    const q = parseQuarterKey(quarter);
    const rows = await this.ports.scores.readCounters(q);
    const managers = rows.filter((r) => r.segment.dimension === 'manager').map((r) => r.segment.value);
    const figures = closedLoopFigures(await this.ports.closedLoop.casesOf(q, managers), this.ports.today());
    return {
      opened: rows.find((r) => r.segment.dimension === 'all')?.counters.casesOpened ?? 0,
      open: figures.open,
      overdue: figures.overdue,
      ...(figures.withinSlaShare !== undefined && { withinSlaShare: figures.withinSlaShare }),
    };
  }

  programme(year: number): Promise<ProgrammeFigures> {
    return this.ports.programme.programme(year);
  }
}

export function estimateView(e: Estimate): EstimateView {
  return { value: e.value, n: e.n, ...(e.interval && { interval: { low: e.interval.low, high: e.interval.high, method: e.interval.method } }) };
}

const optionalEstimate = <K extends string>(key: K, e: Estimate | undefined) => (e === undefined ? {} : ({ [key]: estimateView(e) } as Record<K, EstimateView>));

export function quarterView(current: QuarterScores, previous: QuarterScores): QuarterScoresView {
  const segments: SegmentView[] = current.segments.map((s) => ({
    id: s.id,
    dimension: s.dimension,
    value: s.value,
    visibility: s.visibility,
    ...(s.hiddenBecause && { hiddenBecause: s.hiddenBecause }),
    ...(s.n !== undefined && { n: s.n }),
    ...optionalEstimate('nps', s.nps),
    ...optionalEstimate('csi', s.csi),
    ...optionalEstimate('ces', s.ces),
    ...optionalEstimate('cesEasy', s.cesEasy),
  }));
  const whole = changesBetween(current, previous).find((c) => c.id === 'all#all');
  return {
    quarter: current.quarter,
    ...(current.invited !== undefined && { invited: current.invited }),
    answered: current.answered,
    ...(current.responseRate !== undefined && { responseRate: current.responseRate }),
    floors: current.floors,
    segments,
    ...(whole && { changes: { ...(whole.nps && { nps: whole.nps }), ...(whole.csi && { csi: whole.csi }), ...(whole.ces && { ces: whole.ces }) } }),
  };
}

function recordView(r: StandardRecord): StandardRecordView {
  return {
    measure: r.measure,
    ...(r.tier !== undefined && { tier: r.tier }),
    target: r.target,
    ...(r.fromQuarter !== undefined && { fromQuarter: r.fromQuarter }),
    ...(r.setAt !== undefined && { setAt: r.setAt }),
    setBy: r.setBy,
    reason: r.reason,
  };
}
