import type { IsoDate } from '../../../domain/calendar-date.ts';
import type { DailyGiftPorts } from './ports.ts';

/** Keeps what the run did and moves the watermark, last: a run that failed before here is redone from the same day. */
export async function recordRun(day: IsoDate, result: Readonly<Record<string, unknown>>, ports: DailyGiftPorts): Promise<void> {
  await ports.store.recordRun(day, result, ports.now().toISOString());
  await ports.store.advanceWatermark(day);
}
