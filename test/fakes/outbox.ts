import type { MailOutbox, OutboxMail } from '../../shared/ports/outbox.ts';
import type { ClaimedMail, OutboxStore } from '../../shared/ports/outbox-store.ts';
import { MailSendError, type Mailer, type MailFailureKind, type OutgoingMail } from '../../shared/ports/mailer.ts';

export interface FakeOutboxItem {
  mail: OutboxMail;
  state: 'pending' | 'sending' | 'sent' | 'parked';
  attempts: number;
  dueAt?: string;
  leaseId?: string;
  leaseUntil?: string;
  lastError?: string;
  messageId?: string;
  confirmedAt?: string;
  sentAt?: string;
  parkedReason?: string;
}

/** The outbox's state machine in memory, with the same conditions as the DynamoDB adapter. */
export class FakeOutbox implements MailOutbox, OutboxStore {
  readonly items = new Map<string, FakeOutboxItem>();

  async enqueue(mails: readonly OutboxMail[], at: string): Promise<{ enqueued: number; alreadyQueued: number }> {
    let enqueued = 0;
    for (const mail of mails) {
      if (this.items.has(mail.mailId)) continue;
      this.items.set(mail.mailId, { mail, state: 'pending', attempts: 0, dueAt: at });
      enqueued++;
    }
    return { enqueued, alreadyQueued: mails.length - enqueued };
  }

  mails(): OutboxMail[] {
    return [...this.items.values()].map((item) => item.mail);
  }

  async dueMail(now: string, limit: number): Promise<string[]> {
    return [...this.items.entries()]
      .filter(([, item]) => item.dueAt !== undefined && item.dueAt <= now)
      .sort(([, a], [, b]) => a.dueAt!.localeCompare(b.dueAt!))
      .slice(0, limit)
      .map(([id]) => id);
  }

  async claim(mailId: string, claim: { at: string; leaseId: string; leaseUntil: string; recoverAt: string }): Promise<ClaimedMail | undefined> {
    const item = this.items.get(mailId);
    if (!item || item.dueAt === undefined || item.dueAt > claim.at) return undefined;
    Object.assign(item, { state: 'sending', attempts: item.attempts + 1, leaseId: claim.leaseId, leaseUntil: claim.leaseUntil, dueAt: claim.recoverAt });
    const { mail } = item;
    return { mailId, kind: mail.kind, to: mail.to, subject: mail.subject, html: mail.html, text: mail.text, ...(mail.headers && { headers: mail.headers }), attempts: item.attempts, leaseId: claim.leaseId, ...(item.lastError && { lastError: item.lastError }) };
  }

  async markSent(mail: ClaimedMail, messageId: string, at: string): Promise<'sent' | 'already-sent' | 'lease-lost'> {
    const item = this.items.get(mail.mailId)!;
    if (item.state === 'sending' && item.leaseId === mail.leaseId) {
      Object.assign(item, { state: 'sent', messageId, sentAt: at, dueAt: undefined });
      return 'sent';
    }
    return item.state === 'sent' ? 'already-sent' : 'lease-lost';
  }

  async release(mail: ClaimedMail, dueAt: string, error: string): Promise<void> {
    const item = this.items.get(mail.mailId)!;
    if (item.state === 'sending' && item.leaseId === mail.leaseId) Object.assign(item, { state: 'pending', dueAt, lastError: error, leaseId: undefined });
  }

  async park(mail: ClaimedMail, reason: string): Promise<void> {
    const item = this.items.get(mail.mailId)!;
    if (item.state === 'sending' && item.leaseId === mail.leaseId) Object.assign(item, { state: 'parked', parkedReason: reason, dueAt: undefined });
  }

  async recordConfirmation(mailId: string, messageId: string, at: string): Promise<'confirmed' | 'already-sent' | 'unknown'> {
    const item = this.items.get(mailId);
    if (!item) return 'unknown';
    item.confirmedAt = at;
    if (item.state === 'sent' || item.state === 'parked') return 'already-sent';
    Object.assign(item, { state: 'sent', messageId, sentAt: at, dueAt: undefined });
    return 'confirmed';
  }
}

/** A mailer that records what SES accepted and fails as told, per call. */
export class FakeMailer implements Mailer {
  readonly accepted: OutgoingMail[] = [];
  /** Failures to throw on the next calls, in order (undefined = accept). */
  script: Array<MailFailureKind | undefined> = [];
  /** Called after SES accepted a mail and before send returns: a crash here is "after the SES call". */
  afterAccept?: (mail: OutgoingMail) => void;

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const failure = this.script.shift();
    if (failure) throw new MailSendError(failure, `scripted ${failure}`);
    this.accepted.push(mail);
    this.afterAccept?.(mail);
    return { messageId: `ses-${this.accepted.length}` };
  }

  copiesOf(mailId: string): number {
    return this.accepted.filter((m) => m.mailId === mailId).length;
  }
}
