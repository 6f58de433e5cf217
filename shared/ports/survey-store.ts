import type { AccountStatus, CustomerType } from '../domain/account.ts';
import type { Invitation } from '../domain/surveys/invitation.ts';
import type { QuarterKey } from '../domain/surveys/quarter.ts';
import type { SurveyContact } from '../domain/surveys/recipient-selection.ts';
import type { ContactHistory } from '../domain/surveys/contact-policy.ts';
import type { SurveyWave } from '../domain/surveys/survey-wave.ts';
import type { Suppression } from '../domain/surveys/suppression.ts';
import type { OutboxMail } from './outbox.ts';

/** Where a paged run stands: an opaque position the store understands (index shard + last key). */
export type PageCursor = Readonly<Record<string, unknown>>;

/** A wave as stored: the domain wave plus the opening's checkpoint and the reminders' progress. */
export interface StoredWave extends SurveyWave {
  /** Pages the opening has checkpointed; the conditional advance compares it, so two runs never both advance. */
  readonly pages: number;
  readonly cursor?: PageCursor;
  /** Per reminder day: pages checkpointed, the cursor, and whether the day is done. */
  readonly reminders: Readonly<Record<string, { readonly pages: number; readonly cursor?: PageCursor; readonly done: boolean }>>;
  /** Wall-clock time of the opening's latest checkpoint (the watchdog's sign of life). */
  readonly progressAt?: string;
}

export interface WaveAccount {
  readonly accountId: string;
  readonly managerId: string;
  readonly customerType: CustomerType;
  readonly city: string;
  readonly status: AccountStatus;
}

/** One account's contacts with their survey history, and how many closed-loop cases are open on it. */
export interface AccountContacts {
  readonly contacts: readonly (SurveyContact & { readonly history: ContactHistory })[];
  readonly openCases: number;
}

export type InviteOutcome = 'invited' | 'already-invited' | 'address-already-invited';

export interface WaveOpeningStore {
  /** Creates the wave unless it exists; returns the stored one either way. */
  createWave(wave: SurveyWave): Promise<{ wave: StoredWave; created: boolean }>;
  getWave(waveKey: QuarterKey): Promise<StoredWave | undefined>;
  /** A page of account profiles through the `accounts` index (never the table). */
  readAccounts(cursor: PageCursor | undefined, limit: number): Promise<{ accounts: WaveAccount[]; cursor?: PageCursor }>;
  accountContacts(accountIds: readonly string[]): Promise<Map<string, AccountContacts>>;
  /** Which of these address hashes are suppressed. */
  suppressed(emailHashes: readonly string[]): Promise<Set<string>>;
  /**
   * In one transaction: the invitation (unless the contact already has one in this wave), its
   * token pointer, the address's marker in the wave (one invitation per address), the contact's
   * survey history and the invitation mail in the outbox.
   */
  invite(invitation: Invitation, mail: OutboxMail, mailedOn: string, queuedAt: string): Promise<InviteOutcome>;
  /** Saves the cursor after a page, stamped `at` (wall clock), if no other run moved it first (false: superseded). */
  advanceOpening(waveKey: QuarterKey, expectedPages: number, cursor: PageCursor | undefined, skipped: Readonly<Record<string, number>>, at: string): Promise<boolean>;
  /** opening -> open, with the final count of invitations; false if another run did it first. */
  completeOpening(waveKey: QuarterKey, at: string): Promise<boolean>;
}

export interface ReminderStore {
  getWave(waveKey: QuarterKey): Promise<StoredWave | undefined>;
  /** A page of the wave's invitations (one Query of the wave's partition). */
  readInvitations(waveKey: QuarterKey, cursor: PageCursor | undefined, limit: number): Promise<{ invitations: Invitation[]; cursor?: PageCursor }>;
  openCases(accountIds: readonly string[]): Promise<Map<string, number>>;
  suppressed(emailHashes: readonly string[]): Promise<Set<string>>;
  /** In one transaction: the day recorded on the invitation (only if still `invited` and not yet reminded that day), the contact's history, the mail. */
  remind(invitation: Invitation, day: number, mail: OutboxMail, mailedOn: string, at: string): Promise<boolean>;
  advanceReminders(waveKey: QuarterKey, day: number, expectedPages: number, cursor: PageCursor | undefined): Promise<boolean>;
  /** Marks the reminder day done, and every earlier day that was skipped. */
  completeReminders(waveKey: QuarterKey, days: readonly number[]): Promise<void>;
  closeWave(waveKey: QuarterKey, at: string): Promise<boolean>;
}

export interface InvitationRef {
  readonly waveKey: QuarterKey;
  readonly accountId: string;
  readonly contactId: string;
  readonly invitedAt: string;
}

export interface SuppressionStore {
  get(emailHash: string): Promise<Suppression | undefined>;
  /** Adds the suppression unless the address is already suppressed (the first reason stays). */
  add(suppression: Suppression): Promise<boolean>;
  remove(emailHash: string): Promise<boolean>;
  list(): Promise<Suppression[]>;
  /** The invitations sent to this address in these waves (one item per wave and address), oldest wave first. */
  invitationsTo(emailHash: string, waveKeys: readonly QuarterKey[]): Promise<InvitationRef[]>;
  /** Sets the invitation's state, if it is still `invited` (an answer is kept). */
  markInvitation(ref: { waveKey: QuarterKey; accountId: string; contactId: string }, state: 'bounced' | 'complained' | 'unsubscribed', at: string): Promise<boolean>;
}

/** From the opaque id in a link to the invitation (strongly consistent reads). */
export interface InvitationLookup {
  invitationById(invitationId: string): Promise<Invitation | undefined>;
}
