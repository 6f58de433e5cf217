import type { MailLog, MailMessage, Mailer } from '../../shared/ports/mailer.ts';

/** Keeps sent mails in memory; can be told to fail the next sends. */
export class FakeMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  failures = 0;
  async send(message: MailMessage): Promise<{ messageId: string }> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('SES refused');
    }
    this.sent.push(message);
    return { messageId: `m${this.sent.length}` };
  }
}

/** The claim rules of the DynamoDB mail log, without its staleness window. */
export class FakeMailLog implements MailLog {
  readonly entries = new Map<string, { sentAt?: string }>();
  async claim(key: string): Promise<'claimed' | 'sent' | 'in-progress'> {
    const entry = this.entries.get(key);
    if (entry) return entry.sentAt ? 'sent' : 'in-progress';
    this.entries.set(key, {});
    return 'claimed';
  }
  async markSent(key: string, _messageId: string, at: string): Promise<void> {
    this.entries.set(key, { sentAt: at });
  }
  async release(key: string): Promise<void> {
    this.entries.delete(key);
  }
}
