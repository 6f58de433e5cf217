/**
 * The daily gift-task run at scale, against DynamoDB Local in memory and the SES emulator, with
 * the real adapters and use case:
 *
 * 1. loads N accounts (about 40 % VIP across the three tiers, deterministic from the seed), their
 *    contacts and company dates from the demo generator (the importer's item shapes, with the
 *    month-day index attributes), the managers and the year's budget lines;
 * 2. one daily run (the watermark at the day before) with every DynamoDB call metered: items read
 *    per task issued, and the read units AWS would bill;
 * 3. a full-scan baseline in the same run: a Scan of the whole table that finds the same due
 *    occasions by filtering every item, metered the same way;
 * 4. reservation throughput on one budget line: concurrent writers issue tasks against a single
 *    line until it runs dry; reservations per second and proof that it was never overdrawn.
 */
import { join } from 'node:path';
import { GetCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import { table } from '../infra/topology.ts';
import { batchWrite, type WriteRequest } from '../shared/adapters/dynamodb/batch-write.ts';
import { DynamoBudgetStore } from '../shared/adapters/dynamodb/budget-store.ts';
import { CapacityMeter, type OperationTotals } from './tools/capacity-meter.ts';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client.ts';
import { DynamoGiftStore } from '../shared/adapters/dynamodb/gift-store.ts';
import { accountIndexAttributes, keys, occasionIndexAttributes, statusIndexAttributes } from '../shared/adapters/dynamodb/keys.ts';
import { DynamoMailOutbox } from '../shared/adapters/dynamodb/outbox-items.ts';
import { DynamoManagerDirectory } from '../shared/adapters/dynamodb/manager-directory.ts';
import { FixedLinkSecret } from '../shared/adapters/secrets/link-secret.ts';
import { loadProgrammeConfig } from '../shared/config/load-programme-config.ts';
import { generateDemoData } from '../shared/demo/generate-demo-data.ts';
import { createRng } from '../shared/demo/random.ts';
import { addDays } from '../shared/domain/calendar-date.ts';
import { giftTaskId, type GiftTask } from '../shared/domain/gifts/gift-task.ts';
import { availableOf } from '../shared/domain/gifts/budget-line.ts';
import { monthDaysBetween } from '../shared/domain/gifts/occasion-dates.ts';
import { giftTagOf } from '../shared/domain/gifts/gift-due.ts';
import type { AccountStatus } from '../shared/domain/account.ts';
import type { GiftTasksConfig } from '../shared/schemas/programme-config.ts';
import { giftTagAttributes, toOccasion } from '../shared/adapters/dynamodb/gift-tags.ts';
import { issueDailyGiftTasks } from '../shared/use-cases/gift-tasks/issue-daily.ts';
import { SignedTaskLinks } from '../shared/adapters/links/signed-task-links.ts';
import { mailIdOf, refOfKey } from '../shared/adapters/crypto/digests.ts';
import { KeyringTokenSigners } from '../shared/adapters/crypto/hmac-token-signer.ts';
import { SecretKeyring } from '../shared/adapters/secrets/link-keyring.ts';
import { DynamoTaskLinkIds } from '../shared/adapters/dynamodb/task-link-ids.ts';
import { DynamoBudgetRequests } from '../shared/adapters/dynamodb/budget-requests.ts';
import type { Benchmark, BenchmarkOptions } from './run.ts';
import { fmt, machineLine, secs, withBenchStack, type BenchStack } from './bench-stack.ts';
import { billFor, billOfTotals, pricesLine, usd } from './prices.ts';
import { randomRef } from '../shared/adapters/crypto/random-ids.ts';

const tableName = 'vip-bench-gifts';
const day = '2027-03-15';
const scheduledTime = new Date(`${day}T08:00:00+08:00`);
const loadConcurrency = 8;
const writers = 16;
const throughputTasks = 2_000;

export const giftTasksBenchmark: Benchmark = {
  description: 'daily gift-task run: reads through the month-day index against a full scan; reservations on one line with concurrent writers',
  defaultAccounts: 10_000,
  run: runGiftTasksBenchmark,
};

async function runGiftTasksBenchmark(options: BenchmarkOptions): Promise<unknown> {
  const config = loadProgrammeConfig(join(import.meta.dirname, '../config/programme-a.json'));
  const log = (line: string) => console.log(line);
  log(`gift-tasks benchmark: ${fmt(options.accounts)} accounts, seed ${options.seed}, daily run of ${day}`);
  log(machineLine());
  const started = performance.now();
  return withBenchStack([tableName], async ({ emulators, endpoint }) => {
    const loader = createDocumentClient(endpoint);
    try {
      const load = await loadData(loader, options, config.giftTasks);
      log(`load: ${fmt(load.items)} items (${fmt(load.occasions)} occasions, ${fmt(load.vip)} VIP accounts) in ${secs(load.seconds)} = ${fmt(load.items / load.seconds)} items/s`);

      // The daily run, every call metered.
      const runClient = createDocumentClient(endpoint);
      const meter = new CapacityMeter({ anyTable: table });
      meter.attach(runClient);
      const store = new DynamoGiftStore(runClient, tableName);
      await store.advanceWatermark(addDays(day, -1));
      meter.reset();
      const secret = new FixedLinkSecret('bench-secret-bench-secret-bench-secret-42');
      const runStarted = performance.now();
      const result = await issueDailyGiftTasks(
        { scheduledTime },
        {
          store,
          managers: new DynamoManagerDirectory(runClient, tableName),
          outbox: new DynamoMailOutbox(runClient, tableName),
          links: new SignedTaskLinks('http://localhost/tasks', new KeyringTokenSigners(new SecretKeyring(secret)), new DynamoTaskLinkIds(runClient, tableName)),
          requests: new DynamoBudgetRequests(runClient, tableName),
          mailIdOf,
          refOfKey,
          newLinkId: randomRef,
          config,
          now: () => new Date(),
        },
      );
      const runSeconds = (performance.now() - runStarted) / 1000;
      const daily = meter.total();
      const dailyReads = readsOnly(meter.totals());
      log(
        `daily run: ${result.issued} tasks issued (${result.awaitingBudget} awaiting budget), ${result.mailsQueued} mails queued, in ${secs(runSeconds)}; ` +
          `skipped ${Object.values(result.skipped).reduce((a, b) => a + b, 0)}`,
      );

      // The baseline: find the same due occasions by scanning the whole table.
      const scanClient = createDocumentClient(endpoint);
      const scanMeter = new CapacityMeter({ anyTable: table });
      scanMeter.attach(scanClient);
      const monthDays = new Set(monthDaysBetween(day, addDays(day, Math.max(...config.giftTasks.catalogue.map((g) => g.leadDays))), config.giftTasks.leapDayInCommonYears));
      const scanStarted = performance.now();
      let due = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await scanClient.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
        due += (page.Items ?? []).filter((i) => typeof i.occasionDay === 'string' && monthDays.has(i.occasionDay)).length;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      const scanSeconds = (performance.now() - scanStarted) / 1000;
      const scan = scanMeter.total();
      log(`full-scan baseline: ${fmt(scan.itemsRead)} items read to find ${fmt(due)} occasions in the window, in ${secs(scanSeconds)}`);

      const throughput = await reservationThroughput(endpoint, config.giftTasks.costItem);
      log(
        `one budget line, ${writers} concurrent writers: ${fmt(throughput.reserved)} reservations in ${secs(throughput.seconds)} = ${fmt(throughput.reserved / throughput.seconds)}/s; ` +
          `${fmt(throughput.refused)} refused when the line ran dry; available at the end ${throughput.available} kopecks (never below 0), reserved ${fmt(throughput.reservedKopecks / 100)} RUB of ${fmt(throughput.allocatedKopecks / 100)} RUB`,
      );

      const perTask = (n: number) => (result.issued ? n / result.issued : 0);
      log('');
      log('| | items read | AWS-billed read units | DDB Local read units | calls |');
      log('|---|---|---|---|---|');
      log(`| daily run (index), total | ${fmt(dailyReads.itemsRead)} | ${dec(dailyReads.billedReadRequestUnits)} | ${dec(dailyReads.reportedReadUnits)} | ${fmt(daily.calls)} |`);
      log(`| daily run, per task issued | ${dec(perTask(dailyReads.itemsRead))} | ${dec(perTask(dailyReads.billedReadRequestUnits))} | ${dec(perTask(dailyReads.reportedReadUnits))} | ${dec(perTask(daily.calls))} |`);
      log(`| full scan, total | ${fmt(scan.itemsRead)} | ${dec(scan.billedReadRequestUnits)} | ${dec(scan.reportedReadUnits)} | ${fmt(scan.calls)} |`);
      log(`| full scan, per task issued | ${dec(perTask(scan.itemsRead))} | ${dec(perTask(scan.billedReadRequestUnits))} | ${dec(perTask(scan.reportedReadUnits))} | ${dec(perTask(scan.calls))} |`);
      log(`| ratio scan / index (billed reads) | | ${dec(scan.billedReadRequestUnits / Math.max(dailyReads.billedReadRequestUnits, 1e-9))} | | |`);
      const byOperation = meter.totals();
      const tasksWrite = byOperation.TransactWriteItems?.billedWriteRequestUnits ?? 0;
      log(
        `daily run writes: ${dec(daily.billedWriteRequestUnits)} AWS-billed write units, ${dec(perTask(daily.billedWriteRequestUnits))} per task: ` +
          `${dec(perTask(tasksWrite))} for the task, its index entries and the reservation (one transaction, billed x2), ` +
          `${dec(perTask(daily.billedWriteRequestUnits - tasksWrite))} for the rest: each task's link pointer (a plain put), the mails queued in the outbox (${fmt(result.mailsQueued)}: one digest per manager with a task) and the run's record`,
      );
      log('');
      log('| daily run, by operation | calls | items read | items written | AWS RRU | AWS WRU | of it GSI |');
      log('|---|---|---|---|---|---|---|');
      for (const [name, t] of Object.entries(byOperation))
        log(`| ${name} | ${fmt(t.calls)} | ${fmt(t.itemsRead)} | ${fmt(t.itemsWritten)} | ${dec(t.billedReadRequestUnits)} | ${dec(t.billedWriteRequestUnits)} | ${dec(t.billedIndexWriteRequestUnits)} |`);
      const runBill = billOfTotals(daily);
      const runReads = billFor({ readRequestUnits: dailyReads.billedReadRequestUnits, writeRequestUnits: 0 }).usd;
      const scanBill = billOfTotals(scan).usd;
      const perThousand = (amount: number) => (result.issued ? usd((amount / result.issued) * 1000) : 'n/a');
      log('');
      log('| on-demand price | this run | per 1,000 tasks issued |');
      log('|---|---|---|');
      log(`| daily run: reads | ${usd(runReads)} | ${perThousand(runReads)} |`);
      log(`| daily run: reads and writes | ${usd(runBill.usd)} | ${perThousand(runBill.usd)} |`);
      log(`| full-scan baseline: reads | ${usd(scanBill)} | ${perThousand(scanBill)} |`);
      log(`| ratio scan / index (reads, in money) | ${runReads ? `${(scanBill / runReads).toFixed(2)}x` : 'n/a'} | |`);
      log(pricesLine());
      log(`total ${secs((performance.now() - started) / 1000)} including emulator start and loading`);
      runClient.destroy();
      scanClient.destroy();
      return { load, result, daily, scan, throughput };
    } finally {
      loader.destroy();
    }
  });
}

function readsOnly(totals: Readonly<Record<string, OperationTotals>>) {
  const sum = { itemsRead: 0, billedReadRequestUnits: 0, reportedReadUnits: 0 };
  for (const t of Object.values(totals)) {
    sum.itemsRead += t.itemsRead;
    sum.billedReadRequestUnits += t.billedReadRequestUnits;
    sum.reportedReadUnits += t.reportedReadUnits;
  }
  return sum;
}

/** Accounts, occasions, managers and budget lines in the importer's item shapes. */
async function loadData(client: DynamoDBDocumentClient, options: BenchmarkOptions, gifts: GiftTasksConfig) {
  const costItem = gifts.costItem;
  const started = performance.now();
  const set = generateDemoData({ accounts: options.accounts, seed: options.seed, today: '2027-01-01' });
  const rng = createRng(options.seed * 7919 + 1);
  const tiers = ['profitable', 'highly-profitable', 'very-highly-profitable'];
  // What the importer tags an occasion with: the account's status, manager and name.
  const accounts = new Map<string, { status: AccountStatus; managerId: string; name: string }>();
  const requests: WriteRequest[] = [];
  const put = (item: Record<string, unknown>) => requests.push({ PutRequest: { Item: item } });
  let vip = 0;
  for (const m of set.managers) put({ ...keys.manager(m.managerId), managerId: m.managerId, fullName: m.fullName, email: m.email, language: m.language, region: m.region });
  for (const a of set.accounts) {
    // About 40 % VIP, tiers as large / small / handful groups (domain.md).
    const isVip = rng.next() < 0.4;
    const roll = rng.next();
    const tier = tiers[roll < 0.7 ? 0 : roll < 0.97 ? 1 : 2];
    if (isVip) vip++;
    accounts.set(a.accountId, { status: isVip ? { vip: true, tier: tier! } : { vip: false }, managerId: a.managerId, name: a.name });
    put({
      ...keys.account(a.accountId),
      ...accountIndexAttributes(a.accountId, a.managerId),
      accountId: a.accountId,
      customerType: a.customerType,
      name: a.name,
      city: a.city,
      managerId: a.managerId,
      openedOn: a.openedOn,
      tariff: a.tariff,
    });
    // The status item the review leaves on a VIP account; an account never admitted has none.
    if (isVip)
      put({
        ...keys.accountStatus(a.accountId),
        ...statusIndexAttributes(a.accountId),
        status: { vip: true, tier, validUntil: '2027-12-31', since: '2027-01-01', reviewKey: 'yearly-2027' },
        lastDecision: { reviewKey: 'yearly-2027', outcome: 'grant', decidedAt: '2026-12-31T19:00:00.000Z', change: true, previous: { vip: false } },
      });
  }
  let occasions = 0;
  const tagged = (item: Record<string, unknown>) => {
    const occasion = toOccasion(item)[0];
    const account = accounts.get(String(item.accountId));
    const tag = occasion && account ? giftTagOf(occasion, account, gifts) : undefined;
    return Object.fromEntries(Object.entries({ ...item, ...giftTagAttributes(tag) }).filter(([, v]) => v !== undefined));
  };
  for (const c of set.contacts) {
    const key = keys.contact(c.accountId, c.contactId);
    if (c.birthDate) occasions++;
    put(tagged({ ...key, ...occasionIndexAttributes(c.accountId, key.sk, c.birthDate ?? undefined), contactId: c.contactId, accountId: c.accountId, role: c.role, fullName: c.fullName, email: c.email, birthDate: c.birthDate ?? undefined, language: c.language, consentEmail: c.consentEmail, active: true }));
  }
  for (const d of set.companyDates) {
    const key = keys.companyDate(d.accountId, d.kind, d.date);
    occasions++;
    put(tagged({ ...key, ...occasionIndexAttributes(d.accountId, key.sk, d.date), accountId: d.accountId, kind: d.kind, date: d.date, description: d.description }));
  }
  await batchWrite(client, tableName, requests, loadConcurrency);
  // Generous lines: the run measures reading and issuing, not running out of money.
  const budgets = new DynamoBudgetStore(client, tableName);
  for (let m = 1; m <= 12; m++) await budgets.setAllocation(`2027-${String(m).padStart(2, '0')}`, costItem, options.accounts * 10_000 * 100, 'budget.owner@vip-operator.example');
  return { items: requests.length + 12, occasions, vip, seconds: (performance.now() - started) / 1000 };
}

/** Many writers reserving on one line at once: the conditional transaction must never let it go below zero. */
async function reservationThroughput(endpoint: BenchStack['endpoint'], costItem: string) {
  const client = createDocumentClient(endpoint);
  const store = new DynamoGiftStore(client, tableName);
  const month = '2031-01';
  const priceKopecks = 350_000;
  // Room for 80 % of the attempts: the last fifth must be refused.
  const allocatedKopecks = Math.floor(throughputTasks * 0.8) * priceKopecks;
  await new DynamoBudgetStore(client, tableName).setAllocation(month, costItem, allocatedKopecks, 'budget.owner@vip-operator.example');
  const started = performance.now();
  const outcomes = await pMap(
    Array.from({ length: throughputTasks }, (_, i) => i),
    (i) => {
      const task: GiftTask = {
        taskId: giftTaskId(`BENCH${i}`, 'c1', `${month}-15`),
        accountId: `BENCH${i}`,
        sourceId: 'c1',
        managerId: 'M001',
        tier: 'profitable',
        occasionKind: 'client-birthday',
        occasionDate: `${month}-15`,
        issueDate: `${month}-13`,
        personName: 'bench',
        giftId: 'flowers',
        reservedKopecks: priceKopecks,
        priceKopecks,
        budgetMonth: month,
        costItem,
        state: 'open',
      };
      return store.issueTask(task, new Date().toISOString());
    },
    { concurrency: writers },
  );
  const seconds = (performance.now() - started) / 1000;
  const line = await new DynamoBudgetStore(client, tableName).getLine(month, costItem);
  const rawLine = await client.send(new GetCommand({ TableName: tableName, Key: keys.budgetLine(month, costItem) }));
  client.destroy();
  const reserved = outcomes.filter((o) => o === 'issued').length;
  if (!line || availableOf(line) < 0 || Number(rawLine.Item?.availableKopecks) < 0 || line.reservedKopecks !== reserved * priceKopecks)
    throw new Error('the budget line was overdrawn or its reservations do not add up');
  return { reserved, refused: outcomes.filter((o) => o === 'line-short').length, seconds, available: Number(rawLine.Item?.availableKopecks), reservedKopecks: line.reservedKopecks, allocatedKopecks };
}

function dec(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
}
