import { z } from 'zod';
import type { TokenSigner, TokenVerification } from '../links/signed-token.ts';

/** What a manager does from a task mail. */
export type TaskLinkAction = 'done' | 'cancel';
/** What a budget line's owner decides from an owner mail: an overrun of a done task, or a request for more budget. */
export type OwnerLinkAction = 'overrun-approve' | 'overrun-decline' | 'budget-raise' | 'budget-decline';
export type GiftLinkAction = TaskLinkAction | OwnerLinkAction;

/**
 * All a gift link carries: an opaque reference (a task's link id, or an approval request's id),
 * what it does, and when it stops working. Never a task id, which names the account and contact.
 */
export interface GiftLinkClaims {
  readonly ref: string;
  readonly act: GiftLinkAction;
  /** Seconds since the epoch. */
  readonly exp: number;
}

export const taskLinkActions: readonly TaskLinkAction[] = ['done', 'cancel'];
export const ownerLinkActions: readonly OwnerLinkAction[] = ['overrun-approve', 'overrun-decline', 'budget-raise', 'budget-decline'];

const refPattern = /^[A-Za-z0-9_-]{22}$/;
const claimsSchema = z.strictObject({ ref: z.string().regex(refPattern), act: z.enum([...taskLinkActions, ...ownerLinkActions]), exp: z.number().int() });

/** Signed with the keyring the survey links use (`<kid>.<claims>.<mac>`), so a rotation keeps links in flight working. */
export function signGiftLink(claims: GiftLinkClaims, signer: TokenSigner): string {
  // Only these three fields, whatever the caller passes: nothing else may ride along in a URL.
  return signer.sign({ ref: claims.ref, act: claims.act, exp: claims.exp });
}

export function verifyGiftLink(token: string, signer: TokenSigner, now: Date): TokenVerification<GiftLinkClaims> {
  return signer.verify(token, now, (raw) => {
    const parsed = claimsSchema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  });
}

/**
 * A link's reference is 22 characters of base64url: a task's link id (128 random bits, so a link
 * says nothing about whose task it is) or the reference of an approval request (a digest of its
 * business key: the same key, the same reference). Both are made in shared/adapters/crypto/.
 */
export function isLinkRef(text: string): boolean {
  return refPattern.test(text);
}
