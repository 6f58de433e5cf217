import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoReviewStore } from '../../shared/adapters/dynamodb/review-store.ts';
import { ReviewBusyError, startReview } from '../../shared/use-cases/status-review/start-review.ts';
import type { DomainEvent } from '../../shared/ports/event-publisher.ts';
import { programmeA } from '../fixtures/accounts.ts';
import { freshTable } from './local-env.ts';

const summary = { accounts: 0, outcomes: {}, tiers: {}, failedAccounts: 0 };
/** 1 January in Irkutsk: the yearly review at 03:00, the admission pass at 04:00. */
const yearlyAt = new Date('2026-12-31T19:00:00Z');
const admissionAt = new Date('2026-12-31T20:00:00Z');

let client: DynamoDBDocumentClient;
let store: DynamoReviewStore;
let published: DomainEvent[];
const ports = () => ({ store, events: { publish: async (events: readonly DomainEvent[]) => void published.push(...events) }, config: programmeA });

beforeEach(async () => {
  const table = await freshTable('vip-exclusive');
  client = table.client;
  store = new DynamoReviewStore(client, table.tableName);
  published = [];
});
afterEach(() => client.destroy());

describe('the yearly review and the admission pass never run at once', () => {
  it('an admission pass fired while the yearly review runs refuses to start, says why, and starts once it has completed', async () => {
    expect(await startReview({ mode: 'yearly', scheduledTime: yearlyAt }, ports())).toEqual({ reviewKey: 'yearly-2027', outcome: 'started' });
    const refused = await startReview({ mode: 'admission', scheduledTime: admissionAt }, ports());
    expect(refused).toEqual({
      reviewKey: 'admission-2027-01',
      outcome: 'refused',
      runningReview: 'yearly-2027',
      reason: 'yearly-2027 is running (scheduled 2026-12-31T19:00:00.000Z); on 1 January the admission pass is not needed (the yearly review decides every account), otherwise run it again once that one has completed',
    });
    expect(await store.getRun('admission-2027-01')).toBeUndefined();
    expect(published.every((e) => e.detail.reviewKey === 'yearly-2027')).toBe(true);

    await store.completeRun('yearly-2027', summary, '2026-12-31T19:30:00Z');
    expect(await startReview({ mode: 'admission', scheduledTime: admissionAt }, ports())).toEqual({ reviewKey: 'admission-2027-01', outcome: 'started' });
  });

  it('a yearly review fired while an admission pass runs fails with the reason, so it is retried rather than lost', async () => {
    const manualAdmission = new Date('2026-12-31T18:30:00Z');
    await startReview({ mode: 'admission', scheduledTime: manualAdmission }, ports());
    const yearly = startReview({ mode: 'yearly', scheduledTime: yearlyAt }, ports());
    await expect(yearly).rejects.toBeInstanceOf(ReviewBusyError);
    await expect(yearly).rejects.toThrow('yearly-2027 not started: admission-2027-01 is running (scheduled 2026-12-31T18:30:00.000Z)');
    expect(await store.getRun('yearly-2027')).toBeUndefined();
    await store.completeRun('admission-2027-01', summary, '2026-12-31T18:40:00Z');
    expect((await startReview({ mode: 'yearly', scheduledTime: yearlyAt }, ports())).outcome).toBe('started');
  });

  it('a repeated firing of the running review is not refused by its own hold', async () => {
    await startReview({ mode: 'yearly', scheduledTime: yearlyAt }, ports());
    expect((await startReview({ mode: 'yearly', scheduledTime: yearlyAt }, ports())).outcome).toBe('already-running');
  });

  it('a review that has held the turn for over a day is taken as stalled and does not block the next', async () => {
    await startReview({ mode: 'admission', scheduledTime: new Date('2026-11-30T20:00:00Z') }, ports());
    expect((await startReview({ mode: 'yearly', scheduledTime: yearlyAt }, ports())).outcome).toBe('started');
  });
});
