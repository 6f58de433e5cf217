import type { IsoDate } from '../calendar-date.ts';
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
  /** Instant the wave closes (ISO, UTC): openedAt + openDays. */
  readonly closesAt: string;
  /** Days after opening on which non-responders are reminded, copied from the config at opening. */
  readonly reminderDays: readonly number[];
  /** Invitations written so far (the opening run counts as it goes). */
  readonly invited: number;
}
