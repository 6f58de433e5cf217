import { describe, expect, it } from 'vitest';
import { DynamoReviewStore } from '../../shared/adapters/dynamodb/review-store.ts';
import { DynamoSurveyStore } from '../../shared/adapters/dynamodb/survey-store.ts';
import { DynamoHealthFindings } from '../../shared/adapters/dynamodb/health-store.ts';
import { startReview } from '../../shared/use-cases/status-review/start-review.ts';
import { reviewSegment } from '../../shared/use-cases/status-review/review-segment.ts';
import { watchRuns, type WatchRunsPorts } from '../../shared/use-cases/operations/watch-runs.ts';
import { healthReport } from '../../shared/use-cases/operations/health-report.ts';
import { DynamoHealthCounts } from '../../shared/adapters/dynamodb/health-counts.ts';
import type { DomainEvent, EventPublisher } from '../../shared/ports/event-publisher.ts';
import type { ReviewStore } from '../../shared/ports/review-store.ts';
import type { WatchedWorkflow } from '../../shared/ports/run-health.ts';
import { eventTypes } from '../../shared/schemas/event-names.ts';
import { programmeA } from '../fixtures/accounts.ts';
import { freshTable } from './local-env.ts';

const config = { ...programmeA, statusReview: { ...programmeA.statusReview, segments: 3 } };
const scheduledTime = new Date('2026-12-31T19:00:00Z');
const minutes = (n: number): Date => new Date(scheduledTime.getTime() + n * 60_000);
const stallAfterMinutes = 60;

class CollectingPublisher implements EventPublisher {
  readonly events: DomainEvent[] = [];
  async publish(events: readonly DomainEvent[]): Promise<void> {
    this.events.push(...events);
  }
  take(type: string): DomainEvent[] {
    const taken = this.events.filter((e) => e.detailType === type);
    this.events.splice(0, this.events.length, ...this.events.filter((e) => e.detailType !== type));
    return taken;
  }
}

class SegmentFailure extends Error {}

/** The real store, except that reading segment 1 fails every time: a bug or an outage that outlasts Lambda's retries. */
function failingSegment(store: ReviewStore, segment: number): ReviewStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'readSegmentPage') return Reflect.get(target, property, receiver);
      return async (...args: Parameters<ReviewStore['readSegmentPage']>) => {
        if (args[0] === segment) throw new SegmentFailure(`segment ${segment} cannot be read`);
        return target.readSegmentPage(...args);
      };
    },
  });
}

async function setUp() {
  const { client, tableName } = await freshTable();
  const store = new DynamoReviewStore(client, tableName);
  const findings = new DynamoHealthFindings(client, tableName);
  const waves = new DynamoSurveyStore(client, tableName);
  const publisher = new CollectingPublisher();
  const alarms: WatchedWorkflow[] = [];
  const watch = (at: Date, maxRepublishes?: number) => {
    const ports: WatchRunsPorts = { reviews: store, waves, findings, events: publisher, metrics: { stalledRun: (w) => alarms.push(w) }, timeZone: config.timeZone, now: () => at };
    return watchRuns({ stallAfterMinutes, ...(maxRepublishes !== undefined && { maxRepublishes }) }, ports);
  };
  return { store, findings, waves, publisher, alarms, watch, counts: new DynamoHealthCounts(client, tableName) };
}

describe('the run watchdog', () => {
  it('re-publishes the segment that failed its retries, alarms once, and the review then completes and mails its digest', async () => {
    const { store, findings, waves, counts, publisher, alarms, watch } = await setUp();
    await startReview({ mode: 'yearly', scheduledTime }, { store, events: publisher, config, now: () => minutes(0) });
    const requests = publisher.take(eventTypes.segmentRequested);
    expect(requests).toHaveLength(3);

    // Segments 0 and 2 finish; segment 1 fails all three attempts (Lambda's two retries), then its event is dead-lettered.
    const broken = failingSegment(store, 1);
    for (const request of requests) {
      const detail = request.detail as { reviewKey: string; segment: number; totalSegments: number };
      const ports = { store: broken, events: publisher, config, now: () => minutes(1), remainingMs: () => 600_000 };
      if (detail.segment === 1) for (let attempt = 0; attempt < 3; attempt++) await expect(reviewSegment(detail, ports)).rejects.toThrow(SegmentFailure);
      else expect((await reviewSegment(detail, ports)).outcome).toBe('segment-done');
    }
    // A later firing of the schedule finds the run and does nothing: the review would wait for ever.
    expect((await startReview({ mode: 'yearly', scheduledTime }, { store, events: publisher, config })).outcome).toBe('already-running');
    expect(publisher.events).toEqual([]);

    // Within its expected time the run is left alone.
    expect((await watch(minutes(45))).runs).toEqual([{ workflow: 'status-review', runKey: 'yearly-2027', lastProgressAt: minutes(1).toISOString(), outcome: 'progressing' }]);
    expect(publisher.events).toEqual([]);
    expect(alarms).toEqual([]);

    // Past it: only the unfinished segment is requested again, a finding is kept and the alarm gets its data point.
    const stalled = await watch(minutes(62));
    expect(stalled.runs).toEqual([{ workflow: 'status-review', runKey: 'yearly-2027', lastProgressAt: minutes(1).toISOString(), outcome: 'republished', republished: [1] }]);
    const republished = publisher.take(eventTypes.segmentRequested);
    expect(republished.map((e) => e.detail)).toEqual([{ reviewKey: 'yearly-2027', segment: 1, totalSegments: 3 }]);
    expect(alarms).toEqual(['status-review']);
    expect(await findings.openStalls()).toEqual([
      expect.objectContaining({ workflow: 'status-review', runKey: 'yearly-2027', republishes: 1, republished: [1], gaveUp: false, firstDetectedAt: minutes(62).toISOString() }),
    ]);
    // vip report health reads the same conditions from the table.
    const health = await healthReport({ stallAfterMinutes }, { reviews: store, waves, findings, counts, timeZone: config.timeZone, now: () => minutes(63) });
    expect(health.healthy).toBe(false);
    expect(health.conditions.filter((c) => c.attention).map((c) => [c.check, c.count, c.detail])).toEqual([
      ['stalled-runs', 1, `status-review yearly-2027: no checkpoint since ${minutes(1).toISOString()}, segments 1 unfinished`],
      ['watchdog-findings', 1, `status-review yearly-2027: re-published 1x, last ${minutes(62).toISOString()}`],
    ]);

    // The next watch a quarter hour later gives the re-published work its time: nothing is published twice.
    expect((await watch(minutes(77))).runs.map((r) => r.outcome)).toEqual(['progressing']);
    expect(publisher.events).toEqual([]);

    // The outage is over: the re-published request completes the review, which announces itself for the digests.
    const result = await reviewSegment(republished[0]!.detail as never, { store, events: publisher, config, now: () => minutes(78), remainingMs: () => 600_000 });
    expect(result).toMatchObject({ outcome: 'segment-done', runCompleted: true });
    expect(publisher.take(eventTypes.reviewCompleted)).toHaveLength(1);
    expect((await store.getRun('yearly-2027'))?.state).toBe('completed');

    // The finding is closed once the run completed; nothing is left to watch.
    expect(await watch(minutes(90))).toEqual({ runs: [], resolved: 1 });
    expect(await findings.openStalls()).toEqual([]);
    expect(await findings.stall('status-review', 'yearly-2027')).toMatchObject({ resolvedAt: minutes(90).toISOString() });
    expect((await healthReport({ stallAfterMinutes }, { reviews: store, waves, findings, counts, timeZone: config.timeZone, now: () => minutes(91) })).healthy).toBe(true);
  });

  it('requests a stalled wave opening again, and after its re-publishes are spent only alarms', async () => {
    const { waves, publisher, alarms, watch } = await setUp();
    const openedAt = minutes(-10).toISOString();
    await waves.createWave({ waveKey: '2027-Q1', state: 'opening', openedOn: '2027-01-01', openedAt, lastDay: '2027-01-14', closesAt: '2027-01-14T16:00:00.000Z', reminderDays: [7], invited: 0, skipped: {} });
    // One page made it before the opening worker died.
    expect(await waves.advanceOpening('2027-Q1', 0, { shard: 3 }, {}, minutes(-5).toISOString())).toBe(true);

    expect((await watch(minutes(50))).runs.map((r) => r.outcome)).toEqual(['progressing']);
    const first = await watch(minutes(56));
    expect(first.runs).toEqual([{ workflow: 'surveys', runKey: '2027-Q1', lastProgressAt: minutes(-5).toISOString(), outcome: 'republished', republished: [] }]);
    expect(publisher.take(eventTypes.surveyWaveOpeningRequested).map((e) => e.detail)).toEqual([{ scheduledTime: openedAt }]);

    // Still no progress an hour after the re-publish: with one re-publish allowed, the watchdog now only alarms.
    const second = await watch(minutes(117), 1);
    expect(second.runs.map((r) => r.outcome)).toEqual(['gave-up']);
    expect(publisher.events).toEqual([]);
    expect(alarms).toEqual(['surveys', 'surveys']);
  });
});
