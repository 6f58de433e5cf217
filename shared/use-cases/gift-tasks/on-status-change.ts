import type { IsoDate } from '../../domain/calendar-date.ts';
import type { GiftStore } from '../../ports/gift-store.ts';

/**
 * An account that lost VIP status keeps the tasks whose occasion is today or past (the gift may
 * be bought already) and loses the open ones for later occasions, releasing their reservations.
 */
export async function cancelTasksOfLostAccount(
  command: { accountId: string; outcome: string; today: IsoDate },
  ports: { store: GiftStore; now: () => Date },
): Promise<{ cancelled: number }> {
  const open = await ports.store.openTasksOfAccount(command.accountId);
  let cancelled = 0;
  for (const task of open.filter((t) => t.occasionDate > command.today)) {
    if (await ports.store.cancelTask(task, `account lost VIP status (${command.outcome})`, ports.now().toISOString())) cancelled++;
  }
  return { cancelled };
}
