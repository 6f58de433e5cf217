import { createHash } from 'node:crypto';

export type SuppressionReason = 'bounce' | 'complaint' | 'unsubscribe' | 'operator' | 'forgotten';

export interface Suppression {
  /** sha256 of the lower-cased, trimmed address, hex: the key, so a forget can drop the address and keep the block. */
  readonly emailHash: string;
  readonly reason: SuppressionReason;
  readonly at: string;
  /** Kept for the operator's list; optional because a forget removes it. */
  readonly email?: string;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailHash(email: string): string {
  return createHash('sha256').update(normalizeEmail(email)).digest('hex');
}
