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

  const stopped = (): DrainResult | undefined =>
    paused ? { ...counts, stoppedBy: 'paused' } : ports.shouldStop() ? { ...counts, stoppedBy: 'deadline' } : undefined;

  // Due mail listed but not yet taken. The next page is listed while the workers still send the
  // last of this one, so the sender never idles at a page's end waiting for its slowest mail.
  const queue: string[] = [];
  // Every mail this invocation listed: a later read may list it again (not yet taken, index lag, an unknown outcome).
  const listed = new Set<string>();
  let lastListEmpty = false;
  let listing: Promise<void> | undefined;
  const listMore = (): Promise<void> =>
    (listing ??= (async () => {
      const due = (await ports.store.dueMail(iso(ports.now()), settings.batchSize ?? 100)).filter((id) => !listed.has(id));
      for (const id of due) listed.add(id);
      queue.push(...due);
      lastListEmpty = due.length === 0;
    })().finally(() => {
      listing = undefined;
    }));

  const worker = async (): Promise<void> => {
    while (!stopped()) {
      // A failed look-ahead is not lost: the next awaited listing throws it.
      if (queue.length < settings.concurrency && !lastListEmpty) listMore().catch(() => undefined);
      if (queue.length === 0) {
        if (lastListEmpty && !listing) return;
        await listMore();
        if (queue.length === 0) return;
        continue;
      }
      const mailId = queue.shift()!;
      const outcome = await one(mailId);
      if (outcome === 'sent') counts.sent++;
      else if (outcome === 'already-sent') counts.alreadySent++;
      else if (outcome === 'parked') counts.parked++;
      else if (outcome === 'released' || outcome === 'paused') counts.released++;
      else if (outcome === 'unknown') counts.unknownOutcomes++;
    }
  };

  const early = stopped();
  if (early) return early;
  await listMore();
  if (queue.length === 0) return { ...counts, stoppedBy: 'empty' };
  await Promise.all(Array.from({ length: settings.concurrency }, worker));
  return stopped() ?? { ...counts, stoppedBy: 'empty' };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
