import { describe, expect, it } from 'vitest';
import { drainOutbox, type DrainPorts, type DrainSettings } from '../../shared/use-cases/mail/drain-outbox.ts';
import { mailIdOf } from '../../shared/adapters/crypto/digests.ts';
import type { OutboxMail } from '../../shared/ports/outbox.ts';
import { FakeMailer, FakeOutbox } from '../fakes/outbox.ts';
import { SendRateLimiter, effectiveSendRate } from '../../shared/domain/mail/send-rate.ts';
import { sendOutbox } from '../../shared/use-cases/mail/send-outbox.ts';
import { mailConfigSchema } from '../../shared/schemas/programme-config.ts';

const start = Date.parse('2027-03-01T10:00:00Z');
const settings: DrainSettings = { ratePerSecond: 10, leaseMs: 60_000, confirmationGraceMs: 300_000, maxAttempts: 5, concurrency: 1 };

function mail(n: number): OutboxMail {
  return { mailId: mailIdOf(`test/${n}`), kind: 'gift-digest', to: `m${n}@example.com`, subject: `s${n}`, html: '<p>x</p>', text: 'x' };
}

/** A clock that only moves when the sender sleeps, so rates are exact and nothing waits for real. */
function setup(overrides: Partial<DrainSettings> = {}) {
  const outbox = new FakeOutbox();
  const mailer = new FakeMailer();
  const clock = { t: start, sleeps: [] as number[] };
  const sendTimes: number[] = [];
  let leases = 0;
  const ports = (extra: Partial<DrainPorts> = {}): DrainPorts => ({
    store: outbox,
    mailer: { send: async (m) => (sendTimes.push(clock.t), mailer.send(m)) },
    settings: { ...settings, ...overrides },
    now: () => clock.t,
    sleep: async (ms) => {
      clock.sleeps.push(ms);
      clock.t += ms;
    },
    random: () => 0.5,
    newLeaseId: () => `lease-${++leases}`,
    shouldStop: () => false,
    ...extra,
  });
  return { outbox, mailer, clock, sendTimes, ports };
}

describe('drainOutbox', () => {
  it('sends every due mail once, and a second drain sends nothing', async () => {
    const { outbox, mailer, ports } = setup();
    await outbox.enqueue([mail(1), mail(2), mail(3)], new Date(start).toISOString());
    expect(await drainOutbox(ports())).toMatchObject({ sent: 3, stoppedBy: 'empty' });
    expect(await drainOutbox(ports())).toMatchObject({ sent: 0, stoppedBy: 'empty' });
    expect(mailer.accepted.map((m) => m.mailId).sort()).toEqual([mail(1), mail(2), mail(3)].map((m) => m.mailId).sort());
    expect([...outbox.items.values()].every((i) => i.state === 'sent' && i.messageId)).toBe(true);
  });

  it('never exceeds the rate: no 1-second window holds more sends than the rate', async () => {
    const { outbox, sendTimes, ports, clock } = setup({ ratePerSecond: 7 });
    await outbox.enqueue(Array.from({ length: 50 }, (_, i) => mail(i)), new Date(start).toISOString());
    expect((await drainOutbox(ports())).sent).toBe(50);
    for (const t of sendTimes) expect(sendTimes.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(7);
    // ...and keeps close to it: 49 tokens after the first at 7 per second take 7 seconds.
    expect(clock.t - start).toBeGreaterThanOrEqual(7000);
    expect(clock.t - start).toBeLessThan(7500);
  });

  it('lists the next due mail while a slow send is still out: a page\'s slowest mail holds up no other', async () => {
    const { outbox, mailer, ports } = setup({ batchSize: 3, concurrency: 2 });
    await outbox.enqueue(Array.from({ length: 9 }, (_, i) => mail(i)), new Date(start).toISOString());
    // The first mail's SES call returns only once every other mail is sent: a sender that waited
    // for a whole page before listing the next would wait for ever.
    let release = () => {};
    const othersSent = new Promise<void>((resolve) => (release = resolve));
    const result = await drainOutbox(
      ports({
        mailer: {
          send: async (m) => {
            if (m.mailId === mail(0).mailId) await othersSent;
            const accepted = await mailer.send(m);
            if (mailer.accepted.length === 8) release();
            return accepted;
          },
        },
      }),
    );
    expect(result).toMatchObject({ sent: 9, stoppedBy: 'empty' });
    expect(mailer.accepted.at(-1)?.mailId).toBe(mail(0).mailId);
  });

  it('backs off and retries on throttling, then sends', async () => {
    const { outbox, mailer, clock, ports } = setup();
    await outbox.enqueue([mail(1)], new Date(start).toISOString());
    mailer.script = ['throttled', 'throttled'];
    expect(await drainOutbox(ports())).toMatchObject({ sent: 1, throttleRetries: 2 });
    // Exponential: the second backoff is twice the first (same jitter draw).
    const backoffs = clock.sleeps.filter((ms) => ms >= 100);
    expect(backoffs).toEqual([100, 200]);
    expect(mailer.copiesOf(mail(1).mailId)).toBe(1);
  });

  it('puts a mail throttled beyond its retries back to pending, due later', async () => {
    const { outbox, mailer, ports } = setup({ maxThrottleRetries: 1 });
    await outbox.enqueue([mail(1)], new Date(start).toISOString());
    mailer.script = ['throttled', 'throttled'];
    expect(await drainOutbox(ports())).toMatchObject({ sent: 0, released: 1, throttleRetries: 1 });
    const item = outbox.items.get(mail(1).mailId)!;
    expect(item.state).toBe('pending');
    expect(item.lastError).toContain('throttled');
  });

  it('parks a mail SES refuses for good, with the reason, and sends the rest', async () => {
    const { outbox, mailer, ports } = setup();
    await outbox.enqueue([mail(1), mail(2)], new Date(start).toISOString());
    mailer.script = ['refused'];
    expect(await drainOutbox(ports())).toMatchObject({ sent: 1, parked: 1 });
    const parked = [...outbox.items.values()].find((i) => i.state === 'parked')!;
    expect(parked.parkedReason).toContain('refused');
    expect(await drainOutbox(ports())).toMatchObject({ sent: 0, parked: 0 });
  });

  it('stops when the account is paused, leaving the mail pending', async () => {
    const { outbox, mailer, ports } = setup();
    await outbox.enqueue([mail(1), mail(2)], new Date(start).toISOString());
    mailer.script = ['paused'];
    expect(await drainOutbox(ports())).toMatchObject({ sent: 0, stoppedBy: 'paused' });
    expect([...outbox.items.values()].map((i) => i.state).sort()).toEqual(['pending', 'pending']);
    expect(mailer.accepted).toHaveLength(0);
  });

  it('stops taking mail when its time is up', async () => {
    const { outbox, ports } = setup();
    await outbox.enqueue([mail(1), mail(2), mail(3)], new Date(start).toISOString());
    let budget = 2;
    expect(await drainOutbox(ports({ shouldStop: () => budget-- <= 0 }))).toMatchObject({ stoppedBy: 'deadline' });
    expect([...outbox.items.values()].some((i) => i.state === 'pending')).toBe(true);
  });
});

describe('a sender that dies', () => {
  it('before the claim: the mail stays pending and the next drain sends it once', async () => {
    const { outbox, mailer, ports } = setup();
    await outbox.enqueue([mail(1)], new Date(start).toISOString());
    await expect(drainOutbox(ports({ store: { ...outbox, dueMail: () => Promise.reject(new Error('killed')) } as never }))).rejects.toThrow('killed');
    await drainOutbox(ports());
    expect(mailer.copiesOf(mail(1).mailId)).toBe(1);
  });

  it('after the claim, before the SES call: the lease expires and the mail goes once', async () => {
    const { outbox, mailer, clock, ports } = setup();
    await outbox.enqueue([mail(1)], new Date(start).toISOString());
    await expect(drainOutbox(ports({ mailer: { send: () => Promise.reject(new Error('killed')) }, log: () => {} }))).resolves.toMatchObject({ unknownOutcomes: 1 });
    expect(outbox.items.get(mail(1).mailId)!.state).toBe('sending');
    clock.t += settings.leaseMs; // lease over, grace not: nobody touches it yet
    expect((await drainOutbox(ports())).sent).toBe(0);
    clock.t += settings.confirmationGraceMs; // no Send event came: SES never had it
    expect((await drainOutbox(ports())).sent).toBe(1);
    expect(mailer.copiesOf(mail(1).mailId)).toBe(1);
  });

  it('after the SES call, before the bookkeeping: the Send event marks it sent and it is never repeated', async () => {
    const { outbox, mailer, clock, ports } = setup();
    await outbox.enqueue([mail(1)], new Date(start).toISOString());
    mailer.afterAccept = () => {
      throw new Error('killed between SES and the mark');
    };
    await drainOutbox(ports({ log: () => {} }));
    mailer.afterAccept = undefined;
    expect(mailer.copiesOf(mail(1).mailId)).toBe(1);
    expect(outbox.items.get(mail(1).mailId)!.state).toBe('sending');
    expect(await outbox.recordConfirmation(mail(1).mailId, 'ses-1', new Date(clock.t).toISOString())).toBe('confirmed');
    clock.t += settings.leaseMs + settings.confirmationGraceMs + 1;
    expect((await drainOutbox(ports())).sent).toBe(0);
    expect(mailer.copiesOf(mail(1).mailId)).toBe(1);
    expect(outbox.items.get(mail(1).mailId)).toMatchObject({ state: 'sent', messageId: 'ses-1' });
  });

  it('after the mark: nothing is left to do', async () => {
    const { outbox, mailer, ports } = setup();
    await outbox.enqueue([mail(1)], new Date(start).toISOString());
    await drainOutbox(ports());
    expect(await outbox.recordConfirmation(mail(1).mailId, 'ses-1', new Date(start).toISOString())).toBe('already-sent');
    expect((await drainOutbox(ports())).sent).toBe(0);
    expect(mailer.copiesOf(mail(1).mailId)).toBe(1);
  });

  it('parks a mail whose sender keeps dying once it has used up its attempts', async () => {
    const { outbox, clock, ports } = setup({ maxAttempts: 2 });
    await outbox.enqueue([mail(1)], new Date(start).toISOString());
    const dying = ports({ mailer: { send: () => Promise.reject(new Error('killed')) }, log: () => {} });
    for (let i = 0; i < 3; i++) {
      await drainOutbox(dying);
      clock.t += settings.leaseMs + settings.confirmationGraceMs;
    }
    expect(outbox.items.get(mail(1).mailId)).toMatchObject({ state: 'parked', parkedReason: expect.stringContaining('gave up after 2 attempts') });
  });
});

describe('sendOutbox', () => {
  it('sends at the account\'s SES MaxSendRate (GetAccount) by default, and at the configured rate when that is lower', async () => {
    for (const [configured, expected] of [[undefined, 4], [2, 2], [50, 4]] as const) {
      const { outbox, sendTimes, ports } = setup();
      await outbox.enqueue(Array.from({ length: 20 }, (_, i) => mail(i)), new Date(start).toISOString());
      // One mail in flight: this fake clock moves with every sleeper, so only a lone sender keeps it true.
      const config = mailConfigSchema.parse({ concurrency: 1, ...(configured !== undefined && { maxSendRate: configured }) });
      const result = await sendOutbox({ ...ports(), config, accountSendRate: async () => 4 });
      expect(result).toMatchObject({ ratePerSecond: expected, sent: 20 });
      for (const t of sendTimes) expect(sendTimes.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(expected);
      expect(Math.max(...sendTimes.map((t) => sendTimes.filter((u) => u >= t && u < t + 1000).length))).toBe(expected);
    }
  });
});

describe('SendRateLimiter', () => {
  it('never lets a sliding second hold more sends than the rate, and leaves none of it unused', () => {
    const limiter = new SendRateLimiter(10);
    const sends: number[] = [];
    // Asks every 7 ms for 5 seconds, as fast as a sender that fell behind would.
    for (let t = 0; t < 5000; t += 7) if (limiter.take(t) === 0) sends.push(t);
    for (const t of sends) expect(sends.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(10);
    expect(sends.length).toBe(50);
  });

  it('spaces sends below one a second, and refuses a rate of zero', () => {
    const limiter = new SendRateLimiter(0.5);
    expect(limiter.take(0)).toBe(0);
    expect(limiter.take(1000)).toBe(1000);
    expect(limiter.take(2000)).toBe(0);
    expect(() => new SendRateLimiter(0)).toThrow('send rate must be above 0');
  });

  it('keeps the lower of the account quota and the configured rate', () => {
    expect(effectiveSendRate(14, undefined)).toBe(14);
    expect(effectiveSendRate(14, 5)).toBe(5);
    expect(effectiveSendRate(14, 50)).toBe(14);
    expect(effectiveSendRate(undefined, 3)).toBe(3);
    expect(() => effectiveSendRate(undefined, undefined)).toThrow('no send rate');
  });
});
