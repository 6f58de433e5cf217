import type { IsoDate } from '../../domain/calendar-date.ts';
import { localDateOf } from '../../domain/local-date.ts';
import type { GiftStore } from '../../ports/gift-store.ts';

/**
 * An account that lost VIP status keeps the tasks whose occasion is today or past (the gift may
 * be bought already) and loses the open ones for later occasions, releasing their reservations.
 */
export async function cancelTasksOfLostAccount(
  command: { accountId: string; outcome: string; changedAt: Date },
  ports: { store: GiftStore; now: () => Date; config: { readonly timeZone: string } },
): Promise<{ cancelled: number }> {
  // The day of the change in the programme's zone: occasions after it lose their tasks.
  const today: IsoDate = localDateOf(command.changedAt, ports.config.timeZone);
  const open = await ports.store.openTasksOfAccount(command.accountId);
  let cancelled = 0;
  for (const task of open.filter((t) => t.occasionDate > today)) {
    if (await ports.store.cancelTask(task, `account lost VIP status (${command.outcome})`, ports.now().toISOString())) cancelled++;
  }
  return { cancelled };
}
