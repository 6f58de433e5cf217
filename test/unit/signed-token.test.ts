import { describe, it, expect } from 'vitest';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { parseKeyring, InvalidKeyringError, type Keyring } from '../../shared/domain/links/keyring.ts';
import { signSurveyLink, verifySurveyLink, type SurveyLinkClaims } from '../../shared/domain/surveys/survey-link.ts';
import { HmacTokenSigner } from '../../shared/adapters/crypto/hmac-token-signer.ts';
import { randomRef as newInvitationId } from '../../shared/adapters/crypto/random-ids.ts';

const k1 = 'first-secret-0123456789abcdef-0123';
const k2 = 'second-secret-0123456789abcdef-012';
const ringK1: Keyring = { current: 'k1', keys: { k1 } };
const rotated: Keyring = { current: 'k2', keys: { k1, k2 } };
const onlyK2: Keyring = { current: 'k2', keys: { k2 } };
const hmac = (keyring: Keyring) => new HmacTokenSigner(keyring);

const now = new Date('2027-01-12T03:00:00Z');
const nowSeconds = Math.floor(now.getTime() / 1000);
const claims: SurveyLinkClaims = { inv: newInvitationId(), act: 'answer', exp: nowSeconds + 21 * 86_400 };
const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const signedRaw = (kid: string, payload: string, secret: string): string =>
  `${kid}.${payload}.${createHmac('sha256', secret).update(`${kid}.${payload}`).digest('base64url')}`;

describe('survey links', () => {
  it('is key id, payload and signature, and verifies with the key it names', () => {
    const token = signSurveyLink(claims, hmac(ringK1));
    expect(token).toMatch(/^k1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifySurveyLink(token, hmac(ringK1), now)).toEqual({ ok: true, claims });
  });

  it('keeps links in flight working through a rotation, until the old key is removed', () => {
    const before = signSurveyLink(claims, hmac(ringK1));
    const after = signSurveyLink(claims, hmac(rotated));
    expect(after.startsWith('k2.')).toBe(true);
    expect(verifySurveyLink(before, hmac(rotated), now)).toEqual({ ok: true, claims });
    expect(verifySurveyLink(after, hmac(rotated), now)).toEqual({ ok: true, claims });
    expect(verifySurveyLink(before, hmac(onlyK2), now)).toEqual({ ok: false, reason: 'unknown-key' });
    expect(verifySurveyLink(after, hmac(onlyK2), now)).toEqual({ ok: true, claims });
  });

  it('calls a token whose key id was swapped forged: the key id is signed too', () => {
    const token = signSurveyLink(claims, hmac({ current: 'k1', keys: { k1 } }));
    const swapped = token.replace(/^k1\./, 'k2.');
    expect(verifySurveyLink(swapped, hmac({ current: 'k2', keys: { k1, k2: k1 } }), now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('calls a changed payload forged, and a token signed with another secret forged', () => {
    const [kid, , signature] = signSurveyLink(claims, hmac(ringK1)).split('.');
    for (const changed of [{ ...claims, act: 'unsubscribe' }, { ...claims, exp: claims.exp + 86_400 }, { ...claims, inv: newInvitationId() }])
      expect(verifySurveyLink(`${kid}.${encode(changed)}.${signature}`, hmac(ringK1), now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifySurveyLink(signSurveyLink(claims, hmac({ current: 'k1', keys: { k1: k2 } })), hmac(ringK1), now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('expires at the wave close, to the second', () => {
    const closing = signSurveyLink({ ...claims, exp: nowSeconds }, hmac(ringK1));
    expect(verifySurveyLink(closing, hmac(ringK1), now)).toMatchObject({ ok: true });
    expect(verifySurveyLink(closing, hmac(ringK1), new Date(now.getTime() + 1000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('calls garbage and correctly signed payloads of the wrong shape malformed', () => {
    for (const garbage of ['', 'abc', 'a.b', 'k1..x', 'k1.a.b.c', 'k1.a b.c', '..'])
      expect(verifySurveyLink(garbage, hmac(ringK1), now)).toEqual({ ok: false, reason: 'malformed' });
    for (const payload of [
      encode({ inv: claims.inv, act: 'delete', exp: claims.exp }),
      encode({ inv: 'short', act: 'answer', exp: claims.exp }),
      encode({ inv: claims.inv, act: 'answer' }),
      encode({ ...claims, email: 'ivan@example.com' }),
      Buffer.from('not json').toString('base64url'),
    ])
      expect(verifySurveyLink(signedRaw('k1', payload, k1), hmac(ringK1), now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('carries no personal data: only the opaque invitation id, the action and the expiry', () => {
    const payload = JSON.parse(Buffer.from(signSurveyLink({ ...claims, email: 'ivan@example.com' } as SurveyLinkClaims, hmac(ringK1)).split('.')[1]!, 'base64url').toString('utf8')) as object;
    expect(Object.keys(payload).sort()).toEqual(['act', 'exp', 'inv']);
  });

  it('makes invitation ids of 128 random bits, unrelated to each other', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newInvitationId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('link keyrings', () => {
  it('reads a plain secret as a one-key ring and a JSON keyring as is', () => {
    expect(parseKeyring(k1)).toEqual({ current: 'k1', keys: { k1 } });
    expect(parseKeyring(JSON.stringify(rotated))).toEqual(rotated);
  });

  it('refuses a short secret, bad JSON, a current key that is not in the ring and a short key, naming what is wrong', () => {
    expect(() => parseKeyring('short')).toThrow(new InvalidKeyringError('the link secret must be at least 32 characters'));
    expect(() => parseKeyring('{"current":')).toThrow(/not valid JSON/);
    expect(() => parseKeyring(JSON.stringify({ current: 'k3', keys: { k1 } }))).toThrow(/current: the current key id must be one of the keys/);
    expect(() => parseKeyring(JSON.stringify({ current: 'k1', keys: { k1: 'short' } }))).toThrow(/keys\.k1: a secret of at least 32 characters/);
    expect(() => parseKeyring(JSON.stringify({ current: 'k.1', keys: { 'k.1': k1 } }))).toThrow(/current: a key id/);
  });
});

const anyChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ é\u0000'.split(''));

describe('survey links (property)', () => {
  it('never verifies a token with one character changed, under either key of a rotated ring', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(ringK1, rotated),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.constantFrom('answer' as const, 'unsubscribe' as const),
        fc.integer({ min: nowSeconds, max: nowSeconds + 90 * 86_400 }),
        fc.nat(),
        anyChar,
        (ring, bytes, act, exp, position, replacement) => {
          const c: SurveyLinkClaims = { inv: Buffer.from(bytes).toString('base64url'), act, exp };
          const t = signSurveyLink(c, hmac(ring));
          expect(verifySurveyLink(t, hmac(rotated), now)).toEqual({ ok: true, claims: c });
          const i = position % t.length;
          fc.pre(t[i] !== replacement);
          const tampered = `${t.slice(0, i)}${replacement}${t.slice(i + 1)}`;
          expect(verifySurveyLink(tampered, hmac(rotated), now).ok).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
