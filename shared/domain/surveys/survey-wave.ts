import { addDays, type IsoDate } from '../calendar-date.ts';
import { startOfLocalDay } from '../local-date.ts';
import type { QuarterKey } from './quarter.ts';

/**
 * One survey wave per quarter. `opening` while recipients are being selected (the run
 * checkpoints its cursor), `open` once every recipient has an invitation, `closed` once
 * `closesAt` has passed (links expire then; no more reminders or answers).
 */
export type WaveState = 'opening' | 'open' | 'closed';

export interface SurveyWave {
  readonly waveKey: QuarterKey;
  readonly state: WaveState;
  /** The local day the wave opened, in the programme's zone: VIP status is read as of this day. */
  readonly openedOn: IsoDate;
  readonly openedAt: string;
  /** The last local day answers are taken (openedOn + openDays - 1). */
  readonly lastDay: IsoDate;
  /** Instant the wave closes (ISO, UTC): the local midnight after lastDay. */
  readonly closesAt: string;
  /** Days after opening on which non-responders are reminded, copied from the config at opening. */
  readonly reminderDays: readonly number[];
  /** Invitations of the wave, counted when the opening completes (0 while opening). */
  readonly invited: number;
  /** Recipients left out at the opening, by reason (suppressed, contact policy, shared address). */
  readonly skipped: Readonly<Record<string, number>>;
}

/**
 * A wave opened on local day `openedOn` takes answers for `openDays` whole local days: its last
 * day is openedOn + openDays - 1, and it closes at the local midnight after it. Links expire then.
 */
export function waveClosing(openedOn: IsoDate, openDays: number, timeZone: string): { lastDay: IsoDate; closesAt: string } {
  const lastDay = addDays(openedOn, openDays - 1);
  return { lastDay, closesAt: startOfLocalDay(addDays(lastDay, 1), timeZone).toISOString() };
}

/** The local day a reminder day falls on (days after the opening day). */
export function reminderDate(openedOn: IsoDate, day: number): IsoDate {
  return addDays(openedOn, day);
}
