/**
 * `npm run bench -- survey-send --recipients 20000 [--rate R] [--ses-rate S]`: fills the outbox
 * with one invitation per recipient, then drains it through the real sender use case, the outbox
 * on DynamoDB Local and an SES client that throttles above a set rate (in front of the SES
 * emulator). Prints the achieved rate beside the configured one, mails lost and sent twice,
 * retries, and the AWS-billed DynamoDB units per mail.
 */
import pMap from 'p-map';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { table, type IndexSpec } from '../infra/topology.ts';
import { CapacityMeter, type OperationTotals } from './tools/capacity-meter.ts';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client.ts';
import { DynamoMailOutbox } from '../shared/adapters/dynamodb/outbox-items.ts';
import { DynamoOutboxStore } from '../shared/adapters/dynamodb/outbox-store.ts';
import { SesMailer } from '../shared/adapters/ses/ses-mailer.ts';
import { mailIdOf } from '../shared/adapters/crypto/digests.ts';
import { randomLeaseId } from '../shared/adapters/crypto/random-ids.ts';
import type { MailOutbox, OutboxMail } from '../shared/ports/outbox.ts';
import { drainOutbox, type DrainResult } from '../shared/use-cases/mail/drain-outbox.ts';
import { fmt, machineLine, secs, withBenchStack, type BenchStack } from './bench-stack.ts';
import { throttlingSesClient } from './throttling-ses-client.ts';
import type { Benchmark, BenchmarkOptions } from './run.ts';

/**
 * What puts the mails in the outbox. This bench enqueues invitations directly; the survey wave's
 * opening (which writes each invitation and its mail in one transaction) plugs in here instead.
 */
export type OutboxFiller = (context: {
  readonly outbox: MailOutbox;
  /** The metered client: what the filler writes through it is billed to the fill. */
  readonly documents: DynamoDBDocumentClient;
  readonly stack: BenchStack;
  readonly tableName: string;
  readonly recipients: number;
  readonly seed: number;
}) => Promise<readonly string[]>;

const tableName = 'vip-bench-survey-send';

/** One invitation per recipient, about the size of a real one (two languages, links, unsubscribe headers). */
export const enqueueInvitationsDirectly: OutboxFiller = async ({ outbox, recipients, seed }) => {
  const at = new Date().toISOString();
  const mails: OutboxMail[] = Array.from({ length: recipients }, (_, i) => {
    const contact = `c-${seed}-${i}`;
    const link = `https://survey.example/s/${mailIdOf(`link/${contact}`)}`;
    return {
      mailId: mailIdOf(`survey-invitation/2027-Q1/${contact}`),
      kind: 'survey-invitation',
      to: `contact-${i}@clients.example`,
      subject: 'Как мы работаем? / How are we doing?',
      html: `<p>${'Здравствуйте! Оцените, пожалуйста, нашу работу за квартал. '.repeat(12)}</p><p><a href="${link}">${link}</a></p><p><a href="${link}/unsubscribe">Отписаться</a></p>`,
      text: `${'Здравствуйте! Оцените, пожалуйста, нашу работу за квартал. '.repeat(6)}\n${link}\nОтписаться: ${link}/unsubscribe`,
      headers: { 'List-Unsubscribe': `<${link}/unsubscribe>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      about: { contactId: contact },
    };
  });
  await pMap(
    Array.from({ length: Math.ceil(mails.length / 25) }, (_, i) => mails.slice(i * 25, i * 25 + 25)),
    (chunk) => outbox.enqueue(chunk, at),
    { concurrency: 16 },
  );
  return mails.map((m) => m.mailId);
};

/** The table's schema for the meter: a keys-only index copies no attribute. */
function meteredSchema() {
  const indexes: readonly IndexSpec[] = table.indexes;
  return {
    partitionKey: table.partitionKey,
    sortKey: table.sortKey,
    indexes: indexes.map((i) => ({ name: i.name, partitionKey: i.partitionKey, ...(i.sortKey && { sortKey: i.sortKey }), ...(i.keysOnly ? { include: [] } : i.include ? { include: i.include } : {}) })),
  };
}

export async function runSurveySend(options: { recipients: number; rate: number; sesRate: number; seed: number; fill?: OutboxFiller; log?: (line: string) => void }) {
  const log = options.log ?? console.log;
  // A real wave by default: the opening selects the recipients and writes each invitation with its mail.
  const fill = options.fill ?? (await import('./survey-wave-filler.ts')).openRealWave;
  return withBenchStack([tableName], async (stack) => {
    log(machineLine());
    log(`recipients ${fmt(options.recipients)}; sender rate ${options.rate}/s; the SES stand-in throttles above ${options.sesRate}/s`);
    const schema = meteredSchema();
    const fillClient = createDocumentClient(stack.endpoint);
    const fillMeter = new CapacityMeter({ anyTable: schema });
    fillMeter.attach(fillClient);
    let started = performance.now();
    const mailIds = await fill({ outbox: new DynamoMailOutbox(fillClient, tableName), documents: fillClient, stack, tableName, recipients: options.recipients, seed: options.seed });
    const fillSeconds = (performance.now() - started) / 1000;
    log(`outbox filled${options.fill ? '' : ' by opening a survey wave'}: ${fmt(mailIds.length)} mails in ${secs(fillSeconds)}`);

    const drainClient = createDocumentClient(stack.endpoint);
    const drainMeter = new CapacityMeter({ anyTable: schema });
    drainMeter.attach(drainClient);
    const { client: ses, stats } = throttlingSesClient({ ...stack.endpoint, endpoint: stack.emulators.sesEndpoint }, options.sesRate);
    const sendTimes: number[] = [];
    let firstRunCount = 0;
    const mailer = new SesMailer(ses, 'vip-programme@example.com');
    const timedMailer = { send: async (m: Parameters<SesMailer['send']>[0]) => (sendTimes.push(performance.now()), mailer.send(m)) };
    const totals: { -readonly [K in keyof Omit<DrainResult, 'stoppedBy'>]: number } & { runs: number; confirmed: number } = { sent: 0, alreadySent: 0, parked: 0, throttleRetries: 0, released: 0, unknownOutcomes: 0, runs: 0, confirmed: 0 };
    const store = new DynamoOutboxStore(drainClient, tableName);
    const errors = new Map<string, number>();
    // SES publishes a Send event per accepted mail; the recorder function handles each (metered with the drain).
    const confirmedIds = new Set<string>();
    const confirmAccepted = () =>
      pMap(
        [...stats.accepted.keys()].filter((id) => !confirmedIds.has(id)),
        async (id) => {
          confirmedIds.add(id);
          if ((await store.recordConfirmation(id, 'ses-event', new Date().toISOString())) === 'confirmed') totals.confirmed++;
        },
        { concurrency: 8 },
      );
    started = performance.now();
    // Invocations as the stream and the sweep would make them, until the outbox is empty.
    for (let pending = true; pending; ) {
      const result = await drainOutbox({
        store,
        mailer: timedMailer,
        // A short lease and grace, so a send whose outcome was unknown is settled within the bench.
        settings: { ratePerSecond: options.rate, leaseMs: 5_000, confirmationGraceMs: 5_000, maxAttempts: 10, concurrency: 32, batchSize: 200 },
        now: () => Date.now(),
        sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
        random: Math.random,
        newLeaseId: randomLeaseId,
        shouldStop: () => false,
        log: (_level, _message, fields) => {
          const reason = String(fields['reason'] ?? '').slice(0, 80);
          if (reason) errors.set(reason, (errors.get(reason) ?? 0) + 1);
        },
      });
      await confirmAccepted();
      if (totals.runs === 0) firstRunCount = sendTimes.length;
      for (const key of ['sent', 'alreadySent', 'parked', 'throttleRetries', 'released', 'unknownOutcomes'] as const) totals[key] += result[key];
      totals.runs++;
      const done = totals.sent + totals.confirmed + totals.parked;
      pending = done < mailIds.length && totals.runs < 100;
      // What is left waits for its lease and grace (an unknown outcome) or its backoff (throttled).
      if (pending) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const drainSeconds = (performance.now() - started) / 1000;
    ses.destroy();
    // Copies as the SES emulator holds them (a send whose answer was lost still counts here).
    const sesStore = (await (await fetch(`${stack.emulators.sesEndpoint}/store`)).json()) as { emails: { headers?: { name: string; value: string }[] }[] };
    const held = new Map<string, number>();
    for (const email of sesStore.emails) {
      const id = email.headers?.find((h) => h.name === 'X-Vip-Mail-Id')?.value;
      if (id) held.set(id, (held.get(id) ?? 0) + 1);
    }

    const lost = mailIds.filter((id) => !stats.accepted.has(id) && !held.has(id)).length;
    const twice = mailIds.filter((id) => Math.max(stats.accepted.get(id) ?? 0, held.get(id) ?? 0) > 1).length;
    // The steady drain: sends of the first invocation, before any recovery waited for a lease.
    const firstRunSends = sendTimes.slice(0, firstRunCount);
    const steady = firstRunSends.length > 1 ? (firstRunSends.length - 1) / ((firstRunSends.at(-1)! - firstRunSends[0]!) / 1000) : 0;
    const sendSpan = sendTimes.length > 1 ? (sendTimes.at(-1)! - sendTimes[0]!) / 1000 : 0;
    const accepted = [...stats.accepted.values()].reduce((a, b) => a + b, 0);
    const achieved = sendSpan > 0 ? (accepted - 1) / sendSpan : 0;
    const fillUnits = fillMeter.total();
    const drainUnits = drainMeter.total();
    const per = (n: number) => (n / Math.max(mailIds.length, 1)).toFixed(2);
    const units = (t: OperationTotals) => t.billedReadRequestUnits + t.billedWriteRequestUnits;
    log('');
    log('| | value |');
    log('|---|---|');
    log(`| mails queued | ${fmt(mailIds.length)} |`);
    log(`| mails accepted by SES | ${fmt(accepted)} |`);
    log(`| configured rate | ${options.rate}/s |`);
    log(`| achieved rate (first to last accepted send) | ${achieved.toFixed(1)}/s (${((achieved / options.rate) * 100).toFixed(1)} %) |`);
    log(`| achieved rate of the first drain (before any lease recovery) | ${steady.toFixed(1)}/s (${((steady / options.rate) * 100).toFixed(1)} %) |`);
    log(`| mails lost | ${lost} |`);
    log(`| mails sent twice (SES stand-in and emulator store) | ${twice} |`);
    log(`| throttled by SES, retried after backoff | ${fmt(totals.throttleRetries)} (stand-in counted ${fmt(stats.throttled)}) |`);
    log(`| put back to pending / parked / unknown outcome | ${totals.released} / ${totals.parked} / ${totals.unknownOutcomes} |`);
    log(`| unknown outcomes settled by the Send event / resent after the grace | ${totals.confirmed} / ${Math.max(0, totals.unknownOutcomes - totals.confirmed)} |`);
    log(`| drain invocations | ${totals.runs} |`);
    if (errors.size) log(`| errors seen | ${[...errors].map(([reason, n]) => `${n} x ${reason}`).join('; ')} |`);
    log(`| fill${options.fill ? '' : ' (the wave opening: selection, invitation transactions)'}: AWS-billed units per mail (write / read) | ${per(fillUnits.billedWriteRequestUnits)} / ${per(fillUnits.billedReadRequestUnits)} |`);
    log(`| drain and Send events: AWS-billed units per mail (write / read) | ${per(drainUnits.billedWriteRequestUnits)} / ${per(drainUnits.billedReadRequestUnits)} (of the writes, index entries: ${per(drainUnits.billedIndexWriteRequestUnits)}) |`);
    log(`| total AWS-billed DynamoDB units per mail | ${per(units(fillUnits) + units(drainUnits))} |`);
    log(`| wall time: fill / drain | ${secs(fillSeconds)} / ${secs(drainSeconds)} |`);
    fillClient.destroy();
    drainClient.destroy();
    return { queued: mailIds.length, accepted, achieved, lost, twice, retries: totals.throttleRetries, fillUnits, drainUnits, drainSeconds };
  });
}

export const surveySendBenchmark: Benchmark = {
  description: 'drains N queued survey invitations through a throttling SES stand-in within the send rate',
  defaultAccounts: 20_000,
  run: (options: BenchmarkOptions) =>
    runSurveySend({
      recipients: options.recipients ?? options.accounts,
      rate: options.rate ?? 100,
      sesRate: options.sesRate ?? options.rate ?? 100,
      seed: options.seed,
    }),
};
