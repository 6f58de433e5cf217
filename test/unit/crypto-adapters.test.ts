/**
 * The values below were computed on the code before the crypto moved behind ports (issue 9.19),
 * where signing and hashing sat in the domain. Links already mailed, suppressions of forgotten
 * addresses, outbox items and approval requests hold them: they must come out the same, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { emailHash, idHash, mailIdOf, refOfKey } from '../../shared/adapters/crypto/digests.ts';
import { HmacTokenSigner, KeyringTokenSigners } from '../../shared/adapters/crypto/hmac-token-signer.ts';
import { randomLeaseId, randomRef } from '../../shared/adapters/crypto/random-ids.ts';
import { isLinkRef, signGiftLink, verifyGiftLink } from '../../shared/domain/gifts/task-link.ts';
import type { Keyring } from '../../shared/domain/links/keyring.ts';
import { signCaseLink } from '../../shared/domain/surveys/case-link.ts';
import { signSurveyLink } from '../../shared/domain/surveys/survey-link.ts';
import type { GiftTask } from '../../shared/domain/gifts/gift-task.ts';
import { digestOf } from '../../shared/use-cases/gift-tasks/daily/mail-once.ts';

const ring: Keyring = { current: 'k2', keys: { k1: 'pinned-old-secret-0123456789abcdef-01', k2: 'pinned-new-secret-0123456789abcdef-02' } };
const exp = 1_806_000_000;

describe('link tokens signed before the move', () => {
  it('are signed the same, byte for byte, and still verify', () => {
    const signer = new HmacTokenSigner(ring);
    const gift = 'k2.eyJyZWYiOiJBQUFBQUFBQUFBQUFBQUFBQUFBQUFBIiwiYWN0IjoiZG9uZSIsImV4cCI6MTgwNjAwMDAwMH0.oDnqXYH4qs31uw4beCGX9hl6bbRkS720c28RF-rDN90';
    expect(signGiftLink({ ref: 'AAAAAAAAAAAAAAAAAAAAAA', act: 'done', exp }, signer)).toBe(gift);
    expect(signSurveyLink({ inv: 'BBBBBBBBBBBBBBBBBBBBBB', act: 'unsubscribe', exp }, signer)).toBe(
      'k2.eyJpbnYiOiJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCIiwiYWN0IjoidW5zdWJzY3JpYmUiLCJleHAiOjE4MDYwMDAwMDB9.Y_Vt0WxkAefXkhvm5QKEg7n-qYEGl1TSHLXEe4C4UR8',
    );
    expect(signCaseLink({ inv: 'CCCCCCCCCCCCCCCCCCCCCC', act: 'case-resolved', exp }, signer)).toBe(
      'k2.eyJpbnYiOiJDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDIiwiYWN0IjoiY2FzZS1yZXNvbHZlZCIsImV4cCI6MTgwNjAwMDAwMH0.8qeSa-qWfle3LVDrCrz5PjD9msBWndM15eMkhYKmJfg',
    );
    const now = new Date((exp - 60) * 1000);
    expect(verifyGiftLink(gift, signer, now)).toEqual({ ok: true, claims: { ref: 'AAAAAAAAAAAAAAAAAAAAAA', act: 'done', exp } });
    // Signed with the previous key, still in the ring.
    const older = 'k1.eyJyZWYiOiJBQUFBQUFBQUFBQUFBQUFBQUFBQUFBIiwiYWN0IjoiYnVkZ2V0LXJhaXNlIiwiZXhwIjoxODA2MDAwMDAwfQ.JFdZjhB2lrGLSum4EAa6bIF9lXQPpwYF3nqIfVMbbpk';
    expect(verifyGiftLink(older, signer, now)).toEqual({ ok: true, claims: { ref: 'AAAAAAAAAAAAAAAAAAAAAA', act: 'budget-raise', exp } });
  });

  it('are signed by the keyring source the functions are given, read when first asked', async () => {
    let reads = 0;
    const signers = new KeyringTokenSigners({ keyring: async () => (reads++, ring) });
    expect(reads).toBe(0);
    expect(signGiftLink({ ref: 'AAAAAAAAAAAAAAAAAAAAAA', act: 'done', exp }, await signers.signer())).toMatch(/\.oDnqXYH4qs31uw4beCGX9hl6bbRkS720c28RF-rDN90$/);
    expect(reads).toBe(1);
  });

  it('refuses to sign with a current key the ring does not hold', () => {
    expect(() => new HmacTokenSigner({ current: 'k3', keys: { k1: ring.keys.k1! } }).sign({ exp })).toThrow('the keyring has no key "k3"');
  });
});

describe('the deterministic ids made before the move', () => {
  it('are the same: suppression hash, mail id, request reference, set digest, audit subject', () => {
    // A forgotten address's hash must still match when the address turns up again, however typed.
    expect(emailHash('  Client@Example.com ')).toBe('f93fa2e5fb59200922637972bb68e780754fc45c0b8f4f9467779f9dc8e3dfe1');
    expect(emailHash('client@example.com')).toBe(emailHash('  Client@Example.com '));
    expect(mailIdOf('gift-digest/2027-03-01/m-7')).toBe('-v5fy7nay5-ioPlpv8-PAwOOQ1Tv1xRGLMkrt-ltbZA');
    expect(refOfKey('budget-approval/2027-03-01/2027-04')).toBe('97n5_pZEOIQxBsTPTjA4az');
    expect(digestOf([{ taskId: 'T-2' }, { taskId: 'T-1' }] as GiftTask[], refOfKey)).toBe('CqUEeYH5JFu-falpOcKkY9');
    expect(idHash('C1')).toBe('ab861dc170dc2e43224e45278d3d31a675b9ebc34c9b0f48c066ca1eeaed8ee6');
  });
});

describe('random ids', () => {
  it('are 128 bits as 22 characters of base64url, a link reference, and never repeat', () => {
    const refs = new Set(Array.from({ length: 1000 }, randomRef));
    expect(refs.size).toBe(1000);
    for (const ref of refs) expect(isLinkRef(ref)).toBe(true);
    expect(randomLeaseId()).not.toBe(randomLeaseId());
  });
});
