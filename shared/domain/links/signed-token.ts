export type TokenRejection = 'malformed' | 'unknown-key' | 'forged' | 'expired';
export type TokenVerification<C> = { readonly ok: true; readonly claims: C } | { readonly ok: false; readonly reason: TokenRejection };

/** Every signed claim set expires; seconds since the epoch. */
export interface ExpiringClaims {
  readonly exp: number;
}

/**
 * Signs claims into a link token and checks one, with the keys of a keyring. The domain decides
 * the layout and what a token says; the MAC itself is an adapter's (shared/adapters/crypto/).
 */
export interface TokenSigner {
  sign<C extends ExpiringClaims>(claims: C): string;
  /**
   * `parse` checks the shape of the claims (returns undefined when it is wrong); it runs only on
   * a payload whose signature held, so a forger learns nothing about the shape.
   */
  verify<C extends ExpiringClaims>(token: string, now: Date, parse: (raw: unknown) => C | undefined): TokenVerification<C>;
}

/**
 * A token is `<kid>.<base64url(claims)>.<base64url(MAC(kid.payload))>`. The key id is signed with
 * the payload, so a token cannot be moved to another key; it names which key verifies, so the
 * current key can change while links signed with the previous one are still in mailboxes.
 * This is the part the MAC covers.
 */
export function signedPart(kid: string, claims: ExpiringClaims): string {
  return `${kid}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
}

export interface TokenParts {
  readonly kid: string;
  /** `<kid>.<payload>`: what the signature covers. */
  readonly signed: string;
  readonly payload: string;
  readonly signature: string;
}

/** The three parts of a token, or undefined when it does not have that layout. */
export function tokenParts(token: string): TokenParts | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return undefined;
  const [kid, payload, signature] = parts as [string, string, string];
  return { kid, signed: `${kid}.${payload}`, payload, signature };
}

/** What the payload of a token whose signature held says: its claims, or why they are refused. */
export function claimsOf<C extends ExpiringClaims>(payload: string, now: Date, parse: (raw: unknown) => C | undefined): TokenVerification<C> {
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
