/**
 * The short reference (22 characters of base64url) of a business key: the same key, the same
 * reference, and the reference reveals nothing of the key. Names an approval request in its links,
 * a set of tasks in a mail's key, an audit entry. Made by shared/adapters/crypto/digests.ts.
 */
export type RefOfKey = (businessKey: string) => string;
