import { describe, it, expect, beforeAll } from 'vitest';
import { QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoReviewStore } from '../../shared/adapters/dynamodb/review-store.ts';
import { DynamoImportStore } from '../../shared/adapters/dynamodb/import-store.ts';
import { importDirectory } from '../../shared/import/import-directory.ts';
import { startReview } from '../../shared/use-cases/status-review/start-review.ts';
import { reviewSegment, type ReviewSegmentPorts } from '../../shared/use-cases/status-review/review-segment.ts';
import { keys } from '../../shared/adapters/dynamodb/keys.ts';
import { eventTypes } from '../../shared/schemas/event-names.ts';
import { programmeA } from '../fixtures/accounts.ts';
import { freshTable } from './local-env.ts';
import { CollectingPublisher, SimulatedCrash, copyOfTable, crashingAfter } from './resume-harness.ts';
import { demoCsv } from './demo-stack.ts';
import { keptMonthCount } from '../../shared/domain/account-facts.ts';
import { joinAccountEntries } from '../../shared/adapters/dynamodb/account-entries.ts';

const config = { ...programmeA, statusReview: { ...programmeA.statusReview, segments: 2 } };
const scheduledTime = new Date('2026-12-31T19:00:00Z');

async function loadTable(csvDir: string) {
  const table = await freshTable();
  await importDirectory(csvDir, new DynamoImportStore(table.client, table.tableName, keptMonthCount(config.statusReview.rules)));
  return table;
}

/** The imported, not yet reviewed table each scenario starts from (a copy of it). */
let loaded: Awaited<ReturnType<typeof loadTable>>;

async function statuses(client: DynamoDBDocumentClient, tableName: string) {
  const result = await client.send(new ScanCommand({ TableName: tableName, IndexName: 'accounts' }));
  return Object.fromEntries(joinAccountEntries(result.Items ?? []).accounts.map((i) => [i.accountId, i.status ?? { vip: false }]));
}

/** Delivers segment requests until none is left, as the bus would. */
async function drainSegments(publisher: CollectingPublisher, ports: Omit<ReviewSegmentPorts, 'events'>) {
  const outcomes: string[] = [];
  for (let requests = publisher.take(eventTypes.segmentRequested); requests.length; requests = publisher.take(eventTypes.segmentRequested)) {
    for (const request of requests) outcomes.push((await reviewSegment(request.detail as never, { ...ports, events: publisher })).outcome);
  }
  return outcomes;
}

let reference: Record<string, unknown>;

beforeAll(async () => {
  loaded = await loadTable(await demoCsv(90, 5, '2026-12-20'));
  const { client, tableName } = await copyOfTable(loaded);
  const store = new DynamoReviewStore(client, tableName);
  const publisher = new CollectingPublisher();
  await startReview({ mode: 'yearly', scheduledTime }, { store, events: publisher, config });
  await drainSegments(publisher, { store, config, now: () => new Date(), remainingMs: () => 600_000 });
  reference = await statuses(client, tableName);
});

describe('a status review that dies or runs out of time', () => {
  it('resumes a crashed worker from its cursor and ends with the statuses of an uninterrupted run', async () => {
    const { client, tableName } = await copyOfTable(loaded);
    const store = new DynamoReviewStore(client, tableName);
    const publisher = new CollectingPublisher();
    await startReview({ mode: 'yearly', scheduledTime }, { store, events: publisher, config });
    const [first, ...rest] = publisher.take(eventTypes.segmentRequested);
    const ports = { config, now: () => new Date(), remainingMs: () => 600_000, pageSize: 10 };

    // The first worker writes a few decisions, checkpoints some pages, then dies in the middle of a page.
    await expect(reviewSegment(first!.detail as never, { ...ports, store: crashingAfter(store, 'applyDecision', 13), events: publisher })).rejects.toThrow(SimulatedCrash);
    const checkpoint = await store.getSegment('yearly-2027', 0);
    expect(checkpoint.scanComplete).toBe(false);
    expect(checkpoint.pages).toBeGreaterThan(0);

    // Lambda retries the same event; the other segments run normally.
    publisher.events.push(first!, ...rest);
    await drainSegments(publisher, { ...ports, store });

    expect(await statuses(client, tableName)).toEqual(reference);
    const run = await store.getRun('yearly-2027');
    expect(run).toMatchObject({ state: 'completed', doneSegments: [0, 1] });
    expect(run?.summary?.accounts).toBe(Object.keys(reference).length);
    expect(run?.summary?.outcomes.grant).toBe(Object.values(reference).filter((s) => (s as { vip: boolean }).vip).length);
    expect(publisher.take(eventTypes.reviewCompleted)).toHaveLength(1);

    // No account carries two history entries for the review.
    for (const accountId of Object.keys(reference)) {
      const history = await client.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)', ExpressionAttributeValues: { ':pk': keys.account(accountId).pk, ':s': 'STATUS#' } }),
      );
      expect(history.Items?.length ?? 0).toBeLessThanOrEqual(1);
    }
  });

  it('hands over to a new invocation before its time runs out, and still ends with the same statuses', async () => {
    const { client, tableName } = await copyOfTable(loaded);
    const store = new DynamoReviewStore(client, tableName);
    const publisher = new CollectingPublisher();
    await startReview({ mode: 'yearly', scheduledTime }, { store, events: publisher, config });
    // Each invocation has time for two pages of five accounts.
    let pagesLeft = 0;
    const outcomes: string[] = [];
    for (let requests = publisher.take(eventTypes.segmentRequested); requests.length; requests = publisher.take(eventTypes.segmentRequested)) {
      for (const request of requests) {
        pagesLeft = 2;
        const result = await reviewSegment(request.detail as never, {
          store,
          events: publisher,
          config,
          now: () => new Date(),
          pageSize: 5,
          reserveMs: 1000,
          remainingMs: () => (pagesLeft-- > 0 ? 60_000 : 10),
        });
        outcomes.push(result.outcome);
      }
    }
    expect(outcomes.filter((o) => o === 'handed-over').length).toBeGreaterThan(2);
    expect(outcomes.filter((o) => o === 'segment-done')).toHaveLength(2);
    expect(await statuses(client, tableName)).toEqual(reference);
    expect((await store.getRun('yearly-2027'))?.state).toBe('completed');
  });
});
