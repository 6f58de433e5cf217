import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LocalStack } from '../../infra/local/local-stack.ts';
import { localCredentials, localRegion } from '../../infra/local/local-aws.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { DynamoBudgetStore } from '../../shared/adapters/dynamodb/budget-store.ts';
import { DynamoBudgetRequests } from '../../shared/adapters/dynamodb/budget-requests.ts';
import { DynamoGiftStore } from '../../shared/adapters/dynamodb/gift-store.ts';
import { DynamoTaskLinkIds } from '../../shared/adapters/dynamodb/task-link-ids.ts';
import { keys, occasionIndexAttributes } from '../../shared/adapters/dynamodb/keys.ts';
import { retagAccounts } from '../../shared/adapters/dynamodb/gift-tags.ts';
import { SecretKeyring } from '../../shared/adapters/secrets/link-keyring.ts';
import { FixedLinkSecret } from '../../shared/adapters/secrets/link-secret.ts';
import { overrunOf, availableOf } from '../../shared/domain/gifts/budget-line.ts';
import type { GiftTask } from '../../shared/domain/gifts/gift-task.ts';
import { signGiftLink } from '../../shared/domain/gifts/task-link.ts';
import { parseKeyring } from '../../shared/domain/links/keyring.ts';
import { mailIdOf, refOfKey } from '../../shared/adapters/crypto/digests.ts';
import { HmacTokenSigner, KeyringTokenSigners } from '../../shared/adapters/crypto/hmac-token-signer.ts';
import { SignedTaskLinks } from '../../shared/adapters/links/signed-task-links.ts';
import { askLineOwners } from '../../shared/use-cases/gift-tasks/owner/ask-line-owners.ts';
import { programmeA } from '../fixtures/accounts.ts';
import { sharedEmulators } from './local-env.ts';

/**
 * The owner's and the manager's links through the local stack's HTTP server (the same handler the
 * function URL runs on AWS), on a fresh table holding only the few items each case needs.
 */
const config = programmeA;
let stack: LocalStack;
let documents: DynamoDBDocumentClient;
let store: DynamoGiftStore;
let budgets: DynamoBudgetStore;
let links: SignedTaskLinks;
const eightAm = (day: string) => new Date(`${day}T08:00:00+08:00`);

beforeAll(async () => {
  stack = await LocalStack.start({
    config,
    emulators: sharedEmulators(),
    tableName: `vip-owner-${randomUUID().slice(0, 8)}`,
    senderAddress: `vip-${randomUUID().slice(0, 8)}@example.com`,
    leadershipAddress: 'leadership@example.com',
    handlerLogLevel: 'SILENT',
  });
  documents = createDocumentClient({ endpoint: stack.dynamoEndpoint, region: localRegion, credentials: localCredentials });
  store = new DynamoGiftStore(documents, stack.tableName);
  budgets = new DynamoBudgetStore(documents, stack.tableName);
  links = new SignedTaskLinks(`${stack.httpUrl}/tasks`, new KeyringTokenSigners(new SecretKeyring(new FixedLinkSecret(process.env.LINK_SECRET!))), new DynamoTaskLinkIds(documents, stack.tableName));
  await put({ ...keys.manager('M1'), managerId: 'M1', fullName: 'Иванова Анна', email: 'anna@example.com', language: 'ru', region: 'Irkutsk' });
}, 300_000);
afterAll(async () => {
  documents?.destroy();
  await stack?.stop();
});

const put = (item: Record<string, unknown>) => documents.send(new PutCommand({ TableName: stack.tableName, Item: item }));
const item = async (key: Record<string, string>) => (await documents.send(new GetCommand({ TableName: stack.tableName, Key: key, ConsistentRead: true }))).Item;
const mailText = async (businessKey: string) => (await item({ pk: `OUTBOX#${mailIdOf(businessKey)}`, sk: 'MAIL' }))?.text as string | undefined;
const linkIn = (text: string, label: RegExp) => text.split('\n').find((l) => label.test(l))!.match(/https?:\/\/\S+/)![0];
const post = (url: string, form: Record<string, string> = {}) => fetch(url, { method: 'POST', body: new URLSearchParams(form) });
const in30Days = () => new Date(Date.now() + 30 * 86_400_000);

function task(id: string, month: string, over: Partial<GiftTask> = {}): GiftTask {
  return {
    taskId: `${id}~2027~C1`,
    accountId: id,
    sourceId: 'C1',
    managerId: 'M1',
    tier: 'highly-profitable',
    occasionKind: 'director-birthday',
    occasionDate: `${month}-20`,
    issueDate: `${month}-15`,
    personName: 'Соколов Андрей',
    accountName: 'ООО «Байкал»',
    giftId: 'flowers',
    reservedKopecks: 350_000,
    priceKopecks: 350_000,
    budgetMonth: month,
    costItem: 'vip-gifts',
    state: 'open',
    ...over,
  };
}

async function expectBalanced(month: string) {
  const raw = (await item(keys.budgetLine(month, 'vip-gifts')))!;
  const line = (await budgets.getLine(month, 'vip-gifts'))!;
  expect(Number(raw.availableKopecks)).toBe(availableOf(line));
  expect(line.allocatedKopecks + overrunOf(line)).toBe(Number(raw.availableKopecks) + line.reservedKopecks + line.spentKopecks);
  expect(Number(raw.availableKopecks)).toBeGreaterThanOrEqual(0);
}

describe('the task page through the local HTTP server', () => {
  it('speaks the manager\'s language, names the task by an opaque id, and offers no done form while the task waits for budget', async () => {
    await budgets.setAllocation('2027-05', 'vip-gifts', 1_000_000, 'owner@example.com');
    const open = task('A0501', '2027-05');
    const waiting = task('A0502', '2027-05', { state: 'awaiting-budget', reservedKopecks: 0 });
    for (const t of [open, waiting]) expect(await store.issueTask(t, new Date().toISOString())).toBe('issued');
    const doneUrl = await links.url(open, 'done', in30Days());
    expect(doneUrl).not.toContain('A0501');
    expect(Buffer.from(doneUrl.split('.')[1]!, 'base64url').toString()).not.toContain('A0501');
    const page = await (await fetch(doneUrl)).text();
    expect(page).toContain('день рождения руководителя');
    expect(page).toContain('3\u00a0500,00\u00a0₽');
    expect(page).toContain('name="cost"');

    const waitingUrl = await links.url(waiting, 'done', in30Days());
    const waitingPage = await fetch(waitingUrl);
    expect(await waitingPage.text()).not.toContain('<form');
    expect((await post(waitingUrl, { cost: '3500' })).status).toBe(409);
    expect(await store.getTask(waiting.taskId)).toMatchObject({ state: 'awaiting-budget' });
  });
});

describe('an overrun', () => {
  it('records the cost, marks the overrun on task and line, asks the owner, and takes the owner\'s decision once', async () => {
    await budgets.setAllocation('2027-06', 'vip-gifts', 450_000, 'owner6@example.com'); // 1,000 RUB left after the task
    const t = task('A0601', '2027-06');
    expect(await store.issueTask(t, new Date().toISOString())).toBe('issued');
    const done = await post(await links.url(t, 'done', in30Days()), { cost: '6000' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('перерасход');
    expect(await store.getTask(t.taskId)).toMatchObject({ state: 'done', actualKopecks: 600_000, overrunKopecks: 150_000, overrunState: 'pending', reservedKopecks: 0 });
    expect(await budgets.getLine('2027-06', 'vip-gifts')).toMatchObject({ spentKopecks: 600_000, reservedKopecks: 0, overrunPendingKopecks: 150_000 });
    await expectBalanced('2027-06');

    const mail = (await mailText(`budget-overrun/${t.taskId}`))!;
    expect((await item({ pk: `OUTBOX#${mailIdOf(`budget-overrun/${t.taskId}`)}`, sk: 'MAIL' }))?.to).toBe('owner6@example.com');
    const approve = linkIn(mail, /Согласовать перерасход/);
    const decline = linkIn(mail, /Отклонить перерасход/);
    expect((await fetch(approve)).status).toBe(200);
    expect((await post(approve)).status).toBe(200);
    expect(await budgets.getLine('2027-06', 'vip-gifts')).toMatchObject({ overrunPendingKopecks: 0, overrunApprovedKopecks: 150_000 });
    expect((await post(approve)).status).toBe(409);
    expect((await post(decline)).status).toBe(409);
    expect(await budgets.getLine('2027-06', 'vip-gifts')).toMatchObject({ overrunApprovedKopecks: 150_000 });
    expect(await store.getTask(t.taskId)).toMatchObject({ overrunState: 'approved' });
    await expectBalanced('2027-06');
  });
});

describe('a request for budget', () => {
  it('decline cancels the waiting tasks, releasing nothing; a second click changes nothing; forged and expired links get their pages', async () => {
    await budgets.setAllocation('2027-07', 'vip-gifts', 10_000, 'owner7@example.com');
    const waiting = [task('A0701', '2027-07', { state: 'awaiting-budget', reservedKopecks: 0 }), task('A0702', '2027-07', { state: 'awaiting-budget', reservedKopecks: 0 })];
    for (const t of waiting) await store.issueTask(t, new Date().toISOString());
    const lines = { get: (month: string) => budgets.getLine(month, 'vip-gifts') };
    const ports = { requests: new DynamoBudgetRequests(documents, stack.tableName), links, mailIdOf, refOfKey, config, now: () => new Date() };
    expect(await askLineOwners('2027-07-01', waiting, lines, ports)).toBe(1);
    expect(await askLineOwners('2027-07-01', waiting, lines, ports)).toBe(0);
    const mail = (await mailText('budget-approval/2027-07-01/2027-07'))!;
    expect(mail).not.toContain('A0701');
    const declineUrl = linkIn(mail, /Отклонить и отменить/);
    const raiseUrl = linkIn(mail, /Увеличить статью на 6\u00a0900,00/);

    const token = decodeURIComponent(declineUrl.split('/').at(-1)!);
    const [kid, payload] = token.split('.');
    expect((await post(`${stack.httpUrl}/tasks/${kid}.${payload}.${'A'.repeat(43)}`)).status).toBe(403);
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { ref: string };
    const expired = signGiftLink({ ref: claims.ref, act: 'budget-decline', exp: Math.floor(Date.now() / 1000) - 60 }, new HmacTokenSigner(parseKeyring(process.env.LINK_SECRET!)));
    expect((await post(`${stack.httpUrl}/tasks/${expired}`)).status).toBe(410);

    expect((await fetch(declineUrl)).status).toBe(200);
    const declined = await post(declineUrl);
    expect(declined.status).toBe(200);
    for (const t of waiting) expect(await store.getTask(t.taskId)).toMatchObject({ state: 'cancelled', closedReason: 'budget declined by the line owner' });
    expect((await post(declineUrl)).status).toBe(409);
    expect((await post(raiseUrl)).status).toBe(409);
    expect(await budgets.getLine('2027-07', 'vip-gifts')).toMatchObject({ allocatedKopecks: 10_000, reservedKopecks: 0 });
    await expectBalanced('2027-07');
  });
});

describe('the daily run and the line owner', () => {
  /** A VIP account whose director's birthday is `birthDate`, managed by M1. */
  async function vipAccount(accountId: string, birthDate: string) {
    await put({ ...keys.account(accountId), accountId, name: `Company ${accountId}`, managerId: 'M1', customerType: 'business' });
    await put({ ...keys.accountStatus(accountId), status: { vip: true, tier: 'highly-profitable' } });
    const contact = keys.contact(accountId, 'C1');
    await put({ ...contact, contactId: 'C1', accountId, role: 'director', fullName: 'Director', email: 'd@example.com', birthDate, language: 'ru', consentEmail: true, active: true, ...occasionIndexAttributes(accountId, contact.sk, birthDate) });
    // Into the due index, as the contacts import (or the status change) would put it.
    await retagAccounts(documents, stack.tableName, [accountId], config.giftTasks);
  }

  it('tells the owner once that next month\'s line is missing, and issues the task once the line exists', async () => {
    // Director's birthday on 2 April (lead 5 days): issued on 28 March against April's line, which does not exist yet.
    await budgets.setAllocation('2027-03', 'vip-gifts', 5_000_000, 'march.owner@example.com');
    await vipAccount('B0001', '1980-04-02');
    await stack.runSchedule('gift-tasks-daily', eightAm('2027-03-28'));
    const taskId = 'B0001~2027~C1';
    expect(await store.getTask(taskId)).toMatchObject({ state: 'awaiting-budget', budgetMonth: '2027-04' });
    const notice = await item({ pk: `OUTBOX#${mailIdOf('budget-line-missing/2027-04/vip-gifts')}`, sk: 'MAIL' });
    expect(notice).toMatchObject({ to: 'march.owner@example.com', kind: 'budget-line-missing' });
    expect(await mailText('budget-approval/2027-03-28/2027-04')).toBeUndefined();
    // Once: a later day (a catch-up, a retry) that meets the same waiting task queues no second notice.
    const ports = { requests: new DynamoBudgetRequests(documents, stack.tableName), links, mailIdOf, refOfKey, config, now: () => new Date() };
    expect(await askLineOwners('2027-03-29', [(await store.getTask(taskId))!], { get: (m: string) => budgets.getLine(m, 'vip-gifts') }, ports)).toBe(0);

    await stack.runSchedule('gift-tasks-daily', eightAm('2027-03-29'));
    expect(await store.getTask(taskId)).toMatchObject({ state: 'awaiting-budget' });
    await budgets.setAllocation('2027-04', 'vip-gifts', 5_000_000, 'april.owner@example.com');
    const run = await stack.runSchedule('gift-tasks-daily', eightAm('2027-03-30'));
    expect((run.result as { promoted: number }).promoted).toBe(1);
    expect(await store.getTask(taskId)).toMatchObject({ state: 'open', reservedKopecks: 900_000 });
    await expectBalanced('2027-04');
  });

  it('a raise from the owner\'s link covers the waiting task, which the next run promotes; a second click changes nothing', async () => {
    await budgets.setAllocation('2027-08', 'vip-gifts', 10_000, 'august.owner@example.com');
    await vipAccount('B0002', '1980-08-12'); // issued on 7 August
    await stack.runSchedule('gift-tasks-daily', eightAm('2027-08-07'));
    const taskId = 'B0002~2027~C1';
    expect(await store.getTask(taskId)).toMatchObject({ state: 'awaiting-budget', priceKopecks: 900_000 });
    const mail = (await mailText('budget-approval/2027-08-07/2027-08'))!;
    const raiseUrl = linkIn(mail, /Увеличить статью на 8\u00a0900,00/);
    expect((await post(raiseUrl)).status).toBe(200);
    expect(await budgets.getLine('2027-08', 'vip-gifts')).toMatchObject({ allocatedKopecks: 900_000 });
    expect((await post(raiseUrl)).status).toBe(409);
    expect(await budgets.getLine('2027-08', 'vip-gifts')).toMatchObject({ allocatedKopecks: 900_000 });
    await stack.runSchedule('gift-tasks-daily', eightAm('2027-08-08'));
    expect(await store.getTask(taskId)).toMatchObject({ state: 'open', reservedKopecks: 900_000 });
    await expectBalanced('2027-08');
  });
});
