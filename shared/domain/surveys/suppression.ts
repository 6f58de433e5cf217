export type SuppressionReason = 'bounce' | 'complaint' | 'unsubscribe' | 'operator' | 'forgotten';

export interface Suppression {
  /**
   * sha256 of the normalized address (lower-cased, trimmed), hex: the key, so a forget can drop
   * the address and keep the block. Made by an AddressHasher (shared/ports/address-hasher.ts).
   */
  readonly emailHash: string;
  readonly reason: SuppressionReason;
  readonly at: string;
  /** Kept for the operator's list; optional because a forget removes it. */
  readonly email?: string;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
