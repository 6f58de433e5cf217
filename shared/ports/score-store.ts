import type { ScoreCounters } from '../domain/scores/score-counters.ts';
import type { Segment } from '../domain/scores/segments.ts';
import type { SegmentCounters } from '../domain/scores/quarter-scores.ts';
import type { StandardRecord } from '../domain/scores/standards.ts';

export interface WaveFigures {
  readonly invited: number;
  /** Instant the wave closes (ISO). */
  readonly closesAt?: string;
}

export type CountOutcome = 'counted' | 'already-counted';

/** The per-wave, per-segment counters and what they are read with. */
export interface ScoreStore {
  /**
   * Adds one answer's increments to each of its segments, once: a marker for the answer is
   * written in the same transaction, on condition that it does not exist yet.
   */
  countAnswer(quarter: string, invitationId: string, increments: readonly { segment: Segment; counters: ScoreCounters }[]): Promise<CountOutcome>;
  /** Every segment of a quarter: one query, items proportional to the segments. */
  readCounters(quarter: string): Promise<SegmentCounters[]>;
  /** Rebuild: the quarter's counters become exactly these; the answers are marked as counted. */
  replaceCounters(quarter: string, rows: readonly SegmentCounters[], countedInvitationIds: readonly string[]): Promise<void>;
  /** The wave item's invitations and close; undefined when the wave does not exist. */
  wave(quarter: string): Promise<WaveFigures | undefined>;
}

/** A stored answer as the scores read it: the segment snapshot and the scores, no identity. */
export interface ScoredAnswer {
  readonly invitationId: string;
  readonly segment: { readonly tier: string; readonly city: string; readonly managerId: string; readonly customerType: string };
  readonly nps: number;
  readonly csi: Readonly<Record<string, number>>;
  readonly ces?: number;
}

export interface AnswerSource {
  /** The wave's answers, page by page (a query of the wave's answer partition, never a scan). */
  answersOf(quarter: string): AsyncIterable<readonly ScoredAnswer[]>;
}

export interface StandardsStore {
  records(): Promise<StandardRecord[]>;
  /** Appends a version; never overwrites one. */
  add(record: StandardRecord): Promise<void>;
}
