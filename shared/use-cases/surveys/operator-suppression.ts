import { z } from 'zod';
import { normalizeEmail, type Suppression } from '../../domain/surveys/suppression.ts';
import type { AddressHasher } from '../../ports/address-hasher.ts';
import type { SuppressionStore } from '../../ports/survey-store.ts';

export class InvalidAddressError extends Error {
  override readonly name = 'InvalidAddressError';
}

/** An address as an operator types it: checked before anything is read or stored. */
export function parseAddress(text: string): string {
  const parsed = z.email().safeParse(normalizeEmail(text));
  if (!parsed.success) throw new InvalidAddressError(`expected an e-mail address such as name@example.com, got "${text}"`);
  return parsed.data;
}

/** `vip suppress add`: the programme sends nothing to the address until it is removed. */
export async function suppressByOperator(text: string, store: SuppressionStore, emailHash: AddressHasher, now: Date): Promise<{ added: boolean; suppression: Suppression }> {
  const email = parseAddress(text);
  const suppression: Suppression = { emailHash: emailHash(email), reason: 'operator', at: now.toISOString(), email };
  const added = await store.add(suppression);
  return { added, suppression: added ? suppression : ((await store.get(suppression.emailHash)) ?? suppression) };
}

/** `vip suppress remove`: lifts a suppression whatever its reason (the operator's decision, e.g. a fixed mailbox). */
export async function liftSuppression(text: string, store: SuppressionStore, emailHash: AddressHasher): Promise<boolean> {
  return store.remove(emailHash(parseAddress(text)));
}
