import { describe, it, expect } from 'vitest';
import { sendOnce } from '../../shared/use-cases/mail/send-once.ts';
import { FakeMailLog, FakeMailer } from '../fakes/mail.ts';

const message = { to: 'm@example.com', subject: 's', html: '<p>h</p>', text: 't' };

describe('sending a mail at most once per key', () => {
  it('sends once, then answers already-sent', async () => {
    const ports = { mailer: new FakeMailer(), mailLog: new FakeMailLog(), now: () => new Date('2027-01-01T00:00:00Z') };
    expect(await sendOnce('k', message, ports)).toBe('sent');
    expect(await sendOnce('k', message, ports)).toBe('already-sent');
    expect(ports.mailer.sent).toHaveLength(1);
  });

  it('leaves a key another sender holds alone', async () => {
    const ports = { mailer: new FakeMailer(), mailLog: new FakeMailLog(), now: () => new Date() };
    await ports.mailLog.claim('k');
    expect(await sendOnce('k', message, ports)).toBe('in-progress');
    expect(ports.mailer.sent).toHaveLength(0);
  });

  it('releases the claim when sending fails, so a retry sends it', async () => {
    const ports = { mailer: new FakeMailer(), mailLog: new FakeMailLog(), now: () => new Date() };
    ports.mailer.failures = 1;
    await expect(sendOnce('k', message, ports)).rejects.toThrow('SES refused');
    expect(await sendOnce('k', message, ports)).toBe('sent');
    expect(ports.mailer.sent).toHaveLength(1);
  });
});
