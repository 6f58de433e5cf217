import { describe, it, expect, beforeAll, afterAll } from 'vitest';
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
import { programmeA } from '../fixtures/accounts.ts';
import { freshTable } from './local-env.ts';

// The daily run reads only the due index; a late VIP gets what the runs passed while it was not one.
let client: DynamoDBDocumentClient;
let tableName: string;
let ports: DailyGiftPorts;
let imports: DynamoImportStore;

const contact = (contactId: string, role: string, birthDate: string) =>
  importRowSchemas.contacts.parse({ contact_id: contactId, account_id: 'A1', role, full_name: `Person ${contactId}`, email: `${contactId.toLowerCase()}@client.example`, birth_date: birthDate, language: 'ru', consent_email: 'yes' });
const account = (managerId: string) =>
  importRowSchemas.accounts.parse({ account_id: 'A1', customer_type: 'business', name: 'OOO Baikal', city: 'Irkutsk', manager_id: managerId, opened_on: '2020-01-01', tariff: 'VIP' });
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
