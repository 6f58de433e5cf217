import { parseQuarterKey, previousQuarter, type QuarterKey } from '../../domain/surveys/quarter.ts';
import { changesBetween, quarterScores, type QuarterScores, type SegmentChange } from '../../domain/scores/quarter-scores.ts';
import type { SampleFloors } from '../../domain/scores/visibility.ts';
import type { ScoreStore } from '../../ports/score-store.ts';

/** What the dashboard reads for a quarter: its scores, the previous quarter's, and the changes between them. */
export interface QuarterScoresView {
  readonly quarter: QuarterKey;
  readonly previousQuarter: QuarterKey;
  readonly current: QuarterScores;
  readonly previous: QuarterScores;
  /** Per segment shown in both quarters; `significant` only when the 95 % interval of the difference excludes zero. */
  readonly changes: readonly SegmentChange[];
}

export interface ScoreReadPorts {
  readonly store: ScoreStore;
  readonly floors: SampleFloors;
}

/** One quarter's scores: a Get of the wave and a Query of the counters, for this quarter and the one before. */
export async function readQuarterScores(quarter: string, ports: ScoreReadPorts): Promise<QuarterScoresView> {
  const q = parseQuarterKey(quarter);
  const before = previousQuarter(q);
  const [current, previous] = await Promise.all([readOneQuarter(q, ports), readOneQuarter(before, ports)]);
  return { quarter: q, previousQuarter: before, current, previous, changes: changesBetween(current, previous) };
}

export async function readOneQuarter(quarter: QuarterKey, ports: ScoreReadPorts): Promise<QuarterScores> {
  const [rows, wave] = await Promise.all([ports.store.readCounters(quarter), ports.store.wave(quarter)]);
  return quarterScores(quarter, rows, wave === undefined ? {} : { invited: wave.invited }, ports.floors);
}
