import { z } from 'zod';
import { formatZodIssues } from '../../schemas/format-issues.ts';

/**
 * Signing keys by id. `current` signs; every key listed verifies. Rotation: add a key, make it
 * current, and remove the old one only once the links it signed have expired.
 */
export interface Keyring {
  readonly current: string;
  readonly keys: Readonly<Record<string, string>>;
}

const keyId = z.string().regex(/^[A-Za-z0-9_-]{1,16}$/, 'a key id of 1-16 letters, digits, "-" or "_"');
const keyringSchema = z
  .object({
    current: keyId,
    keys: z.record(keyId, z.string().min(32, 'a secret of at least 32 characters')),
  })
  .refine((ring) => ring.keys[ring.current] !== undefined, { message: 'the current key id must be one of the keys', path: ['current'] });

export class InvalidKeyringError extends Error {
  override readonly name = 'InvalidKeyringError';
}

/** The secret of key `kid`; undefined when the ring has no such key (a name like `__proto__` included). */
export function secretOf(keyring: Keyring, kid: string): string | undefined {
  return Object.hasOwn(keyring.keys, kid) ? keyring.keys[kid] : undefined;
}

/** A plain secret is the one-key ring {current: 'k1'}; text starting with "{" is a JSON keyring. */
export function parseKeyring(text: string): Keyring {
  if (!text.trim().startsWith('{')) {
    if (text.length < 32) throw new InvalidKeyringError('the link secret must be at least 32 characters');
    return { current: 'k1', keys: { k1: text } };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InvalidKeyringError('the link keyring is not valid JSON; expected {"current": "<kid>", "keys": {"<kid>": "<secret>"}}');
  }
  const parsed = keyringSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidKeyringError(`invalid link keyring\n${formatZodIssues(parsed.error)}`);
  return parsed.data;
}
