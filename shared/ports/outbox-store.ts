import type { OutboxMail } from './outbox.ts';

/** A mail the sender holds: its content (as queued, without whom it concerns) and the lease that entitles it to send and mark it. */
export interface ClaimedMail extends Omit<OutboxMail, 'about'> {
  /** Claims so far, this one included. */
  readonly attempts: number;
  /** Whose lease: the sender marks the mail only while this is still the item's lease. */
  readonly leaseId: string;
  readonly lastError?: string;
}

/** The outbox as the sender and the SES-event recorder see it (docs/mail-outbox.md: states). */
export interface OutboxStore {
  /** Ids of mails due at `now`: pending ones and `sending` ones whose lease and grace have passed. */
  dueMail(now: string, limit: number): Promise<string[]>;
  /**
   * pending|sending -> sending, if due: a new lease until `leaseUntil`; the mail becomes due again
   * (for recovery) at `recoverAt`. Undefined when it is not due any more (another sender took it,
   * it was sent or confirmed meanwhile).
   */
  claim(mailId: string, claim: { at: string; leaseId: string; leaseUntil: string; recoverAt: string }): Promise<ClaimedMail | undefined>;
  /** sending (under this lease) -> sent. 'already-sent' when SES's Send event got there first. */
  markSent(mail: ClaimedMail, messageId: string, at: string): Promise<'sent' | 'already-sent' | 'lease-lost'>;
  /** sending (under this lease) -> pending, due at `dueAt`: SES did not take it (throttled, paused). */
  release(mail: ClaimedMail, dueAt: string, error: string, at: string): Promise<void>;
  /** sending (under this lease) -> parked: SES refuses it for good, or it ran out of attempts. */
  park(mail: ClaimedMail, reason: string, at: string): Promise<void>;
  /**
   * SES's Send event for a mail: records the confirmation and, unless already sent or parked,
   * marks it sent. 'unknown' for a mail id this outbox never held (another stack's mail).
   */
  recordConfirmation(mailId: string, messageId: string, at: string): Promise<'confirmed' | 'already-sent' | 'unknown'>;
}
