import { randomBytes, randomUUID } from 'node:crypto';

/**
 * 128 random bits, base64url (22 characters): a task's link id, a survey invitation's id. Random,
 * not derived from any id of ours, so a link says nothing about whom it concerns and cannot be guessed.
 */
export function randomRef(): string {
  return randomBytes(16).toString('base64url');
}

/** The outbox sender's lease on a mail: unique per claim. */
export function randomLeaseId(): string {
  return randomUUID();
}
