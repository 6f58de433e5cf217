import { SendRateLimiter, throttleBackoffMs } from '../../domain/mail/send-rate.ts';
import { MailSendError, type Mailer } from '../../ports/mailer.ts';
import type { ClaimedMail, OutboxStore } from '../../ports/outbox-store.ts';

export interface DrainSettings {
  /** Mails per second, never exceeded in any sliding second. */
  readonly ratePerSecond: number;
  readonly leaseMs: number;
  readonly confirmationGraceMs: number;
  readonly maxAttempts: number;
  readonly concurrency: number;
  /** Throttling retries of one mail inside one claim before it goes back to pending. */
  readonly maxThrottleRetries?: number;
  /** Due mail read per index query round. */
  readonly batchSize?: number;
}

export interface DrainPorts {
  readonly store: OutboxStore;
  readonly mailer: Mailer;
  readonly settings: DrainSettings;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** A fresh id for each claim's lease (shared/adapters/crypto/random-ids.ts). */
  readonly newLeaseId: () => string;
  /** True when the invocation must stop taking new mail (its time is nearly up). */
  readonly shouldStop: () => boolean;
  /**
   * Whether the programme must not mail this address (bounced, complained, unsubscribed, blocked by
   * the operator). The one place every mail passes, so the rule holds for every workflow's mail;
   * such a mail is parked, never sent. Absent only in tests of the drain alone.
   */
  readonly isSuppressed?: (address: string) => Promise<boolean>;
  readonly log?: (level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>) => void;
}

export interface DrainResult {
  readonly sent: number;
  /** Claimed, but SES's Send event had already marked it sent. */
  readonly alreadySent: number;
  readonly parked: number;
  /** Throttled sends that were retried after a backoff. */
  readonly throttleRetries: number;
  /** Mails put back to pending (throttled beyond the retries, or the account paused). */
  readonly released: number;
  /** Sends with an unknown outcome, left to the lease and the confirmation grace. */
  readonly unknownOutcomes: number;
  readonly stoppedBy: 'empty' | 'deadline' | 'paused';
}

type Outcome = 'sent' | 'already-sent' | 'parked' | 'released' | 'unknown' | 'paused' | 'skipped';

/**
 * Drains the due outbox: claim (a lease), send with the mail id as SES tag and header, mark sent
 * under that lease. A sender that dies anywhere leaves the mail pending or leased; a lease that
 * expires is taken over once the confirmation grace has passed without SES's Send event (which
 * marks the mail sent instead). docs/mail-outbox.md has the crash matrix.
 */
export async function drainOutbox(ports: DrainPorts): Promise<DrainResult> {
  const { settings } = ports;
  const limiter = new SendRateLimiter(settings.ratePerSecond);
  const counts = { sent: 0, alreadySent: 0, parked: 0, throttleRetries: 0, released: 0, unknownOutcomes: 0 };
  let paused = false;
  // Mails this invocation already handled: a due read may still list them (index lag, an unknown outcome).
  const handled = new Set<string>();

  const takeToken = async (): Promise<void> => {
    for (let wait = limiter.take(ports.now()); wait > 0; wait = limiter.take(ports.now())) await ports.sleep(wait);
  };

  const one = async (mailId: string): Promise<Outcome> => {
    const at = ports.now();
    const claimed = await ports.store.claim(mailId, {
      at: iso(at),
      leaseId: ports.newLeaseId(),
      leaseUntil: iso(at + settings.leaseMs),
      recoverAt: iso(at + settings.leaseMs + settings.confirmationGraceMs),
    });
    if (!claimed) return 'skipped';
    if (await ports.isSuppressed?.(claimed.to)) {
      await ports.store.park(claimed, 'suppressed address: the programme sends it nothing until it is removed (npx vip suppress remove)', iso(ports.now()));
      ports.log?.('info', 'mail parked: suppressed address', { mailId: claimed.mailId, kind: claimed.kind });
      return 'parked';
    }
    if (claimed.attempts > settings.maxAttempts) {
      await ports.store.park(claimed, `gave up after ${settings.maxAttempts} attempts; last error: ${claimed.lastError ?? 'none (the sender stopped)'}`, iso(ports.now()));
      return 'parked';
    }
    return send(claimed);
  };

  const send = async (mail: ClaimedMail): Promise<Outcome> => {
    for (let retry = 0; ; retry++) {
      await takeToken();
      if (paused) return release(mail, 0, 'sending paused');
      let messageId: string;
      try {
        ({ messageId } = await ports.mailer.send({ mailId: mail.mailId, to: mail.to, subject: mail.subject, html: mail.html, text: mail.text, ...(mail.headers && { headers: mail.headers }), ...(mail.attachments && { attachments: mail.attachments }) }));
      } catch (error) {
        const failure = error instanceof MailSendError ? error : new MailSendError('unknown', (error as Error).message ?? String(error), { cause: error });
        switch (failure.kind) {
          case 'throttled':
            if (retry < (settings.maxThrottleRetries ?? 6)) {
              counts.throttleRetries++;
              await ports.sleep(throttleBackoffMs(retry + 1, ports.random()));
              continue;
            }
            return release(mail, throttleBackoffMs(retry + 1, 1), failure.reason);
          case 'refused':
            await ports.store.park(mail, failure.reason, iso(ports.now()));
            ports.log?.('warn', 'mail parked: SES refused it', { mailId: mail.mailId, kind: mail.kind, reason: failure.reason });
            return 'parked';
          case 'paused':
            paused = true;
            ports.log?.('error', 'SES sending is paused for the account; mail stays pending', { mailId: mail.mailId, reason: failure.reason });
            return release(mail, 0, failure.reason);
          case 'unknown':
            // SES may have taken it: only its Send event, or the grace running out, decides.
            ports.log?.('warn', 'mail send outcome unknown; left to the lease and the confirmation grace', { mailId: mail.mailId, reason: failure.reason });
            return 'unknown';
        }
      }
      const marked = await ports.store.markSent(mail, messageId, iso(ports.now()));
      if (marked === 'lease-lost') ports.log?.('warn', 'mail sent after its lease was taken over', { mailId: mail.mailId, attempts: mail.attempts });
      return marked === 'already-sent' ? 'already-sent' : 'sent';
    }
  };

  const release = async (mail: ClaimedMail, delayMs: number, reason: string): Promise<Outcome> => {
    const now = ports.now();
    await ports.store.release(mail, iso(now + delayMs), reason, iso(now));
    return paused ? 'paused' : 'released';
  };

  for (;;) {
    if (paused) return { ...counts, stoppedBy: 'paused' };
    if (ports.shouldStop()) return { ...counts, stoppedBy: 'deadline' };
    const due = (await ports.store.dueMail(iso(ports.now()), settings.batchSize ?? 100)).filter((id) => !handled.has(id));
    if (due.length === 0) return { ...counts, stoppedBy: 'empty' };
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < due.length && !paused && !ports.shouldStop()) {
        const mailId = due[next++]!;
        handled.add(mailId);
        const outcome = await one(mailId);
        if (outcome === 'sent') counts.sent++;
        else if (outcome === 'already-sent') counts.alreadySent++;
        else if (outcome === 'parked') counts.parked++;
        else if (outcome === 'released' || outcome === 'paused') counts.released++;
        else if (outcome === 'unknown') counts.unknownOutcomes++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(settings.concurrency, due.length) }, worker));
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
