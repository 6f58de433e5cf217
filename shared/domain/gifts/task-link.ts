import { createHmac, timingSafeEqual } from 'node:crypto';

export type TaskLinkAction = 'done' | 'cancel';

export interface TaskLinkClaims {
  readonly taskId: string;
  readonly action: TaskLinkAction;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
}

export type LinkVerification = { readonly ok: true; readonly claims: TaskLinkClaims } | { readonly ok: false; readonly reason: 'malformed' | 'forged' | 'expired' };

/**
 * A link token: base64url(claims).base64url(HMAC-SHA256). It carries only the task id, never a
 * name or address, so a forwarded or logged URL leaks nothing about the client.
 */
export function signTaskLink(claims: TaskLinkClaims, secret: string): string {
  // Only these three fields, whatever the caller passes: nothing else may ride along in a URL.
  const payload = Buffer.from(JSON.stringify({ taskId: claims.taskId, action: claims.action, exp: claims.exp })).toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

export function verifyTaskLink(token: string, secret: string, now: Date): LinkVerification {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(mac(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'forged' };
  let claims: TaskLinkClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TaskLinkClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.taskId !== 'string' || (claims.action !== 'done' && claims.action !== 'cancel') || typeof claims.exp !== 'number')
    return { ok: false, reason: 'malformed' };
  if (claims.exp * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}
