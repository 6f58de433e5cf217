import type { PutEventsEntry, PutEventsResult } from './event-bus.ts';

interface StoredMail {
  readonly messageId: string;
  readonly from: string;
  readonly destination: { readonly to: readonly string[] };
  readonly subject: string;
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
  readonly at: number;
}

export interface LocalSesEventsOptions {
  readonly sesEndpoint: string;
  /** Only this stack's mails: the shared emulator also holds other stacks' (in tests). */
  readonly senderAddress: string;
  /** The local default bus, where SES's configuration set would publish on AWS. */
  readonly putEvents: (entries: readonly PutEventsEntry[]) => Promise<PutEventsResult>;
  /** Header carrying the outbox mail id (SES gets it as a message tag too; the emulator keeps only headers). */
  readonly mailIdHeader: string;
  readonly mailIdTag: string;
}

/**
 * The local stand-in for SES's event publishing: aws-ses-v2-local publishes no events, so the
 * mails it stores are turned into the `aws.ses` "Email Sent" events SES would put on the default
 * bus, with the outbox mail id under `mail.tags`, and the same function records them.
 */
export class LocalSesEvents {
  private readonly published = new Set<string>();
  /**
   * Asks the emulator only for mails stored from this second on: it keeps every mail of the run,
   * and re-reading them all every second made each poll slower than the last (in CI, the shared
   * emulator held thousands). Its clock only moves forward, so a mail stored after a poll has an
   * `at` no earlier than the newest that poll saw; `published` drops the repeats of that second.
   */
  private since = Math.floor(Date.now() / 1000) - 1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: LocalSesEventsOptions) {}

  /** Publishes a Send event for each mail stored since the last poll; resolves with how many. */
  poll(): Promise<number> {
    const run = this.queue.then(() => this.pollNow());
    this.queue = run.catch(() => {});
    return run;
  }

  private async pollNow(): Promise<number> {
    const response = await fetch(`${this.options.sesEndpoint}/store?since=${this.since}`);
    if (!response.ok) throw new Error(`SES emulator store: HTTP ${response.status}`);
    const { emails } = (await response.json()) as { emails: StoredMail[] };
    for (const mail of emails) this.since = Math.max(this.since, mail.at);
    const entries: PutEventsEntry[] = [];
    for (const mail of emails) {
      if (mail.from !== this.options.senderAddress || this.published.has(mail.messageId)) continue;
      this.published.add(mail.messageId);
      const mailId = mail.headers?.find((h) => h.name.toLowerCase() === this.options.mailIdHeader.toLowerCase())?.value;
      entries.push({
        EventBusName: 'default',
        Source: 'aws.ses',
        DetailType: 'Email Sent',
        Time: new Date(mail.at * 1000),
        Detail: JSON.stringify({
          eventType: 'Send',
          mail: {
            timestamp: new Date(mail.at * 1000).toISOString(),
            messageId: mail.messageId,
            source: mail.from,
            destination: mail.destination.to,
            headersTruncated: false,
            headers: mail.headers ?? [],
            tags: mailId ? { [this.options.mailIdTag]: [mailId] } : {},
          },
          send: {},
        }),
      });
    }
    for (let i = 0; i < entries.length; i += 10) {
      const result = await this.options.putEvents(entries.slice(i, i + 10));
      if (result.FailedEntryCount > 0) throw new Error(`local default bus refused ${result.FailedEntryCount} SES event(s): ${result.Entries.map((e) => e.ErrorMessage).filter(Boolean).join('; ')}`);
    }
    return entries.length;
  }
}
