import { createHash } from 'node:crypto';
import { normalizeEmail } from '../../domain/surveys/suppression.ts';
import type { AddressHasher } from '../../ports/address-hasher.ts';
import type { RefOfKey } from '../../ports/key-refs.ts';
import type { MailIdOf } from '../../ports/outbox.ts';

/**
 * The deterministic ids, all sha256. Each is stored (suppressions, outbox items, approval
 * requests, audit entries) or sits in links already mailed, so none may ever change:
 * test/unit/crypto-adapters.test.ts pins them.
 */
const sha256 = (text: string) => createHash('sha256').update(text);

export const emailHash: AddressHasher = (address) => sha256(normalizeEmail(address)).digest('hex');

export const mailIdOf: MailIdOf = (businessKey) => sha256(businessKey).digest('base64url');

export const refOfKey: RefOfKey = (businessKey) => sha256(businessKey).digest('base64url').slice(0, 22);

/** A subject's id in the data-rights audit: hex, so the audit shows whom without naming them. */
export const idHash = (id: string): string => sha256(id).digest('hex');
