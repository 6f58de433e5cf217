import type { QuarterKey } from '../domain/surveys/quarter.ts';
import type { ClosedLoopFigures, QuarterSummary, SegmentView, StandardAdjustment, StandardRecordView } from '../schemas/dashboard-api.ts';

/** One quarter's precomputed scores, as the scores read model hands them over (O(segments) items). */
export interface QuarterScoresView {
  readonly quarter: string;
  readonly invited?: number;
  readonly answered: number;
  /** answered / invited, in %. */
  readonly responseRate?: number;
  readonly floors: { readonly hideBelow: number; readonly smallSampleBelow: number };
  readonly segments: readonly SegmentView[];
  /** The whole base's changes from the previous quarter, significance decided by the scores model. */
  readonly changes?: QuarterSummary['changes'];
}

export interface ProgrammeFigures {
  readonly vipByTier: readonly { readonly tier: string; readonly accounts: number }[];
  readonly giftSpending: readonly { readonly month: string; readonly allocatedRub: number; readonly reservedRub: number; readonly spentRub: number }[];
}

export type { ClosedLoopFigures };

/**
 * Everything the dashboard reads or writes: precomputed scores, standards records, closed-loop
 * counts and programme figures. Never an answer, a client or a case by name.
 */
export interface DashboardSource {
  /** Quarters that have scores, oldest first. */
  scoredQuarters(): Promise<readonly string[]>;
  quarterScores(quarter: string): Promise<QuarterScoresView | undefined>;
  /** Every standards record, the programme config's first targets included. */
  standardsHistory(): Promise<readonly StandardRecordView[]>;
  /** Appends a version; the targets in force follow from the history. */
  recordStandard(adjustment: StandardAdjustment, at: string): Promise<StandardRecordView>;
  closedLoop(quarter: string): Promise<ClosedLoopFigures>;
  programme(year: number): Promise<ProgrammeFigures>;
}

/** Which quarters have scores (a dashboard offers only those). */
export interface ScoredQuarterIndex {
  withScores(candidates: readonly QuarterKey[]): Promise<QuarterKey[]>;
}

/** The programme's figures of a year (accounts, tasks, budget) for the dashboard. */
export interface ProgrammeSource {
  programme(year: number): Promise<ProgrammeFigures>;
}
