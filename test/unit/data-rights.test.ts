import { describe, it, expect } from 'vitest';
import { forgetActionFor, itemKindOf, type StoredItem } from '../../shared/domain/data-rights/personal-items.ts';
import { expiresAfter, olderThan } from '../../shared/domain/data-rights/retention.ts';
import { emailHash, idHash, refOfKey } from '../../shared/adapters/crypto/digests.ts';
import { exportPerson } from '../../shared/use-cases/data-rights/export-person.ts';
import { forgetPerson, UnknownSubjectError } from '../../shared/use-cases/data-rights/forget-person.ts';
import { reapplyForgets } from '../../shared/use-cases/data-rights/reapply-forgets.ts';
import { applyRetention } from '../../shared/use-cases/data-rights/apply-retention.ts';
import { forgottenProblems } from '../../shared/import/forgotten-guard.ts';
import { dataRightsRequestSchema } from '../../shared/schemas/data-rights-events.ts';
import { runDataRightsRequest } from '../../shared/use-cases/data-rights/operator-request.ts';
import { FakeItemTable, FakeTaskCanceller } from '../fakes/item-table.ts';
import { describeForget } from '../../bin/commands/data.ts';

/** The production digests: stored hashes and ids must come out as the DynamoDB store's. */
const digests = { emailHash, refOfKey, idHash };

const email = 'anna.volkova@client.example';
const now = () => new Date('2027-06-01T00:00:00Z');
const request = { reason: 'asked by the client', by: 'dpo@operator.example' };

/** One account with two contacts; C1 has a task of each state, an invitation, an answer with a comment, a case, mail. */
function held(): StoredItem[] {
  const task = (id: string, state: string, reserved: number) => ({
    pk: 'ACCOUNT#A1', sk: `TASK#${id}`, taskId: id, accountId: 'A1', sourceId: 'C1', state, reservedKopecks: reserved, budgetMonth: '2027-04', costItem: 'gifts', personName: 'Anna Volkova', accountName: 'Volkova A.', occasionDate: '2027-04-20',
  });
  return [
    { pk: 'ACCOUNT#A1', sk: 'PROFILE', accountId: 'A1', name: 'Volkova A.', managerId: 'M1' },
    { pk: 'ACCOUNT#A1', sk: 'STATUS', status: { vip: true }, lastDecision: { reviewKey: 'yearly-2027' } },
    { pk: 'ACCOUNT#A1', sk: 'STATUS#yearly-2027', decision: { outcome: 'grant' } },
    { pk: 'ACCOUNT#A1', sk: 'NUMBER#79001234567', number: '79001234567' },
    { pk: 'NUMBER#79001234567', sk: 'OWNER', accountId: 'A1' },
    { pk: 'REVIEW#yearly-2027', sk: 'CHANGE#M1#A1', decision: { outcome: 'grant' } },
    { pk: 'ACCOUNT#A1', sk: 'CONTACT#C1', contactId: 'C1', accountId: 'A1', fullName: 'Anna Volkova', email, birthDate: '1980-02-29', personKey: 'CONTACT#C1', giftDue: '02-28#14', giftTier: 'gold' },
    { pk: 'ACCOUNT#A1', sk: 'CONTACT#C2', contactId: 'C2', accountId: 'A1', fullName: 'Pavel Orlov', email: 'p.orlov@client.example', personKey: 'CONTACT#C2' },
    { pk: 'ACCOUNT#A1', sk: 'CONTACTED#C1', contactId: 'C1', lastMailedOn: '2027-04-12' },
    task('A1~2027~C1', 'open', 100),
    task('A1~2028~C1', 'awaiting-budget', 0),
    { ...task('A1~2026~C1', 'done', 0), linkId: 'L1' },
    { pk: 'TASKLINK#L1', sk: 'REF', taskId: 'A1~2026~C1' },
    { pk: 'BUDGET#2027-04', sk: 'LINE#gifts', allocatedKopecks: 1000, reservedKopecks: 100, spentKopecks: 300, availableKopecks: 600 },
    { pk: 'WAVE#2027-Q2', sk: 'INVITE#A1#C1', invitationId: 'i1', waveKey: '2027-Q2', accountId: 'A1', contactId: 'C1', email, personKey: 'CONTACT#C1' },
    { pk: 'INVITATION#i1', sk: 'REF', invitationId: 'i1', waveKey: '2027-Q2', accountId: 'A1', contactId: 'C1', personKey: 'CONTACT#C1' },
    { pk: 'WAVE#2027-Q2', sk: `INVITEE#${emailHash(email)}`, invitationId: 'i1', waveKey: '2027-Q2', accountId: 'A1', contactId: 'C1', personKey: 'CONTACT#C1' },
    { pk: 'WAVE#2027-Q2#ANSWERS', sk: 'ANSWER#i1', invitationId: 'i1', nps: 4, comment: 'slow answers', segment: { tier: 'gold' } },
    { pk: 'ACCOUNT#A1', sk: 'CASE#2027-Q2#i1', caseId: 'i1', state: 'open', scores: { nps: 4 }, contact: { contactId: 'C1', fullName: 'Anna Volkova', email, comment: 'slow answers' }, accountName: 'Volkova A.' },
    { pk: 'OUTBOX#m1', sk: 'MAIL', to: email, subject: 'Survey', html: '<p>Hi</p>', about: { accountId: 'A1', contactId: 'C1' }, personKey: 'CONTACT#C1' },
    { pk: 'SCORES#2027-Q2', sk: 'SEG#all#all', n: 1, detractors: 1 },
  ];
}

describe('personal items', () => {
  it('names the kind of every item the programme writes about a person', () => {
    expect(held().map(itemKindOf)).toEqual([
      'account-profile', 'account-status', 'status-history', 'number', 'number-owner', 'review-change', 'contact', 'contact', 'contact-record',
      'gift-task', 'gift-task', 'gift-task', 'task-link-pointer', 'other', 'invitation', 'invitation-pointer', 'address-marker', 'survey-answer', 'survey-case', 'outbox-mail', 'other',
    ]);
    expect(itemKindOf({ pk: 'SUPPRESSION', sk: 'EMAIL#x' })).toBe('suppression');
  });

  it('keeps the account\'s own records when only a contact is forgotten', () => {
    expect(forgetActionFor('account-profile', 'contact')).toEqual({ do: 'keep' });
    expect(forgetActionFor('account-profile', 'account')).toEqual({ do: 'delete' });
    expect(forgetActionFor('contact', 'contact')).toEqual({ do: 'delete' });
    expect(forgetActionFor('survey-answer', 'contact')).toEqual({ do: 'redact', redaction: { remove: ['comment'], replace: {} } });
  });

  it('computes TTLs and ages from instants and days', () => {
    expect(expiresAfter('2027-01-01T00:00:00Z', 1)).toBe(Date.parse('2027-01-02T00:00:00Z') / 1000);
    expect(() => expiresAfter('yesterday', 1)).toThrow(/not an instant/);
    expect(olderThan('2026-05-31', 365, now())).toBe(true);
    expect(olderThan('2026-06-02', 365, now())).toBe(false);
  });
});

describe('forget (in-memory table)', () => {
  it('removes the contact\'s personal data, cancels its open tasks, keeps figures and others, and is a no-op the second time', async () => {
    const table = new FakeItemTable(held());
    const tasks = new FakeTaskCanceller(table);
    const report = await forgetPerson({ subject: { kind: 'contact', contactId: 'C1' }, ...request }, { store: table, tasks, now, ...digests });
    expect(tasks.cancelled.sort()).toEqual(['A1~2027~C1', 'A1~2028~C1']);
    expect(report.removed).toEqual({
      'gift-task-cancelled': 2, 'gift-task': 3, 'survey-answer': 1, 'survey-case': 1, 'suppression-added': 1,
      invitation: 1, 'invitation-pointer': 1, 'address-marker': 1, 'outbox-mail': 1, 'contact-record': 1, contact: 1,
    });
    const text = JSON.stringify(table.all());
    for (const personal of ['Anna Volkova', email, '1980-02-29', 'slow answers']) expect(text).not.toContain(personal);
    expect(text).toContain('Pavel Orlov');
    expect(table.items.get('BUDGET#2027-04\u0000LINE#gifts')).toMatchObject({ reservedKopecks: 0, availableKopecks: 700, spentKopecks: 300 });
    expect(table.items.get('ACCOUNT#A1\u0000PROFILE')).toBeDefined();
    // The link pointer holds only the task id; it stays with its (redacted) task.
    expect(table.items.get('TASKLINK#L1\u0000REF')).toEqual({ pk: 'TASKLINK#L1', sk: 'REF', taskId: 'A1~2026~C1' });
    expect(table.items.get('SCORES#2027-Q2\u0000SEG#all#all')).toEqual({ pk: 'SCORES#2027-Q2', sk: 'SEG#all#all', n: 1, detractors: 1 });
    expect(table.items.get('WAVE#2027-Q2#ANSWERS\u0000ANSWER#i1')).toMatchObject({ nps: 4 });
    expect(table.items.get(`SUPPRESSION\u0000EMAIL#${emailHash(email)}`)).toMatchObject({ reason: 'forgotten' });
    const audit = table.all().filter((i) => i.pk === 'AUDIT#DATA-RIGHTS');
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toMatch(/C1"|Anna|anna/);

    const writes = table.writes;
    const before = structuredClone(table.all());
    const again = await forgetPerson({ subject: { kind: 'contact', contactId: 'C1' }, ...request }, { store: table, tasks, now: () => new Date('2027-07-01T00:00:00Z'), ...digests });
    expect(again).toMatchObject({ alreadyForgotten: true, removed: {} });
    expect(table.writes).toBe(writes);
    expect(table.all()).toEqual(before);
  });

  it('a run that dies at any write is completed by the next one, ending as an uninterrupted run', async () => {
    const whole = new FakeItemTable(held());
    await forgetPerson({ subject: { kind: 'contact', contactId: 'C1' }, ...request }, { store: whole, tasks: new FakeTaskCanceller(whole), now, ...digests });
    for (let dieAt = 1; dieAt <= 12; dieAt++) {
      const table = new FakeItemTable(held());
      let calls = 0;
      const dying = new Proxy(table, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver) as unknown;
          if (['deleteItem', 'redact', 'suppressHash'].includes(String(property)) && typeof value === 'function')
            return async (...args: unknown[]) => {
              if (++calls === dieAt) throw new Error('crash');
              return (value as (...a: unknown[]) => unknown).apply(target, args);
            };
          return value;
        },
      });
      await expect(forgetPerson({ subject: { kind: 'contact', contactId: 'C1' }, ...request }, { store: dying, tasks: new FakeTaskCanceller(table), now, ...digests })).rejects.toThrow('crash');
      const resumed = await forgetPerson({ subject: { kind: 'contact', contactId: 'C1' }, ...request }, { store: table, tasks: new FakeTaskCanceller(table), now, ...digests });
      expect(resumed.resumed, `died at write ${dieAt}`).toBe(true);
      expect(table.all(), `died at write ${dieAt}`).toEqual(whole.all());
    }
  });

  it('forgets a whole account: its records, numbers, review changes, every contact; the figures stay', async () => {
    const table = new FakeItemTable(held());
    await forgetPerson({ subject: { kind: 'account', accountId: 'A1' }, ...request }, { store: table, tasks: new FakeTaskCanceller(table), now, ...digests });
    const left = table.all().map((i) => `${i.pk} ${i.sk}`);
    expect(left.filter((k) => k.startsWith('ACCOUNT#A1')).sort()).toEqual(['ACCOUNT#A1 CASE#2027-Q2#i1', 'ACCOUNT#A1 TASK#A1~2026~C1', 'ACCOUNT#A1 TASK#A1~2027~C1', 'ACCOUNT#A1 TASK#A1~2028~C1']);
    expect(left).not.toContain('NUMBER#79001234567 OWNER');
    expect(left).not.toContain('REVIEW#yearly-2027 CHANGE#M1#A1');
    expect(left).toContain('SCORES#2027-Q2 SEG#all#all');
    expect(JSON.stringify(table.all())).not.toMatch(/Volkova|Orlov|orlov|79001234567/);
    expect([...((await table.forgetRecord({ kind: 'account', accountId: 'A1' }))?.contactIds ?? [])].sort()).toEqual(['C1', 'C2']);
  });

  it('refuses an unknown id and a forget without a reason, changing nothing', async () => {
    const table = new FakeItemTable(held());
    const tasks = new FakeTaskCanceller(table);
    await expect(forgetPerson({ subject: { kind: 'contact', contactId: 'C9' }, ...request }, { store: table, tasks, now, ...digests })).rejects.toThrow(UnknownSubjectError);
    await expect(forgetPerson({ subject: { kind: 'contact', contactId: 'C1' }, reason: '  ', by: 'dpo' }, { store: table, tasks, now, ...digests })).rejects.toThrow(/needs a reason/);
    await expect(exportPerson({ kind: 'account', accountId: 'A9' }, { store: table, emailHash, now })).rejects.toThrow(UnknownSubjectError);
    expect(table.writes).toBe(0);
  });

  it('exports every kind held about the contact, mail as address and subject only', async () => {
    const document = await exportPerson({ kind: 'contact', contactId: 'C1' }, { store: new FakeItemTable(held()), emailHash, now });
    expect(document.counts).toEqual({ contact: 1, 'contact-record': 1, 'gift-task': 3, 'task-link-pointer': 1, 'survey-case': 1, invitation: 1, 'invitation-pointer': 1, 'address-marker': 1, 'survey-answer': 1, 'outbox-mail': 1 });
    expect(document.held['outbox-mail']).toEqual([{ key: 'OUTBOX#m1 / MAIL', to: email, subject: 'Survey', about: { accountId: 'A1', contactId: 'C1' } }]);
    expect(document.held.contact?.[0]).not.toHaveProperty('personKey');
    expect(document.held.contact?.[0]).not.toHaveProperty('giftDue');
    expect(document.held.contact?.[0]).toMatchObject({ birthDate: '1980-02-29', giftTier: 'gold' });
    expect(document.held['task-link-pointer']).toEqual([{ key: 'TASKLINK#L1 / REF', taskId: 'A1~2026~C1' }]);
  });
});

describe('what a forget says and what it does to a suppressed address', () => {
  const suppressed = { pk: 'SUPPRESSION', sk: `EMAIL#${emailHash(email)}`, emailHash: emailHash(email), reason: 'bounce', at: '2027-04-20T00:00:00Z', email };

  it('exports the suppression, then drops the address and keeps the block (first reason stays)', async () => {
    const table = new FakeItemTable([...held(), suppressed]);
    const document = await exportPerson({ kind: 'contact', contactId: 'C1' }, { store: table, emailHash, now });
    expect(document.held.suppression).toEqual([{ key: `SUPPRESSION / ${suppressed.sk}`, emailHash: emailHash(email), reason: 'bounce', at: '2027-04-20T00:00:00Z', email }]);
    const report = await forgetPerson({ subject: { kind: 'contact', contactId: 'C1' }, ...request }, { store: table, tasks: new FakeTaskCanceller(table), now, ...digests });
    expect(report.removed).toMatchObject({ suppression: 1 });
    expect(report.removed).not.toHaveProperty('suppression-added');
    expect(table.items.get(`SUPPRESSION\u0000${suppressed.sk}`)).toEqual({ pk: 'SUPPRESSION', sk: suppressed.sk, emailHash: emailHash(email), reason: 'bounce', at: '2027-04-20T00:00:00Z' });
  });

  it('tells the operator, kind by kind, what was removed, and that a second run found nothing', async () => {
    const table = new FakeItemTable(held());
    const first = await forgetPerson({ subject: { kind: 'contact', contactId: 'C1' }, ...request }, { store: table, tasks: new FakeTaskCanceller(table), now, ...digests });
    const said = describeForget(first).split('\n');
    expect(said[0]).toBe(`contact C1 forgotten; audit entry ${first.auditId}`);
    expect(said.slice(1).map((l) => l.trim().split(/\s+/))).toEqual(Object.entries(first.removed).map(([kind, n]) => [kind, String(n)]));
    const second = await forgetPerson({ subject: { kind: 'contact', contactId: 'C1' }, ...request }, { store: table, tasks: new FakeTaskCanceller(table), now, ...digests });
    expect(describeForget(second)).toBe(`contact C1 was already forgotten; nothing left to remove (audit ${second.auditId})`);
  });
});

describe('reapply-forgets', () => {
  it('forgets again in a restored table what the log names, except people brought back on purpose', async () => {
    const current = new FakeItemTable(held());
    await forgetPerson({ subject: { kind: 'contact', contactId: 'C1' }, ...request }, { store: current, tasks: new FakeTaskCanceller(current), now, ...digests });
    await current.saveForgetRecord({ subject: { kind: 'contact', contactId: 'C2' }, state: 'done', accountId: 'A1', contactIds: [], emailHashes: [], reason: 'r', by: 'b', startedAt: '2027-05-01T00:00:00Z', phase: 'done', removed: {}, returnedAt: '2027-05-02T00:00:00Z' });
    const restored = new FakeItemTable(held());
    const report = await reapplyForgets({ log: current, target: restored, tasks: new FakeTaskCanceller(restored), now, ...digests });
    expect(report).toMatchObject({ logged: 2, reapplied: 1, returned: 1 });
    expect(JSON.stringify(restored.all())).not.toContain('Anna Volkova');
    expect(JSON.stringify(restored.all())).toContain('Pavel Orlov');
  });
});

describe('retention (monthly)', () => {
  it('removes contact details of cases resolved over a year ago, names of tasks two years past, comments four quarters on', async () => {
    const table = new FakeItemTable([
      { pk: 'ACCOUNT#A1', sk: 'CASE#2026-Q1#old', state: 'resolved', resolvedAt: '2026-03-01T00:00:00Z', contact: { fullName: 'X' }, resolutionNote: 'called', scores: { nps: 2 } },
      { pk: 'ACCOUNT#A1', sk: 'CASE#2027-Q1#new', state: 'resolved', resolvedAt: '2027-03-01T00:00:00Z', contact: { fullName: 'Y' } },
      { pk: 'ACCOUNT#A1', sk: 'TASK#old', state: 'done', occasionDate: '2025-05-01', personName: 'Z', accountName: 'Co' },
      { pk: 'ACCOUNT#A1', sk: 'TASK#new', state: 'done', occasionDate: '2026-05-01', personName: 'W' },
      { pk: 'WAVE#2026-Q1#ANSWERS', sk: 'ANSWER#a', nps: 5, comment: 'old' },
      { pk: 'WAVE#2026-Q2#ANSWERS', sk: 'ANSWER#b', nps: 5, comment: 'recent' },
    ]);
    const report = await applyRetention('2027-06-01', { store: table, now });
    expect(report.redacted).toEqual({ 'survey-case': 1, 'gift-task': 1, 'survey-answer': 1 });
    expect(report.answerQuarters).toEqual(['2026-Q1', '2025-Q4', '2025-Q3', '2025-Q2']);
    expect(table.items.get('ACCOUNT#A1\u0000CASE#2026-Q1#old')).toEqual({ pk: 'ACCOUNT#A1', sk: 'CASE#2026-Q1#old', state: 'resolved', resolvedAt: '2026-03-01T00:00:00Z', scores: { nps: 2 } });
    expect(table.items.get('ACCOUNT#A1\u0000CASE#2027-Q1#new')?.contact).toEqual({ fullName: 'Y' });
    expect(table.items.get('ACCOUNT#A1\u0000TASK#old')).toMatchObject({ personName: '(forgotten)' });
    expect(table.items.get('ACCOUNT#A1\u0000TASK#new')).toMatchObject({ personName: 'W' });
    expect(table.items.get('WAVE#2026-Q2#ANSWERS\u0000ANSWER#b')?.comment).toBe('recent');
    expect((await applyRetention('2027-06-01', { store: table, now })).redacted).toEqual({});
  });
});

describe('imports and the forget log', () => {
  const guard = (allowForgotten: boolean, returned: string[] = []) => ({
    forgottenIds: async (subject: 'contact' | 'account', ids: readonly string[]) => new Set(ids.filter((id) => (subject === 'contact' ? id === 'C1' : id === 'A7'))),
    markReturned: async (_s: 'contact' | 'account', ids: readonly string[]) => void returned.push(...ids),
    allowForgotten,
    at: '2027-06-01T00:00:00Z',
  });
  const people = { contact: new Map([['C1', 3], ['C2', 4]]), account: new Map([['A1', 3], ['A7', 5]]) };

  it('names the file, line, column and value of a forgotten row', async () => {
    const { problems } = await forgottenProblems('contacts.csv', people, guard(false));
    expect(problems).toEqual([
      'contacts.csv:3: column "contact_id": value "C1": this contact was forgotten on request (npx vip data forget); importing it would bring deleted personal data back. Remove the row, or confirm with --allow-forgotten',
      'contacts.csv:5: column "account_id": value "A7": this account was forgotten on request (npx vip data forget); importing it would bring deleted personal data back. Remove the row, or confirm with --allow-forgotten',
    ]);
  });

  it('lets them in with --allow-forgotten and marks them back', async () => {
    const returned: string[] = [];
    const check = await forgottenProblems('contacts.csv', people, guard(true, returned));
    expect(check.problems).toEqual([]);
    expect(await check.returned!()).toMatch(/brought back on purpose/);
    expect(returned.sort()).toEqual(['A7', 'C1']);
  });
});

describe('the operator function\'s request', () => {
  it('accepts the three commands and refuses a forget without reason or with two subjects', () => {
    expect(dataRightsRequestSchema.parse({ command: 'forget', contact: 'C1', reason: 'asked', by: 'dpo' })).toMatchObject({ contact: 'C1' });
    expect(dataRightsRequestSchema.safeParse({ command: 'forget', contact: 'C1', by: 'dpo' }).success).toBe(false);
    expect(dataRightsRequestSchema.safeParse({ command: 'export', contact: 'C1', account: 'A1' }).success).toBe(false);
    expect(dataRightsRequestSchema.safeParse({ command: 'export' }).success).toBe(false);
    expect(dataRightsRequestSchema.safeParse({ command: 'export', contact: 'C#1' }).success).toBe(false);
    expect(dataRightsRequestSchema.parse({ command: 'reapply-forgets', logTable: 'vip-old' })).toEqual({ command: 'reapply-forgets', logTable: 'vip-old' });
  });

  it('runs the command it names, reading the forget log of the table it is told', async () => {
    const table = new FakeItemTable(held());
    const ports = { store: table, storeOf: () => new FakeItemTable(), tasks: new FakeTaskCanceller(table), now, ...digests };
    expect(await runDataRightsRequest(dataRightsRequestSchema.parse({ command: 'export', account: 'A1' }), ports)).toMatchObject({ accountId: 'A1', counts: { contact: 2 } });
    expect(await runDataRightsRequest(dataRightsRequestSchema.parse({ command: 'forget', contact: 'C2', reason: 'asked', by: 'dpo' }), ports)).toMatchObject({ removed: { contact: 1 } });
    expect(await runDataRightsRequest(dataRightsRequestSchema.parse({ command: 'reapply-forgets', logTable: 'vip-old' }), ports)).toMatchObject({ logged: 0 });
    expect(await runDataRightsRequest(dataRightsRequestSchema.parse({ command: 'reapply-forgets' }), ports)).toMatchObject({ logged: 1 });
  });
});
