import { localDateOf } from '../../domain/local-date.ts';
import { previousQuarter, quarterOf } from '../../domain/surveys/quarter.ts';
import type { ReviewStore } from '../../ports/review-store.ts';
import type { WatchedWorkflow } from '../../ports/run-health.ts';
import type { StoredWave } from '../../ports/survey-store.ts';

/** A run still going, and when it last moved. */
export interface RunProgress {
  readonly workflow: WatchedWorkflow;
  readonly runKey: string;
  /** Latest checkpoint (wall clock), or the opening when none was made yet. */
  readonly lastProgressAt: string;
  /** A review's segments not counted yet; empty for a wave opening. */
  readonly pendingSegments: readonly number[];
  readonly totalSegments: number;
  /** Whether the review's fan-out was recorded (false: its start died between publishing and recording). */
  readonly fannedOut: boolean;
  /** What the wave's opening was requested with (its scheduled time), to request it again. */
  readonly scheduledTime: string;
}

export interface RunProgressPorts {
  readonly reviews: Pick<ReviewStore, 'runningReview' | 'getRun' | 'listSegments'>;
  readonly waves: { getWave(waveKey: StoredWave['waveKey']): Promise<StoredWave | undefined> };
  readonly timeZone: string;
}

/**
 * The long runs going now: the review holding the turn (at most one runs at a time), and a wave
 * of this or the previous quarter (by `now` in the programme's time zone) still opening.
 */
export async function runsInProgress(now: Date, ports: RunProgressPorts): Promise<RunProgress[]> {
  const runs: RunProgress[] = [];
  const reviewKey = await ports.reviews.runningReview();
  const run = reviewKey === undefined ? undefined : await ports.reviews.getRun(reviewKey);
  if (run !== undefined && run.state === 'running') {
    const segments = await ports.reviews.listSegments(run.reviewKey, run.totalSegments);
    const done = new Set(run.doneSegments);
    runs.push({
      workflow: 'status-review',
      runKey: run.reviewKey,
      lastProgressAt: latest([run.openedAt ?? run.scheduledTime, ...segments.map((s) => s.progressAt)]),
      pendingSegments: Array.from({ length: run.totalSegments }, (_, i) => i).filter((i) => !done.has(i)),
      totalSegments: run.totalSegments,
      fannedOut: run.segmentsPublished,
      scheduledTime: run.scheduledTime,
    });
  }
  const quarter = quarterOf(localDateOf(now, ports.timeZone));
  for (const waveKey of [previousQuarter(quarter), quarter]) {
    const wave = await ports.waves.getWave(waveKey);
    if (wave?.state !== 'opening') continue;
    runs.push({
      workflow: 'surveys',
      runKey: wave.waveKey,
      lastProgressAt: latest([wave.openedAt, wave.progressAt]),
      pendingSegments: [],
      totalSegments: 0,
      fannedOut: true,
      scheduledTime: wave.openedAt,
    });
  }
  return runs;
}

/** Whether a run has shown no sign of life for longer than it may (measured from `since`). */
export function isStalled(since: string, now: Date, stallAfterMs: number): boolean {
  return now.getTime() - Date.parse(since) > stallAfterMs;
}

function latest(times: ReadonlyArray<string | undefined>): string {
  return times.filter((t): t is string => t !== undefined).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}
