import { describe, expect, it, vi } from 'vitest';
import { InvalidEventPatternError } from '../../shared/domain/event-pattern.ts';
import { InMemoryDeadLetterSink, type DeadLetterSink } from '../../infra/local/dead-letter-sink.ts';
import {
  EventBusValidationError,
  LocalEventBus,
  type BusEvent,
  type LocalEventBusOptions,
  type PutEventsEntry,
} from '../../infra/local/event-bus.ts';

const busName = 'vip-workflows';
const fixedNow = new Date('2024-05-01T12:34:56.789Z');

function entry(overrides: Partial<PutEventsEntry> = {}): PutEventsEntry {
  return {
    EventBusName: busName,
    Source: 'vip.status-review',
    DetailType: 'StatusReviewCompleted',
    Detail: JSON.stringify({ accountId: 'acc-1', tier: 'gold' }),
    ...overrides,
  };
}

function setup(options: Partial<LocalEventBusOptions> = {}) {
  const delivered: Array<{ target: string; event: BusEvent }> = [];
  const deadLetters = new InMemoryDeadLetterSink();
  const bus = new LocalEventBus({
    busName,
    deadLetters,
    retryDelayMs: () => 0,
    now: () => fixedNow,
    deliver: (target, event) => {
      delivered.push({ target, event });
      return Promise.resolve();
    },
    ...options,
  });
  const targets = (): string[] => delivered.map((delivery) => delivery.target).sort();
  return { bus, delivered, deadLetters, targets };
}

describe('LocalEventBus routing', () => {
  it('delivers only to the targets of rules whose pattern matches', async () => {
    const { bus, targets } = setup();
    bus.addRule({ name: 'completed', pattern: { 'detail-type': ['StatusReviewCompleted'] }, targets: ['notify', 'audit'] });
    bus.addRule({ name: 'requested', pattern: { 'detail-type': ['StatusReviewSegmentRequested'] }, targets: ['segment'] });
    bus.addRule({ name: 'silver', pattern: { detail: { tier: ['silver'] } }, targets: ['downgrade'] });

    await bus.putEvents([entry()]);
    await bus.drain();

    expect(targets()).toEqual(['audit', 'notify']);
  });

  it('delivers once per matching rule, even to a target shared by several rules', async () => {
    const { bus, targets } = setup();
    bus.addRule({ name: 'by-source', pattern: { source: ['vip.status-review'] }, targets: ['audit'] });
    bus.addRule({ name: 'by-tier', pattern: { detail: { tier: [{ prefix: 'go' }] } }, targets: ['audit', 'notify'] });

    await bus.putEvents([entry()]);
    await bus.drain();

    expect(targets()).toEqual(['audit', 'audit', 'notify']);
  });

  it('matches against the full envelope and delivers an EventBridge-shaped event', async () => {
    const { bus, delivered } = setup();
    bus.addRule({
      name: 'envelope',
      pattern: { account: ['000000000000'], region: ['local'], resources: ['arn:aws:x:local:000000000000:thing/1'] },
      targets: ['t'],
    });

    const result = await bus.putEvents([
      entry({ Resources: ['arn:aws:x:local:000000000000:thing/1'], Time: new Date('2024-01-02T03:04:05.678Z') }),
    ]);
    await bus.drain();

    expect(result).toEqual({ FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }] });
    expect(delivered).toEqual([
      {
        target: 't',
        event: {
          version: '0',
          id: result.Entries[0]?.EventId,
          'detail-type': 'StatusReviewCompleted',
          source: 'vip.status-review',
          account: '000000000000',
          time: '2024-01-02T03:04:05Z',
          region: 'local',
          resources: ['arn:aws:x:local:000000000000:thing/1'],
          detail: { accountId: 'acc-1', tier: 'gold' },
        },
      },
    ]);
    expect(result.Entries[0]?.EventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('stamps events without Time with the clock, to the second', async () => {
    const { bus, delivered } = setup();
    bus.addRule({ name: 'all', pattern: { source: [{ exists: true }] }, targets: ['t'] });

    await bus.putEvents([entry()]);
    await bus.drain();

    expect(delivered[0]?.event.time).toBe('2024-05-01T12:34:56Z');
  });

  it('gives every target its own copy of the event', async () => {
    const seen: unknown[] = [];
    const { bus } = setup({
      deliver: (target, event) => {
        seen.push(structuredClone(event.detail));
        (event.detail as Record<string, unknown>)['tier'] = `mutated by ${target}`;
        return Promise.resolve();
      },
    });
    bus.addRule({ name: 'r', pattern: { source: ['vip.status-review'] }, targets: ['a', 'b'] });

    await bus.putEvents([entry()]);
    await bus.drain();

    expect(seen).toEqual([
      { accountId: 'acc-1', tier: 'gold' },
      { accountId: 'acc-1', tier: 'gold' },
    ]);
  });

  it('replaces a rule added again under the same name', async () => {
    const { bus, targets } = setup();
    bus.addRule({ name: 'r', pattern: { source: ['vip.status-review'] }, targets: ['old'] });
    bus.addRule({ name: 'r', pattern: { source: ['vip.status-review'] }, targets: ['new'] });

    await bus.putEvents([entry()]);
    await bus.drain();

    expect(targets()).toEqual(['new']);
  });

  it('rejects an invalid pattern when the rule is added', () => {
    const { bus } = setup();
    expect(() => bus.addRule({ name: 'bad', pattern: { source: [] }, targets: ['t'] })).toThrow(InvalidEventPatternError);
  });
});

describe('LocalEventBus delivery', () => {
  it('resolves putEvents before delivery finishes, and a failing target does not fail the put', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const finished: string[] = [];
    const { bus, deadLetters } = setup({
      maxAttempts: 1,
      deliver: async (target) => {
        await gate;
        finished.push(target);
        if (target === 'broken') throw new Error('target down');
      },
    });
    bus.addRule({ name: 'r', pattern: { source: ['vip.status-review'] }, targets: ['ok', 'broken'] });

    const result = await bus.putEvents([entry()]);

    expect(result.FailedEntryCount).toBe(0);
    expect(finished).toEqual([]);
    release();
    await bus.drain();
    expect(finished.sort()).toEqual(['broken', 'ok']);
    expect(await deadLetters.list()).toHaveLength(1);
  });

  it('retries a failing delivery and reports the attempt that succeeded', async () => {
    const deliver = vi.fn<LocalEventBusOptions['deliver']>()
      .mockRejectedValueOnce(new Error('throttled'))
      .mockRejectedValueOnce(new Error('throttled'))
      .mockResolvedValue(undefined);
    const retryDelayMs = vi.fn(() => 0);
    const onDelivered = vi.fn();
    const { bus, deadLetters } = setup({ deliver, retryDelayMs, onDelivered });
    bus.addRule({ name: 'r', pattern: { source: ['vip.status-review'] }, targets: ['flaky'] });

    await bus.putEvents([entry()]);
    await bus.drain();

    expect(deliver).toHaveBeenCalledTimes(3);
    expect(retryDelayMs.mock.calls).toEqual([[1], [2]]);
    expect(onDelivered).toHaveBeenCalledWith(expect.objectContaining({ rule: 'r', target: 'flaky', attempts: 3 }));
    expect(await deadLetters.list()).toEqual([]);
  });

  it('dead-letters a delivery once maxAttempts is exhausted', async () => {
    const deliver = vi.fn<LocalEventBusOptions['deliver']>().mockRejectedValue(new Error('boom'));
    const onDelivered = vi.fn();
    const { bus, deadLetters } = setup({ deliver, onDelivered });
    bus.addRule({ name: 'r', pattern: { source: ['vip.status-review'] }, targets: ['broken'] });

    const { Entries } = await bus.putEvents([entry()]);
    await bus.drain();

    expect(deliver).toHaveBeenCalledTimes(3);
    expect(onDelivered).not.toHaveBeenCalled();
    expect(await deadLetters.list()).toEqual([
      {
        rule: 'r',
        target: 'broken',
        event: expect.objectContaining({ id: Entries[0]?.EventId, detail: { accountId: 'acc-1', tier: 'gold' } }),
        error: 'boom',
        attempts: 3,
        failedAt: fixedNow.toISOString(),
      },
    ]);
  });

  it('honours a custom maxAttempts and non-Error rejections', async () => {
    const deliver = vi.fn<LocalEventBusOptions['deliver']>().mockRejectedValue('plain string');
    const { bus, deadLetters } = setup({ deliver, maxAttempts: 1 });
    bus.addRule({ name: 'r', pattern: { source: ['vip.status-review'] }, targets: ['t'] });

    await bus.putEvents([entry()]);
    await bus.drain();

    expect(deliver).toHaveBeenCalledTimes(1);
    expect(await deadLetters.list()).toEqual([expect.objectContaining({ error: 'plain string', attempts: 1 })]);
  });

  it('refuses a maxAttempts below one', () => {
    expect(() => setup({ maxAttempts: 0 })).toThrow(RangeError);
  });

  it('drain waits for events put by targets while they were being delivered', async () => {
    const later = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));
    const finished: string[] = [];
    const holder: { bus?: LocalEventBus } = {};
    const { bus } = setup({
      deliver: async (target) => {
        await later();
        if (target === 'reviewer') {
          await holder.bus?.putEvents([entry({ DetailType: 'AccountStatusChanged' })]);
        }
        finished.push(target);
      },
    });
    holder.bus = bus;
    bus.addRule({ name: 'review', pattern: { 'detail-type': ['StatusReviewCompleted'] }, targets: ['reviewer'] });
    bus.addRule({ name: 'changed', pattern: { 'detail-type': ['AccountStatusChanged'] }, targets: ['notifier'] });

    await bus.putEvents([entry()]);
    await bus.drain();

    expect(finished).toEqual(['reviewer', 'notifier']);
  });

  it('drain rejects when a dead letter cannot be recorded, instead of losing it silently', async () => {
    const failingSink: DeadLetterSink = {
      record: () => Promise.reject(new Error('table missing')),
      list: () => Promise.resolve([]),
    };
    const { bus } = setup({ deadLetters: failingSink, deliver: () => Promise.reject(new Error('boom')) });
    bus.addRule({ name: 'r', pattern: { source: ['vip.status-review'] }, targets: ['t'] });

    await bus.putEvents([entry()]);

    await expect(bus.drain()).rejects.toThrow(AggregateError);
    await expect(bus.drain()).resolves.toBeUndefined();
  });

  it('drain resolves at once when nothing is pending', async () => {
    await expect(setup().bus.drain()).resolves.toBeUndefined();
  });
});

describe('LocalEventBus.putEvents validation', () => {
  it('reports malformed entries individually and still accepts the rest', async () => {
    const { bus, delivered } = setup();
    bus.addRule({ name: 'all', pattern: { source: [{ exists: true }] }, targets: ['t'] });

    const result = await bus.putEvents([
      entry(),
      entry({ Detail: '{not json' }),
      entry({ Detail: '[1, 2]' }),
      entry({ Detail: undefined }),
      entry({ Source: undefined }),
      entry({ DetailType: '' }),
      entry({ EventBusName: 'someone-elses-bus' }),
      entry({ EventBusName: undefined }),
      entry({ EventBusName: `arn:aws:events:local:000000000000:event-bus/${busName}` }),
      entry({ Time: new Date('not a date') }),
    ]);
    await bus.drain();

    expect(result.FailedEntryCount).toBe(8);
    expect(result.Entries.map((e) => e.ErrorCode ?? 'ok')).toEqual([
      'ok',
      'MalformedDetail',
      'MalformedDetail',
      'InvalidArgument',
      'InvalidArgument',
      'InvalidArgument',
      'InvalidArgument',
      'InvalidArgument',
      'ok',
      'InvalidArgument',
    ]);
    expect(result.Entries[4]?.ErrorMessage).toContain('Source');
    expect(result.Entries[6]?.ErrorMessage).toContain('someone-elses-bus');
    expect(result.Entries.filter((e) => e.ErrorCode !== undefined).every((e) => e.EventId === undefined)).toBe(true);
    expect(delivered.map(({ event }) => event.id)).toEqual([result.Entries[0]?.EventId, result.Entries[8]?.EventId]);
  });

  it('accepts entries decoded from the JSON wire protocol, where Time is epoch seconds', async () => {
    const { bus, delivered } = setup();
    bus.addRule({ name: 'all', pattern: { source: [{ exists: true }] }, targets: ['t'] });
    const wire = (fields: object): PutEventsEntry => JSON.parse(JSON.stringify({ ...entry(), ...fields })) as PutEventsEntry;

    const result = await bus.putEvents([wire({ Time: 1704164645 }), wire({ Resources: 'not-a-list' }), wire({ Source: 7 })]);
    await bus.drain();

    expect(result.Entries.map((e) => e.ErrorCode ?? 'ok')).toEqual(['ok', 'InvalidArgument', 'InvalidArgument']);
    expect(delivered.map(({ event }) => event.time)).toEqual(['2024-01-02T03:04:05Z']);
  });

  it('rejects a call with more than 10 entries, accepting none of them', async () => {
    const { bus, delivered } = setup();
    bus.addRule({ name: 'all', pattern: { source: [{ exists: true }] }, targets: ['t'] });

    await expect(bus.putEvents(Array.from({ length: 11 }, () => entry()))).rejects.toThrow(EventBusValidationError);
    await bus.drain();

    expect(delivered).toEqual([]);
  });

  it('accepts exactly 10 entries and rejects an empty call', async () => {
    const { bus } = setup();

    await expect(bus.putEvents(Array.from({ length: 10 }, () => entry()))).resolves.toMatchObject({ FailedEntryCount: 0 });
    await expect(bus.putEvents([])).rejects.toThrow(EventBusValidationError);
  });
});

describe('InMemoryDeadLetterSink', () => {
  it('lists recorded entries in order, as copies', async () => {
    const sink = new InMemoryDeadLetterSink();
    const event: BusEvent = {
      version: '0',
      id: 'id-1',
      'detail-type': 'T',
      source: 's',
      account: '000000000000',
      time: '2024-01-01T00:00:00Z',
      region: 'local',
      resources: [],
      detail: { n: 1 },
    };
    await sink.record({ rule: 'r', target: 'a', event, error: 'e1', attempts: 3, failedAt: '2024-01-01T00:00:01.000Z' });
    await sink.record({ rule: 'r', target: 'b', event, error: 'e2', attempts: 3, failedAt: '2024-01-01T00:00:02.000Z' });

    const listed = await sink.list();
    listed.pop();

    expect((await sink.list()).map((e) => e.target)).toEqual(['a', 'b']);
  });
});
