import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { inject } from 'vitest';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoMailOutbox, outboxKey } from '../../shared/adapters/dynamodb/outbox-items.ts';
import { mailIdOf } from '../../shared/adapters/crypto/digests.ts';
import { mailIdHeader } from '../../shared/adapters/ses/ses-mailer.ts';
import { scanAll } from '../../shared/adapters/dynamodb/query-all.ts';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { LocalStack } from '../../infra/local/local-stack.ts';
import { keys } from '../../shared/adapters/dynamodb/keys.ts';
import { DynamoSurveyStore } from '../../shared/adapters/dynamodb/survey-store.ts';
import { DynamoSurveyReport } from '../../shared/adapters/dynamodb/survey-report.ts';
import { describeFireTime, nextFireTimes } from '../../shared/domain/schedule/schedule-expression.ts';
import { emailHash } from '../../shared/adapters/crypto/digests.ts';
import { localCredentials, localRegion } from '../../infra/local/local-aws.ts';
import { sesDetailTypes, sesEventSource } from '../../shared/schemas/ses-events.ts';
import { programmeA } from '../fixtures/accounts.ts';
import { demoCsv, demoStack } from './demo-stack.ts';

const config = { ...programmeA, statusReview: { ...programmeA.statusReview, segments: 2 } };
const zone = config.timeZone;
let stack: LocalStack;
let documents: DynamoDBDocumentClient;
let senderAddress: string;

interface StoredMail {
  readonly from: string;
  readonly destination: { readonly to: readonly string[] };
  readonly subject: string;
  readonly body: { readonly html?: string; readonly text?: string };
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
}

/** This stack's mails in the SES emulator, with the headers it keeps. */
async function mails(): Promise<StoredMail[]> {
  const response = await fetch(`${inject('sesEndpoint')}/store`);
  return ((await response.json()) as { emails: StoredMail[] }).emails.filter((m) => m.from === senderAddress);
}
const header = (mail: StoredMail, name: string) => mail.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
const isInvitation = (m: StoredMail) => /short survey|Короткий опрос/.test(m.subject);
const isReminder = (m: StoredMail) => /^(Reminder: your opinion|Напоминание: ваше мнение)/.test(m.subject);

/**
 * The outbox records of one kind, and the check that each reached SES exactly once, or is still
 * in flight: on a loaded machine an SES call can time out, and the sender then leaves the mail
 * to its lease and confirmation grace (never sends it twice) rather than resending at once.
 */
async function queued(kind: string) {
  const items = await scanAll(documents, { TableName: stack.tableName, FilterExpression: 'begins_with(pk, :o) AND kind = :k', ExpressionAttributeValues: { ':o': 'OUTBOX#', ':k': kind } });
  return items as Record<string, any>[];
}
async function expectDeliveredOnceOrInFlight(kind: string, isKind: (m: StoredMail) => boolean) {
  const records = await queued(kind);
  const inSes = (await mails()).filter(isKind);
  // The sender puts the mail id in a header: two reminders of one invitation differ only by it.
  const ids = inSes.map((m) => header(m, mailIdHeader));
  expect(new Set(ids).size).toBe(inSes.length);
  const delivered = new Set(ids);
  for (const r of records) if (!delivered.has(r.mailId)) expect(r.state, `${kind} to ${r.to} neither delivered nor in flight`).toBe('sending');
  expect(inSes.length).toBeLessThanOrEqual(records.length);
  return { records, inSes };
}

/** Runs the surveys workflow's schedules between two local days, in order, as the Scheduler would fire them. */
async function simulateSurveys(from: string, to: string) {
  const start = new Date(`${from}T00:00:00+08:00`);
  const end = new Date(`${to}T23:59:59+08:00`);
  const firings = stack.topology.schedules
    .filter((s) => s.workflow === 'surveys')
    .flatMap((s) => nextFireTimes(s.expression, { timeZone: s.timeZone, from: new Date(start.getTime() - 1), count: 200 }).filter((at) => at <= end).map((at) => ({ s, at })))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const runs = [];
  for (const { s, at } of firings) runs.push(await stack.runSchedule(s.name, at));
  return runs;
}

async function invitations(wave: string) {
  const result = await documents.send(
    new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)', ExpressionAttributeValues: { ':pk': `WAVE#${wave}`, ':s': 'INVITE#' } }),
  );
  return (result.Items ?? []) as Record<string, any>[];
}

/** Who should be invited on a day, worked out from the raw items rather than through the code under test. */
async function expectedRecipients(day: string): Promise<Set<string>> {
  const scan = (input: Record<string, unknown>) => scanAll(documents, { TableName: stack.tableName, ...input }) as Promise<Record<string, any>[]>;
  const vip = new Set(
    (await scan({ IndexName: 'accounts' }))
      // The status lives in the account's own small item (ACCOUNT#<id> / STATUS), beside the profile.
      .filter((a) => a.sk === 'STATUS' && a.status?.vip && a.status.tier && (!a.status.validUntil || a.status.validUntil >= day))
      .map((a) => String(a.pk).slice('ACCOUNT#'.length)),
  );
  const contacts = await scan({ FilterExpression: 'begins_with(sk, :c)', ExpressionAttributeValues: { ':c': 'CONTACT#' } });
  return new Set(contacts.filter((c) => vip.has(String(c.accountId)) && c.consentEmail === true && c.active !== false && c.email).map((c) => String(c.email).toLowerCase()));
}

beforeAll(async () => {
  ({ stack, documents, senderAddress } = await demoStack(config, await demoCsv(60, 31, '2026-12-20')));
  await stack.runSchedule('status-review-yearly', new Date('2026-12-31T19:00:00Z'));
}, 600_000);
afterAll(async () => {
  documents?.destroy();
  await stack?.stop();
});

// A simulated quarter is dozens of schedule runs on a shared machine: generous limits, no timing asserted.
describe('a quarter of surveys on the emulators', { timeout: 600_000 }, () => {
  let invited: Record<string, any>[];
  /** Five invitations of five different accounts, each to its own address: the cast of the tests below. */
  let cast: Record<string, any>[];

  it('opens the wave when the schedule fires on the second Tuesday of January, 10:00 in Irkutsk, and mails every recipient once', async () => {
    const runs = await simulateSurveys('2027-01-01', '2027-01-12');
    const opening = runs.filter((r) => r.schedule === 'surveys-open-wave');
    expect(opening.map((r) => describeFireTime(new Date(r.scheduledTime), zone).local)).toEqual(['2027-01-12T10:00:00+08:00']);
    expect(opening[0]!.result).toMatchObject({ waveKey: '2027-Q1', outcome: 'opened' });
    expect(runs.flatMap((r) => r.invocations.filter((i) => i.error).map((i) => i.error))).toEqual([]);

    const wave = await new DynamoSurveyStore(documents, stack.tableName).getWave('2027-Q1');
    expect(wave).toMatchObject({ state: 'open', openedOn: '2027-01-12', lastDay: '2027-02-01', closesAt: '2027-02-01T16:00:00.000Z' });

    invited = await invitations('2027-Q1');
    expect(invited.length).toBeGreaterThan(10);
    cast = invited.filter((i, n) => invited.findIndex((j) => j.accountId === i.accountId) === n).slice(0, 5);
    expect(cast).toHaveLength(5);
    expect(new Set(invited.map((i) => String(i.email).toLowerCase()))).toEqual(await expectedRecipients('2027-01-12'));
    expect(wave?.invited).toBe(invited.length);
    for (const i of invited) expect(i).toMatchObject({ state: 'invited', remindersSent: [], closesAt: wave!.closesAt, segment: { tier: expect.any(String), managerId: expect.any(String) } });

    const { records, inSes: sent } = await expectDeliveredOnceOrInFlight('survey-invitation', isInvitation);
    expect(records.map((r) => r.to).sort()).toEqual(invited.map((i) => i.email).sort());
    expect(sent.length).toBeGreaterThan(0);
    for (const mail of sent) {
      const invitation = invited.find((i) => i.email === mail.destination.to[0])!;
      expect(mail.subject).toBe(invitation.language === 'en' ? 'How are we doing? A short survey' : 'Как мы работаем? Короткий опрос');
      const unsubscribe = header(mail, 'List-Unsubscribe');
      expect(unsubscribe).toMatch(new RegExp(`^<${stack.httpUrl}/s/k1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+>$`));
      expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      const links = [...(mail.body.text ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
      expect(links).toHaveLength(2);
      expect(links).toContain(unsubscribe!.slice(1, -1));
      // No personal data in a URL: no address, no account or contact id, in the link or its payload.
      for (const link of links) {
        const payload = Buffer.from(link.split('/').at(-1)!.split('.')[1]!, 'base64url').toString('utf8');
        for (const secret of [invitation.email, invitation.accountId, invitation.contactId]) expect(`${link} ${payload}`).not.toContain(secret);
      }
      expect(mail.body.html).toContain(`href="${unsubscribe!.slice(1, -1)}"`);
    }
  });

  it('fired again, the opening changes nothing: still one invitation and one mail per contact', async () => {
    const again = await stack.runSchedule('surveys-open-wave', new Date('2027-01-12T02:00:00Z'));
    expect(again.result).toMatchObject({ waveKey: '2027-Q1', outcome: 'already-open', invited: 0 });
    expect(await invitations('2027-Q1')).toHaveLength(invited.length);
    const after = await expectDeliveredOnceOrInFlight('survey-invitation', isInvitation);
    expect(after.records).toHaveLength(invited.length);
  });

  it('suppresses on a permanent bounce from SES and on a one-click unsubscribe, not on a transient bounce', async () => {
    const [bounced, unsubscribing, transient] = cast;
    const events = new EventBridgeClient({ endpoint: stack.httpUrl, region: localRegion, credentials: localCredentials });
    const bounce = (email: string, bounceType: string) => ({
      EventBusName: 'default',
      Source: sesEventSource,
      DetailType: sesDetailTypes.bounce,
      Time: new Date('2027-01-12T02:05:00Z'),
      Detail: JSON.stringify({
        eventType: 'Bounce',
        bounce: { bounceType, bouncedRecipients: [{ emailAddress: email.toUpperCase() }], timestamp: '2027-01-12T02:05:00.000Z' },
        mail: { messageId: 'm', destination: [email] },
      }),
    });
    const put = await events.send(new PutEventsCommand({ Entries: [bounce(bounced!.email, 'Permanent'), bounce(transient!.email, 'Transient')] }));
    expect(put.FailedEntryCount).toBe(0);
    events.destroy();
    await stack.settle();
    const store = new DynamoSurveyStore(documents, stack.tableName);
    expect(await store.get(emailHash(bounced!.email))).toMatchObject({ reason: 'bounce' });
    expect(await store.get(emailHash(transient!.email))).toBeUndefined();

    const record = (await queued('survey-invitation')).find((r) => r.to === unsubscribing!.email)!;
    const url = String(record.headers['List-Unsubscribe']).slice(1, -1);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');
    expect(await store.get(emailHash(unsubscribing!.email))).toBeUndefined();
    for (let click = 0; click < 2; click++) {
      const oneClick = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      expect(oneClick.status).toBe(200);
    }
    expect(await store.get(emailHash(unsubscribing!.email))).toMatchObject({ reason: 'unsubscribe' });
    const tampered = await fetch(`${url.slice(0, -2)}xx`, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    // The /s endpoint refuses a forged signature with 403 before it knows what the link was for.
    expect(tampered.status).toBe(403);

    // The sender enforces it for every workflow's mail: one to the bounced address is parked, not sent.
    const before = (await mails()).length;
    await new DynamoMailOutbox(documents, stack.tableName).enqueue(
      [{ mailId: mailIdOf(`test/after-bounce/${bounced!.email}`), kind: 'status-digest', to: bounced!.email, subject: 'after the bounce', html: '<p>x</p>', text: 'x' }],
      new Date().toISOString(),
    );
    await stack.settle();
    expect((await mails()).length).toBe(before);
    const parked = await documents.send(new GetCommand({ TableName: stack.tableName, Key: outboxKey(mailIdOf(`test/after-bounce/${bounced!.email}`)) }));
    expect(parked.Item).toMatchObject({ state: 'parked' });

    const states = Object.fromEntries((await invitations('2027-Q1')).map((i) => [i.invitationId, i.state]));
    expect([states[bounced!.invitationId], states[unsubscribing!.invitationId], states[transient!.invitationId]]).toEqual(['bounced', 'unsubscribed', 'invited']);
  });

  it('reminds on days 7 and 14 only those who have not answered, unsubscribed or bounced and have no open case, then closes the wave', async () => {
    const [bounced, unsubscribing, , answering, withCase] = cast;
    // The answer endpoint is another part of the workflow; its effect on the invitation is this state.
    await documents.send(
      new UpdateCommand({ TableName: stack.tableName, Key: keys.invitation('2027-Q1', answering!.accountId, answering!.contactId), UpdateExpression: 'SET #s = :a', ExpressionAttributeNames: { '#s': 'state' }, ExpressionAttributeValues: { ':a': 'answered' } }),
    );
    await documents.send(new PutCommand({ TableName: stack.tableName, Item: { ...keys.surveyCase(withCase!.accountId, '2027-Q1', 'case-1'), state: 'open' } }));
    const excluded = new Set([bounced, unsubscribing, answering].map((i) => i!.email));
    const blockedByCase = invited.filter((i) => i.accountId === withCase!.accountId).map((i) => i.email);
    const waiting = invited.map((i) => i.email).filter((e) => !excluded.has(e) && !blockedByCase.includes(e)).sort();
    expect(waiting.length).toBeGreaterThan(5);

    const runs = await simulateSurveys('2027-01-13', '2027-02-02');
    expect(runs.flatMap((r) => r.invocations.filter((i) => i.error).map((i) => i.error))).toEqual([]);
    const { records, inSes: reminded } = await expectDeliveredOnceOrInFlight('survey-reminder', isReminder);
    expect(records.map((r) => r.to).sort()).toEqual([...waiting, ...waiting].sort());
    for (const mail of reminded) expect(waiting).toContain(mail.destination.to[0]);
    for (const mail of reminded) expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const byEmail = new Map((await invitations('2027-Q1')).map((i) => [i.email, i]));
    for (const email of waiting) expect(byEmail.get(email)!.remindersSent).toEqual([7, 14]);

    // The reminder day run again sends nothing more.
    await stack.runSchedule('surveys-daily', new Date('2027-01-19T03:00:00Z'));
    expect(await queued('survey-reminder')).toHaveLength(records.length);
    expect((await new DynamoSurveyStore(documents, stack.tableName).getWave('2027-Q1'))?.state).toBe('closed');

    const [row] = await new DynamoSurveyReport(documents, stack.tableName).report(['2027-Q1'], '2027-02-02');
    const invitationMailsSent = (await queued('survey-invitation')).filter((r) => r.state === 'sent').length;
    expect(invitationMailsSent).toBeGreaterThan(0);
    expect(row).toMatchObject({ invited: invited.length, sent: invitationMailsSent, bounced: 1, unsubscribed: 1, answered: 1, suppressed: 0 });
    expect(row!.responseRate).toBeCloseTo(1 / (invited.length - 1));
  });

  it('next quarter invites again, but not a suppressed address nor a client with an open case', async () => {
    const [bounced, unsubscribing, , , withCase] = cast;
    await simulateSurveys('2027-04-01', '2027-04-13');
    const next = await invitations('2027-Q2');
    const emails = new Set(next.map((i) => i.email));
    expect(emails.has(bounced!.email)).toBe(false);
    expect(emails.has(unsubscribing!.email)).toBe(false);
    expect(next.some((i) => i.accountId === withCase!.accountId)).toBe(false);
    expect(next.length).toBeGreaterThan(5);
    const wave = await new DynamoSurveyStore(documents, stack.tableName).getWave('2027-Q2');
    expect(wave?.skipped).toMatchObject({ suppressed: 2, 'open-case': invited.filter((i) => i.accountId === withCase!.accountId).length });
  });
});
