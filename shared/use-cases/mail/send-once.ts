import type { MailLog, MailMessage, Mailer } from '../../ports/mailer.ts';

export interface SendOncePorts {
  readonly mailer: Mailer;
  readonly mailLog: MailLog;
  readonly now: () => Date;
}

/**
 * Sends a mail at most once per key: claimed, sent, marked. A failed send releases the claim so
 * a retry sends it. 'in-progress' means another sender holds a fresh claim; the caller decides
 * whether that is someone else's job (a concurrent run) or a reason to fail and retry later.
 */
export async function sendOnce(key: string, message: MailMessage, ports: SendOncePorts): Promise<'sent' | 'already-sent' | 'in-progress'> {
  const claim = await ports.mailLog.claim(key, ports.now().toISOString());
  if (claim === 'sent') return 'already-sent';
  if (claim === 'in-progress') return 'in-progress';
  try {
    const { messageId } = await ports.mailer.send(message);
    await ports.mailLog.markSent(key, messageId, ports.now().toISOString());
    return 'sent';
  } catch (error) {
    await ports.mailLog.release(key);
    throw error;
  }
}
