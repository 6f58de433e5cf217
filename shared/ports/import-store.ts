import type { ImportBatch } from '../import/import-schemas.ts';
import type { GiftDueKey } from '../domain/gifts/gift-due.ts';

/** An occasion (a contact's birthday, a company date) written with a due-index tag: it gets a gift task. */
export interface GiftDueWritten {
  readonly accountId: string;
  readonly due: GiftDueKey;
}

/** Where validated import rows go. Every write is an idempotent upsert keyed by the row's identity. */
export interface ImportStore {
  /** Which of these ids exist already (managers or accounts), for reference checks. */
  existingIds(kind: 'managers' | 'accounts', ids: readonly string[]): Promise<Set<string>>;
  /** What is already reserved and spent on these budget lines (absent: no such line), keyed `month cost_item`. */
  committedOnLines(lines: readonly { month: string; costItem: string }[]): Promise<Map<string, number>>;
  /** Returns the batch's occasions that carry a due-index tag (none for the other kinds). */
  writeRows(batch: ImportBatch): Promise<readonly GiftDueWritten[]>;
  /**
   * Re-derives what depends on the rows (an account's monthly facts, its number count) and says
   * which months of the rows written since the last refresh fell outside the months kept on
   * the account's profile.
   */
  refreshAccounts(accountIds: readonly string[]): Promise<RefreshResult>;
}

export interface RefreshResult {
  /** Per account, the imported months older than the kept window: stored as rows, not on the profile. */
  readonly dropped: ReadonlyArray<{ readonly accountId: string; readonly months: readonly string[] }>;
  /** How many months a profile keeps. */
  readonly keptMonths: number;
}
