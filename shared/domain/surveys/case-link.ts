import { z } from 'zod';
import type { TokenSigner, TokenVerification } from '../links/signed-token.ts';

export type CaseLinkAction = 'case-contacted' | 'case-resolved';

/** A manager's link to a closed-loop case: the case is named by its opaque invitation id only. */
export interface CaseLinkClaims {
  readonly inv: string;
  readonly act: CaseLinkAction;
  readonly exp: number;
}

/** Every link the `/s/<token>` endpoint serves: the client's (answer, unsubscribe) and the manager's (case). */
export type EndpointLinkClaims = { readonly inv: string; readonly act: 'answer' | 'unsubscribe' | CaseLinkAction; readonly exp: number };

const claimsSchema = z.strictObject({
  inv: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  act: z.enum(['answer', 'unsubscribe', 'case-contacted', 'case-resolved']),
  exp: z.number().int(),
});

/** Case links stay valid for this long after the case opens: long enough to resolve it, not forever. */
export const caseLinkDays = 90;

export function signCaseLink(claims: CaseLinkClaims, signer: TokenSigner): string {
  return signer.sign({ inv: claims.inv, act: claims.act, exp: claims.exp });
}

/** One verification for whatever the endpoint is handed; the action then routes it. */
export function verifyEndpointLink(token: string, signer: TokenSigner, now: Date): TokenVerification<EndpointLinkClaims> {
  return signer.verify(token, now, (raw) => {
    const parsed = claimsSchema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  });
}
