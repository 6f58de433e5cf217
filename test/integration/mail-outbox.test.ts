/**
 * The one mail path on the emulators: the outbox on DynamoDB Local, mail through the SES
 * emulator, SES's Send events as the local stack publishes them. Crashes at an exact point are
 * staged with a mailer that stops at that point (a test double at the adapter boundary).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { LocalStack } from '../../infra/local/local-stack.ts';
import { localCredentials, localRegion } from '../../infra/local/local-aws.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { DynamoMailOutbox, isOnlyAlreadyQueued, outboxKey, outboxPut } from '../../shared/adapters/dynamodb/outbox-items.ts';
import { DynamoOutboxStore } from '../../shared/adapters/dynamodb/outbox-store.ts';
import { SesMailer, mailIdHeader } from '../../shared/adapters/ses/ses-mailer.ts';
import { mailIdOf } from '../../shared/adapters/crypto/digests.ts';
import { randomLeaseId } from '../../shared/adapters/crypto/random-ids.ts';
import type { OutboxMail } from '../../shared/ports/outbox.ts';
import type { Mailer } from '../../shared/ports/mailer.ts';
import { drainOutbox, type DrainSettings } from '../../shared/use-cases/mail/drain-outbox.ts';
import { throttlingSesClient } from '../../bench/throttling-ses-client.ts';
import { programmeA } from '../fixtures/accounts.ts';
import { freshTable, sesEndpoint } from './local-env.ts';

interface StoredMail {
  readonly messageId: string;
  readonly from: string;
  readonly headers?: { name: string; value: string }[];
}

async function storedMails(from: string): Promise<StoredMail[]> {
  const response = await fetch(`${sesEndpoint()}/store`);
  return ((await response.json()) as { emails: StoredMail[] }).emails.filter((m) => m.from === from);
}

const copiesOf = (mails: readonly StoredMail[], mailId: string) => mails.filter((m) => m.headers?.some((h) => h.name === mailIdHeader && h.value === mailId));

function mail(key: string, to = 'manager@example.com'): OutboxMail {
  return { mailId: mailIdOf(`${key}/${randomUUID()}`), kind: 'gift-digest', to, subject: `subject ${key}`, html: `<p>${key}</p>`, text: key };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('a sender killed at an exact point, in the local stack', () => {
  // Short lease and grace, so recovery happens within the test; the mail path is the real one.
  const config = { ...programmeA, mail: { ...programmeA.mail, leaseSeconds: 1, confirmationGraceSeconds: 5 } };
  const senderAddress = `outbox-${randomUUID().slice(0, 8)}@example.com`;
  let stack: LocalStack;
  let documents: DynamoDBDocumentClient;
  let store: DynamoOutboxStore;
  let ses: SESv2Client;
  const settings: DrainSettings = { ratePerSecond: 14, leaseMs: 1000, confirmationGraceMs: 5000, maxAttempts: 5, concurrency: 1 };

  beforeAll(async () => {
    stack = await LocalStack.start({
      config,
      emulators: { dynamoEndpoint: (await freshTable()).endpoint, sesEndpoint: sesEndpoint() },
      tableName: `vip-outbox-${randomUUID().slice(0, 8)}`,
      senderAddress,
      leadershipAddress: 'leadership@example.com',
      handlerLogLevel: 'SILENT',
      // Nothing may move mail behind the test's back: only settle() and runSchedule do.
      mailPump: false,
    });
    documents = createDocumentClient({ endpoint: stack.dynamoEndpoint, region: localRegion, credentials: localCredentials });
    store = new DynamoOutboxStore(documents, stack.tableName);
    ses = new SESv2Client({ endpoint: stack.sesEndpoint, region: localRegion, credentials: localCredentials, maxAttempts: 1 });
  }, 900_000);
  afterAll(async () => {
    ses?.destroy();
    documents?.destroy();
    await stack?.stop();
  });

  /** Runs one drain in this process with the given mailer, as a sender function would. */
  const drainWith = (mailer: Mailer) =>
    drainOutbox({ store, mailer, settings, now: () => Date.now(), sleep, random: Math.random, newLeaseId: randomLeaseId, shouldStop: () => false, log: () => {} });

  const item = async (mailId: string) => (await documents.send(new GetCommand({ TableName: stack.tableName, Key: outboxKey(mailId), ConsistentRead: true }))).Item;

  it('between the SES call and its bookkeeping: SES\'s Send event marks it sent, it is neither lost nor repeated', async () => {
    const m = mail('killed-after-ses');
    await new DynamoMailOutbox(documents, stack.tableName).enqueue([m], new Date().toISOString());
    const real = new SesMailer(ses, senderAddress);
    // SES takes the mail, then the sender dies before it can mark it sent.
    const dying: Mailer = {
      send: async (outgoing) => {
        await real.send(outgoing);
        throw new Error('killed after the SES call');
      },
    };
    expect(await drainWith(dying)).toMatchObject({ sent: 0, unknownOutcomes: 1 });
    expect(await item(m.mailId)).toMatchObject({ state: 'sending', attempts: 1 });
    expect(copiesOf(await storedMails(senderAddress), m.mailId)).toHaveLength(1);

    // The stack publishes SES's Send event; the confirmation function records it.
    await stack.settle();
    const confirmed = await item(m.mailId);
    expect(confirmed).toMatchObject({ state: 'sent' });
    expect(confirmed?.['confirmedAt']).toBeDefined();
    expect(confirmed?.['messageId']).toBe(copiesOf(await storedMails(senderAddress), m.mailId)[0]!.messageId);

    // Long after the lease and the grace, the sweep finds nothing to resend.
    await sleep(settings.leaseMs + settings.confirmationGraceMs + 200);
    const sweep = await stack.runSchedule('mail-outbox-sweep', new Date());
    expect(sweep.result).toMatchObject({ sent: 0 });
    expect(copiesOf(await storedMails(senderAddress), m.mailId)).toHaveLength(1);
  });

  it('after its claim, before the SES call: the lease runs out, no Send event comes, the sweep sends it once', async () => {
    const m = mail('killed-before-ses');
    await new DynamoMailOutbox(documents, stack.tableName).enqueue([m], new Date().toISOString());
    const dying: Mailer = { send: () => Promise.reject(new Error('killed before the SES call')) };
    expect(await drainWith(dying)).toMatchObject({ sent: 0, unknownOutcomes: 1 });
    expect(await item(m.mailId)).toMatchObject({ state: 'sending' });
    // Within the lease and grace, nobody takes it over: the stream-woken sender leaves it alone.
    await stack.settle();
    expect(await item(m.mailId)).toMatchObject({ state: 'sending' });
    expect(copiesOf(await storedMails(senderAddress), m.mailId)).toHaveLength(0);

    await sleep(settings.leaseMs + settings.confirmationGraceMs + 200);
    const sweep = await stack.runSchedule('mail-outbox-sweep', new Date());
    expect(sweep.result).toMatchObject({ sent: 1 });
    expect(await item(m.mailId)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(copiesOf(await storedMails(senderAddress), m.mailId)).toHaveLength(1);
  });

  it('before its claim: the stream wakes the sender and the mail goes once; queueing it again changes nothing', async () => {
    const m = mail('never-claimed');
    const outbox = new DynamoMailOutbox(documents, stack.tableName);
    expect(await outbox.enqueue([m], new Date().toISOString())).toEqual({ enqueued: 1, alreadyQueued: 0 });
    await stack.settle();
    expect(await item(m.mailId)).toMatchObject({ state: 'sent' });
    expect(await outbox.enqueue([m, m], new Date().toISOString())).toEqual({ enqueued: 0, alreadyQueued: 2 });
    await stack.settle();
    expect(copiesOf(await storedMails(senderAddress), m.mailId)).toHaveLength(1);
  });
});

describe('the outbox adapter on DynamoDB Local', () => {
  let documents: DynamoDBDocumentClient;
  let tableName: string;
  beforeAll(async () => {
    ({ client: documents, tableName } = await freshTable());
  });
  afterAll(() => documents?.destroy());

  it('puts the mail in the producer\'s own transaction, and tells a retry that only found it queued', async () => {
    const m = mail('in-a-transaction');
    const at = new Date().toISOString();
    const transaction = () =>
      documents.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: { pk: 'INVITATION#1', sk: 'WAVE#2027-Q1', state: 'invited' } } },
            outboxPut(tableName, m, at),
          ],
        }),
      );
    await transaction();
    const retry = await transaction().then(() => undefined, (error: unknown) => error);
    expect(isOnlyAlreadyQueued(retry)).toBe(true);
    expect(isOnlyAlreadyQueued(retry, [0])).toBe(false);
    expect(isOnlyAlreadyQueued(new Error('other'))).toBe(false);
    const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: outboxKey(m.mailId) }));
    expect(Item).toMatchObject({ state: 'pending', kind: 'gift-digest', mailDueAt: at });
  });

  it('lets one claim win, reads due mail through the sharded index, and ignores mail not yet due', async () => {
    const store = new DynamoOutboxStore(documents, tableName);
    const now = Date.now();
    const mails = Array.from({ length: 20 }, (_, i) => mail(`due-${i}`));
    await new DynamoMailOutbox(documents, tableName).enqueue(mails, new Date(now).toISOString());
    const due = await store.dueMail(new Date(now).toISOString(), 100);
    expect(due).toEqual(expect.arrayContaining(mails.map((m) => m.mailId)));
    expect(await store.dueMail(new Date(now - 60_000).toISOString(), 100)).toEqual([]);

    const claim = { at: new Date(now).toISOString(), leaseId: 'a', leaseUntil: new Date(now + 1000).toISOString(), recoverAt: new Date(now + 5000).toISOString() };
    const first = await store.claim(mails[0]!.mailId, claim);
    expect(first).toMatchObject({ mailId: mails[0]!.mailId, attempts: 1, leaseId: 'a', to: 'manager@example.com' });
    expect(await store.claim(mails[0]!.mailId, { ...claim, leaseId: 'b' })).toBeUndefined();
    expect(await store.markSent({ ...first!, leaseId: 'b' }, 'x', claim.at)).toBe('lease-lost');
    expect(await store.markSent(first!, 'ses-1', claim.at)).toBe('sent');
    expect(await store.recordConfirmation(mails[0]!.mailId, 'ses-1', claim.at)).toBe('already-sent');
    expect(await store.recordConfirmation(mailIdOf('never queued'), 'ses-2', claim.at)).toBe('unknown');
    expect(await store.dueMail(new Date(now + 10_000).toISOString(), 100)).not.toContain(mails[0]!.mailId);
  });

  it('backs off and retries when SES throttles, sending every mail exactly once', async () => {
    // A table of its own: only these mails are due.
    const { client: own, tableName: ownTable } = await freshTable();
    const store = new DynamoOutboxStore(own, ownTable);
    const from = `throttled-${randomUUID().slice(0, 8)}@example.com`;
    const mails = Array.from({ length: 12 }, (_, i) => mail(`throttled-${i}`));
    await new DynamoMailOutbox(own, ownTable).enqueue(mails, new Date().toISOString());
    // The sender is configured far above what this SES stand-in allows (8 sends at once against 2 a
    // second), so SES must push back however slow the machine is.
    const { client, stats } = throttlingSesClient({ endpoint: sesEndpoint(), region: localRegion, credentials: localCredentials }, 2);
    const result = await drainOutbox({
      store,
      mailer: new SesMailer(client, from),
      settings: { ratePerSecond: 25, leaseMs: 60_000, confirmationGraceMs: 60_000, maxAttempts: 5, concurrency: 8, maxThrottleRetries: 20 },
      now: () => Date.now(),
      sleep,
      random: Math.random,
      newLeaseId: randomLeaseId,
      shouldStop: () => false,
    });
    client.destroy();
    own.destroy();
    expect(stats.throttled).toBeGreaterThan(0);
    expect(result.throttleRetries).toBe(stats.throttled);
    const stored = await storedMails(from);
    for (const m of mails) expect(copiesOf(stored, m.mailId), m.mailId).toHaveLength(1);
    expect(result.sent).toBe(12);
  });
});
