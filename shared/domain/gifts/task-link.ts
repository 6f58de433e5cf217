import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Keyring } from '../links/keyring.ts';
import { signToken, verifyToken, type TokenVerification } from '../links/signed-token.ts';

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
export function signGiftLink(claims: GiftLinkClaims, keyring: Keyring): string {
  // Only these three fields, whatever the caller passes: nothing else may ride along in a URL.
  return signToken({ ref: claims.ref, act: claims.act, exp: claims.exp }, keyring);
}

export function verifyGiftLink(token: string, keyring: Keyring, now: Date): TokenVerification<GiftLinkClaims> {
  return verifyToken(token, keyring, now, (raw) => {
    const parsed = claimsSchema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  });
}

/** A task's link id: 128 random bits, so a link says nothing about whose task it is. `random` is a parameter for tests. */
export function newTaskLinkRef(random: (size: number) => Buffer = randomBytes): string {
  return random(16).toString('base64url');
}

/** The reference of something identified by a business key (an approval request): the same key, the same reference; reveals nothing. */
export function refOfKey(businessKey: string): string {
  return createHash('sha256').update(businessKey).digest('base64url').slice(0, 22);
}

export function isLinkRef(text: string): boolean {
  return refPattern.test(text);
}
