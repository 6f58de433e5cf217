import { createHmac, timingSafeEqual } from 'node:crypto';
import { secretOf, type Keyring } from '../../domain/links/keyring.ts';
import { claimsOf, signedPart, tokenParts, type ExpiringClaims, type TokenSigner, type TokenVerification } from '../../domain/links/signed-token.ts';
import type { LinkKeyringSource } from '../../ports/link-keyring.ts';
import type { TokenSignerSource } from '../../ports/token-signer.ts';

/** HMAC-SHA256 under the keyring's keys: the current key signs, every key in the ring verifies. */
export class HmacTokenSigner implements TokenSigner {
  constructor(private readonly keyring: Keyring) {}

  sign<C extends ExpiringClaims>(claims: C): string {
    const secret = secretOf(this.keyring, this.keyring.current);
    if (secret === undefined) throw new Error(`the keyring has no key "${this.keyring.current}"`);
    const signed = signedPart(this.keyring.current, claims);
    return `${signed}.${mac(signed, secret)}`;
  }

  verify<C extends ExpiringClaims>(token: string, now: Date, parse: (raw: unknown) => C | undefined): TokenVerification<C> {
    const parts = tokenParts(token);
    if (parts === undefined) return { ok: false, reason: 'malformed' };
    const secret = secretOf(this.keyring, parts.kid);
    if (secret === undefined) return { ok: false, reason: 'unknown-key' };
    const expected = Buffer.from(mac(parts.signed, secret));
    const given = Buffer.from(parts.signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'forged' };
    return claimsOf(parts.payload, now, parse);
  }
}

/** The signer of the link keyring, made once its keys are read (LINK_SECRET locally, Secrets Manager on AWS). */
export class KeyringTokenSigners implements TokenSignerSource {
  constructor(private readonly keyrings: LinkKeyringSource) {}

  async signer(): Promise<TokenSigner> {
    return new HmacTokenSigner(await this.keyrings.keyring());
  }
}

function mac(signed: string, secret: string): string {
  return createHmac('sha256', secret).update(signed).digest('base64url');
}
