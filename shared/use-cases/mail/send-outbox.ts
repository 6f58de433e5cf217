import { effectiveSendRate } from '../../domain/mail/send-rate.ts';
import type { Mailer } from '../../ports/mailer.ts';
import type { OutboxStore } from '../../ports/outbox-store.ts';
import type { MailConfig } from '../../schemas/programme-config.ts';
import { drainOutbox, type DrainPorts, type DrainResult } from './drain-outbox.ts';

export interface SendOutboxPorts extends Pick<DrainPorts, 'now' | 'sleep' | 'random' | 'newLeaseId' | 'shouldStop' | 'log' | 'isSuppressed'> {
  readonly store: OutboxStore;
  readonly mailer: Mailer;
  readonly config: MailConfig;
  /** The account's SES MaxSendRate (read once per cold start by the caller). */
  readonly accountSendRate: () => Promise<number | undefined>;
}

/** One sender invocation: the rate is the account's quota, lowered by the programme config if it says so. */
export async function sendOutbox(ports: SendOutboxPorts): Promise<DrainResult & { readonly ratePerSecond: number }> {
  const ratePerSecond = effectiveSendRate(await ports.accountSendRate(), ports.config.maxSendRate);
  const result = await drainOutbox({
    ...ports,
    settings: {
      ratePerSecond,
      leaseMs: ports.config.leaseSeconds * 1000,
      confirmationGraceMs: ports.config.confirmationGraceSeconds * 1000,
      maxAttempts: ports.config.maxAttempts,
      concurrency: ports.config.concurrency,
    },
  });
  return { ...result, ratePerSecond };
}
