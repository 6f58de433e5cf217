import type { OutboxStore } from '../../ports/outbox-store.ts';
import type { SesSendEvent } from '../../schemas/mail-events.ts';

/**
 * SES accepted an outbox mail: record it, so a sender that died before marking the mail sent
 * does not send it again. 'unknown' for a mail of another outbox (the default bus carries every
 * Send event of the account): nothing to do, and no error, since it is not ours to retry.
 */
export async function recordSendConfirmation(event: SesSendEvent, ports: { store: OutboxStore; now: () => Date }) {
  const mailId = event.detail.mail.tags['vip-mail-id'][0]!;
  const outcome = await ports.store.recordConfirmation(mailId, event.detail.mail.messageId, ports.now().toISOString());
  return { mailId, outcome };
}
