import { describe, it, expect } from 'vitest';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { signTaskLink, verifyTaskLink, type TaskLinkClaims } from '../../shared/domain/gifts/task-link.ts';
import { giftTaskId } from '../../shared/domain/gifts/gift-task.ts';

const secret = 'test-secret-0123456789abcdef';
const now = new Date('2027-06-01T08:00:00Z');
const nowSeconds = Math.floor(now.getTime() / 1000);
const claims: TaskLinkClaims = { taskId: giftTaskId('A1', 'C1', '2027-06-15'), action: 'done', exp: nowSeconds + 30 * 86_400 };
const token = signTaskLink(claims, secret);

const decodePayload = (t: string): unknown => JSON.parse(Buffer.from(t.split('.')[0]!, 'base64url').toString('utf8'));
const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('task links', () => {
  it('verifies a token it signed', () => {
    expect(verifyTaskLink(token, secret, now)).toEqual({ ok: true, claims });
    const cancel = { ...claims, action: 'cancel' as const };
    expect(verifyTaskLink(signTaskLink(cancel, secret), secret, now)).toEqual({ ok: true, claims: cancel });
  });

  it('is a payload and a signature, both base64url', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('calls a changed payload forged', () => {
    const [, signature] = token.split('.');
    const otherTask = encode({ ...claims, taskId: giftTaskId('A2', 'C1', '2027-06-15') });
    expect(verifyTaskLink(`${otherTask}.${signature}`, secret, now)).toEqual({ ok: false, reason: 'forged' });
    const longer = encode({ ...claims, exp: claims.exp + 365 * 86_400 });
    expect(verifyTaskLink(`${longer}.${signature}`, secret, now)).toEqual({ ok: false, reason: 'forged' });
    const otherAction = encode({ ...claims, action: 'cancel' });
    expect(verifyTaskLink(`${otherAction}.${signature}`, secret, now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('calls a changed signature forged', () => {
    const [payload, signature] = token.split('.') as [string, string];
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    expect(verifyTaskLink(`${payload}.${flipped}`, secret, now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyTaskLink(`${payload}.${signature.slice(1)}`, secret, now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyTaskLink(`${payload}.${signature}A`, secret, now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('calls a token signed with another secret forged', () => {
    expect(verifyTaskLink(signTaskLink(claims, 'another-secret'), secret, now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyTaskLink(token, 'another-secret', now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('calls a token past its expiry expired, and accepts it up to the expiry second', () => {
    const expiring = signTaskLink({ ...claims, exp: nowSeconds }, secret);
    expect(verifyTaskLink(expiring, secret, now)).toMatchObject({ ok: true });
    expect(verifyTaskLink(expiring, secret, new Date(now.getTime() + 1))).toEqual({ ok: false, reason: 'expired' });
    expect(verifyTaskLink(token, secret, new Date((claims.exp + 1) * 1000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('calls garbage malformed', () => {
    for (const garbage of ['', 'abc', 'a.b.c', '.', '.abc', 'abc.', `${token}.x`]) {
      expect(verifyTaskLink(garbage, secret, now)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('calls a correctly signed payload of the wrong shape malformed', () => {
    const payloads = [
      encode({ taskId: 1, action: 'done', exp: claims.exp }),
      encode({ taskId: 'x', action: 'delete', exp: claims.exp }),
      encode({ taskId: 'x', action: 'done' }),
      Buffer.from('not json').toString('base64url'),
    ];
    for (const payload of payloads) expect(verifyTaskLink(signedRaw(payload), secret, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('carries no personal data: the payload holds only the task id, the action and the expiry', () => {
    const payload = decodePayload(token);
    expect(payload).toEqual({ taskId: 'A1~2027~C1', action: 'done', exp: claims.exp });
    expect(Object.keys(payload as object).sort()).toEqual(['action', 'exp', 'taskId']);
    expect(token).not.toContain(Buffer.from('Ivan').toString('base64url'));
  });
});

/** A token over an arbitrary payload string, signed with the test secret as signTaskLink signs. */
function signedRaw(payload: string): string {
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
}

const base64urlChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split(''));
const anyChar = fc.oneof(base64urlChar, fc.constantFrom('.', '=', '+', '/', ' ', 'é', '\u0000'));

describe('task links (property)', () => {
  it('never verifies a token with one character changed', () => {
    fc.assert(
      fc.property(
        fc.record({ taskId: fc.string({ maxLength: 40 }), action: fc.constantFrom('done' as const, 'cancel' as const), exp: fc.integer({ min: nowSeconds, max: nowSeconds + 90 * 86_400 }) }),
        fc.nat(),
        anyChar,
        (c, position, replacement) => {
          const t = signTaskLink(c, secret);
          expect(verifyTaskLink(t, secret, now)).toEqual({ ok: true, claims: c });
          const i = position % t.length;
          fc.pre(t[i] !== replacement);
          const tampered = `${t.slice(0, i)}${replacement}${t.slice(i + 1)}`;
          expect(verifyTaskLink(tampered, secret, now).ok).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
