import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoImportStore } from '../../shared/adapters/dynamodb/import-store.ts';
import { DynamoGiftStore } from '../../shared/adapters/dynamodb/gift-store.ts';
import { DynamoBudgetStore } from '../../shared/adapters/dynamodb/budget-store.ts';
import { DynamoSurveyStore } from '../../shared/adapters/dynamodb/survey-store.ts';
import { DynamoSurveyAnswerStore } from '../../shared/adapters/dynamodb/survey-answer-store.ts';
import { DynamoPersonalDataStore } from '../../shared/adapters/dynamodb/personal-data-store.ts';
import { DynamoOutboxStore } from '../../shared/adapters/dynamodb/outbox-store.ts';
import { DynamoReviewStore } from '../../shared/adapters/dynamodb/review-store.ts';
import { DynamoDeadLetterSink } from '../../infra/local/dynamo-dead-letter-sink.ts';
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
import { applyRetention } from '../../shared/use-cases/data-rights/apply-retention.ts';
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

  const decision = { reviewKey: 'yearly-2027', accountId: 'A1', managerId: 'M1', outcome: 'grant' } as unknown as StatusDecision;
  await client.send(new PutCommand({ TableName: tableName, Item: { ...keys.accountStatus('A1'), status: { vip: true, tier: 'profitable' }, lastDecision: { reviewKey: 'yearly-2027', outcome: 'grant', decidedAt: '2027-01-01T03:00:00Z', change: true }, decision: encodeDecision(decision) } }));
  await client.send(new PutCommand({ TableName: tableName, Item: { ...keys.statusHistory('A1', 'yearly-2027'), decision: encodeDecision(decision), decidedAt: '2027-01-01T03:00:00Z' } }));
  // Imported once the account is VIP, so the contacts carry the daily gift run's `giftsDue` tag.
  await importCsv('contacts', contactsCsv, imports, undefined, guard);

  // Gift tasks in every state, against one line.
  await new DynamoBudgetStore(client, tableName).setAllocation('2027-04', 'vip-gifts', 1_000_000, 'owner@operator.example');
  const gifts = new DynamoGiftStore(client, tableName);
  for (const [id, state] of [['open', 'open'], ['waiting', 'awaiting-budget'], ['done', 'open'], ['cancelled', 'open']] as const) {
    // Every task gets its link id (and `TASKLINK#` pointer) when issued, as the daily run gives it.
    expect(await gifts.issueTask({ ...task(id, state, 300_000), taskId: `A1~${id === 'open' ? 2027 : id === 'waiting' ? 2028 : id === 'done' ? 2026 : 2025}~C1`, linkId: `link_${id}`.padEnd(22, '0') }, '2027-04-03T08:00:00Z')).toBe('issued');
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

/** The DynamoDB commands a client sends from now on, with the index they read: export and forget must never Scan. */
function recordCommands(client: DynamoDBDocumentClient): string[] {
  const sent: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const index = (args.input as { IndexName?: string }).IndexName;
      sent.push(`${context.commandName ?? '?'}${index ? ` ${index}` : ''}`);
      return next(args);
    },
    { step: 'initialize' },
  );
  return sent;
}

/** The reads each workflow starts from: the gift run's `giftsDue` index, a wave's contacts of an account, the outbox sender's suppression list. */
async function reach(client: DynamoDBDocumentClient, tableName: string, gifts: DynamoGiftStore, dueKey: string) {
  const surveys = new DynamoSurveyStore(client, tableName);
  return {
    giftRunFindsHer: (await gifts.dueOccasions([dueKey])).some((d) => d.occasion.sourceId === 'C1'),
    waveFindsHer: (await surveys.accountContacts(['A1'])).get('A1')!.contacts.some((c) => c.contactId === 'C1'),
    mailToHerSuppressed: (await surveys.suppressed([emailHash(email)])).size === 1,
  };
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
    const dueKey = String((await client.send(new GetCommand({ TableName: tableName, Key: keys.contact('A1', 'C1') }))).Item!.giftDue);
    expect(await reach(client, tableName, gifts, dueKey)).toEqual({ giftRunFindsHer: true, waveFindsHer: true, mailToHerSuppressed: false });
    const sent = recordCommands(client);
    const exported = await exportPerson({ kind: 'contact', contactId: 'C1' }, { store, emailHash, now: () => new Date('2027-06-01T00:00:00Z') });
    expect(Object.keys(exported.counts).sort()).toEqual(
      ['address-marker', 'contact', 'contact-record', 'gift-task', 'task-link-pointer', 'invitation', 'invitation-pointer', 'outbox-mail', 'survey-answer', 'survey-case'].sort(),
    );
    expect(exported.counts['gift-task']).toBe(4);
    expect(exported.counts['task-link-pointer']).toBe(4);
    expect(exported.held.contact?.[0]).toMatchObject({ fullName: name, email, birthDate, giftTier: 'profitable' });
    expect(exported.counts['outbox-mail']).toBe(2);
    expect(JSON.stringify(exported)).toContain(comment);
    expect(JSON.stringify(exported.held['outbox-mail'])).not.toContain('<p>');
    const byAccount = await dataActions.export(client, tableName, { kind: 'account', accountId: 'A1' });
    expect(byAccount.counts).toMatchObject({ 'account-profile': 1, 'account-status': 1, 'status-history': 1, contact: 2 });
    expect(JSON.stringify(byAccount.held['account-status'])).toContain('yearly-2027');
    const exportReads = sent.splice(0);

    const before = await scan(client, tableName);
    const scores = before.find((i) => i.pk === 'SCORES#2027-Q2');
    const lineBefore = await line(client, tableName);
    expect(lineBefore.reservedKopecks).toBe(300_000);

    sent.length = 0;
    const report = await dataActions.forget(client, tableName, { kind: 'contact', contactId: 'C1' }, forget);
    // Keys and the byPerson index only: not one Scan of the table or of an index.
    for (const commands of [exportReads, sent.splice(0)]) {
      expect(commands.filter((c) => c.startsWith('Scan'))).toEqual([]);
      expect(commands).toEqual(expect.arrayContaining(['QueryCommand', 'QueryCommand byPerson', 'BatchGetItemCommand']));
    }
    expect(report.removed).toMatchObject({ 'gift-task-cancelled': 2, contact: 1, 'contact-record': 1, invitation: 1, 'invitation-pointer': 1, 'address-marker': 1, 'outbox-mail': 2, 'survey-answer': 1, 'survey-case': 1, 'gift-task': 4, 'suppression-added': 1 });

    const after = await scan(client, tableName);
    const text = JSON.stringify(after, (_k, v: unknown) => (v instanceof Uint8Array ? '' : v));
    for (const personal of [name, email, birthDate, comment]) expect(text).not.toContain(personal);
    // No task, no survey, no mail afterwards: the gift run and the wave no longer find her, the sender parks any mail to the address.
    expect(await reach(client, tableName, gifts, dueKey)).toEqual({ giftRunFindsHer: false, waveFindsHer: false, mailToHerSuppressed: true });
    // The link pointers stay with their redacted tasks (an owner may still decide an overrun): only task ids.
    expect(after.filter((i) => String(i.pk).startsWith('TASKLINK#')).map((i) => Object.keys(i).sort())).toEqual(Array(4).fill(['pk', 'sk', 'taskId']));
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
    expect(audit[0]!.expiresAt).toBe(Math.floor(Date.parse(String((audit[0]!.entry as { at: string }).at)) / 1000) + 1826 * 86_400);
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

  it('a forget that dies halfway is completed by running it again, ending as an uninterrupted run; so does reapply-forgets on a restored table', async () => {
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

    // A point-in-time restore brings her back; `vip data reapply-forgets` with the old table's forget log forgets her again.
    const restored = await seed();
    const replay = await dataActions.reapply(restored.client, restored.tableName, whole.tableName);
    expect(replay).toMatchObject({ logged: 1, reapplied: 1, returned: 0, removed: { contact: 1, 'survey-answer': 1, 'gift-task-cancelled': 2 } });
    expect(comparable(await scan(restored.client, restored.tableName))).toEqual(comparable(await scan(whole.client, whole.tableName)));
    expect(await dataActions.reapply(restored.client, restored.tableName, whole.tableName)).toMatchObject({ logged: 1, reapplied: 0, removed: {} });
  });

  it('sets the TTL on every kind the retention table says expires, refuses bad requests without changing anything, ages the rest monthly, and forgets a whole account', async () => {
    const { client, tableName } = await seed();
    const epoch = (at: string, days: number) => Math.floor(Date.parse(at) / 1000) + days * 86_400;
    // Each writer of a kind that expires: the outbox once a mail is sent or parked, run records, the local dead letters.
    const outbox = new DynamoOutboxStore(client, tableName);
    const lease = { at: '2027-04-13T06:00:00Z', leaseId: 'lease-1', leaseUntil: '2027-04-13T06:05:00Z', recoverAt: '2027-04-13T06:10:00Z' };
    const invitationMail = mailIdOf('survey-invitation/2027-Q2/inv-C1-2027Q2');
    const caseMail = mailIdOf('case-opened/2027-Q2/inv-C1-2027Q2');
    expect(await outbox.markSent((await outbox.claim(invitationMail, lease))!, 'ses-1', '2027-04-13T06:01:00Z')).toBe('sent');
    await outbox.park((await outbox.claim(caseMail, lease))!, 'test', '2027-04-13T06:02:00Z');
    await new DynamoGiftStore(client, tableName).recordRun('2027-04-03', { issued: 1 }, '2027-04-03T08:00:00Z');
    const reviews = new DynamoReviewStore(client, tableName);
    expect(await reviews.openRun({ reviewKey: 'yearly-2027', mode: 'yearly', reviewDate: '2027-01-01', scheduledTime: '2027-01-01T03:00:00Z', totalSegments: 1 }, { staleBefore: '2026-12-31T03:00:00Z' })).toBeDefined();
    const grant = { reviewKey: 'yearly-2027', accountId: 'A2', managerId: 'M1', outcome: 'grant', previous: { vip: false }, next: { vip: true, tier: 'profitable' } } as unknown as StatusDecision;
    expect(await reviews.applyDecision(grant, '2027-01-01T03:00:00Z')).toBe(true);
    await new DynamoDeadLetterSink(client, tableName).record({ rule: 'r', target: 't', event: {} as never, error: 'e', attempts: 3, failedAt: '2027-04-13T06:00:00Z' });

    const items = await scan(client, tableName);
    const ttl = (pk: string | RegExp, sk: string | RegExp) => items.find((i) => String(i.pk).match(pk) && String(i.sk).match(sk))?.expiresAt;
    for (const [pk, sk] of [[/^WAVE#2027-Q2$/, /^INVITE#/], [/^WAVE#2027-Q2$/, /^INVITEE#/], [/^INVITATION#/, /^REF$/]] as const) expect(ttl(pk, sk), String(sk)).toEqual(epoch('2027-05-12T15:00:00Z', 92));
    expect(ttl(`OUTBOX#${invitationMail}`, 'MAIL')).toBe(epoch('2027-04-13T06:01:00Z', 30));
    expect(ttl(`OUTBOX#${caseMail}`, 'MAIL')).toBe(epoch('2027-04-13T06:02:00Z', 30));
    expect(ttl('GIFTS', 'RUN#2027-04-03')).toBe(epoch('2027-04-03T08:00:00Z', 730));
    expect(ttl('REVIEW#yearly-2027', 'RUN')).toBe(epoch('2027-01-01T03:00:00Z', 730));
    expect(ttl('REVIEW#yearly-2027', 'CHANGE#M1#A2')).toBe(epoch('2027-01-01T03:00:00Z', 730));
    expect(ttl('DEADLETTER', /^2027-04-13/)).toBe(epoch('2027-04-13T06:00:00Z', 90));

    await expect(dataActions.forget(client, tableName, { kind: 'contact', contactId: 'NOPE' }, forget)).rejects.toThrow(UnknownSubjectError);
    await expect(dataActions.export(client, tableName, { kind: 'account', accountId: 'NOPE' })).rejects.toThrow(/no account NOPE is held/);
    expect(() => forgetRequest({ by: 'dpo@operator.example' })).toThrow(UsageError);
    const existing = readFileSync(contactsCsv, 'utf8');
    expect(() => exportTarget(contactsCsv, false)).toThrow(/exists; nothing was written/);
    expect(readFileSync(contactsCsv, 'utf8')).toBe(existing);
    expect(exportTarget(contactsCsv, true)).toBe(contactsCsv);
    expect(comparable(await scan(client, tableName))).toEqual(comparable(items));

    // The monthly run (through the casesByManager and tasksByManager indexes and the answer partitions), two years on.
    const store = new DynamoPersonalDataStore(client, tableName);
    const later = { store, now: () => new Date('2029-06-01T00:00:00Z') };
    expect(await applyRetention('2029-06-01', later)).toMatchObject({ redacted: { 'gift-task': 2, 'survey-answer': 1 } });
    const aged = await scan(client, tableName);
    expect(aged.filter((i) => String(i.sk).startsWith('TASK#')).map((i) => [i.state, i.personName, i.accountName]).sort()).toEqual([
      ['awaiting-budget', name, 'Baikal Trading LLC'],
      ['cancelled', '(forgotten)', undefined],
      ['done', '(forgotten)', undefined],
      ['open', name, 'Baikal Trading LLC'],
    ]);
    expect(aged.find((i) => i.pk === 'WAVE#2027-Q2#ANSWERS')).not.toHaveProperty('comment');
    expect(aged.find((i) => String(i.sk).startsWith('CASE#'))?.contact).toMatchObject({ fullName: name });
    expect((await applyRetention('2029-06-01', later)).redacted).toEqual({});

    // The whole account: its records and both contacts go, the tasks and the case keep their figures only.
    const gone = await dataActions.forget(client, tableName, { kind: 'account', accountId: 'A1' }, forget);
    expect(gone.removed).toMatchObject({ 'account-profile': 1, 'account-status': 1, 'status-history': 1, contact: 2, 'gift-task-cancelled': 2 });
    const left = await scan(client, tableName);
    const leftText = JSON.stringify(left, (_k, v: unknown) => (v instanceof Uint8Array ? '' : v));
    for (const personal of [name, email, birthDate, comment, 'Oleg Petrov', 'oleg.petrov@client.example', 'Baikal Trading LLC']) expect(leftText).not.toContain(personal);
    expect(left.filter((i) => i.pk === 'ACCOUNT#A1').map((i) => String(i.sk).split('#')[0]).sort()).toEqual(['CASE', 'TASK', 'TASK', 'TASK', 'TASK']);
  });
});
