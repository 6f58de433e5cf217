import { z } from 'zod';
import type { TokenSigner, TokenVerification } from '../links/signed-token.ts';

export type SurveyLinkAction = 'answer' | 'unsubscribe';

/** All a survey link carries: the opaque invitation id, what it does, and when it stops working. */
export interface SurveyLinkClaims {
  readonly inv: string;
  readonly act: SurveyLinkAction;
  /** Seconds since the epoch: the wave's close. */
  readonly exp: number;
}

const claimsSchema = z.strictObject({ inv: z.string().regex(/^[A-Za-z0-9_-]{22}$/), act: z.enum(['answer', 'unsubscribe']), exp: z.number().int() });

export function signSurveyLink(claims: SurveyLinkClaims, signer: TokenSigner): string {
  // Only these three fields, whatever the caller passes: nothing else may ride along in a URL.
  return signer.sign({ inv: claims.inv, act: claims.act, exp: claims.exp });
}

export function verifySurveyLink(token: string, signer: TokenSigner, now: Date): TokenVerification<SurveyLinkClaims> {
  return signer.verify(token, now, (raw) => {
    const parsed = claimsSchema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  });
}

/** The link's expiry: the instant the wave closes, in whole seconds. */
export function linkExpiry(closesAt: string): number {
  return Math.floor(Date.parse(closesAt) / 1000);
}
