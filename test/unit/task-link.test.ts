import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Keyring } from '../../shared/domain/links/keyring.ts';
import { refOfKey } from '../../shared/adapters/crypto/digests.ts';
import { HmacTokenSigner } from '../../shared/adapters/crypto/hmac-token-signer.ts';
import { randomRef as newTaskLinkRef } from '../../shared/adapters/crypto/random-ids.ts';
import { isLinkRef, signGiftLink, verifyGiftLink, type GiftLinkClaims } from '../../shared/domain/gifts/task-link.ts';
import { giftTaskId } from '../../shared/domain/gifts/gift-task.ts';

const k1 = 'first-secret-0123456789abcdef-0123';
const k2 = 'second-secret-0123456789abcdef-012';
const ringK1: Keyring = { current: 'k1', keys: { k1 } };
const rotated: Keyring = { current: 'k2', keys: { k1, k2 } };
const onlyK2: Keyring = { current: 'k2', keys: { k2 } };
const hmac = (keyring: Keyring) => new HmacTokenSigner(keyring);
const now = new Date('2027-06-01T08:00:00Z');
const nowSeconds = Math.floor(now.getTime() / 1000);
const claims: GiftLinkClaims = { ref: newTaskLinkRef(), act: 'done', exp: nowSeconds + 30 * 86_400 };
const token = signGiftLink(claims, hmac(ringK1));
const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('gift links on the keyring', () => {
  it('is key id, payload and signature, and verifies every action it signs', () => {
    expect(token).toMatch(/^k1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    for (const act of ['done', 'cancel', 'overrun-approve', 'overrun-decline', 'budget-raise', 'budget-decline'] as const)
      expect(verifyGiftLink(signGiftLink({ ...claims, act }, hmac(ringK1)), hmac(ringK1), now)).toEqual({ ok: true, claims: { ...claims, act } });
  });

  it('keeps links signed with an old key working while that key is in the ring, and refuses them once it is gone', () => {
    expect(verifyGiftLink(token, hmac(rotated), now)).toEqual({ ok: true, claims });
    expect(signGiftLink(claims, hmac(rotated))).toMatch(/^k2\./);
    expect(verifyGiftLink(token, hmac(onlyK2), now)).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it('calls a changed payload or a token moved to another key forged', () => {
    const [kid, , signature] = token.split('.');
    expect(verifyGiftLink(`${kid}.${encode({ ...claims, act: 'cancel' })}.${signature}`, hmac(ringK1), now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyGiftLink(`${kid}.${encode({ ...claims, exp: claims.exp + 86_400 })}.${signature}`, hmac(ringK1), now)).toEqual({ ok: false, reason: 'forged' });
    const both: Keyring = { current: 'k1', keys: { k1, k2 } };
    expect(verifyGiftLink(token.replace(/^k1\./, 'k2.'), hmac(both), now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('expires after its second, and refuses the old two-part format with the readable task id', () => {
    const expiring = signGiftLink({ ...claims, exp: nowSeconds }, hmac(ringK1));
    expect(verifyGiftLink(expiring, hmac(ringK1), now)).toMatchObject({ ok: true });
    expect(verifyGiftLink(expiring, hmac(ringK1), new Date(now.getTime() + 1000))).toEqual({ ok: false, reason: 'expired' });
    const legacy = `${encode({ taskId: giftTaskId('A1', 'C1', '2027-06-15'), action: 'done', exp: claims.exp })}.c2lnbmF0dXJl`;
    expect(verifyGiftLink(legacy, hmac(ringK1), now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('carries an opaque reference only: no task id, account or contact, and nothing else rides along', () => {
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(['act', 'exp', 'ref']);
    expect(payload.ref).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const extra = signGiftLink({ ...claims, taskId: 'A1~2027~C1' } as GiftLinkClaims, hmac(ringK1));
    expect(Buffer.from(extra.split('.')[1]!, 'base64url').toString('utf8')).not.toContain('A1~2027');
    // A signed payload holding a task id instead of a reference is not a gift link.
    const wrong = signGiftLink({ ref: 'A1~2027~C1', act: 'done', exp: claims.exp } as GiftLinkClaims, hmac(ringK1));
    expect(verifyGiftLink(wrong, hmac(ringK1), now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('makes fresh random link ids and stable request references', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newTaskLinkRef()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(isLinkRef(id)).toBe(true);
    expect(refOfKey('budget-approval/2027-03-01/2027-03')).toBe(refOfKey('budget-approval/2027-03-01/2027-03'));
    expect(refOfKey('budget-approval/2027-03-01/2027-03')).not.toBe(refOfKey('budget-approval/2027-03-02/2027-03'));
    expect(refOfKey('x')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

const anyChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_. =+/é'.split(''));

describe('gift links (property)', () => {
  it('never verifies a token with one character changed', () => {
    fc.assert(
      fc.property(fc.constantFrom('done' as const, 'budget-raise' as const, 'overrun-decline' as const), fc.integer({ min: nowSeconds, max: nowSeconds + 90 * 86_400 }), fc.nat(), anyChar, (act, exp, position, replacement) => {
        const c = { ref: newTaskLinkRef(), act, exp };
        const t = signGiftLink(c, hmac(rotated));
        expect(verifyGiftLink(t, hmac(rotated), now)).toEqual({ ok: true, claims: c });
        const i = position % t.length;
        fc.pre(t[i] !== replacement);
        expect(verifyGiftLink(`${t.slice(0, i)}${replacement}${t.slice(i + 1)}`, hmac(rotated), now).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
