import { nextFireTimes } from '../../shared/domain/schedule/schedule-expression.ts';
import type { ScheduleSpec } from '../topology.ts';

export interface ScheduledRun {
  readonly schedule: ScheduleSpec;
  readonly scheduledTime: Date;
}

/**
 * Fires the topology's schedules on the wall clock while `npm start` runs. Each schedule waits for
 * its next fire time as EventBridge Scheduler computes it, then hands the run to `fire`.
 */
export class LocalScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly schedules: readonly ScheduleSpec[],
    private readonly fire: (run: ScheduledRun) => Promise<void>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    for (const schedule of this.schedules) if (schedule.enabled) this.arm(schedule, this.now());
  }

  /** The next fire time of every enabled schedule, for the start banner. */
  upcoming(): Array<{ schedule: ScheduleSpec; next: Date | undefined }> {
    return this.schedules.map((schedule) => ({
      schedule,
      next: schedule.enabled ? nextFireTimes(schedule.expression, { timeZone: schedule.timeZone, from: this.now(), count: 1 })[0] : undefined,
    }));
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private arm(schedule: ScheduleSpec, after: Date): void {
    const [next] = nextFireTimes(schedule.expression, { timeZone: schedule.timeZone, from: after, count: 1 });
    if (!next || this.stopped) return;
    // setTimeout cannot wait longer than ~24.8 days; re-arm in steps for the yearly schedule.
    const wait = Math.min(next.getTime() - this.now().getTime(), 2 ** 31 - 1);
    const timer = setTimeout(() => {
      if (this.now() < next) return this.arm(schedule, after);
      void this.fire({ schedule, scheduledTime: next }).finally(() => this.arm(schedule, next));
    }, Math.max(0, wait));
    timer.unref();
    this.timers.set(schedule.name, timer);
  }
}
