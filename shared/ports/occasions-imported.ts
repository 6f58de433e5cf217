import type { GiftDueWritten } from './import-store.ts';

/**
 * Tells the gift workflow which occasions an import wrote with a due-index tag, so that those
 * whose issue day the daily runs have already passed still get their task.
 */
export interface OccasionsImportedNotifier {
  /** Returns how many accounts it asked a late grant for. */
  occasionsImported(occasions: readonly GiftDueWritten[]): Promise<number>;
}
