import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoBudgetStore } from '../../shared/adapters/dynamodb/budget-store.ts';
import { DynamoGiftStore } from '../../shared/adapters/dynamodb/gift-store.ts';
import { DynamoImportStore } from '../../shared/adapters/dynamodb/import-store.ts';
import { keys, statusIndexAttributes } from '../../shared/adapters/dynamodb/keys.ts';
import { DynamoManagerDirectory } from '../../shared/adapters/dynamodb/manager-directory.ts';
import { DynamoMailOutbox } from '../../shared/adapters/dynamodb/outbox-items.ts';
import { FixedLinkSecret } from '../../shared/adapters/secrets/link-secret.ts';
import { importRowSchemas } from '../../shared/import/import-schemas.ts';
import { keptMonthCount } from '../../shared/domain/account-facts.ts';
import { issueDailyGiftTasks, type DailyGiftPorts } from '../../shared/use-cases/gift-tasks/issue-daily.ts';
import { issueLateGrant } from '../../shared/use-cases/gift-tasks/late-grant.ts';
import { cancelTasksOfLostAccount } from '../../shared/use-cases/gift-tasks/on-status-change.ts';
import { SignedTaskLinks } from '../../shared/adapters/links/signed-task-links.ts';
import { mailIdOf, refOfKey } from '../../shared/adapters/crypto/digests.ts';
import { KeyringTokenSigners } from '../../shared/adapters/crypto/hmac-token-signer.ts';
import { SecretKeyring } from '../../shared/adapters/secrets/link-keyring.ts';
import { DynamoTaskLinkIds } from '../../shared/adapters/dynamodb/task-link-ids.ts';
import { DynamoBudgetRequests } from '../../shared/adapters/dynamodb/budget-requests.ts';
import { EventBridgePublisher } from '../../shared/adapters/eventbridge/event-publisher.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { outboxKey } from '../../shared/adapters/dynamodb/outbox-items.ts';
import { importCsv } from '../../shared/import/import-csv.ts';
import { lateImportNotifier } from '../../shared/use-cases/gift-tasks/late-imports.ts';
import { LocalStack } from '../../infra/local/local-stack.ts';
import { withLateGrants } from '../../bin/late-grants.ts';
import { localCredentials, localRegion } from '../../infra/local/local-aws.ts';
import { eventBus } from '../../infra/topology.ts';
import { programmeA } from '../fixtures/accounts.ts';
import { freshTable, sharedEmulators } from './local-env.ts';
import { randomRef } from '../../shared/adapters/crypto/random-ids.ts';

// The daily run reads only the due index; a late VIP gets what the runs passed while it was not one.
let client: DynamoDBDocumentClient;
let tableName: string;
let ports: DailyGiftPorts;
let imports: DynamoImportStore;

const contact = (contactId: string, role: string, birthDate: string) =>
  importRowSchemas.contacts.parse({ contact_id: contactId, account_id: 'A1', role, full_name: `Person ${contactId}`, email: `${contactId.toLowerCase()}@client.example`, birth_date: birthDate, language: 'ru', consent_email: 'yes' });
const account = (managerId: string, accountId = 'A1') =>
  importRowSchemas.accounts.parse({ account_id: accountId, customer_type: 'business', name: 'OOO Baikal', city: 'Irkutsk', manager_id: managerId, opened_on: '2020-01-01', tariff: 'VIP' });
const setStatus = (status: Record<string, unknown>) => client.send(new PutCommand({ TableName: tableName, Item: { ...keys.accountStatus('A1'), ...statusIndexAttributes('A1'), status } }));
const item = async (sk: string) => (await client.send(new GetCommand({ TableName: tableName, Key: { pk: 'ACCOUNT#A1', sk }, ConsistentRead: true }))).Item!;
const run = (day: string) => issueDailyGiftTasks({ scheduledTime: new Date(`${day}T08:00:00+08:00`) }, ports);

beforeAll(async () => {
  ({ client, tableName } = await freshTable('vip-due'));
  const store = new DynamoGiftStore(client, tableName);
  ports = {
    store,
    managers: new DynamoManagerDirectory(client, tableName),
    outbox: new DynamoMailOutbox(client, tableName),
    links: new SignedTaskLinks('http://localhost/tasks', new KeyringTokenSigners(new SecretKeyring(new FixedLinkSecret('due-days-secret-due-days-secret-0123'))), new DynamoTaskLinkIds(client, tableName)),
    requests: new DynamoBudgetRequests(client, tableName),
    mailIdOf,
    refOfKey,
    newLinkId: randomRef,
    config: programmeA,
    now: () => new Date('2027-03-18T02:00:00Z'),
  };
  imports = new DynamoImportStore(client, tableName, keptMonthCount(programmeA.statusReview.rules), programmeA.giftTasks);
  for (const id of ['M1', 'M2'])
    await client.send(new PutCommand({ TableName: tableName, Item: { ...keys.manager(id), managerId: id, fullName: `Manager ${id}`, email: `${id.toLowerCase()}@vip-operator.example`, language: 'ru', region: 'Irkutsk' } }));
  await imports.writeRows({ kind: 'accounts', rows: [account('M1')] });
  await new DynamoBudgetStore(client, tableName).setAllocation('2027-03', programmeA.giftTasks.costItem, 1_000_000, 'budget.owner@vip-operator.example');
  // A profitable director or client: a 3-day lead.
  await imports.writeRows({
    kind: 'contacts',
    rows: [contact('C1', 'director', '1975-03-20'), contact('C2', 'director', '1980-03-25'), contact('C3', 'director', '1977-03-16'), contact('C4', 'client', '1990-03-19'), contact('C5', 'client', '1991-03-21'), contact('C6', 'client', '1992-03-26')],
  });
  // The runs have passed 17 March while the account was not VIP.
  await store.advanceWatermark('2027-03-17');
}, 180_000);
afterAll(() => client?.destroy());

describe('the due index', () => {
  it('holds no occasion of an account that is not VIP', async () => {
    expect((await item('CONTACT#C1')).giftDue).toBeUndefined();
    expect(await ports.store.dueOccasions(['03-20#3'])).toEqual([]);
  });

  it('gives a late VIP the occasions the runs already passed, once, and leaves the rest to the runs', async () => {
    await setStatus({ vip: true, tier: 'profitable', validUntil: '2027-12-31', since: '2027-03-18' });
    const first = await issueLateGrant({ accountId: 'A1', today: '2027-03-18' }, ports);
    // C1 (20 March, issue day 17) and C4 (19 March, issue day 16); C3's 16 March is past; C2, C5, C6 are the runs' job.
    expect(first).toMatchObject({ retagged: 6, issued: 2, alreadyIssued: 0, mailsQueued: 1 });
    expect((await ports.store.getTask('A1~2027~C1'))).toMatchObject({ state: 'open', issueDate: '2027-03-17', occasionDate: '2027-03-20', managerId: 'M1', accountName: 'OOO Baikal' });
    expect(await ports.store.getTask('A1~2027~C4')).toBeDefined();
    expect(await ports.store.getTask('A1~2027~C2')).toBeUndefined();
    expect((await item('CONTACT#C2')).giftDue).toBe('03-25#3');
    const again = await issueLateGrant({ accountId: 'A1', today: '2027-03-18' }, ports);
    expect(again).toEqual({ retagged: 0, issued: 0, alreadyIssued: 2, mailsQueued: 0 });
  });

  it('a run after skipped days reads the days it missed, and only those', async () => {
    const result = await run('2027-03-22');
    expect(result).toMatchObject({ day: '2027-03-22', from: '2027-03-18', issued: 2, alreadyIssued: 0 });
    // C5 (issue day 18, occasion 21) is caught up belated; C2 (issue day 22) on its day; C1 and C4 are not read again.
    expect(await ports.store.getTask('A1~2027~C5')).toMatchObject({ belated: true, issueDate: '2027-03-18' });
    expect(await ports.store.getTask('A1~2027~C2')).toMatchObject({ issueDate: '2027-03-22' });
    expect(await ports.store.getTask('A1~2027~C6')).toBeUndefined();
  });

  it('follows a new manager from the accounts import, and drops the account when it loses the status', async () => {
    await imports.writeRows({ kind: 'accounts', rows: [account('M2')] });
    expect(await item('CONTACT#C6')).toMatchObject({ giftDue: '03-26#3', giftManagerId: 'M2' });
    await setStatus({ vip: false });
    expect(await cancelTasksOfLostAccount({ accountId: 'A1', outcome: 'revoke', changedAt: new Date('2027-03-22T02:00:00Z') }, ports)).toMatchObject({ untagged: 6 });
    expect((await item('CONTACT#C6')).giftDue).toBeUndefined();
    expect(await run('2027-03-23')).toMatchObject({ issued: 0 });
  });
});

describe('an occasion imported after the runs passed its issue day', () => {
  // The whole path: the import publishes on the stack's bus, its rule delivers to the late grant's function.
  let stack: LocalStack;
  let documents: DynamoDBDocumentClient;
  let events: EventBridgeClient;
  let store: DynamoGiftStore;
  let dir: string;
  const importedAt = new Date('2027-03-18T02:00:00Z');

  beforeAll(async () => {
    stack = await LocalStack.start({
      config: programmeA,
      emulators: sharedEmulators(),
      tableName: `vip-late-import-${randomUUID().slice(0, 8)}`,
      senderAddress: 'late-import@example.com',
      leadershipAddress: 'leadership@example.com',
      handlerLogLevel: 'SILENT',
      mailPump: false,
    });
    documents = createDocumentClient({ endpoint: stack.dynamoEndpoint, region: localRegion, credentials: localCredentials });
    events = new EventBridgeClient({ endpoint: stack.httpUrl, region: localRegion, credentials: localCredentials });
    store = new DynamoGiftStore(documents, stack.tableName);
    const imports = new DynamoImportStore(documents, stack.tableName, keptMonthCount(programmeA.statusReview.rules), programmeA.giftTasks);
    await documents.send(new PutCommand({ TableName: stack.tableName, Item: { ...keys.manager('M1'), managerId: 'M1', fullName: 'Manager M1', email: 'm1@vip-operator.example', language: 'ru', region: 'Irkutsk' } }));
    await imports.writeRows({ kind: 'accounts', rows: [account('M1', 'B1')] });
    await documents.send(new PutCommand({ TableName: stack.tableName, Item: { ...keys.accountStatus('B1'), ...statusIndexAttributes('B1'), status: { vip: true, tier: 'profitable', validUntil: '2027-12-31', since: '2027-01-01' } } }));
    await new DynamoBudgetStore(documents, stack.tableName).setAllocation('2027-03', programmeA.giftTasks.costItem, 1_000_000, 'budget.owner@vip-operator.example');
    // The daily runs have read every issue day up to 17 March.
    await store.advanceWatermark('2027-03-17');
    dir = mkdtempSync(join(tmpdir(), 'vip-late-import-'));
  }, 180_000);
  afterAll(async () => {
    events?.destroy();
    documents?.destroy();
    await stack?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gets its task once, on delivery of the import\'s event, and leaves an occasion far ahead to the runs', async () => {
    const contacts = join(dir, 'contacts.csv');
    // D1's 19 March (3-day lead: issue day 16 March) is behind the runs; D2's 10 June is far ahead.
    writeFileSync(contacts, 'contact_id,account_id,role,full_name,email,birth_date,language,consent_email\nD1,B1,director,Person D1,d1@client.example,1975-03-19,ru,yes\nD2,B1,client,Person D2,d2@client.example,1990-06-10,ru,yes\n');
    const imports = new DynamoImportStore(documents, stack.tableName, keptMonthCount(programmeA.statusReview.rules), programmeA.giftTasks);
    // As `npx vip import contacts` does with a stack of its own: it returns once the event is delivered.
    const target = { documents, tableName: stack.tableName, config: programmeA, stack };
    const result = await withLateGrants(target, (occasions) => importCsv('contacts', contacts, imports, undefined, undefined, occasions), () => importedAt);
    expect(result).toMatchObject({ rows: 2, lateGrantsRequested: 1 });
    expect(result.notes).toContain('1 account(s) with occasions already due: late tasks requested');

    const delivered = () => stack.runtime.invocations.filter((i) => i.functionName === 'giftTasksOnOccasionsImported');
    expect(delivered().map((i) => i.error)).toEqual([undefined]);
    const tasks = await store.openTasksOfAccount('B1');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ taskId: 'B1~2027~D1', issueDate: '2027-03-16', occasionDate: '2027-03-19', managerId: 'M1' });
    const mail = async () => (await documents.send(new GetCommand({ TableName: stack.tableName, Key: outboxKey(mailIdOf('gift-digest/2027-03-18/M1/late/B1')), ConsistentRead: true }))).Item;
    expect(await mail()).toBeDefined();

    // At least once: the same event again (a re-import, a redelivery) issues and queues nothing more.
    const notifier = lateImportNotifier({ store, events: new EventBridgePublisher(events, eventBus.name), config: programmeA, now: () => importedAt });
    expect(await notifier.occasionsImported([{ accountId: 'B1', due: '03-19#3' }])).toBe(1);
    await stack.settle();
    expect(delivered().map((i) => i.error)).toEqual([undefined, undefined]);
    expect(await store.openTasksOfAccount('B1')).toEqual(tasks);
    expect(stack.deadLetters.recorded).toBe(0);
  });

  it('an import refused at a later file still waits for the late grants the earlier files asked for', async () => {
    let settles = 0;
    const counted = Object.assign(Object.create(stack) as LocalStack, { settle: async () => void (settles += 1, await stack.settle()) });
    const target = { documents, tableName: stack.tableName, config: programmeA, stack: counted };
    const deliveredBefore = stack.runtime.invocations.filter((i) => i.functionName === 'giftTasksOnOccasionsImported').length;
    const refusal = withLateGrants(
      target,
      async (occasions) => {
        expect(await occasions.occasionsImported([{ accountId: 'B1', due: '03-19#3' }])).toBe(1);
        throw new Error('accounts.csv line 3, field manager_id: expected a known manager');
      },
      () => importedAt,
    );
    await expect(refusal).rejects.toThrow('accounts.csv line 3');
    expect(settles).toBe(1);
    expect(stack.runtime.invocations.filter((i) => i.functionName === 'giftTasksOnOccasionsImported')).toHaveLength(deliveredBefore + 1);
  });
});
