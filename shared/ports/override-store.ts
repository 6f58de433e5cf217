import type { StatusOverride } from '../domain/account.ts';

/** Where an account's manual override (and the history of overrides) is kept. */
export interface OverrideStore {
  /** Sets, or with `undefined` clears, the override; throws UnknownAccountError for an unknown account. */
  setOverride(accountId: string, override: StatusOverride | undefined, audit: { readonly by: string; readonly at: string }): Promise<void>;
}
