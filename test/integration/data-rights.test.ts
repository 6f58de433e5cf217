import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoImportStore } from '../../shared/adapters/dynamodb/import-store.ts';
import { DynamoGiftStore } from '../../shared/adapters/dynamodb/gift-store.ts';
import { DynamoBudgetStore } from '../../shared/adapters/dynamodb/budget-store.ts';
import { DynamoSurveyStore } from '../../shared/adapters/dynamodb/survey-store.ts';
import { DynamoSurveyAnswerStore } from '../../shared/adapters/dynamodb/survey-answer-store.ts';
import { DynamoPersonalDataStore } from '../../shared/adapters/dynamodb/personal-data-store.ts';
import { encodeDecision } from '../../shared/adapters/dynamodb/decision-codec.ts';
import { keys } from '../../shared/adapters/dynamodb/keys.ts';
import { importCsv, ImportRejectedError } from '../../shared/import/import-csv.ts';
import type { ForgottenGuard } from '../../shared/import/forgotten-guard.ts';
import { emailHash, idHash, refOfKey } from '../../shared/adapters/crypto/digests.ts';
import type { GiftTask } from '../../shared/domain/gifts/gift-task.ts';
import type { Invitation } from '../../shared/domain/surveys/invitation.ts';
import type { StatusDecision } from '../../shared/domain/status-decision.ts';
import { mailIdOf } from '../../shared/adapters/crypto/digests.ts';
import type { PersonalDataStore } from '../../shared/ports/personal-data.ts';
import { exportPerson } from '../../shared/use-cases/data-rights/export-person.ts';
import { forgetPerson, UnknownSubjectError } from '../../shared/use-cases/data-rights/forget-person.ts';
import { dataActions, exportTarget, forgetRequest } from '../../bin/commands/data.ts';
import { UsageError } from '../../bin/usage-error.ts';
import { freshTable } from './local-env.ts';
import { programmeA } from '../fixtures/accounts.ts';

const name = 'Irina Sokolova';
const email = 'irina.sokolova@client.example';
const birthDate = '1981-04-17';
const comment = 'The roaming bill from Sochi was wrong twice';
const folder = mkdtempSync(join(tmpdir(), 'vip-data-rights-'));
const clients: DynamoDBDocumentClient[] = [];
afterAll(() => {
  for (const c of clients) c.destroy();
  rmSync(folder, { recursive: true, force: true });
});

function csv(file: string, text: string): string {
  const path = join(folder, file);
  writeFileSync(path, text);
  return path;
}
const managersCsv = csv('managers.csv', 'manager_id,full_name,email,language,region\nM1,Maria Ivanova,m.ivanova@operator.example,en,Irkutsk\n');
const accountsCsv = csv('accounts.csv', 'account_id,name,customer_type,manager_id,opened_on,city,tariff\nA1,Baikal Trading LLC,business,M1,2019-05-01,Irkutsk,Premium\n');
const contactsCsv = csv(
  'contacts.csv',
  `contact_id,account_id,role,full_name,email,birth_date,language,consent_email\nC1,A1,director,${name},${email},${birthDate},en,yes\nC2,A1,contact,Oleg Petrov,oleg.petrov@client.example,1975-09-02,en,yes\n`,
);

function task(id: string, state: GiftTask['state'], price: number): GiftTask {
  return {
    taskId: `A1~2027~${id}`,
    accountId: 'A1',
    sourceId: 'C1',
    managerId: 'M1',
    tier: 'gold',
    occasionKind: 'director-birthday',
    occasionDate: '2027-04-17',
    issueDate: '2027-04-03',
    personName: name,
    accountName: 'Baikal Trading LLC',
    giftId: 'flowers',
    reservedKopecks: state === 'awaiting-budget' ? 0 : price,
    priceKopecks: price,
    budgetMonth: '2027-04',
    costItem: 'vip-gifts',
    state,
  };
}

/** A contact with everything the programme writes about a person, each through its own writer. */
async function seed() {
  const { client, tableName } = await freshTable('vip-rights');
  clients.push(client);
  const store = new DynamoPersonalDataStore(client, tableName);
  const guard = guardOf(store, false);
  const imports = new DynamoImportStore(client, tableName, 13, programmeA.giftTasks);
  await importCsv('managers', managersCsv, imports, undefined, guard);
  await importCsv('accounts', accountsCsv, imports, undefined, guard);
  await importCsv('contacts', contactsCsv, imports, undefined, guard);

  const decision = { reviewKey: 'yearly-2027', accountId: 'A1', managerId: 'M1', outcome: 'grant' } as unknown as StatusDecision;
  await client.send(new PutCommand({ TableName: tableName, Item: { ...keys.accountStatus('A1'), status: { vip: true, tier: 'gold' }, lastDecision: { reviewKey: 'yearly-2027', outcome: 'grant', decidedAt: '2027-01-01T03:00:00Z', change: true }, decision: encodeDecision(decision) } }));
  await client.send(new PutCommand({ TableName: tableName, Item: { ...keys.statusHistory('A1', 'yearly-2027'), decision: encodeDecision(decision), decidedAt: '2027-01-01T03:00:00Z' } }));

  // Gift tasks in every state, against one line.
  await new DynamoBudgetStore(client, tableName).setAllocation('2027-04', 'vip-gifts', 1_000_000, 'owner@operator.example');
  const gifts = new DynamoGiftStore(client, tableName);
  for (const [id, state] of [['open', 'open'], ['waiting', 'awaiting-budget'], ['done', 'open'], ['cancelled', 'open']] as const) {
    expect(await gifts.issueTask({ ...task(id, state, 300_000), taskId: `A1~${id === 'open' ? 2027 : id === 'waiting' ? 2028 : id === 'done' ? 2026 : 2025}~C1` }, '2027-04-03T08:00:00Z')).toBe('issued');
  }
  await gifts.completeTask((await gifts.getTask('A1~2026~C1'))!, 250_000, '2027-04-10T10:00:00Z');
  await gifts.cancelTask((await gifts.getTask('A1~2025~C1'))!, 'manager cancelled', '2027-04-10T10:00:00Z');

  // An invitation (with its pointer, address marker, contact record and mail), answered with a comment, opening a case.
  const invitation: Invitation = {
    invitationId: 'inv-C1-2027Q2',
    waveKey: '2027-Q2',
    accountId: 'A1',
    contactId: 'C1',
    role: 'director',
    language: 'en',
    email,
    state: 'invited',
    invitedAt: '2027-04-12T02:00:00Z',
    remindersSent: [],
    closesAt: '2027-05-12T15:00:00Z',
    segment: { tier: 'gold', city: 'Irkutsk', managerId: 'M1', customerType: 'business' },
  };
  const surveys = new DynamoSurveyStore(client, tableName);
  const mail = { mailId: mailIdOf('survey-invitation/2027-Q2/inv-C1-2027Q2'), kind: 'survey-invitation' as const, to: email, subject: 'How are we doing?', html: '<p>Hello</p>', text: 'Hello', about: { accountId: 'A1', contactId: 'C1' } };
  expect(await surveys.invite(invitation, mail, '2027-04-12', '2027-04-12T02:00:00Z')).toBe('invited');
  const answer = { invitationId: invitation.invitationId, waveKey: '2027-Q2', role: 'director', segment: invitation.segment, nps: 3, ces: 2, csi: { manager: 4 }, comment, mayContact: true, answeredAt: '2027-04-13T05:00:00Z' };
  const kase = {
    caseId: invitation.invitationId,
    waveKey: '2027-Q2' as const,
    accountId: 'A1',
    accountName: 'Baikal Trading LLC',
    managerId: 'M1',
    state: 'open' as const,
    reasons: ['nps' as const],
    scores: { nps: 3, ces: 2, csi: 40 },
    mayContact: true,
    contact: { contactId: 'C1', fullName: name, email, comment },
    openedAt: '2027-04-13T05:00:00Z',
    openedOn: '2027-04-13',
    dates: { remindOn: '2027-04-15', dueOn: '2027-04-16', escalateOn: '2027-04-20' },
    reminded: false,
    escalated: false,
  };
  const caseMail = { mailId: mailIdOf('case-opened/2027-Q2/inv-C1-2027Q2'), kind: 'case-opened' as const, to: 'm.ivanova@operator.example', subject: 'An unhappy answer', html: `<p>${name}: ${comment}</p>`, text: `${name}: ${comment}`, about: { accountId: 'A1', contactId: 'C1' } };
  expect(await new DynamoSurveyAnswerStore(client, tableName).recordAnswer(invitation, answer, { kase: kase as never, mail: caseMail }, answer.answeredAt)).toBe('recorded');
  // The quarter's counters: figures that must survive.
  await client.send(new PutCommand({ TableName: tableName, Item: { ...keys.scoreSegment('2027-Q2', 'all#all'), dimension: 'all', value: 'all', n: 1, detractors: 1, promoters: 0, passives: 0, casesOpened: 1 } }));
  return { client, tableName, store, gifts };
}

function guardOf(store: PersonalDataStore, allowForgotten: boolean): ForgottenGuard {
  return { forgottenIds: (s, ids) => store.forgottenIds(s, ids), markReturned: (s, ids, at) => store.markReturned(s, ids, at), allowForgotten, at: '2027-06-01T00:00:00Z' };
}

async function scan(client: DynamoDBDocumentClient, tableName: string): Promise<Record<string, unknown>[]> {
  return (await client.send(new ScanCommand({ TableName: tableName }))).Items ?? [];
}

async function line(client: DynamoDBDocumentClient, tableName: string) {
  return (await client.send(new GetCommand({ TableName: tableName, Key: keys.budgetLine('2027-04', 'vip-gifts'), ConsistentRead: true }))).Item!;
}

/** What a run leaves, without the instants it ran at. */
function comparable(items: Record<string, unknown>[]): string[] {
  const timeless = (value: unknown): unknown =>
    value && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Set)
      ? Object.fromEntries(Object.entries(value).filter(([k]) => !['at', 'startedAt', 'completedAt', 'closedAt', 'expiresAt', 'phase'].includes(k)).map(([k, v]) => [k, timeless(v)]))
      : value;
  return items.map((i) => (String(i.pk).startsWith('AUDIT#') ? 'audit' : JSON.stringify(timeless(i)))).sort();
}

const forget = { reason: 'the client asked to be forgotten (request 2027-17)', by: 'dpo@operator.example' };

describe('data rights on DynamoDB Local', () => {
  it('exports every kind held, forgets it all but the figures, refuses a re-import, and does nothing the second time', async () => {
    const { client, tableName, store, gifts } = await seed();
    const exported = await exportPerson({ kind: 'contact', contactId: 'C1' }, { store, emailHash, now: () => new Date('2027-06-01T00:00:00Z') });
    expect(Object.keys(exported.counts).sort()).toEqual(
      ['address-marker', 'contact', 'contact-record', 'gift-task', 'invitation', 'invitation-pointer', 'outbox-mail', 'survey-answer', 'survey-case'].sort(),
    );
    expect(exported.counts['gift-task']).toBe(4);
    expect(exported.counts['outbox-mail']).toBe(2);
    expect(JSON.stringify(exported)).toContain(comment);
    expect(JSON.stringify(exported.held['outbox-mail'])).not.toContain('<p>');
    const byAccount = await dataActions.export(client, tableName, { kind: 'account', accountId: 'A1' });
    expect(byAccount.counts).toMatchObject({ 'account-profile': 1, 'account-status': 1, 'status-history': 1, contact: 2 });
    expect(JSON.stringify(byAccount.held['account-status'])).toContain('yearly-2027');

    const before = await scan(client, tableName);
    const scores = before.find((i) => i.pk === 'SCORES#2027-Q2');
    const lineBefore = await line(client, tableName);
    expect(lineBefore.reservedKopecks).toBe(300_000);

    const report = await dataActions.forget(client, tableName, { kind: 'contact', contactId: 'C1' }, forget);
    expect(report.removed).toMatchObject({ 'gift-task-cancelled': 2, contact: 1, 'contact-record': 1, invitation: 1, 'invitation-pointer': 1, 'address-marker': 1, 'outbox-mail': 2, 'survey-answer': 1, 'survey-case': 1, 'gift-task': 4, 'suppression-added': 1 });

    const after = await scan(client, tableName);
    const text = JSON.stringify(after, (_k, v: unknown) => (v instanceof Uint8Array ? '' : v));
    for (const personal of [name, email, birthDate, comment]) expect(text).not.toContain(personal);
    expect(text).toContain('Oleg Petrov');
    expect(after.find((i) => i.pk === 'SCORES#2027-Q2')).toEqual(scores);
    const answer = after.find((i) => i.pk === 'WAVE#2027-Q2#ANSWERS')!;
    expect(answer).toMatchObject({ nps: 3, ces: 2 });
    const lineAfter = await line(client, tableName);
    expect(lineAfter).toMatchObject({ allocatedKopecks: 1_000_000, reservedKopecks: 0, spentKopecks: 250_000, availableKopecks: 750_000 });
    expect(Number(lineAfter.reservedKopecks) + Number(lineAfter.spentKopecks) + Number(lineAfter.availableKopecks)).toBe(lineAfter.allocatedKopecks);
    expect((await gifts.getTask('A1~2027~C1'))?.state).toBe('cancelled');
    expect((await gifts.getTask('A1~2026~C1'))).toMatchObject({ state: 'done', actualKopecks: 250_000, personName: '(forgotten)' });
    const suppression = after.find((i) => i.pk === 'SUPPRESSION')!;
    expect(suppression).toMatchObject({ sk: `EMAIL#${emailHash(email)}`, reason: 'forgotten' });
    const audit = after.filter((i) => String(i.pk).startsWith('AUDIT#'));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.expiresAt).toEqual(expect.any(Number));
    expect(JSON.stringify(audit)).not.toContain('C1"');

    // Twice: nothing changes.
    const again = await dataActions.forget(client, tableName, { kind: 'contact', contactId: 'C1' }, forget);
    expect(again.alreadyForgotten).toBe(true);
    expect(comparable(await scan(client, tableName))).toEqual(comparable(after));
    expect(await scan(client, tableName)).toEqual(expect.arrayContaining(after));

    // A re-import of the old file is refused for that row, nothing written; allowed, it comes back.
    const imports = new DynamoImportStore(client, tableName, 13, programmeA.giftTasks);
    const refused = importCsv('contacts', contactsCsv, imports, undefined, guardOf(store, false));
    await expect(refused).rejects.toThrow(ImportRejectedError);
    await expect(importCsv('contacts', contactsCsv, imports, undefined, guardOf(store, false))).rejects.toThrow(/contacts\.csv:2: column "contact_id": value "C1": this contact was forgotten/);
    expect((await client.send(new GetCommand({ TableName: tableName, Key: keys.contact('A1', 'C1') }))).Item).toBeUndefined();
    const allowed = await importCsv('contacts', contactsCsv, imports, undefined, guardOf(store, true));
    expect(allowed.notes.join(' ')).toMatch(/brought back on purpose/);
    expect((await store.forgetRecord({ kind: 'contact', contactId: 'C1' }))?.returnedAt).toBe('2027-06-01T00:00:00Z');
    await expect(importCsv('contacts', contactsCsv, imports, undefined, guardOf(store, false))).resolves.toMatchObject({ rows: 2 });
  });

  it('a forget that dies halfway is completed by running it again, ending as an uninterrupted run', async () => {
    const whole = await seed();
    await dataActions.forget(whole.client, whole.tableName, { kind: 'contact', contactId: 'C1' }, forget);

    const broken = await seed();
    let deletes = 0;
    const dying = new Proxy(broken.store, {
      get(target, property, receiver) {
        if (property === 'deleteItem')
          return async (key: { pk: string; sk: string }) => {
            if (++deletes > 3) throw new Error('the Lambda timed out');
            return target.deleteItem(key);
          };
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    await expect(forgetPerson({ subject: { kind: 'contact', contactId: 'C1' }, ...forget }, { store: dying, tasks: broken.gifts, now: () => new Date(), emailHash, refOfKey, idHash })).rejects.toThrow('timed out');
    expect((await broken.store.forgetRecord({ kind: 'contact', contactId: 'C1' }))?.state).toBe('running');
    const resumed = await dataActions.forget(broken.client, broken.tableName, { kind: 'contact', contactId: 'C1' }, forget);
    expect(resumed.resumed).toBe(true);
    expect(comparable(await scan(broken.client, broken.tableName))).toEqual(comparable(await scan(whole.client, whole.tableName)));
  });

  it('sets the TTL on every kind the retention table says expires, and refuses bad requests without changing anything', async () => {
    const { client, tableName } = await seed();
    const items = await scan(client, tableName);
    for (const kind of ['INVITE#', 'INVITEE#', 'REF']) expect(items.find((i) => String(i.sk).startsWith(kind))?.expiresAt, kind).toEqual(Math.floor(Date.parse('2027-05-12T15:00:00Z') / 1000) + 92 * 86_400);
    await new DynamoGiftStore(client, tableName).recordRun('2027-04-03', { issued: 1 }, '2027-04-03T08:00:00Z');
    const run = (await client.send(new GetCommand({ TableName: tableName, Key: keys.giftRun('2027-04-03') }))).Item!;
    expect(run.expiresAt).toBe(Math.floor(Date.parse('2027-04-03T08:00:00Z') / 1000) + 730 * 86_400);

    await expect(dataActions.forget(client, tableName, { kind: 'contact', contactId: 'NOPE' }, forget)).rejects.toThrow(UnknownSubjectError);
    await expect(dataActions.export(client, tableName, { kind: 'account', accountId: 'NOPE' })).rejects.toThrow(/no account NOPE is held/);
    expect(() => forgetRequest({ by: 'dpo@operator.example' })).toThrow(UsageError);
    expect(() => exportTarget(contactsCsv, false)).toThrow(/exists; nothing was written/);
    expect(exportTarget(contactsCsv, true)).toBe(contactsCsv);
    expect(comparable(await scan(client, tableName))).toEqual(comparable([...items, run]));
  });
});
