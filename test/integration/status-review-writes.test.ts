import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoReviewStore } from '../../shared/adapters/dynamodb/review-store.ts';
import { StatusQueries } from '../../shared/adapters/dynamodb/status-queries.ts';
import { accountIndexAttributes, keys } from '../../shared/adapters/dynamodb/keys.ts';
import { dynamoItemSizeBytes } from '../../bench/tools/item-size.ts';
import { startReview } from '../../shared/use-cases/status-review/start-review.ts';
import { reviewSegment } from '../../shared/use-cases/status-review/review-segment.ts';
import type { DomainEvent, EventPublisher } from '../../shared/ports/event-publisher.ts';
import type { AccountFacts } from '../../shared/domain/account.ts';
import { eventTypes } from '../../shared/schemas/event-names.ts';
import { accountFacts, programmeA } from '../fixtures/accounts.ts';
import { freshTable } from './local-env.ts';

const config = { ...programmeA, statusReview: { ...programmeA.statusReview, segments: 2 } };
let client: DynamoDBDocumentClient;
let tableName: string;

class SegmentRequests implements EventPublisher {
  readonly pending: DomainEvent[] = [];
  async publish(events: readonly DomainEvent[]): Promise<void> {
    this.pending.push(...events.filter((e) => e.detailType === eventTypes.segmentRequested));
  }
}

async function yearlyReview(scheduledTime: Date) {
  const store = new DynamoReviewStore(client, tableName);
  const events = new SegmentRequests();
  await startReview({ mode: 'yearly', scheduledTime }, { store, events, config });
  while (events.pending.length)
    await reviewSegment(events.pending.shift()!.detail as never, { store, events, config, now: () => scheduledTime, remainingMs: () => 600_000, pageSize: 2 });
}

/** The profile as the importer leaves it: its facts and the index attributes. */
async function putProfile(facts: AccountFacts) {
  await client.send(new PutCommand({ TableName: tableName, Item: { ...keys.account(facts.accountId), ...accountIndexAttributes(facts.accountId, facts.managerId), ...facts } }));
}

async function snapshot(): Promise<Map<string, Record<string, unknown>>> {
  const result = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }));
  return new Map((result.Items ?? []).map((item) => [`${item.pk}|${item.sk}`, item]));
}

function changedKeys(before: Map<string, Record<string, unknown>>, after: Map<string, Record<string, unknown>>): string[] {
  return [...after.keys()].filter((key) => JSON.stringify(after.get(key)) !== JSON.stringify(before.get(key))).sort();
}

const steady = (lastMonth: string) => accountFacts({ accountId: 'STEADY', perNumberRub: 3000, lastMonth, months: 13 });
const growing = (lastMonth: string, rub: number) => accountFacts({ accountId: 'GROWING', perNumberRub: rub, lastMonth, months: 13 });
const outside = (lastMonth: string) => accountFacts({ accountId: 'OUTSIDE', perNumberRub: 900, lastMonth, months: 13 });

beforeAll(async () => {
  ({ client, tableName } = await freshTable());
  for (const facts of [steady('2026-12'), growing('2026-12', 3000), outside('2026-12')]) await putProfile(facts);
  await yearlyReview(new Date('2026-12-31T19:00:00Z'));
});
afterAll(() => client?.destroy());

describe('what a review writes', () => {
  it('a grant writes the status item, a history entry and a change record; an account left outside, nothing', async () => {
    const all = await snapshot();
    const ofAccounts = [...all.keys()].filter((k) => k.startsWith('ACCOUNT#') || k.includes('|CHANGE#')).sort();
    expect(ofAccounts).toEqual([
      'ACCOUNT#GROWING|PROFILE',
      'ACCOUNT#GROWING|STATUS',
      'ACCOUNT#GROWING|STATUS#yearly-2027',
      'ACCOUNT#OUTSIDE|PROFILE',
      'ACCOUNT#STEADY|PROFILE',
      'ACCOUNT#STEADY|STATUS',
      'ACCOUNT#STEADY|STATUS#yearly-2027',
      'REVIEW#yearly-2027|CHANGE#M1#GROWING',
      'REVIEW#yearly-2027|CHANGE#M1#STEADY',
    ]);
    // Each under the 1 KB of one write unit.
    for (const key of ofAccounts.filter((k) => !k.endsWith('|PROFILE'))) expect(dynamoItemSizeBytes(all.get(key)!)).toBeLessThanOrEqual(1024);
  });

  it('a renewal writes nothing but the small status item, and still explains itself', async () => {
    // A year of imports later: the same charges for one account, more for the other.
    for (const facts of [steady('2027-12'), growing('2027-12', 6000), outside('2027-12')]) await putProfile(facts);
    const before = await snapshot();
    await yearlyReview(new Date('2027-12-31T19:00:00Z'));
    const after = await snapshot();
    const changed = changedKeys(before, after).filter((k) => !/^REVIEW#yearly-2028\|(RUN|SEGMENT#)/.test(k));
    expect(changed).toEqual(['ACCOUNT#GROWING|STATUS', 'ACCOUNT#GROWING|STATUS#yearly-2028', 'ACCOUNT#STEADY|STATUS', 'REVIEW#yearly-2028|CHANGE#M1#GROWING']);
    const renewed = after.get('ACCOUNT#STEADY|STATUS')!;
    expect(dynamoItemSizeBytes(renewed)).toBeLessThanOrEqual(1024);
    expect(renewed.status).toMatchObject({ vip: true, tier: 'profitable', validUntil: '2028-12-31', since: '2027-01-01', reviewKey: 'yearly-2028' });

    const record = await new StatusQueries(client, tableName).accountRecord('STEADY');
    expect(record.latest?.decision).toMatchObject({ outcome: 'renew', reviewKey: 'yearly-2028', previous: { tier: 'profitable', validUntil: '2027-12-31' } });
    expect(record.latest?.decision.criteria.map((c) => c.id)).toContain('charges-perNumber');
    expect(record.history.map((h) => [h.decision.reviewKey, h.decision.outcome])).toEqual([
      ['yearly-2027', 'grant'],
      ['yearly-2028', 'renew'],
    ]);
    const grown = await new StatusQueries(client, tableName).accountRecord('GROWING');
    expect(grown.history.map((h) => [h.decision.reviewKey, h.decision.outcome, h.decision.next.tier])).toEqual([
      ['yearly-2027', 'grant', 'profitable'],
      ['yearly-2028', 'tier-up', 'highly-profitable'],
    ]);
  });

  it('a repeated review writes nothing at all', async () => {
    const before = await snapshot();
    await yearlyReview(new Date('2027-12-31T19:00:00Z'));
    expect(changedKeys(before, await snapshot())).toEqual([]);
  });
});
