import { keys } from './keys.ts';

/** Whether an item (or index entry) is an account's status item rather than its profile. */
export function isStatusItem(item: Readonly<Record<string, unknown>>): boolean {
  return item.sk === keys.accountStatus('').sk;
}

/**
 * Puts each account's status item onto its profile: the one record the review, the reports and
 * `vip explain` read (`accountItemSchema`). Profiles keep their order; a status item without its
 * profile among the items is returned apart.
 */
export function joinAccountEntries<T extends Record<string, unknown>>(items: readonly T[]): { accounts: T[]; orphans: T[] } {
  const byPk = new Map<unknown, Record<string, unknown>>();
  const statuses: T[] = [];
  for (const item of items) {
    if (isStatusItem(item)) statuses.push(item);
    else byPk.set(item.pk, { ...item });
  }
  const orphans: T[] = [];
  for (const status of statuses) {
    const profile = byPk.get(status.pk);
    if (!profile) {
      orphans.push(status);
      continue;
    }
    profile.status = status.status;
    if (status.lastDecision !== undefined) profile.lastDecision = status.lastDecision;
  }
  return { accounts: [...byPk.values()] as T[], orphans };
}
