import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Keyring } from './keyring.ts';

export type TokenRejection = 'malformed' | 'unknown-key' | 'forged' | 'expired';
export type TokenVerification<C> = { readonly ok: true; readonly claims: C } | { readonly ok: false; readonly reason: TokenRejection };

/** Every signed claim set expires; seconds since the epoch. */
export interface ExpiringClaims {
  readonly exp: number;
}

/**
 * `<kid>.<base64url(claims)>.<base64url(HMAC-SHA256(kid.payload))>`. The key id is signed with
 * the payload, so a token cannot be moved to another key; it names which key verifies, so the
 * current key can change while links signed with the previous one are still in mailboxes.
 */
export function signToken<C extends ExpiringClaims>(claims: C, keyring: Keyring): string {
  const secret = keyring.keys[keyring.current];
  if (secret === undefined) throw new Error(`the keyring has no key "${keyring.current}"`);
  const signed = `${keyring.current}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signed}.${mac(signed, secret)}`;
}

/**
 * `parse` checks the shape of the claims (returns undefined when it is wrong); it runs only on a
 * payload whose signature held, so a forger learns nothing about the shape.
 */
export function verifyToken<C extends ExpiringClaims>(token: string, keyring: Keyring, now: Date, parse: (raw: unknown) => C | undefined): TokenVerification<C> {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return { ok: false, reason: 'malformed' };
  const [kid, payload, signature] = parts as [string, string, string];
  const secret = Object.hasOwn(keyring.keys, kid) ? keyring.keys[kid] : undefined;
  if (secret === undefined) return { ok: false, reason: 'unknown-key' };
  const expected = Buffer.from(mac(`${kid}.${payload}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'forged' };
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const claims = parse(raw);
  if (claims === undefined || typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) return { ok: false, reason: 'malformed' };
  if (claims.exp * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

function mac(signed: string, secret: string): string {
  return createHmac('sha256', secret).update(signed).digest('base64url');
}
