import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../infra/local/local-stack.ts';
import { keys } from '../../shared/adapters/dynamodb/keys.ts';
import { outboxKey } from '../../shared/adapters/dynamodb/outbox-items.ts';
import { queryPrefix } from '../../shared/adapters/dynamodb/query-all.ts';
import { HmacTokenSigner } from '../../shared/adapters/crypto/hmac-token-signer.ts';
import { parseKeyring } from '../../shared/domain/links/keyring.ts';
import { signSurveyLink, linkExpiry } from '../../shared/domain/surveys/survey-link.ts';
import { signCaseLink } from '../../shared/domain/surveys/case-link.ts';
import { localDateOf } from '../../shared/domain/local-date.ts';
import { addDays } from '../../shared/domain/calendar-date.ts';
import type { Invitation } from '../../shared/domain/surveys/invitation.ts';
import type { SurveyCase } from '../../shared/domain/surveys/survey-case.ts';
import { mailIdOf } from '../../shared/adapters/crypto/digests.ts';
import { envNames } from '../../shared/schemas/environment.ts';
import { programmeA } from '../fixtures/accounts.ts';
import { demoCsv, demoStack, type SentMail } from './demo-stack.ts';

const config = { ...programmeA, statusReview: { ...programmeA.statusReview, segments: 2 } };
const attributes = config.surveys.questions.csi.attributes.map((a) => a.id);
let stack: LocalStack;
let documents: DynamoDBDocumentClient;
let sentMails: () => Promise<SentMail[]>;
let keyring: HmacTokenSigner;
let invitations: Invitation[];
let waveKey: string;
const published: Array<{ DetailType?: string; Detail?: string }> = [];
// Handed out one per test, so no two tests answer the same invitation.
let nextInvitation = 0;
const takeInvitation = () => invitations[nextInvitation++]!;

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const content = (overrides: Record<string, string> = {}) => ({ nps: '9', ces: '6', ...Object.fromEntries(attributes.map((a) => [`csi_${a}`, '8'])), may_contact: 'no', ...overrides });
const tokenOf = (inv: Invitation, act: 'answer' | 'unsubscribe' = 'answer') => signSurveyLink({ inv: inv.invitationId, act, exp: linkExpiry(inv.closesAt) }, keyring);
const get = (token: string) => fetch(`${stack.httpUrl}/s/${token}`);
const post = (token: string, fields: Record<string, string>) =>
  fetch(`${stack.httpUrl}/s/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form(fields) });

async function item(key: { pk: string; sk: string }) {
  return (await documents.send(new GetCommand({ TableName: stack.tableName, Key: key, ConsistentRead: true }))).Item;
}
const invitationItem = (inv: Invitation) => item(keys.invitation(inv.waveKey, inv.accountId, inv.contactId));
const answerItem = (inv: Invitation) => item(keys.surveyAnswer(inv.waveKey, inv.invitationId));
const caseItem = (inv: Invitation) => item(keys.surveyCase(inv.accountId, inv.waveKey, inv.invitationId));
const outboxOf = (businessKey: string) => item(outboxKey(mailIdOf(businessKey)));
const answerEvents = (inv: Invitation) => published.filter((e) => e.DetailType === 'SurveyAnswerRecorded' && JSON.parse(e.Detail ?? '{}').invitationId === inv.invitationId);
/** 09:00 on a local day in Irkutsk, as the daily case schedule fires. */
const nineAm = (day: string) => new Date(`${day}T09:00:00+08:00`);

beforeAll(async () => {
  // Relative to today, so the wave is open by the wall clock the answer endpoint reads.
  const now = new Date();
  const today = localDateOf(now, config.timeZone);
  ({ stack, documents, sentMails } = await demoStack(config, await demoCsv(40, 7, today)));
  await stack.runSchedule('status-review-yearly', now);
  const opened = await stack.runSchedule('surveys-open-wave', now);
  waveKey = (opened.result as { waveKey: string }).waveKey;
  keyring = new HmacTokenSigner(parseKeyring(process.env[envNames.linkSecret]!));
  invitations = (await queryPrefix(documents, stack.tableName, `WAVE#${waveKey}`, 'INVITE#')) as unknown as Invitation[];
  expect(invitations.length).toBeGreaterThanOrEqual(10);
  const original = stack.bus.putEvents.bind(stack.bus);
  stack.bus.putEvents = async (entries) => {
    published.push(...entries);
    return original(entries);
  };
}, 900_000);
afterAll(async () => {
  documents?.destroy();
  await stack?.stop();
});

describe('answering a survey over the local HTTP server', () => {
  it('shows the form in the contact\'s language', async () => {
    const inv = invitations[0]!;
    const response = await get(tokenOf(inv));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain(`<html lang="${inv.language}"`);
    expect(html).toContain(config.surveys.questions.nps.text[inv.language]);
    expect(html).toContain('name="viewport"');
  });

  it('refuses every bad input with the form again and stores nothing', async () => {
    const inv = takeInvitation();
    const token = tokenOf(inv);
    const bad: Array<Record<string, string>> = [
      content({ nps: '11' }),
      content({ nps: '-1' }),
      content({ ces: '7.5' }),
      content({ [`csi_${attributes[0]}`]: 'abc' }),
      (({ nps: _n, ...rest }) => rest)(content()),
      content({ 'csi_free-champagne': '10' }),
      content({ comment: 'x'.repeat(2001) }),
    ];
    for (const fields of bad) {
      const response = await post(token, fields);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('<form method="post">');
    }
    expect(await answerItem(inv)).toBeUndefined();
    expect((await invitationItem(inv))?.state).toBe('invited');
    expect(answerEvents(inv)).toHaveLength(0);
  });

  it('stores one answer per invitation, apart from the identity, with the comment as text, and publishes it once', async () => {
    const inv = takeInvitation();
    const token = tokenOf(inv);
    const comment = '<script>alert("x")</script> & thanks';
    const response = await post(token, content({ comment }));
    expect(response.status).toBe(200);
    const answer = await answerItem(inv);
    expect(answer).toMatchObject({ invitationId: inv.invitationId, nps: 9, ces: 6, comment, mayContact: false, segment: inv.segment });
    expect(answer).toHaveProperty('eventPublishedAt');
    const stored = JSON.stringify(answer);
    expect(stored).not.toContain(inv.email);
    expect(stored).not.toContain(inv.contactId);
    expect(answer).not.toHaveProperty('accountId');
    expect((await invitationItem(inv))?.state).toBe('answered');

    // A second post, a reload of the link: refused, nothing changes, no second event.
    const again = await post(token, content({ nps: '0' }));
    expect(again.status).toBe(409);
    expect((await get(token)).status).toBe(409);
    expect((await answerItem(inv))?.nps).toBe(9);
    await stack.bus.drain();
    const events = answerEvents(inv);
    expect(events).toHaveLength(1);
    const detail = JSON.parse(events[0]!.Detail!);
    expect(detail).toMatchObject({ waveKey, invitationId: inv.invitationId, nps: 9, ces: 6, segment: inv.segment });
    expect(JSON.stringify(detail)).not.toMatch(/script|@/);
    // A content client opens no case.
    expect(await caseItem(inv)).toBeUndefined();
  });

  it('refuses a tampered, expired or mangled link, storing nothing', async () => {
    const inv = takeInvitation();
    const token = tokenOf(inv);
    const [kid, payload, mac] = token.split('.') as [string, string, string];
    const tampered = `${kid}.${payload}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    const forged = await post(tampered, content());
    expect(forged.status).toBe(403);
    const page = await forged.text();
    expect(page).toContain('This link is not valid');
    expect(page).toContain('Ссылка недействительна');
    const expired = signSurveyLink({ inv: inv.invitationId, act: 'answer', exp: Math.floor(Date.now() / 1000) - 60 }, keyring);
    expect((await post(expired, content())).status).toBe(410);
    const mangled = await fetch(`${stack.httpUrl}/s/%E0%A4%A`);
    expect(mangled.status).toBe(400);
    expect(await mangled.text()).toContain('This link is not valid');
    expect(await answerItem(inv)).toBeUndefined();
    expect((await invitationItem(inv))?.state).toBe('invited');
  });

  it('offers unsubscribing through the same endpoint, GET confirming only', async () => {
    const inv = takeInvitation();
    const token = tokenOf(inv, 'unsubscribe');
    expect((await get(token)).status).toBe(200);
    expect((await invitationItem(inv))?.state).toBe('invited');
    expect((await fetch(`${stack.httpUrl}/s/${token}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
    expect((await invitationItem(inv))?.state).toBe('unsubscribed');
    // An unsubscribed invitee's answer link no longer takes an answer.
    expect((await post(tokenOf(inv), content())).status).toBe(409);
    expect(await answerItem(inv)).toBeUndefined();
  });
});

describe('closed loop', () => {
  let withConsent: Invitation;
  let withoutConsent: Invitation;
  let withConsentCase: SurveyCase;

  beforeAll(async () => {
    withConsent = takeInvitation();
    withoutConsent = takeInvitation();
    expect((await post(tokenOf(withConsent), content({ nps: '2', comment: '<b>Call me</b>', may_contact: 'yes' }))).status).toBe(200);
    expect((await post(tokenOf(withoutConsent), content({ ces: '2', comment: 'private words' }))).status).toBe(200);
    withConsentCase = (await caseItem(withConsent)) as unknown as SurveyCase;
  });

  it('opens a case for the manager with who answered, only with consent', async () => {
    expect(withConsentCase).toMatchObject({ state: 'open', accountId: withConsent.accountId, mayContact: true, reasons: [{ kind: 'nps', score: 2 }] });
    expect(withConsentCase.contact).toMatchObject({ contactId: withConsent.contactId, email: withConsent.email, comment: '<b>Call me</b>' });
    const mail = await outboxOf(`case-opened/${waveKey}/${withConsent.invitationId}`);
    expect(mail).toMatchObject({ kind: 'case-opened' });
    const manager = await item(keys.manager(withConsentCase.managerId));
    expect(mail?.to).toBe(manager?.email);
    expect(mail?.text).toContain(withConsent.email);
    expect(mail?.html).toContain('&lt;b&gt;Call me&lt;/b&gt;');
    // The outbox sender delivers it to the SES emulator, once.
    await stack.settle();
    const delivered = (await sentMails()).filter((m) => m.subject === mail?.subject);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.destination.to).toEqual([manager?.email]);

    const anonymous = (await caseItem(withoutConsent)) as unknown as SurveyCase;
    expect(anonymous).toMatchObject({ state: 'open', mayContact: false, reasons: [{ kind: 'ces', score: 2 }] });
    expect(anonymous).not.toHaveProperty('contact');
    const anonymousMail = await outboxOf(`case-opened/${waveKey}/${withoutConsent.invitationId}`);
    expect(anonymousMail?.text).toContain(withoutConsent.accountId);
    expect(`${anonymousMail?.text}${anonymousMail?.html}`).not.toContain(withoutConsent.email);
    expect(`${anonymousMail?.text}${anonymousMail?.html}`).not.toContain('private words');
  });

  it('reminds on the reminder day and escalates once the SLA has passed, each once, unless contacted', async () => {
    const { remindOn, dueOn, escalateOn } = withConsentCase.dates;
    const run = async (day: string) => (await stack.runSchedule('survey-cases-daily', nineAm(day))).result as { reminders: number; escalations: number };
    expect(await run(addDays(remindOn, -1))).toMatchObject({ reminders: 0, escalations: 0 });
    expect(await run(remindOn)).toMatchObject({ reminders: 2, escalations: 0 });
    expect(await run(remindOn)).toMatchObject({ reminders: 0, escalations: 0 });

    // The manager of the consenting client calls in time; the other case runs past its SLA.
    const contacted = signCaseLink({ inv: withConsent.invitationId, act: 'case-contacted', exp: Math.floor(Date.now() / 1000) + 86_400 }, keyring);
    expect((await get(contacted)).status).toBe(200);
    expect((await post(contacted, { note: 'Called, <i>sorted</i> the bill' })).status).toBe(200);
    expect((await post(contacted, { note: 'again' })).status).toBe(409);
    expect(await caseItem(withConsent)).toMatchObject({ state: 'contacted', contactNote: 'Called, <i>sorted</i> the bill' });

    expect(await run(dueOn)).toMatchObject({ reminders: 0, escalations: 0 });
    expect(await run(escalateOn)).toMatchObject({ reminders: 0, escalations: 1 });
    expect(await run(addDays(escalateOn, 1))).toMatchObject({ reminders: 0, escalations: 0 });

    expect(await outboxOf(`case-reminder/${waveKey}/${withConsent.invitationId}`)).toMatchObject({ kind: 'case-reminder' });
    expect(await outboxOf(`case-escalation/${waveKey}/${withConsent.invitationId}`)).toBeUndefined();
    const escalation = await outboxOf(`case-escalation/${waveKey}/${withoutConsent.invitationId}`);
    expect(escalation).toMatchObject({ kind: 'case-escalation', to: process.env[envNames.leadershipAddress] });
    expect(await caseItem(withoutConsent)).toMatchObject({ state: 'open', reminded: true, escalated: true });
    await stack.settle();
    const mails = await sentMails();
    expect(mails.filter((m) => m.subject === escalation?.subject && m.destination.to[0] === process.env[envNames.leadershipAddress])).toHaveLength(1);
    const reminder = await outboxOf(`case-reminder/${waveKey}/${withoutConsent.invitationId}`);
    expect(mails.filter((m) => m.subject === reminder?.subject)).toHaveLength(1);

    const resolved = signCaseLink({ inv: withConsent.invitationId, act: 'case-resolved', exp: Math.floor(Date.now() / 1000) + 86_400 }, keyring);
    expect((await post(resolved, { note: 'Refund agreed' })).status).toBe(200);
    expect((await post(resolved, {})).status).toBe(409);
    expect(await caseItem(withConsent)).toMatchObject({ state: 'resolved', resolutionNote: 'Refund agreed' });
  });
});

describe('scores', () => {
  it('counts every answer posted over HTTP once in the wave\'s counters, also when its event is delivered twice', async () => {
    await stack.bus.drain();
    const stored = (await queryPrefix(documents, stack.tableName, `WAVE#${waveKey}#ANSWERS`, 'ANSWER#')) as unknown as Array<{ nps: number; segment: { tier: string } }>;
    // This file's posts that were accepted: one content client and the two closed-loop answers.
    expect(stored).toHaveLength(3);
    const all = () => item(keys.scoreSegment(waveKey, 'all#all'));
    const counted = await all();
    expect(counted).toMatchObject({
      n: 3,
      promoters: stored.filter((a) => a.nps >= 9).length,
      passives: 0,
      detractors: stored.filter((a) => a.nps <= 6).length,
      casesOpened: 2,
    });
    const tier = stored[0]!.segment.tier;
    expect((await item(keys.scoreSegment(waveKey, `tier#${tier}`)))?.n).toBe(stored.filter((a) => a.segment.tier === tier).length);

    // Every answer event delivered a second time: the per-answer markers keep the counters as they were.
    const recorded = published.filter((e) => e.DetailType === 'SurveyAnswerRecorded');
    expect(recorded).toHaveLength(3);
    await stack.bus.putEvents(recorded);
    await stack.bus.drain();
    expect(await all()).toEqual(counted);
  });
});

describe('a closed wave', () => {
  it('takes no more answers', async () => {
    const inv = takeInvitation();
    const wave = await item(keys.surveyWave(waveKey));
    await stack.runSchedule('surveys-daily', new Date(Date.parse(String(wave?.closesAt)) + 60_000));
    expect((await item(keys.surveyWave(waveKey)))?.state).toBe('closed');
    const response = await post(tokenOf(inv), content());
    expect(response.status).toBe(410);
    expect(await answerItem(inv)).toBeUndefined();
  });
});
