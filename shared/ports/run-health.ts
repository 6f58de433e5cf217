/** A long run the watchdog looks after: a status review, or a survey wave's opening. */
export type WatchedWorkflow = 'status-review' | 'surveys';

/** What the watchdog noted about a run that stopped progressing (`HEALTH / STALL#<workflow>#<run>`). */
export interface StallFinding {
  readonly workflow: WatchedWorkflow;
  /** The review key (`yearly-2027`) or the wave key (`2027-Q1`). */
  readonly runKey: string;
  readonly firstDetectedAt: string;
  readonly lastDetectedAt: string;
  /** The run's latest sign of life when it was last found stalled. */
  readonly lastProgressAt: string;
  /** How often the watchdog re-published the run's unfinished work. */
  readonly republishes: number;
  /** Segments re-published the last time (a review); empty for a wave opening. */
  readonly republished: readonly number[];
  /** The re-publishes are spent: the run waits for a person (the alarm stays raised). */
  readonly gaveUp: boolean;
  /** Set once the run completed after all. */
  readonly resolvedAt?: string;
}

/** The watchdog's findings, kept in the table so `vip report health` reads them locally too. */
export interface HealthFindings {
  stall(workflow: WatchedWorkflow, runKey: string): Promise<StallFinding | undefined>;
  recordStall(finding: StallFinding): Promise<void>;
  /** Findings not resolved yet. */
  openStalls(): Promise<StallFinding[]>;
  resolveStall(workflow: WatchedWorkflow, runKey: string, at: string): Promise<void>;
}

/** The alarm's input: one data point per stalled run found (CloudWatch metric on AWS). */
export interface HealthMetrics {
  stalledRun(workflow: WatchedWorkflow): void;
}
