import { daysBetween, type IsoDate } from '../calendar-date.ts';
import type { QuarterKey } from './quarter.ts';

/**
 * THE contact policy of the survey programme (docs/surveys.md#contact-policy). Every survey mail
 * to a client's contact (an invitation or a reminder) is decided here and nowhere else.
 */
export interface ContactPolicySettings {
  /** No invitation within this many days of the contact's last survey mail (invitation or reminder). */
  readonly minDaysBetweenInvitations: number;
}

/** What the programme has sent a contact, from its `CONTACTED#` record. */
export interface ContactHistory {
  /** The local day of the last survey mail (invitation or reminder) to the contact. */
  readonly lastMailedOn?: IsoDate;
  /** The wave of the last invitation. */
  readonly lastWaveKey?: QuarterKey;
}

export interface ContactSituation {
  readonly history: ContactHistory;
  /** Closed-loop cases on the contact's account not yet resolved. */
  readonly openCases: number;
}

export type PolicyRefusal = 'already-in-wave' | 'too-soon' | 'open-case';
export type PolicyDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: PolicyRefusal };

const allowed: PolicyDecision = { allowed: true };

/**
 * May the contact be invited to `waveKey` today? At most one wave per quarter; none within the
 * window after the last survey mail (a reminder counts: it moves `lastMailedOn`); none while a
 * closed-loop case on the client is open (the manager is talking to them).
 */
export function mayInvite(waveKey: QuarterKey, today: IsoDate, situation: ContactSituation, settings: ContactPolicySettings): PolicyDecision {
  if (situation.history.lastWaveKey === waveKey) return { allowed: false, reason: 'already-in-wave' };
  if (situation.openCases > 0) return { allowed: false, reason: 'open-case' };
  const last = situation.history.lastMailedOn;
  if (last !== undefined && daysBetween(last, today) < settings.minDaysBetweenInvitations) return { allowed: false, reason: 'too-soon' };
  return allowed;
}

/**
 * May an invitee of `waveKey` be reminded today? The reminder belongs to the wave the contact was
 * already admitted to, so the window does not stop it (it is days after the invitation by
 * design); it does move the window on. An open case stops it like an invitation.
 */
export function mayRemind(situation: ContactSituation): PolicyDecision {
  return situation.openCases > 0 ? { allowed: false, reason: 'open-case' } : allowed;
}
