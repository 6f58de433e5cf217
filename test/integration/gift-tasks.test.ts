import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { GetCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../shared/adapters/dynamodb/keys.ts';
import type { LocalStack } from '../../infra/local/local-stack.ts';
import { addDays } from '../../shared/domain/calendar-date.ts';
import { leadDaysFor } from '../../shared/domain/gifts/gift-choice.ts';
import { HmacTokenSigner } from '../../shared/adapters/crypto/hmac-token-signer.ts';
import { signGiftLink } from '../../shared/domain/gifts/task-link.ts';
import { parseKeyring } from '../../shared/domain/links/keyring.ts';
import { DynamoTaskLinkIds } from '../../shared/adapters/dynamodb/task-link-ids.ts';
import type { GiftTask } from '../../shared/domain/gifts/gift-task.ts';
import { DynamoBudgetStore } from '../../shared/adapters/dynamodb/budget-store.ts';
import { programmeA } from '../fixtures/accounts.ts';
import { demoCsv, demoStack, type SentMail } from './demo-stack.ts';
import { dateIn, readerLanguages } from '../../shared/mail/reader-labels.ts';

const config = { ...programmeA, statusReview: { ...programmeA.statusReview, segments: 2 } };
let stack: LocalStack;
let documents: DynamoDBDocumentClient;
let sentMails: () => Promise<SentMail[]>;

/** 08:00 in Irkutsk on a local date, as the daily schedule fires. */
const eightAm = (day: string) => new Date(`${day}T08:00:00+08:00`);

async function allTasks(): Promise<Array<GiftTask & { createdAt: string }>> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: stack.tableName, IndexName: 'tasksByManager', ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items as unknown as Array<GiftTask & { createdAt: string }>;
}

async function expectLinesBalance(months: string[]) {
  const tasks = await allTasks();
  const lines = await new DynamoBudgetStore(documents, stack.tableName).listLines(months);
  for (const line of lines) {
    const raw = await documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.budgetLine(line.month, line.costItem) }));
    const available = Number(raw.Item?.availableKopecks);
    expect(line.reservedKopecks + line.spentKopecks + available).toBe(line.allocatedKopecks);
    expect(available).toBeGreaterThanOrEqual(0);
    const ofLine = tasks.filter((t) => t.budgetMonth === line.month);
    expect(line.reservedKopecks).toBe(ofLine.filter((t) => t.state === 'open').reduce((s, t) => s + t.reservedKopecks, 0));
    expect(line.spentKopecks).toBe(ofLine.filter((t) => t.state === 'done').reduce((s, t) => s + (t.actualKopecks ?? 0), 0));
  }
}

beforeAll(async () => {
  ({ stack, documents, sentMails } = await demoStack(config, await demoCsv(150, 21, '2026-12-20')));
  await stack.runSchedule('status-review-yearly', new Date('2026-12-31T19:00:00Z'));
}, 900_000);
afterAll(async () => {
  documents?.destroy();
  await stack?.stop();
});

describe('daily gift tasks over a simulated quarter', () => {
  it('issues each task on its issue day, once, and mails the managers', async () => {
    const mailsBefore = (await sentMails()).length;
    // 9 to 11 February are skipped, as if the scheduler had missed them; the next run catches up.
    const skipped = ['2027-02-09', '2027-02-10', '2027-02-11'];
    // March gets a thin line, so some of its tasks must wait for the owner's approval.
    await new DynamoBudgetStore(documents, stack.tableName).setAllocation('2027-03', 'vip-gifts', 600_000);
    let catchUp: unknown;
    const results: Array<{ reminders: number; escalations: number; awaitingBudget: number; skipped: Record<string, number> }> = [];
    for (let day = '2027-01-01'; day <= '2027-03-31'; day = addDays(day, 1)) {
      if (skipped.includes(day)) continue;
      const run = await stack.runSchedule('gift-tasks-daily', eightAm(day));
      results.push(run.result as (typeof results)[number]);
      if (day === '2027-02-12') catchUp = run.result;
    }
    // Nobody marks anything done here: open tasks are reminded the day after, escalated later.
    expect(results.reduce((n, r) => n + r.reminders, 0)).toBeGreaterThan(0);
    expect(results.reduce((n, r) => n + r.escalations, 0)).toBeGreaterThan(0);
    const mails = await sentMails();
    expect(mails.some((m) => /Reminder|Напоминание/.test(m.subject))).toBe(true);
    expect(mails.filter((m) => /Escalation|Эскалация/.test(m.subject)).every((m) => m.destination.to[0] === 'budget.owner@vip-operator.example')).toBe(true);
    const awaiting = (await allTasks()).filter((t) => t.state === 'awaiting-budget');
    expect(awaiting.length).toBeGreaterThan(0);
    expect(awaiting.every((t) => t.reservedKopecks === 0)).toBe(true);
    expect(awaiting.some((t) => t.budgetMonth === '2027-03')).toBe(true);
    expect(mails.some((m) => /Budget approval|согласование бюджета/.test(m.subject) && m.destination.to[0] === 'budget.owner@vip-operator.example')).toBe(true);
    expect(catchUp).toMatchObject({ day: '2027-02-12', from: '2027-02-09' });
    // Each run is kept with its skipped occasions and why.
    const kept = await documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.giftRun('2027-02-12') }));
    expect(kept.Item?.summary).toEqual(catchUp);
    // The run reads only the due index, which holds only occasions that get a task: nothing to skip.
    expect(results.filter((r) => Object.keys(r.skipped).length > 0)).toEqual([]);
    const tasks = await allTasks();
    expect(tasks.length).toBeGreaterThan(10);
    expect(new Set(tasks.map((t) => t.taskId)).size).toBe(tasks.length);
    for (const task of tasks) {
      const lead = leadDaysFor(config.giftTasks.catalogue, task.tier, task.occasionKind)!;
      expect(task.issueDate).toBe(addDays(task.occasionDate, -lead));
      expect(task.budgetMonth).toBe(task.occasionDate.slice(0, 7));
      expect(task.belated ?? false).toBe(false);
    }
    const caughtUp = tasks.filter((t) => skipped.includes(t.issueDate));
    expect(caughtUp.length).toBeGreaterThan(0);
    expect((catchUp as { issued: number }).issued).toBeGreaterThanOrEqual(caughtUp.length);
    const digests = (await sentMails()).slice(mailsBefore).filter((m) => /Gift tasks for|Задачи по подаркам/.test(m.subject));
    expect(digests.length).toBeGreaterThan(0);
    const firstTask = tasks.find((t) => t.state === 'open')!;
    // The date as the manager's language writes it (`1 февраля 2027`, `1 February 2027`).
    const occasionDay = readerLanguages.map((language) => dateIn(firstTask.occasionDate, language));
    expect(digests.some((m) => occasionDay.some((d) => m.body.text?.includes(d)) && m.body.html?.includes('/tasks/'))).toBe(true);
    // Every task is in exactly one digest: two links (done, cancel) per task in the text part.
    const linksInDigests = digests.reduce((n, m) => n + (m.body.text?.match(/\/tasks\//g)?.length ?? 0), 0);
    expect(tasks.filter((t) => t.state === 'awaiting-budget').length).toBeGreaterThan(0);
    expect(linksInDigests).toBe(2 * tasks.length);
    await expectLinesBalance(['2027-01', '2027-02', '2027-03', '2027-04']);
  });

  it('several runs for the same day at once yield one task per occasion and never overdraw', async () => {
    const before = await allTasks();
    await Promise.all(['2027-04-01', '2027-04-01', '2027-04-01'].map((day) => stack.runSchedule('gift-tasks-daily', eightAm(day))));
    const after = await allTasks();
    expect(new Set(after.map((t) => t.taskId)).size).toBe(after.length);
    expect(after.length).toBeGreaterThanOrEqual(before.length);
    await expectLinesBalance(['2027-04', '2027-05']);
  });
});

describe('task links', () => {
  const url = (token: string) => `${stack.httpUrl}/tasks/${token}`;
  const token = async (taskId: string, action: 'done' | 'cancel', exp = Date.now() / 1000 + 3600) =>
    signGiftLink({ ref: await new DynamoTaskLinkIds(documents, stack.tableName).linkIdOf(taskId), act: action, exp: Math.floor(exp) }, new HmacTokenSigner(parseKeyring(process.env.LINK_SECRET!)));

  it('marks a task done with its actual cost, releases the difference, and refuses the link a second time', async () => {
    const task = (await allTasks()).find((t) => t.state === 'open' && t.reservedKopecks >= 1000)!;
    const page = await fetch(url(await token(task.taskId, 'done')));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="cost"');
    const actual = (task.reservedKopecks - 500) / 100;
    const done = await fetch(url(await token(task.taskId, 'done')), { method: 'POST', body: new URLSearchParams({ cost: String(actual) }) });
    expect(done.status).toBe(200);
    const updated = (await allTasks()).find((t) => t.taskId === task.taskId)!;
    expect(updated).toMatchObject({ state: 'done', actualKopecks: task.reservedKopecks - 500 });
    const again = await fetch(url(await token(task.taskId, 'done')), { method: 'POST', body: new URLSearchParams({ cost: '1' }) });
    expect(again.status).toBe(409);
    await expectLinesBalance([task.budgetMonth]);
  });

  it('refuses a forged, expired or malformed link and a bad cost, changing nothing', async () => {
    const task = (await allTasks()).find((t) => t.state === 'open')!;
    const good = await token(task.taskId, 'done');
    const forged = `${good.split('.')[0]}.${'A'.repeat(43)}`;
    expect((await fetch(url(forged), { method: 'POST', body: 'cost=1' })).status).toBe(403);
    const otherTask = Buffer.from(JSON.stringify({ taskId: task.taskId, action: 'cancel', exp: 9999999999 })).toString('base64url');
    expect((await fetch(url(`${otherTask}.${good.split('.')[1]}`), { method: 'POST' })).status).toBe(403);
    expect((await fetch(url(await token(task.taskId, 'done', Date.now() / 1000 - 10)), { method: 'POST', body: 'cost=1' })).status).toBe(410);
    const negative = await fetch(url(good), { method: 'POST', body: new URLSearchParams({ cost: '-5' }) });
    expect(negative.status).toBe(400);
    expect(await negative.text()).toMatch(/The actual cost is not valid|Фактическая стоимость указана неверно/);
    const absurd = await fetch(url(good), { method: 'POST', body: new URLSearchParams({ cost: String((task.priceKopecks * 10) / 100) }) });
    expect(absurd.status).toBe(400);
    expect((await allTasks()).find((t) => t.taskId === task.taskId)?.state).toBe('open');
  });

  it('cancels a task and releases its reservation', async () => {
    const task = (await allTasks()).find((t) => t.state === 'open')!;
    const cancelled = await fetch(url(await token(task.taskId, 'cancel')), { method: 'POST' });
    expect(cancelled.status).toBe(200);
    expect((await allTasks()).find((t) => t.taskId === task.taskId)?.state).toBe('cancelled');
    await expectLinesBalance([task.budgetMonth]);
  });
});

describe('status changes', () => {
  it('cancels the open tasks for later occasions of an account that lost VIP status', async () => {
    let day = '2027-04-02';
    let open: GiftTask[] = [];
    for (; day <= '2027-04-30' && open.length === 0; day = addDays(day, 1)) {
      await stack.runSchedule('gift-tasks-daily', eightAm(day));
      open = (await allTasks()).filter((t) => t.state === 'open' && t.occasionDate > day);
    }
    day = addDays(day, -1);
    expect(open.length).toBeGreaterThan(0);
    const accountId = open[0]!.accountId;
    await stack.bus.putEvents([
      {
        EventBusName: 'vip-workflows',
        Source: 'vip.status-review',
        DetailType: 'AccountStatusChanged',
        Time: new Date(`${day}T10:00:00+08:00`),
        Detail: JSON.stringify({ reviewKey: 'admission-2027-04', accountId, outcome: 'excluded', previous: { vip: true }, next: { vip: false } }),
      },
    ]);
    await stack.bus.drain();
    const after = (await allTasks()).filter((t) => t.accountId === accountId && t.occasionDate > day);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((t) => t.state === 'cancelled' || t.state === 'done')).toBe(true);
    expect(after.filter((t) => t.state === 'cancelled').every((t) => t.closedReason === 'account lost VIP status (excluded)')).toBe(true);
    await expectLinesBalance(['2027-04', '2027-05']);
  });
});

describe('budget approval', () => {
  it('a task awaiting budget gets its reservation once the owner raises the line', async () => {
    const budgets = new DynamoBudgetStore(documents, stack.tableName);
    const current = await budgets.getLine('2027-05', 'vip-gifts');
    await budgets.setAllocation('2027-05', 'vip-gifts', (current?.reservedKopecks ?? 0) + (current?.spentKopecks ?? 0));
    let day = '2027-04-20';
    let awaiting: GiftTask[] = [];
    for (; day <= '2027-05-25' && awaiting.length === 0; day = addDays(day, 1)) {
      await stack.runSchedule('gift-tasks-daily', eightAm(day));
      awaiting = (await allTasks()).filter((t) => t.state === 'awaiting-budget' && t.budgetMonth === '2027-05' && t.occasionDate > day);
    }
    expect(awaiting.length).toBeGreaterThan(0);
    await budgets.setAllocation('2027-05', 'vip-gifts', 10_000_000);
    const next = await stack.runSchedule('gift-tasks-daily', eightAm(day));
    expect((next.result as { promoted: number }).promoted).toBeGreaterThanOrEqual(awaiting.length);
    const after = (await allTasks()).filter((t) => awaiting.some((a) => a.taskId === t.taskId));
    expect(after.every((t) => t.state === 'open' && t.reservedKopecks > 0)).toBe(true);
    await expectLinesBalance(['2027-05']);
  });
});

