import type { MailAttachment } from './outbox.ts';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly attachments?: readonly MailAttachment[];
}

/** A mail on its way out of the outbox: the mail id travels with it (SES tag and header). */
export interface OutgoingMail extends MailMessage {
  readonly mailId: string;
}

export interface Mailer {
  /** Resolves once SES accepted the mail; rejects with a MailSendError saying what kind of failure it was. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

/**
 * What the sender does with a failed send depends only on this kind:
 * - throttled: SES asks to slow down (wait and retry);
 * - refused: SES will never accept this mail (park it with the reason);
 * - paused: the account cannot send at all (stop, leave the mail pending);
 * - unknown: SES may or may not have accepted it (a timeout, a 5xx): treated as a crash after
 *   the call, so only SES's Send event or the confirmation grace decides whether it goes again.
 */
export type MailFailureKind = 'throttled' | 'refused' | 'paused' | 'unknown';

export class MailSendError extends Error {
  override readonly name = 'MailSendError';
  constructor(
    readonly kind: MailFailureKind,
    /** A short reason without personal data (an SES error name and message). */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${kind}: ${reason}`, options);
  }
}

/** The account's sending quota, as SES GetAccount reports it. */
export interface SendQuota {
  maxSendRate(): Promise<number | undefined>;
}
