/**
 * The yearly status review at scale, in one run against DynamoDB Local in memory with the real
 * adapters and use cases:
 *
 * 1. loads N account profiles (the importer's item shape, facts for 24 months) by BatchWriteItem;
 * 2. the optimized review over all N: startReview, then every scan segment concurrently through
 *    reviewSegment;
 * 3. a naive baseline on a table of its own holding a sample of the same accounts: list them by a
 *    Scan of the table, GetItem each profile, GetItem each month of its charge window, decide with
 *    the same rules, PutItem every profile back;
 * 4. the steady state a year later: a sample of the accounts, copied as the review left them and
 *    given the next twelve months of facts, reviewed again by the optimized path.
 *
 * The samples keep the run within ten minutes at 100,000 accounts on two cores: DynamoDB Local
 * does its work on about one core, and the per-account figures do not depend on N.
 *
 * Every review's DynamoDB traffic goes through a CapacityMeter: capacity as DynamoDB Local reports
 * it, and as AWS on-demand would bill it. docs/benchmarks.md explains the figures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pMap from 'p-map';
import { GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { table } from '../infra/topology.ts';
import { batchGet } from '../shared/adapters/dynamodb/batch-get.ts';
import { batchWrite, type WriteRequest } from '../shared/adapters/dynamodb/batch-write.ts';
import { CapacityMeter, type OperationTotals } from './tools/capacity-meter.ts';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client.ts';
import { dynamoItemSizeBytes } from './tools/item-size.ts';
import { accountIndexAttributes, keys } from '../shared/adapters/dynamodb/keys.ts';
import { DynamoReviewStore } from '../shared/adapters/dynamodb/review-store.ts';
import { loadProgrammeConfig } from '../shared/config/load-programme-config.ts';
import { generateDemoData, type AccountRow, type DemoDataSet } from '../shared/demo/generate-demo-data.ts';
import { keepNewestMonths, keptMonthCount, monthFactsFrom, type ChargeLine, type PaymentLine } from '../shared/domain/account-facts.ts';
import type { MonthFacts } from '../shared/domain/account.ts';
import { addMonths, monthOf, monthsEndingWith, type IsoMonth } from '../shared/domain/calendar-date.ts';
import { localDateOf } from '../shared/domain/local-date.ts';
import { reviewKeyFor } from '../shared/domain/review-key.ts';
import { decideStatus } from '../shared/domain/status-rules.ts';
import type { DomainEvent, EventPublisher } from '../shared/ports/event-publisher.ts';
import { accountItemSchema } from '../shared/schemas/account-item.ts';
import { eventTypes } from '../shared/schemas/event-names.ts';
import type { ProgrammeConfig } from '../shared/schemas/programme-config.ts';
import { startReview } from '../shared/use-cases/status-review/start-review.ts';
import { reviewSegment, type ReviewSegmentCommand } from '../shared/use-cases/status-review/review-segment.ts';
import type { Benchmark, BenchmarkOptions } from './run.ts';
import { fmt, loadAverage, machineLine, secs, withBenchStack } from './bench-stack.ts';
import { billOfTotals, pricesLine, usd } from './prices.ts';

const segments = 8;
const pageSize = 200;
/** Writers in flight while loading; DynamoDB Local in memory peaks about there on two cores. */
const loadConcurrency = 8;
/** The naive baseline gets as many workers as the optimized run has segments, so neither wins by parallelism. */
const naiveWorkers = segments;
/** The naive baseline reviews at most this many accounts: its per-account figures do not depend on N, its run time does. */
const naiveSampleLimit = 5_000;
/** The steady-state review runs on at most this many accounts, for the same reason. */
const steadySampleLimit = 10_000;
const mainTable = 'vip-bench';
const naiveTable = 'vip-bench-naive';
const steadyTable = 'vip-bench-year2';

/**
 * Two yearly reviews, each at 03:00 on 1 January in Asia/Irkutsk as the schedule fires. The demo
 * data is generated with `today` the first review's date, so its 24 months end the month before.
 */
const firstYear = { today: '2027-01-01', scheduledTime: new Date('2026-12-31T19:00:00Z') };
const secondYear = { scheduledTime: new Date('2027-12-31T19:00:00Z') };

export const statusReviewBenchmark: Benchmark = {
  description: 'yearly status review: optimized (segmented Scan of the accounts index) against a naive per-item baseline',
  defaultAccounts: 10_000,
  run: runStatusReviewBenchmark,
};

export interface RunFigures {
  readonly label: string;
  readonly accounts: number;
  readonly seconds: number;
  readonly total: OperationTotals;
  readonly byOperation: Readonly<Record<string, OperationTotals>>;
  readonly outcomes: Readonly<Record<string, number>>;
  /** What a plain scan of the same accounts' profiles would bill (see PlainScan); the review's reads are held to it. */
  readonly plainScanReadUnits?: number;
  /** Cores busy on average during the run: this process, and DynamoDB Local where /proc can tell. */
  readonly cpu: CpuShare;
}

export interface CpuShare {
  readonly node: number;
  readonly dynamoLocal?: number;
}

export interface StatusReviewBenchmarkResult {
  readonly accounts: number;
  readonly load: { readonly items: number; readonly seconds: number };
  readonly optimized: RunFigures;
  readonly naive: RunFigures;
  readonly steady: RunFigures;
}

export async function runStatusReviewBenchmark(options: BenchmarkOptions): Promise<StatusReviewBenchmarkResult> {
  const config = withSegments(loadProgrammeConfig(join(import.meta.dirname, '../config/programme-a.json')), segments);
  const naiveSample = Math.min(options.accounts, naiveSampleLimit);
  const steadySample = Math.min(options.accounts, steadySampleLimit);
  const log = (line: string) => console.log(line);
  log(
    `status-review benchmark: ${fmt(options.accounts)} accounts, seed ${options.seed}, ${segments} segments x page ${pageSize};` +
      ` naive baseline on ${fmt(naiveSample)}, year 2 on ${fmt(steadySample)} of them`,
  );
  log(machineLine());

  const startedAt = performance.now();
  return withBenchStack([mainTable, naiveTable, steadyTable], async ({ endpoint }) => {
    const loader = createDocumentClient(endpoint);
    try {
      const keptMonths = keptMonthCount(config.statusReview.rules);
      const load = await loadProfiles(loader, demoData(options, firstYear.today), naiveSample, steadySample, keptMonths);
      log(
        `load: ${fmt(load.items)} profiles (${fmt(options.accounts)} + ${fmt(naiveSample)} for the naive table) in ${secs(load.seconds)} = ${fmt(load.items / load.seconds)} items/s;` +
          ` ${cpuText(load.cpu)}; profile item ${fmt(load.sizes.min)}..${fmt(load.sizes.max)} B, average ${fmt(load.sizes.total / load.sizes.count)} B`,
      );

      const optimized = { ...(await optimizedReview(endpoint, mainTable, config, firstYear.scheduledTime, options.accounts, 'optimized, year 1')), plainScanReadUnits: load.plainScanReadUnits };
      log(describeRun(optimized));
      const naive = await naiveReview(endpoint, config, firstYear.scheduledTime, naiveSample);
      log(describeRun(naive));
      const disagreements = await compareStatuses(loader, naiveSample);
      log(`check: naive and optimized statuses ${disagreements === 0 ? `agree on all ${fmt(naiveSample)} sampled accounts` : `DIFFER on ${fmt(disagreements)} accounts`}`);
      if (disagreements) throw new Error('the naive baseline decided differently from the review: the comparison is void');

      const lastMonth = addMonths(monthOf(firstYear.today), -1);
      const year = await prepareSecondYear(loader, load.steadyIds, options.seed, lastMonth, keptMonths);
      log(`year 2: ${fmt(year.accounts)} profiles copied as year 1 left them and given the twelve months after ${lastMonth} in ${secs(year.seconds)} (not part of any review)`);
      const steady = { ...(await optimizedReview(endpoint, steadyTable, config, secondYear.scheduledTime, steadySample, 'optimized, year 2')), plainScanReadUnits: year.plainScanReadUnits };
      log(describeRun(steady));

      const result = { accounts: options.accounts, load, optimized, naive, steady };
      log('');
      for (const line of reportTable(result)) log(line);
      log('');
      for (const run of [optimized, naive, steady]) for (const line of operationTable(run)) log(line);
      log(`total ${secs((performance.now() - startedAt) / 1000)} including emulator start and loading; ${loadAverage()}`);
      return result;
    } finally {
      loader.destroy();
    }
  });
}

function withSegments(config: ProgrammeConfig, count: number): ProgrammeConfig {
  return { ...config, statusReview: { ...config.statusReview, segments: count } };
}

function demoData(options: BenchmarkOptions, today: string): DemoDataSet {
  return generateDemoData({ accounts: options.accounts, seed: options.seed, today });
}

// ---------------------------------------------------------------------------------------------
// Data: the demo generator's per-account rows, rolled up into profile items one account at a time.

interface AccountLines {
  readonly account: AccountRow;
  readonly registeredNumbers: number;
  readonly charges: readonly ChargeLine[];
  readonly payments: readonly PaymentLine[];
}

/**
 * One account's rows at a time, from the generator's charge and payment streams (which come
 * grouped by account, in account order): at 100,000 accounts there are 8.7 million charge rows.
 */
function* accountLines(set: DemoDataSet): Generator<AccountLines> {
  const numbers = new Map<string, number>();
  for (const n of set.numbers) numbers.set(n.accountId, (numbers.get(n.accountId) ?? 0) + 1);
  const charges = new Cursor(set.charges[Symbol.iterator]());
  const payments = new Cursor(set.payments[Symbol.iterator]());
  for (const account of set.accounts) {
    const accountCharges: ChargeLine[] = [];
    for (let row = charges.value; row?.accountId === account.accountId; row = charges.advance())
      accountCharges.push({ month: row.month, amountKopecks: row.amountKopecks, ...(row.number !== null && { number: row.number }) });
    const accountPayments: PaymentLine[] = [];
    for (let row = payments.value; row?.accountId === account.accountId; row = payments.advance())
      accountPayments.push({ month: row.month, dueKopecks: row.dueKopecks, paidKopecks: row.paidKopecks, ...(row.paidOn !== null && { paidOn: row.paidOn }) });
    yield { account, registeredNumbers: numbers.get(account.accountId) ?? 0, charges: accountCharges, payments: accountPayments };
  }
}

class Cursor<T> {
  private current: IteratorResult<T>;
  constructor(private readonly iterator: Iterator<T>) {
    this.current = iterator.next();
  }
  get value(): T | undefined {
    return this.current.done ? undefined : this.current.value;
  }
  advance(): T | undefined {
    this.current = this.iterator.next();
    return this.value;
  }
}

/** The account profile as the importer leaves it: identity, index attributes, registered numbers and monthly facts. */
function profileItem({ account, registeredNumbers, charges, payments }: AccountLines, keptMonths?: number): Record<string, unknown> {
  const months = monthFactsFrom(charges, payments);
  return {
    ...keys.account(account.accountId),
    ...accountIndexAttributes(account.accountId, account.managerId),
    accountId: account.accountId,
    customerType: account.customerType,
    name: account.name,
    city: account.city,
    managerId: account.managerId,
    openedOn: account.openedOn,
    tariff: account.tariff,
    registeredNumbers,
    // The importer keeps only the months the rules read; the naive baseline's table keeps all.
    months: keptMonths === undefined ? months : keepNewestMonths(months, keptMonths).kept,
  };
}

/**
 * The plain scan of the accounts: every profile read once, as a Scan of the accounts index would
 * read it with nothing else in the index, `pageSize` to a page, each page billed on its entries'
 * sizes rounded up to 4 KB at the eventually consistent rate. The reference the review's reads
 * are held to.
 */
class PlainScan {
  private units = 0;
  private pageBytes = 0;
  private pageItems = 0;

  add(profile: Record<string, unknown>): void {
    this.pageBytes += dynamoItemSizeBytes(accountsIndexEntry(profile));
    if (++this.pageItems === pageSize) this.closePage();
  }

  readRequestUnits(): number {
    if (this.pageItems) this.closePage();
    return this.units;
  }

  private closePage(): void {
    this.units += Math.max(1, Math.ceil(this.pageBytes / 4096)) * 0.5;
    this.pageBytes = 0;
    this.pageItems = 0;
  }
}

const accountsIndex = table.indexes.find((index) => index.name === 'accounts')!;

/** What the accounts index holds of an item: its keys, the table's keys and the projected attributes. */
function accountsIndexEntry(item: Record<string, unknown>): Record<string, unknown> {
  const kept = new Set<string>([table.partitionKey, table.sortKey, accountsIndex.partitionKey, accountsIndex.sortKey, ...('include' in accountsIndex ? accountsIndex.include : Object.keys(item))]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => kept.has(name)));
}

// ---------------------------------------------------------------------------------------------
// Loading, and the second year's facts.

async function loadProfiles(client: DynamoDBDocumentClient, set: DemoDataSet, naiveSample: number, steadySample: number, keptMonths: number) {
  const sizes = { min: Number.POSITIVE_INFINITY, max: 0, total: 0, count: 0 };
  const plainScan = new PlainScan();
  const steadyIds: string[] = [];
  let items = 0;
  function* batches(): Generator<{ tableName: string; requests: WriteRequest[] }> {
    let main: WriteRequest[] = [];
    let naive: WriteRequest[] = [];
    let index = 0;
    for (const lines of accountLines(set)) {
      const item = profileItem(lines, keptMonths);
      plainScan.add(item);
      const size = dynamoItemSizeBytes(item);
      sizes.min = Math.min(sizes.min, size);
      sizes.max = Math.max(sizes.max, size);
      sizes.total += size;
      sizes.count++;
      main.push({ PutRequest: { Item: item } });
      // The first accounts are as good a sample as any: the generator draws every account alike.
      if (index < naiveSample) naive.push({ PutRequest: { Item: profileItem(lines) } });
      if (index < steadySample) steadyIds.push(lines.account.accountId);
      index++;
      if (main.length === 25) yield { tableName: mainTable, requests: main.splice(0) };
      if (naive.length === 25) yield { tableName: naiveTable, requests: naive.splice(0) };
    }
    if (main.length) yield { tableName: mainTable, requests: main };
    if (naive.length) yield { tableName: naiveTable, requests: naive };
  }
  const cpu = cpuClock();
  const started = performance.now();
  // p-map pulls from the generator only as writers free up, so no more than a few batches exist at once.
  await pMap(
    batches(),
    async ({ tableName, requests }) => {
      await batchWrite(client, tableName, requests, 1);
      items += requests.length;
    },
    { concurrency: loadConcurrency },
  );
  const seconds = (performance.now() - started) / 1000;
  return { items, seconds, sizes, cpu: cpu(seconds), steadyIds, plainScanReadUnits: plainScan.readRequestUnits() };
}

/**
 * A year on, for the steady-state sample: each profile as the year-1 review left it, given the
 * next twelve months of facts as a year of monthly imports would, into a table of its own. The new
 * months are the last twelve shifted by a year, charges and bills moved by a drift of up to +/-10%
 * fixed per account (from the seed and the account id): customers who carry on as before, of whom
 * those near a threshold cross it. Late and short payments repeat as they were. Read and written a
 * hundred at a time (BatchGetItem, BatchWriteItem): this only sets the stage.
 */
async function prepareSecondYear(client: DynamoDBDocumentClient, accountIds: readonly string[], seed: number, lastMonthBefore: IsoMonth, keptMonths: number) {
  const plainScan = new PlainScan();
  const window = monthsEndingWith(lastMonthBefore, 12);
  const chunks: string[][] = [];
  for (let start = 0; start < accountIds.length; start += 100) chunks.push(accountIds.slice(start, start + 100));
  let accounts = 0;
  const started = performance.now();
  await pMap(
    chunks,
    async (ids) => {
      // Each profile with its status item, if the review wrote one.
      const found = await batchGet(client, mainTable, ids.flatMap((id) => [keys.account(id), keys.accountStatus(id)]));
      const profiles = found.filter((item) => item.sk === keys.account('').sk);
      if (profiles.length !== ids.length) throw new Error(`year 2: ${ids.length - profiles.length} profiles missing`);
      const statusItems: WriteRequest[] = found.filter((item) => item.sk === keys.accountStatus('').sk).map((item) => ({ PutRequest: { Item: item } }));
      const puts: WriteRequest[] = profiles.map((profile) => {
        const months = { ...(profile.months as Record<IsoMonth, MonthFacts>) };
        const drift = driftOf(seed, String(profile.accountId));
        for (const month of window) {
          const facts = months[month];
          if (facts) months[addMonths(month, 12)] = nextYearFacts(facts, drift);
        }
        const item = { ...profile, months: keepNewestMonths(months, keptMonths).kept };
        plainScan.add(item);
        return { PutRequest: { Item: item } };
      });
      await batchWrite(client, steadyTable, [...puts, ...statusItems], 1);
      accounts += puts.length;
    },
    { concurrency: loadConcurrency },
  );
  return { accounts, seconds: (performance.now() - started) / 1000, plainScanReadUnits: plainScan.readRequestUnits() };
}

/** A fraction in [-0.1, 0.1), the same for an account on every run with the same seed. */
function driftOf(seed: number, accountId: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < accountId.length; i++) hash = Math.imul(hash ^ accountId.charCodeAt(i), 0x01000193);
  return ((hash >>> 0) / 2 ** 32) * 0.2 - 0.1;
}

function nextYearFacts(facts: MonthFacts, drift: number): MonthFacts {
  const scaled = (kopecks: number) => Math.round(kopecks * (1 + drift));
  const due = facts.dueKopecks === undefined ? undefined : scaled(facts.dueKopecks);
  return {
    chargesKopecks: scaled(facts.chargesKopecks),
    billedNumbers: facts.billedNumbers,
    ...(due !== undefined && { dueKopecks: due }),
    ...(facts.paidKopecks !== undefined && { paidKopecks: facts.paidKopecks === facts.dueKopecks ? due : scaled(facts.paidKopecks) }),
    ...(facts.paidOn !== undefined && { paidOn: nextYearDate(facts.paidOn) }),
  };
}

function nextYearDate(date: string): string {
  const next = `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;
  return next.endsWith('-02-29') ? `${next.slice(0, 8)}28` : next;
}

// ---------------------------------------------------------------------------------------------
// The optimized review: the real use cases and store, every segment at once.

/** Keeps the segment requests to deliver them as the bus would; the other events have no consumer here and are dropped. */
class BenchPublisher implements EventPublisher {
  private pending: DomainEvent[] = [];

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) if (event.detailType === eventTypes.segmentRequested) this.pending.push(event);
  }

  takeSegmentRequests(): ReviewSegmentCommand[] {
    const taken = this.pending.map((event) => segmentCommand(event.detail));
    this.pending = [];
    return taken;
  }
}

function segmentCommand(detail: Readonly<Record<string, unknown>>): ReviewSegmentCommand {
  const { reviewKey, segment, totalSegments } = detail;
  if (typeof reviewKey !== 'string' || typeof segment !== 'number' || typeof totalSegments !== 'number')
    throw new Error(`not a segment request: ${JSON.stringify(detail)}`);
  return { reviewKey, segment, totalSegments };
}

async function optimizedReview(
  endpoint: Parameters<typeof createDocumentClient>[0],
  tableName: string,
  config: ProgrammeConfig,
  scheduledTime: Date,
  accounts: number,
  label: string,
): Promise<RunFigures> {
  const client = createDocumentClient(endpoint);
  const meter = new CapacityMeter({ anyTable: table });
  meter.attach(client);
  try {
    const store = new DynamoReviewStore(client, tableName);
    const events = new BenchPublisher();
    const cpu = cpuClock();
    const started = performance.now();
    const { reviewKey } = await startReview({ mode: 'yearly', scheduledTime }, { store, events, config });
    // Hand-overs cannot happen with this much time left, but if one did it is delivered like the first request.
    for (let requests = events.takeSegmentRequests(); requests.length; requests = events.takeSegmentRequests()) {
      await Promise.all(
        requests.map((command) =>
          reviewSegment(command, { store, events, config, now: () => new Date(), remainingMs: () => Number.MAX_SAFE_INTEGER, pageSize }),
        ),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuShare = cpu(seconds);
    const total = meter.total();
    const byOperation = meter.totals();
    const run = await store.getRun(reviewKey);
    if (run?.state !== 'completed' || run.summary?.accounts !== accounts)
      throw new Error(`review ${reviewKey} did not complete over ${accounts} accounts: ${JSON.stringify(run)}`);
    return { label, accounts, seconds, total, byOperation, outcomes: run.summary.outcomes, cpu: cpuShare };
  } finally {
    client.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// The naive baseline.

/**
 * Lists the accounts by scanning the whole table (no index), then per account, one call at a
 * time: GetItem the profile (strongly consistent), GetItem the charge item of every month in the
 * charge window (eventually consistent, the default), decide, PutItem the profile back whatever
 * the decision. It has as many workers, one per Scan segment, as the review has segments.
 *
 * Our model keeps the facts on the profile, so the monthly charge items do not exist: each
 * GetItem finds nothing. AWS bills a GetItem that finds nothing the same as one that finds an item
 * under 4 KB (one read unit, half if eventually consistent), and a monthly charge item is about
 * 100 bytes, so the absent reads cost exactly what real ones would. The decision uses the facts on
 * the profile, which are what those items would add up to.
 */
async function naiveReview(endpoint: Parameters<typeof createDocumentClient>[0], config: ProgrammeConfig, scheduledTime: Date, accounts: number): Promise<RunFigures> {
  const client = createDocumentClient(endpoint);
  const meter = new CapacityMeter({ anyTable: table });
  meter.attach(client);
  const rules = config.statusReview.rules;
  const reviewDate = localDateOf(scheduledTime, config.timeZone);
  const reviewKey = reviewKeyFor('yearly', reviewDate);
  const chargeWindow = monthsEndingWith(addMonths(monthOf(reviewDate), -1), rules.windowMonths);
  const outcomes: Record<string, number> = {};
  let reviewed = 0;
  try {
    const cpu = cpuClock();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: naiveWorkers }, async (_, segment) => {
        let startKey: Record<string, unknown> | undefined;
        do {
          const page = await client.send(new ScanCommand({ TableName: naiveTable, Segment: segment, TotalSegments: naiveWorkers, ExclusiveStartKey: startKey }));
          for (const listed of page.Items ?? []) {
            if (listed.sk !== 'PROFILE') continue;
            const accountId = String(listed.accountId);
            const { Item: profile } = await client.send(new GetCommand({ TableName: naiveTable, Key: keys.account(accountId), ConsistentRead: true }));
            for (const month of chargeWindow) await client.send(new GetCommand({ TableName: naiveTable, Key: keys.charge(accountId, month, undefined) }));
            const parsed = accountItemSchema.safeParse(profile);
            if (!profile || !parsed.success) throw new Error(`naive baseline: unreadable profile ${accountId}`);
            const { status, override, lastDecision: _lastDecision, ...facts } = parsed.data;
            const decision = decideStatus({ facts, current: status, ...(override && { override }), rules, reviewDate, reviewKey, mode: 'yearly' });
            await client.send(new PutCommand({ TableName: naiveTable, Item: { ...profile, status: decision.next } }));
            outcomes[decision.outcome] = (outcomes[decision.outcome] ?? 0) + 1;
            reviewed++;
          }
          startKey = page.LastEvaluatedKey;
        } while (startKey);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuShare = cpu(seconds);
    if (reviewed !== accounts) throw new Error(`naive baseline reviewed ${reviewed} accounts, expected ${accounts}`);
    return { label: 'naive baseline', accounts, seconds, total: meter.total(), byOperation: meter.totals(), outcomes, cpu: cpuShare };
  } finally {
    client.destroy();
  }
}

/** How many sampled accounts the naive baseline left with another status than the review did. */
async function compareStatuses(client: DynamoDBDocumentClient, sample: number): Promise<number> {
  const naive = new Map<string, string>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: naiveTable, ProjectionExpression: 'accountId, #status', ExpressionAttributeNames: { '#status': 'status' }, ExclusiveStartKey: startKey }),
    );
    for (const item of page.Items ?? []) naive.set(String(item.accountId), canonicalStatus(item.status));
    startKey = page.LastEvaluatedKey;
  } while (startKey);

  const ids = [...naive.keys()];
  let differing = Math.max(0, sample - ids.length);
  // The review's statuses are on the status items; an account it never admitted has none.
  const reviewed = await batchGet(client, mainTable, ids.map((id) => keys.accountStatus(id)), { ProjectionExpression: 'pk, #status', ExpressionAttributeNames: { '#status': 'status' } });
  const statusOf = new Map(reviewed.map((item) => [String(item.pk).slice('ACCOUNT#'.length), item.status]));
  for (const id of ids) if (naive.get(id) !== canonicalStatus(statusOf.get(id))) differing++;
  return differing;
}

/** The review leaves an account it did not admit untouched, the baseline writes `{ vip: false }`: the same status. */
function canonicalStatus(status: unknown): string {
  const value = (status ?? { vip: false }) as Record<string, unknown>;
  return JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))));
}

// ---------------------------------------------------------------------------------------------
// CPU: DynamoDB Local serialises its work, so whether it is the bottleneck is worth printing.

/** Starts a CPU clock; calling the result with the wall seconds since gives the cores busy on average. */
function cpuClock(): (seconds: number) => CpuShare {
  const node = process.cpuUsage();
  const dynamo = dynamoLocalCpuSeconds();
  return (seconds) => {
    const used = process.cpuUsage(node);
    const dynamoNow = dynamoLocalCpuSeconds();
    return {
      node: (used.user + used.system) / 1e6 / seconds,
      ...(dynamo !== undefined && dynamoNow !== undefined && { dynamoLocal: (dynamoNow - dynamo) / seconds }),
    };
  };
}

let dynamoLocalPid: number | undefined;

/** CPU seconds of this process's java child (DynamoDB Local), from /proc; undefined where there is no /proc. */
function dynamoLocalCpuSeconds(): number | undefined {
  try {
    dynamoLocalPid ??= readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number)
      .find((pid) => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          return stat.includes('(java)') && Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid;
        } catch {
          return false;
        }
      });
    if (dynamoLocalPid === undefined) return undefined;
    const stat = readFileSync(`/proc/${dynamoLocalPid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks of 1/100 s (USER_HZ on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Reporting.

interface PerAccount {
  readonly reportedRead: number;
  readonly reportedWrite: number;
  readonly billedRead: number;
  readonly billedWrite: number;
  readonly calls: number;
  readonly seconds: number;
}

function perAccount(run: RunFigures): PerAccount {
  const n = run.accounts;
  return {
    reportedRead: run.total.reportedReadUnits / n,
    reportedWrite: run.total.reportedWriteUnits / n,
    billedRead: run.total.billedReadRequestUnits / n,
    billedWrite: run.total.billedWriteRequestUnits / n,
    calls: run.total.calls / n,
    seconds: run.seconds / n,
  };
}

function describeRun(run: RunFigures): string {
  const outcomes = Object.entries(run.outcomes)
    .sort(([, a], [, b]) => b - a)
    .map(([outcome, count]) => `${outcome} ${fmt(count)}`)
    .join(', ');
  return `${run.label}: ${fmt(run.accounts)} accounts in ${secs(run.seconds)} = ${fmt(run.accounts / run.seconds)} accounts/s; ${cpuText(run.cpu)}; outcomes: ${outcomes}`;
}

function cpuText(cpu: CpuShare): string {
  return `cpu: node ${pct(cpu.node)}${cpu.dynamoLocal === undefined ? '' : `, DynamoDB Local ${pct(cpu.dynamoLocal)}`} of a core`;
}

function reportTable(result: StatusReviewBenchmarkResult): string[] {
  const header = ['', 'accounts', 'wall s', 'accounts/s', 'Local RCU/acct', 'Local WCU/acct', 'AWS RRU/acct', 'AWS WRU/acct', 'calls/acct', 'USD this run', 'USD/1,000 acct'];
  const row = (run: RunFigures, label: string) => {
    const p = perAccount(run);
    const bill = billOfTotals(run.total).usd;
    return [label, fmt(run.accounts), run.seconds.toFixed(1), fmt(run.accounts / run.seconds), dec(p.reportedRead), dec(p.reportedWrite), dec(p.billedRead), dec(p.billedWrite), dec(p.calls), usd(bill), usd((bill / run.accounts) * 1000)];
  };
  const o = perAccount(result.optimized);
  const n = perAccount(result.naive);
  const y2 = perAccount(result.steady);
  const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}x`);
  const money = (run: RunFigures) => billOfTotals(run.total).usd / run.accounts;
  const sampled = (run: RunFigures) => run.accounts < result.accounts;
  const rows = [
    row(result.optimized, 'optimized, year 1'),
    row(result.naive, `naive baseline${sampled(result.naive) ? ' (sample)' : ''}`),
    row(result.steady, `optimized, year 2 (steady${sampled(result.steady) ? ', sample' : ''})`),
    ['naive / optimized year 1 (per account)', '', ratio(n.seconds, o.seconds), '', ratio(n.reportedRead, o.reportedRead), ratio(n.reportedWrite, o.reportedWrite), ratio(n.billedRead, o.billedRead), ratio(n.billedWrite, o.billedWrite), ratio(n.calls, o.calls), '', ratio(money(result.naive), money(result.optimized))],
    ['naive / optimized year 2 (per account)', '', ratio(n.seconds, y2.seconds), '', ratio(n.reportedRead, y2.reportedRead), ratio(n.reportedWrite, y2.reportedWrite), ratio(n.billedRead, y2.billedRead), ratio(n.billedWrite, y2.billedWrite), ratio(n.calls, y2.calls), '', ratio(money(result.naive), money(result.steady))],
  ];
  const lines = table2d([header, ...rows]);
  lines.splice(1, 0, lines[0]!.replace(/[^|]/g, '-'));
  for (const run of [result.optimized, result.steady])
    if (run.plainScanReadUnits)
      lines.push(
        `${run.label}: reads ${dec(run.total.billedReadRequestUnits / run.accounts)} RRU per account against ${dec(run.plainScanReadUnits / run.accounts)} for a plain scan of the same profiles = ${(run.total.billedReadRequestUnits / run.plainScanReadUnits).toFixed(2)}x`,
      );
  for (const run of [result.naive, result.steady])
    if (sampled(run))
      lines.push(
        `${run.label} ran on ${fmt(run.accounts)} of the ${fmt(result.accounts)} accounts: its figures per account are measured;` +
          ` over all ${fmt(result.accounts)} it would take about ${secs((run.seconds / run.accounts) * result.accounts)} and cost ${usd(money(run) * result.accounts)} (extrapolated, not run).`,
      );
  lines.push('Local = as DynamoDB Local reported it (ConsumedCapacity); AWS = what on-demand would bill, computed from item sizes; USD = the AWS units at on-demand prices.');
  lines.push(pricesLine());
  return lines;
}

function operationTable(run: RunFigures): string[] {
  const header = ['operation', 'calls', 'items read', 'items written', 'Local RCU', 'Local WCU', 'AWS RRU', 'AWS WRU', 'of it GSI'];
  const rows = Object.entries(run.byOperation).map(([name, t]) => [
    name,
    fmt(t.calls),
    fmt(t.itemsRead),
    fmt(t.itemsWritten),
    fmt(t.reportedReadUnits),
    fmt(t.reportedWriteUnits),
    fmt(t.billedReadRequestUnits),
    fmt(t.billedWriteRequestUnits),
    fmt(t.billedIndexWriteRequestUnits),
  ]);
  const t = run.total;
  rows.push(['total', fmt(t.calls), fmt(t.itemsRead), fmt(t.itemsWritten), fmt(t.reportedReadUnits), fmt(t.reportedWriteUnits), fmt(t.billedReadRequestUnits), fmt(t.billedWriteRequestUnits), fmt(t.billedIndexWriteRequestUnits)]);
  return [`${run.label}, ${fmt(run.accounts)} accounts, by operation:`, ...table2d([header, ...rows]).map((line) => `  ${line}`), ''];
}

/** Left-aligns the first column and right-aligns the others. */
function table2d(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | '));
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function dec(n: number): string {
  return n >= 100 ? fmt(n) : n.toFixed(n >= 10 ? 1 : 3);
}

