import type { AddressHasher } from './address-hasher.ts';
import type { GiftStore } from './gift-store.ts';
import type { RefOfKey } from './key-refs.ts';
import type { ItemKey, Redaction, RemovedCounts, StoredItem, Subject } from '../domain/data-rights/personal-items.ts';

/** The progress and the record of a forget: where a resumed run picks up, what imports check. */
export interface ForgetRecord {
  readonly subject: Subject;
  readonly state: 'running' | 'done';
  /** The account of the contact (or the account itself): found again by key after the contact item is gone. */
  readonly accountId: string;
  /** Contacts of a forgotten account, so a resumed run still finds their invitations and mail. */
  readonly contactIds: readonly string[];
  /** sha256 of the addresses held: they stay suppressed; the addresses themselves are not kept. */
  readonly emailHashes: readonly string[];
  readonly reason: string;
  readonly by: string;
  readonly startedAt: string;
  readonly phase: string;
  readonly removed: RemovedCounts;
  readonly completedAt?: string;
  /** Set when an import brought the person back on purpose (`--allow-forgotten`): reapply skips the record. */
  readonly returnedAt?: string;
}

/** An audit entry of a data-rights command: who, when, why and how much; no personal data. */
export interface DataRightsAuditEntry {
  readonly id: string;
  readonly at: string;
  readonly action: 'forget' | 'export' | 'reapply';
  /** `contact` or `account` and the sha256 of the id: checkable, not readable. */
  readonly subject: { readonly kind: Subject['kind']; readonly idHash: string };
  readonly by: string;
  readonly reason?: string;
  readonly removed?: RemovedCounts;
}

/**
 * Reads and changes what is held about a person, always by key or index (never a scan of the
 * table). Items come back whole, with their table keys; stored decisions decoded.
 */
export interface PersonalDataStore {
  /** Every item of a partition (`ACCOUNT#<id>`). */
  partition(pk: string): Promise<StoredItem[]>;
  /** Items carrying this `personKey` (`CONTACT#<id>` or `ACCOUNT#<id>`), through the `byPerson` index. */
  aboutPerson(personKey: string): Promise<StoredItem[]>;
  /** The answers of these invitations (those that exist). */
  answers(invitations: readonly { readonly waveKey: string; readonly invitationId: string }[]): Promise<StoredItem[]>;
  /** The `TASKLINK#<id>` pointers of these link ids (those that exist). */
  taskLinkPointers(linkIds: readonly string[]): Promise<StoredItem[]>;
  /** The suppression items of these address hashes (those that exist). */
  suppressions(emailHashes: readonly string[]): Promise<StoredItem[]>;
  /** Review change records of an account (by review key and manager), and the owner items of its numbers. */
  accountRecordsElsewhere(accountId: string, refs: { readonly reviewChanges: readonly { reviewKey: string; managerId: string }[]; readonly numbers: readonly string[] }): Promise<StoredItem[]>;
  deleteItem(key: ItemKey): Promise<boolean>;
  /** Removes the attributes and overwrites `replace`; false if the item is gone or held none of them. */
  redact(key: ItemKey, redaction: Redaction): Promise<boolean>;
  /** Suppresses an address hash that is not yet suppressed (no address kept); false if it was. */
  suppressHash(emailHash: string, at: string): Promise<boolean>;
  forgetRecord(subject: Subject): Promise<ForgetRecord | undefined>;
  saveForgetRecord(record: ForgetRecord): Promise<void>;
  /** Every forget record (the forget log), oldest first. */
  forgetLog(): Promise<ForgetRecord[]>;
  /** Which of these ids are forgotten and not brought back. */
  forgottenIds(subject: Subject['kind'], ids: readonly string[]): Promise<Set<string>>;
  /** Marks forgotten people as brought back on purpose (an import with `--allow-forgotten`). */
  markReturned(subject: Subject['kind'], ids: readonly string[], at: string): Promise<void>;
  /** Writes the entry once (its id decides); an entry already there is left as it is. */
  recordAudit(entry: DataRightsAuditEntry): Promise<void>;
}

/** The gift store's part a forget needs: open tasks are cancelled the way every cancel moves money. */
export type TaskCanceller = Pick<GiftStore, 'openTasksOfAccount' | 'cancelTask'>;

/** What the monthly retention run reads (index reads of cases and tasks, answers by quarter) and changes. */
export interface RetentionStore {
  resolvedCases(): Promise<StoredItem[]>;
  closedTasks(): Promise<StoredItem[]>;
  answersOf(quarter: string): Promise<StoredItem[]>;
  redact(key: ItemKey, redaction: Redaction): Promise<boolean>;
}

/**
 * The one-way names a forget works with (shared/adapters/crypto/digests.ts): the addresses it
 * suppresses, its audit entry's id, and the subject's id in that entry (sha256, hex), so the audit
 * says whom without naming them.
 */
export interface ForgetDigests {
  readonly emailHash: AddressHasher;
  readonly refOfKey: RefOfKey;
  readonly idHash: (id: string) => string;
}
