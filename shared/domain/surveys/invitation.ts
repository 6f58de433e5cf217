import type { QuarterKey } from './quarter.ts';
import type { SurveyRole } from '../../schemas/survey-config.ts';

export type InvitationState = 'invited' | 'answered' | 'unsubscribed' | 'bounced' | 'complained';
export type SurveyLanguage = 'ru' | 'en';

/**
 * What the answer keeps of the client: the fields the scores are cut by, copied at opening so a
 * later change of tier or manager does not move an answer between segments. Never an identity.
 */
export interface SegmentSnapshot {
  readonly tier: string;
  readonly city: string;
  readonly managerId: string;
  readonly customerType: 'business' | 'private';
}

export interface Invitation {
  /**
   * Opaque: 128 random bits, base64url (22 characters), made by shared/adapters/crypto/random-ids.ts.
   * Not derived from account or contact ids, so a link says nothing about whom it was sent to and
   * cannot be guessed from them. The only identifier in links and on the answer item.
   */
  readonly invitationId: string;
  readonly waveKey: QuarterKey;
  readonly accountId: string;
  readonly contactId: string;
  readonly role: SurveyRole;
  readonly language: SurveyLanguage;
  readonly email: string;
  readonly state: InvitationState;
  readonly invitedAt: string;
  /** Reminder days (days after opening) already sent, e.g. [7]. */
  readonly remindersSent: readonly number[];
  readonly closesAt: string;
  readonly segment: SegmentSnapshot;
}
