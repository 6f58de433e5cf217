import { describe, expect, it } from 'vitest';
import { drainOutbox, type DrainPorts } from '../../shared/use-cases/mail/drain-outbox.ts';
import { mailIdOf } from '../../shared/adapters/crypto/digests.ts';
import { randomLeaseId } from '../../shared/adapters/crypto/random-ids.ts';
import type { OutboxMail } from '../../shared/ports/outbox.ts';
import { FakeMailer, FakeOutbox } from '../fakes/outbox.ts';

const start = Date.parse('2027-03-01T10:00:00Z');

function mail(n: number, to: string): OutboxMail {
  return { mailId: mailIdOf(`suppression-test/${n}`), kind: n % 2 ? 'survey-reminder' : 'gift-digest', to, subject: `s${n}`, html: '<p>x</p>', text: 'x' };
}

describe('the outbox sender and suppressed addresses', () => {
  it('parks every kind of mail to a suppressed address and sends the rest; a later drain does not retry it; removed, the address is mailed again', async () => {
    const outbox = new FakeOutbox();
    const mailer = new FakeMailer();
    const suppressed = new Set(['gone@example.com']);
    const ports: DrainPorts = {
      store: outbox,
      mailer,
      settings: { ratePerSecond: 10, leaseMs: 60_000, confirmationGraceMs: 300_000, maxAttempts: 5, concurrency: 1 },
      now: () => start,
      sleep: async () => {},
      random: () => 0.5,
      newLeaseId: randomLeaseId,
      shouldStop: () => false,
      isSuppressed: async (address) => suppressed.has(address.toLowerCase()),
    };
    await outbox.enqueue([mail(1, 'Gone@Example.com'), mail(2, 'gone@example.com'), mail(3, 'here@example.com')], new Date(start).toISOString());
    expect(await drainOutbox(ports)).toMatchObject({ sent: 1, parked: 2 });
    expect(mailer.accepted.map((m) => m.to)).toEqual(['here@example.com']);
    const parked = [...outbox.items.values()].filter((i) => i.state === 'parked');
    expect(parked).toHaveLength(2);
    for (const item of parked) expect(item.parkedReason).toMatch(/^suppressed address/);
    expect(await drainOutbox(ports)).toMatchObject({ sent: 0, parked: 0 });
    // Once the operator removes the suppression, the address gets mail again.
    suppressed.delete('gone@example.com');
    await outbox.enqueue([mail(4, 'gone@example.com')], new Date(start).toISOString());
    expect(await drainOutbox(ports)).toMatchObject({ sent: 1, parked: 0 });
    expect(mailer.accepted.map((m) => m.to)).toEqual(['here@example.com', 'gone@example.com']);
  });
});
