import { describe, it, expect } from 'vitest';
import { mailIdOf, refOfKey } from '../../shared/adapters/crypto/digests.ts';
import { addDays } from '../../shared/domain/calendar-date.ts';
import { dueKeysOn, giftTagOf } from '../../shared/domain/gifts/gift-due.ts';
import type { Occasion } from '../../shared/domain/gifts/gift-task.ts';
import { issueDailyGiftTasks, type DailyGiftPorts } from '../../shared/use-cases/gift-tasks/issue-daily.ts';
import { issueLateGrant } from '../../shared/use-cases/gift-tasks/late-grant.ts';
import { FakeGiftStore } from '../fakes/gift-store.ts';
import { FakeOutbox } from '../fakes/outbox.ts';
import { programmeA } from '../fixtures/accounts.ts';
import { randomRef } from '../../shared/adapters/crypto/random-ids.ts';

const gifts = programmeA.giftTasks;
const vipAccount = { status: { vip: true, tier: 'profitable' }, managerId: 'M1', name: 'OOO Baikal' };

function setup(watermark: string | undefined) {
  const store = new FakeGiftStore();
  store.day = watermark;
  store.lines.set('2027-03', { month: '2027-03', costItem: gifts.costItem, ownerEmail: 'owner@example.com', allocatedKopecks: 10_000_000, reservedKopecks: 0, spentKopecks: 0 });
  const outbox = new FakeOutbox();
  const ports: DailyGiftPorts = {
    store,
    outbox,
    managers: { getManagers: async (ids) => new Map(ids.map((id) => [id, { managerId: id, fullName: 'Anna', email: 'anna@example.com', language: 'ru' as const }])) },
    links: { url: async (taskId, action) => `http://links/${action}/${taskId}`, ownerUrl: async (ref, action) => `http://links/${action}/${ref}` },
    // The lines here never run short: nothing asks an owner.
    requests: {
      open: () => Promise.reject(new Error('no request expected')),
      get: async () => undefined,
      raise: () => Promise.reject(new Error('no request expected')),
      decline: () => Promise.reject(new Error('no request expected')),
      ownerBefore: async () => undefined,
      notify: () => Promise.reject(new Error('no request expected')),
    },
    mailIdOf,
    refOfKey,
    newLinkId: randomRef,
    config: programmeA,
    now: () => new Date('2027-03-15T00:00:00Z'),
  };
  const add = (contactId: string, birthDate: string) => {
    const occasion: Occasion = { accountId: 'A1', sourceId: contactId, kind: 'director-birthday', originalDate: birthDate, personName: contactId, consent: true, active: true };
    const tag = giftTagOf(occasion, vipAccount, gifts)!;
    store.due.set(tag.due, [...(store.due.get(tag.due) ?? []), { occasion, tag }]);
  };
  return { store, outbox, ports, add };
}
const run = (ports: DailyGiftPorts, day: string) => issueDailyGiftTasks({ scheduledTime: new Date(`${day}T08:00:00+08:00`) }, ports);

describe('the daily run reads only the days that are due', () => {
  it('on a normal day, one key per lead time of that day', async () => {
    const { store, ports, add } = setup('2027-03-14');
    add('C1', '1970-03-18'); // issue day 15 March (lead 3)
    add('C2', '1970-03-19'); // issue day 16 March: not today's
    const result = await run(ports, '2027-03-15');
    expect([...store.keysRead].sort()).toEqual(dueKeysOn('2027-03-15', gifts).sort());
    expect(result).toMatchObject({ issued: 1, skipped: {} });
    expect([...store.tasks.keys()]).toEqual(['A1~2027~C1']);
  });

  it('after skipped days, the keys of every missed issue day, and the missed tasks belated when their date has passed', async () => {
    const { store, ports, add } = setup('2027-03-09');
    add('C1', '1970-03-14'); // issue day 11 March, missed; the occasion has passed too
    add('C2', '1970-03-12'); // issue day 9 March: the watermark's day, done then
    add('C3', '1970-03-16'); // issue day 13 March, missed; the occasion is ahead
    const result = await run(ports, '2027-03-15');
    const expected = ['2027-03-10', '2027-03-11', '2027-03-12', '2027-03-13', '2027-03-14', '2027-03-15'].flatMap((d) => dueKeysOn(d, gifts));
    expect([...store.keysRead].sort()).toEqual(expected.sort());
    expect(result).toMatchObject({ from: '2027-03-10', issued: 2 });
    expect(store.tasks.get('A1~2027~C1')).toMatchObject({ issueDate: '2027-03-11', belated: true });
    expect(store.tasks.get('A1~2027~C3')?.belated).toBeUndefined();
    expect(store.tasks.has('A1~2027~C2')).toBe(false);
  });

  it('the very first run also reads the issue days of the longest lead before it, for occasions still ahead', async () => {
    const { store, ports, add } = setup(undefined);
    add('C1', '1970-03-16'); // issue day 13 March, occasion ahead: issued, not belated
    add('C2', '1970-03-14'); // occasion already past: next year's
    const result = await run(ports, '2027-03-15');
    const maxLead = Math.max(...gifts.catalogue.map((g) => g.leadDays));
    expect(new Set(store.keysRead)).toEqual(new Set(Array.from({ length: maxLead + 1 }, (_, i) => addDays('2027-03-15', -i)).flatMap((d) => dueKeysOn(d, gifts))));
    expect(result).toMatchObject({ from: '2027-03-15', issued: 1 });
    expect(store.tasks.get('A1~2027~C1')?.belated).toBeUndefined();
    expect(store.day).toBe('2027-03-15');
  });
});

describe('a status change', () => {
  it('re-tags the occasions with the new lead, and does not mail again a task issued under the old tier', async () => {
    const { store, outbox, ports } = setup('2027-03-17');
    const occasion: Occasion = { accountId: 'A1', sourceId: 'C1', kind: 'director-birthday', originalDate: '1970-03-20', personName: 'C1', consent: true, active: true };
    store.accountsById.set('A1', { accountId: 'A1', managerId: 'M1', name: 'OOO Baikal', status: { vip: true, tier: 'highly-profitable' } });
    store.occasionsByAccount.set('A1', [{ occasion, itemSk: 'CONTACT#C1', tag: giftTagOf(occasion, vipAccount, gifts)! }]);
    // Issued on 17 March while the account was profitable (3-day lead).
    await store.issueTask({ taskId: 'A1~2027~C1', accountId: 'A1', sourceId: 'C1', managerId: 'M1', tier: 'profitable', occasionKind: 'director-birthday', occasionDate: '2027-03-20', issueDate: '2027-03-17', personName: 'C1', giftId: 'flowers', reservedKopecks: 350_000, priceKopecks: 350_000, budgetMonth: '2027-03', costItem: gifts.costItem, state: 'open' });
    const result = await issueLateGrant({ accountId: 'A1', today: '2027-03-18' }, ports);
    expect(result).toEqual({ retagged: 1, issued: 0, alreadyIssued: 1, mailsQueued: 0 });
    expect(store.occasionsByAccount.get('A1')![0]!.tag).toMatchObject({ due: '03-20#5', tier: 'highly-profitable' });
    expect(outbox.mails()).toEqual([]);
  });

  it('gives a late grant the occasions the runs passed, in one mail, once', async () => {
    const { store, outbox, ports } = setup('2027-03-17');
    const occasion: Occasion = { accountId: 'A1', sourceId: 'C1', kind: 'director-birthday', originalDate: '1970-03-19', personName: 'C1', consent: true, active: true };
    store.accountsById.set('A1', { accountId: 'A1', managerId: 'M1', status: { vip: true, tier: 'profitable' } });
    store.occasionsByAccount.set('A1', [{ occasion, itemSk: 'CONTACT#C1' }]);
    expect(await issueLateGrant({ accountId: 'A1', today: '2027-03-18' }, ports)).toEqual({ retagged: 1, issued: 1, alreadyIssued: 0, mailsQueued: 1 });
    expect(await issueLateGrant({ accountId: 'A1', today: '2027-03-18' }, ports)).toEqual({ retagged: 0, issued: 0, alreadyIssued: 1, mailsQueued: 0 });
    expect(outbox.mails()).toHaveLength(1);
    expect(store.tasks.get('A1~2027~C1')).toMatchObject({ issueDate: '2027-03-16', occasionDate: '2027-03-19' });
  });
});
