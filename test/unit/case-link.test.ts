import { describe, it, expect } from 'vitest';
import { signCaseLink, verifyEndpointLink } from '../../shared/domain/surveys/case-link.ts';
import { signSurveyLink, verifySurveyLink } from '../../shared/domain/surveys/survey-link.ts';
import { HmacTokenSigner } from '../../shared/adapters/crypto/hmac-token-signer.ts';
import type { Keyring } from '../../shared/domain/links/keyring.ts';

const ring: Keyring = { current: 'k2', keys: { k1: 'old-secret-0123456789abcdef0123456789', k2: 'new-secret-0123456789abcdef0123456789' } };
const hmac = (keyring: Keyring) => new HmacTokenSigner(keyring);
const now = new Date('2027-01-15T03:00:00Z');
const exp = Math.floor(now.getTime() / 1000) + 86_400;
const inv = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('case links on the survey endpoint', () => {
  it('verify with the action they were signed for, answer and unsubscribe links too', () => {
    expect(verifyEndpointLink(signCaseLink({ inv, act: 'case-resolved', exp }, hmac(ring)), hmac(ring), now)).toEqual({ ok: true, claims: { inv, act: 'case-resolved', exp } });
    expect(verifyEndpointLink(signSurveyLink({ inv, act: 'answer', exp }, hmac(ring)), hmac(ring), now)).toEqual({ ok: true, claims: { inv, act: 'answer', exp } });
  });

  it('still verify after the key is rotated, while the old key is kept', () => {
    const older = signCaseLink({ inv, act: 'case-contacted', exp }, hmac({ ...ring, current: 'k1' }));
    expect(verifyEndpointLink(older, hmac(ring), now).ok).toBe(true);
    expect(verifyEndpointLink(older, hmac({ current: 'k2', keys: { k2: ring.keys.k2! } }), now)).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it('cannot be turned into another action or case', () => {
    const token = signCaseLink({ inv, act: 'case-contacted', exp }, hmac(ring));
    const [kid, , mac] = token.split('.') as [string, string, string];
    const resolved = Buffer.from(JSON.stringify({ inv, act: 'case-resolved', exp })).toString('base64url');
    expect(verifyEndpointLink(`${kid}.${resolved}.${mac}`, hmac(ring), now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyEndpointLink(token, hmac(ring), new Date((exp + 1) * 1000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('are not answer links: the sending side refuses them', () => {
    expect(verifySurveyLink(signCaseLink({ inv, act: 'case-contacted', exp }, hmac(ring)), hmac(ring), now)).toEqual({ ok: false, reason: 'malformed' });
  });
});
