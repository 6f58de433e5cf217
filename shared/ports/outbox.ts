/** Every kind of mail the product sends; each goes through the one outbox (docs/mail-outbox.md). */
export type MailKind =
  | 'status-digest'
  | 'status-summary'
  | 'gift-digest'
  | 'budget-approval'
  | 'budget-line-missing'
  | 'budget-overrun'
  | 'gift-reminder'
  | 'gift-escalation'
  | 'survey-invitation'
  | 'survey-reminder'
  | 'case-opened'
  | 'case-reminder'
  | 'case-escalation'
  | 'standards-review';

export const mailKinds: readonly MailKind[] = [
  'status-digest',
  'status-summary',
  'gift-digest',
  'budget-approval',
  'budget-line-missing',
  'budget-overrun',
  'gift-reminder',
  'gift-escalation',
  'survey-invitation',
  'survey-reminder',
  'case-opened',
  'case-reminder',
  'case-escalation',
  'standards-review',
];

/** A file a mail carries; with a contentId, shown inline where the HTML says `<img src="cid:...">`. */
export interface MailAttachment {
  readonly fileName: string;
  readonly contentType: string;
  readonly contentId?: string;
  /** The bytes, base64. The outbox item holds at most 400 KB in all: keep attachments small. */
  readonly base64: string;
}

/** One mail waiting in the outbox. The same business key always yields the same mailId. */
export interface OutboxMail {
  /** MailIdOf(business key): deterministic, base64url, safe as an SES tag value and in logs. */
  readonly mailId: string;
  readonly kind: MailKind;
  readonly to: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** SES v2 Simple content carries them (`Content.Simple.Attachments`, INLINE with a ContentId). */
  readonly attachments?: readonly MailAttachment[];
  /** Whom the mail concerns (account/contact ids), for data export and forget; never shown in logs. */
  readonly about?: { readonly accountId?: string; readonly contactId?: string };
}

/**
 * The mail id of a business key (e.g. `gift-digest/2027-03-01/m-7`): sha256, base64url, 43
 * characters of [A-Za-z0-9_-], which SES accepts as a message tag value and which reveals nothing.
 * The same key always yields the same id, so a repeated run queues nothing new. Made by
 * shared/adapters/crypto/digests.ts.
 */
export type MailIdOf = (businessKey: string) => string;

/**
 * For mails that have no other item in their transaction (digests that aggregate many items).
 * Mails caused by an item write put their outbox record in that write's transaction instead
 * (shared/adapters/dynamodb/outbox-items.ts). Idempotent by mailId: a mail already queued (or
 * sent) is counted in alreadyQueued and not queued again.
 */
export interface MailOutbox {
  enqueue(mails: readonly OutboxMail[], at: string): Promise<{ enqueued: number; alreadyQueued: number }>;
}
