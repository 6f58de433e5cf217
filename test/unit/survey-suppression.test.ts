import { describe, it, expect } from 'vitest';
import { emailHash, mailIdOf } from '../../shared/adapters/crypto/digests.ts';
import { HmacTokenSigner } from '../../shared/adapters/crypto/hmac-token-signer.ts';
import { randomRef as newInvitationId } from '../../shared/adapters/crypto/random-ids.ts';
import { parseKeyring } from '../../shared/domain/links/keyring.ts';
import type { Invitation } from '../../shared/domain/surveys/invitation.ts';
import { signSurveyLink } from '../../shared/domain/surveys/survey-link.ts';
import { unsubscribe, unsubscribeRequest } from '../../shared/use-cases/surveys/unsubscribe.ts';
import { recordMailFeedback } from '../../shared/use-cases/surveys/mail-feedback.ts';
import { InvalidAddressError, liftSuppression, suppressByOperator } from '../../shared/use-cases/surveys/operator-suppression.ts';
import { surveyOutboxMail, unsubscribeLinkDays } from '../../shared/use-cases/surveys/survey-outbox-mail.ts';
import { InMemorySuppressions } from '../fakes/survey-suppressions.ts';

const signer = new HmacTokenSigner(parseKeyring('unit-test-secret-0123456789abcdef-01'));
const tokens = { signer: async () => signer };
const now = new Date('2027-01-20T05:00:00Z');
const closesAt = '2027-02-01T16:00:00.000Z';

function invitation(overrides: Partial<Invitation> = {}): Invitation {
  return {
    invitationId: newInvitationId(),
    waveKey: '2027-Q1',
    accountId: 'A1',
    contactId: 'C1',
    role: 'client',
    language: 'en',
    email: 'Client@Example.com',
    state: 'invited',
    invitedAt: '2027-01-12T02:00:00.000Z',
    remindersSent: [],
    closesAt,
    segment: { tier: 'profitable', city: 'Irkutsk', managerId: 'M1', customerType: 'business' },
    ...overrides,
  };
}

function setup(inv = invitation()) {
  const store = new InMemorySuppressions();
  store.addInvitation(inv);
  const ports = { lookup: store, suppressions: store, tokens, emailHash, now: () => now };
  const token = signSurveyLink({ inv: inv.invitationId, act: 'unsubscribe', exp: Math.floor(Date.parse(closesAt) / 1000) + unsubscribeLinkDays * 86_400 }, signer);
  return { store, ports, token, inv };
}

describe('unsubscribing from a survey link', () => {
  it('suppresses the address and marks the invitation; a second click changes nothing', async () => {
    const { store, ports, token, inv } = setup();
    expect(await unsubscribe(token, ports)).toEqual({ outcome: 'unsubscribed', language: 'en' });
    expect(store.suppressions.get(emailHash('client@example.com'))).toMatchObject({ reason: 'unsubscribe', email: 'Client@Example.com' });
    expect((await store.invitationById(inv.invitationId))?.state).toBe('unsubscribed');
    expect(await unsubscribe(token, ports)).toEqual({ outcome: 'already-unsubscribed', language: 'en' });
    expect(store.suppressions.size).toBe(1);
  });

  it('keeps an answer: an answered invitation stays answered, the address is still suppressed', async () => {
    const { store, ports, token, inv } = setup(invitation({ state: 'answered' }));
    expect(await unsubscribe(token, ports)).toMatchObject({ outcome: 'unsubscribed' });
    expect((await store.invitationById(inv.invitationId))?.state).toBe('answered');
  });

  it('works after the wave has closed (the link outlives it by a year), and not after that', async () => {
    const { ports, token } = setup();
    expect(await unsubscribe(token, { ...ports, now: () => new Date('2027-06-01T00:00:00Z') })).toMatchObject({ outcome: 'unsubscribed' });
    const late = setup();
    expect(await unsubscribe(late.token, { ...late.ports, now: () => new Date('2028-03-01T00:00:00Z') })).toEqual({ outcome: 'invalid', reason: 'expired' });
  });

  it('refuses an answer link, a forged token and an unknown invitation, storing nothing', async () => {
    const { store, ports, inv } = setup();
    const answer = signSurveyLink({ inv: inv.invitationId, act: 'answer', exp: Math.floor(Date.parse(closesAt) / 1000) }, signer);
    expect(await unsubscribe(answer, ports)).toEqual({ outcome: 'invalid', reason: 'not-an-unsubscribe-link' });
    const forged = signSurveyLink({ inv: inv.invitationId, act: 'unsubscribe', exp: 2_000_000_000 }, new HmacTokenSigner(parseKeyring('another-secret-0123456789abcdef-0123')));
    expect(await unsubscribe(forged, ports)).toEqual({ outcome: 'invalid', reason: 'forged' });
    const unknown = signSurveyLink({ inv: newInvitationId(), act: 'unsubscribe', exp: 2_000_000_000 }, signer);
    expect(await unsubscribe(unknown, ports)).toEqual({ outcome: 'invalid', reason: 'unknown-invitation' });
    expect(store.suppressions.size).toBe(0);
  });

  it('a GET shows a confirmation in the contact\'s language and changes nothing; a POST unsubscribes', async () => {
    const { store, ports, token } = setup(invitation({ language: 'ru' }));
    const page = await unsubscribeRequest({ method: 'GET', token }, ports);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<form method="post">');
    expect(page.html).toContain('Отписаться');
    expect(store.suppressions.size).toBe(0);
    const done = await unsubscribeRequest({ method: 'POST', token }, ports);
    expect(done.status).toBe(200);
    expect(done.html).toContain('Вы отписаны');
    expect(store.suppressions.size).toBe(1);
    expect((await unsubscribeRequest({ method: 'POST', token: `${token}x` }, ports)).status).toBe(400);
  });
});

describe('SES feedback', () => {
  it('a permanent bounce suppresses the address (case-insensitively) and marks this and last quarter\'s invitations', async () => {
    const store = new InMemorySuppressions();
    store.addInvitation(invitation({ waveKey: '2026-Q4', contactId: 'C1' }));
    store.addInvitation(invitation({ waveKey: '2027-Q1', contactId: 'C1' }));
    const result = await recordMailFeedback({ kind: 'bounce', bounceType: 'Permanent', recipients: ['CLIENT@example.com'], at: now }, { store, emailHash, timeZone: 'Asia/Irkutsk' });
    expect(result).toEqual({ outcome: 'suppressed', suppressed: 1, alreadySuppressed: 0, invitationsMarked: 2 });
    expect([...store.invitations.values()].map((i) => i.state)).toEqual(['bounced', 'bounced']);
    const again = await recordMailFeedback({ kind: 'complaint', recipients: ['client@example.com'], at: now }, { store, emailHash, timeZone: 'Asia/Irkutsk' });
    expect(again).toEqual({ outcome: 'suppressed', suppressed: 0, alreadySuppressed: 1, invitationsMarked: 0 });
    expect(store.suppressions.get(emailHash('client@example.com'))?.reason).toBe('bounce');
  });

  it('a transient bounce is not a suppression', async () => {
    const store = new InMemorySuppressions();
    store.addInvitation(invitation());
    for (const bounceType of ['Transient', 'Undetermined'])
      expect(await recordMailFeedback({ kind: 'bounce', bounceType, recipients: ['client@example.com'], at: now }, { store, emailHash, timeZone: 'Asia/Irkutsk' })).toMatchObject({ outcome: 'ignored-transient' });
    expect(store.suppressions.size).toBe(0);
    expect([...store.invitations.values()][0]?.state).toBe('invited');
  });
});

describe('operator suppression', () => {
  it('adds, reports an existing one, and removes; a bad address is refused before anything is stored', async () => {
    const store = new InMemorySuppressions();
    expect((await suppressByOperator(' Someone@Example.com ', store, emailHash, now)).added).toBe(true);
    expect(await suppressByOperator('someone@example.com', store, emailHash, now)).toMatchObject({ added: false, suppression: { reason: 'operator' } });
    await expect(suppressByOperator('not-an-address', store, emailHash, now)).rejects.toThrow(new InvalidAddressError('expected an e-mail address such as name@example.com, got "not-an-address"'));
    expect(store.suppressions.size).toBe(1);
    expect(await liftSuppression('SOMEONE@example.com', store, emailHash)).toBe(true);
    expect(await liftSuppression('someone@example.com', store, emailHash)).toBe(false);
  });
});

describe('survey mails', () => {
  const settings = { signer, mailIdOf, linkBaseUrl: 'https://abc.lambda-url.eu-central-1.on.aws/s', programmeName: 'VIP <programme>', lastDay: '2027-02-01' };

  it('have deterministic ids per invitation and reminder day, RFC 8058 headers, and links without personal data', () => {
    const inv = invitation({ language: 'ru' });
    const mail = surveyOutboxMail(inv, 'invitation', settings);
    expect(surveyOutboxMail({ ...inv, invitationId: newInvitationId() }, 'invitation', settings).mailId).toBe(mail.mailId);
    expect(surveyOutboxMail(inv, 'reminder', settings, 7).mailId).not.toBe(surveyOutboxMail(inv, 'reminder', settings, 14).mailId);
    expect(mail.headers).toEqual({ 'List-Unsubscribe': expect.stringMatching(/^<https:\/\/abc\.lambda-url\.eu-central-1\.on\.aws\/s\/k1\.[\w-]+\.[\w-]+>$/), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(mail.subject).toBe('Как мы работаем? Короткий опрос');
    expect(mail.text).toContain('Опрос открыт до 1 февраля 2027 включительно.');
    expect(mail.html).toContain('VIP &lt;programme&gt;');
    expect(mail.html).not.toContain('VIP <programme>');
    const urls = [...mail.text.matchAll(/https:\/\/\S+/g)].map((m) => m[0]);
    expect(urls).toHaveLength(2);
    const payloads = urls.map((url) => {
      expect(url.toLowerCase()).not.toContain('example.com');
      const payload = JSON.parse(Buffer.from(url.split('/').at(-1)!.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
      expect(Object.keys(payload).sort()).toEqual(['act', 'exp', 'inv']);
      expect(payload.inv).toBe(inv.invitationId);
      return { act: payload.act, exp: payload.exp, url };
    });
    // The answer link expires when the wave closes; the unsubscribe link a year later (RFC 8058).
    const closes = Date.parse(closesAt) / 1000;
    expect(payloads.find((p) => p.act === 'answer')?.exp).toBe(closes);
    expect(payloads.find((p) => p.act === 'unsubscribe')?.exp).toBe(closes + 365 * 86_400);
    expect(mail.headers?.['List-Unsubscribe']).toBe(`<${payloads.find((p) => p.act === 'unsubscribe')?.url}>`);
  });

  it('refuses to build a mail without a link base URL', () => {
    expect(() => surveyOutboxMail(invitation(), 'invitation', { ...settings, linkBaseUrl: '' })).toThrow(/SURVEY_LINK_BASE_URL/);
  });
});
