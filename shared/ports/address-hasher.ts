/**
 * The one-way name of a mail address (sha256 of the normalized address, hex): suppressions,
 * forget records and the wave's one-invitation-per-address guard are keyed by it, so a forget
 * can drop the address and keep the block. It must never change: a forgotten address's hash has
 * to match the next time the address turns up. Made by shared/adapters/crypto/digests.ts.
 */
export type AddressHasher = (address: string) => string;
