import { describe, it, expect, beforeAll } from 'vitest';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoImportStore } from '../../shared/adapters/dynamodb/import-store.ts';
import { keptMonthCount } from '../../shared/domain/account-facts.ts';
import { DynamoReviewStore } from '../../shared/adapters/dynamodb/review-store.ts';
import { DynamoSurveyStore } from '../../shared/adapters/dynamodb/survey-store.ts';
import { importDirectory } from '../../shared/import/import-directory.ts';
import { startReview } from '../../shared/use-cases/status-review/start-review.ts';
import { reviewSegment } from '../../shared/use-cases/status-review/review-segment.ts';
import { openWave, type OpenWavePorts } from '../../shared/use-cases/surveys/open-wave.ts';
import { eventTypes } from '../../shared/schemas/event-names.ts';
import { emailHash, mailIdOf } from '../../shared/adapters/crypto/digests.ts';
import { HmacTokenSigner } from '../../shared/adapters/crypto/hmac-token-signer.ts';
import { randomRef } from '../../shared/adapters/crypto/random-ids.ts';
import { parseKeyring } from '../../shared/domain/links/keyring.ts';
import { programmeA } from '../fixtures/accounts.ts';
import { freshTable } from './local-env.ts';
import { CollectingPublisher, SimulatedCrash, copyOfTable, crashingAfter, scanAll } from './resume-harness.ts';
import { demoCsv } from './demo-stack.ts';

const config = { ...programmeA, statusReview: { ...programmeA.statusReview, segments: 2 } };
const reviewAt = new Date('2026-12-31T19:00:00Z');
const openingAt = new Date('2027-01-12T02:00:00Z'); // 10:00 in Irkutsk, the second Tuesday
const tokens = { signer: async () => new HmacTokenSigner(parseKeyring('integration-test-secret-0123456789abcdef')) };

/** A table with the demo data and a completed yearly review, so some accounts are VIP. */
async function reviewedTable(csvDir: string) {
  const table = await freshTable();
  await importDirectory(csvDir, new DynamoImportStore(table.client, table.tableName, keptMonthCount(programmeA.statusReview.rules), programmeA.giftTasks));
  const store = new DynamoReviewStore(table.client, table.tableName);
  const publisher = new CollectingPublisher();
  await startReview({ mode: 'yearly', scheduledTime: reviewAt }, { store, events: publisher, config });
  for (const request of publisher.take(eventTypes.segmentRequested))
    await reviewSegment(request.detail as never, { store, events: publisher, config, now: () => reviewAt, remainingMs: () => 600_000 });
  return table;
}

function ports(client: DynamoDBDocumentClient, tableName: string, overrides: Partial<OpenWavePorts> = {}): OpenWavePorts {
  return {
    store: new DynamoSurveyStore(client, tableName),
    events: new CollectingPublisher(),
    tokens,
    emailHash,
    mailIdOf,
    newInvitationId: randomRef,
    config,
    linkBaseUrl: 'http://localhost:1/s',
    now: () => openingAt,
    remainingMs: () => 600_000,
    pageSize: 7,
    ...overrides,
  };
}

/** What a wave left behind: invitations by contact, and how many pointers, address markers and mails. */
async function waveState(client: DynamoDBDocumentClient, tableName: string) {
  const invitations = await scanAll(client, tableName, { pk: 'WAVE#2027-Q1', sk: 'INVITE#' });
  const mails = await scanAll(client, tableName, { pk: 'OUTBOX#', sk: 'MAIL' });
  return {
    contacts: invitations.map((i) => `${i.accountId}/${i.contactId}`).sort(),
    pointers: (await scanAll(client, tableName, { pk: 'INVITATION#', sk: 'REF' })).length,
    addresses: (await scanAll(client, tableName, { pk: 'WAVE#2027-Q1', sk: 'INVITEE#' })).length,
    mails: mails.filter((m) => m.kind === 'survey-invitation').length,
    recipients: new Set(mails.map((m) => m.to)).size,
  };
}

/** The reviewed table each scenario starts from (a copy of it). */
let reviewed: Awaited<ReturnType<typeof reviewedTable>>;
let reference: Awaited<ReturnType<typeof waveState>>;
/** What the reference opening asked DynamoDB for: command names and inputs. */
const referenceCommands: { name: string; input: Record<string, unknown> }[] = [];

beforeAll(async () => {
  reviewed = await reviewedTable(await demoCsv(70, 21, '2026-12-20'));
  const { client, tableName } = await copyOfTable(reviewed);
  const send = client.send.bind(client) as (command: object) => Promise<unknown>;
  let recording = true;
  client.send = ((command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    if (recording) referenceCommands.push({ name: command.constructor.name, input: command.input });
    return send(command);
  }) as never;
  const result = await openWave({ scheduledTime: openingAt }, ports(client, tableName, { pageSize: 100 }));
  recording = false;
  expect(result.outcome).toBe('opened');
  reference = await waveState(client, tableName);
  client.destroy();
}, 600_000);

describe('opening a survey wave that dies, runs out of time, or runs twice at once', { timeout: 600_000 }, () => {
  it('selects the recipients through the accounts index and per-account queries, never a scan of the table', () => {
    expect(referenceCommands.filter((c) => c.name.startsWith('Scan'))).toEqual([]);
    expect(referenceCommands.some((c) => c.name === 'QueryCommand' && c.input.IndexName === 'accounts')).toBe(true);
  });

  it('the reference run invites someone, once per contact and address, each with a pointer and a mail', () => {
    expect(reference.contacts.length).toBeGreaterThan(10);
    expect(new Set(reference.contacts).size).toBe(reference.contacts.length);
    expect(reference).toMatchObject({ pointers: reference.contacts.length, addresses: reference.contacts.length, mails: reference.contacts.length, recipients: reference.contacts.length });
  });

  it('resumes a crashed opening from its cursor and ends with the invitations of an uninterrupted run', async () => {
    const { client, tableName } = await copyOfTable(reviewed);
    const store = new DynamoSurveyStore(client, tableName);
    await expect(openWave({ scheduledTime: openingAt }, ports(client, tableName, { store: crashingAfter(store, 'invite', 9) }))).rejects.toThrow(SimulatedCrash);
    const checkpoint = await store.getWave('2027-Q1');
    expect(checkpoint?.state).toBe('opening');
    expect(checkpoint?.pages).toBeGreaterThan(0);

    // The Scheduler (or Lambda) retries the same fire.
    const resumed = await openWave({ scheduledTime: openingAt }, ports(client, tableName));
    expect(resumed.outcome).toBe('opened');
    expect(await waveState(client, tableName)).toEqual(reference);
    const wave = await store.getWave('2027-Q1');
    expect(wave).toMatchObject({ state: 'open', invited: reference.contacts.length });
    client.destroy();
  });

  it('hands over to a new invocation before its time runs out, and still ends with the same invitations', async () => {
    const { client, tableName } = await copyOfTable(reviewed);
    const publisher = new CollectingPublisher();
    const outcomes: string[] = [];
    let requests: { scheduledTime: string }[] = [{ scheduledTime: openingAt.toISOString() }];
    while (requests.length) {
      for (const request of requests) {
        let pagesLeft = 3;
        const result = await openWave(
          { scheduledTime: new Date(request.scheduledTime) },
          ports(client, tableName, { events: publisher, pageSize: 5, reserveMs: 1000, remainingMs: () => (pagesLeft-- > 0 ? 60_000 : 10) }),
        );
        outcomes.push(result.outcome);
      }
      requests = publisher.take(eventTypes.surveyWaveOpeningRequested).map((e) => e.detail as { scheduledTime: string });
    }
    expect(outcomes.filter((o) => o === 'handed-over').length).toBeGreaterThan(2);
    expect(outcomes.at(-1)).toBe('opened');
    expect(await waveState(client, tableName)).toEqual(reference);
    expect(publisher.take(eventTypes.surveyWaveOpened)).toHaveLength(1);
    client.destroy();
  });

  it('three runs fired at once write one invitation per contact, and a later run changes nothing', async () => {
    const { client, tableName } = await copyOfTable(reviewed);
    const publisher = new CollectingPublisher();
    const results = await Promise.all([0, 1, 2].map(() => openWave({ scheduledTime: openingAt }, ports(client, tableName, { events: publisher, pageSize: 4 }))));
    expect(results.filter((r) => r.outcome === 'opened').length).toBeGreaterThanOrEqual(1);
    expect(results.reduce((sum, r) => sum + r.invited, 0)).toBe(reference.contacts.length);
    expect(await waveState(client, tableName)).toEqual(reference);
    expect(publisher.take(eventTypes.surveyWaveOpened)).toHaveLength(1);

    const again = await openWave({ scheduledTime: new Date('2027-02-20T02:00:00Z') }, ports(client, tableName));
    expect(again).toMatchObject({ waveKey: '2027-Q1', outcome: 'already-open', invited: 0 });
    expect(await waveState(client, tableName)).toEqual(reference);
    client.destroy();
  });
});
