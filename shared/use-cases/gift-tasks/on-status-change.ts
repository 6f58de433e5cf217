import type { IsoDate } from '../../domain/calendar-date.ts';
import { localDateOf } from '../../domain/local-date.ts';
import type { GiftStore } from '../../ports/gift-store.ts';
import type { ProgrammeConfig } from '../../schemas/programme-config.ts';
import { retagAccount } from './retag.ts';

/**
 * An account that lost VIP status leaves the due index (no later run issues for it), keeps the
 * tasks whose occasion is today or past (the gift may be bought already) and loses the open ones
 * for later occasions, releasing their reservations.
 */
export async function cancelTasksOfLostAccount(
  command: { accountId: string; outcome: string; changedAt: Date },
  ports: { store: GiftStore; config: ProgrammeConfig; now: () => Date },
): Promise<{ cancelled: number; untagged: number }> {
  // The day of the change in the programme's zone: occasions after it lose their tasks.
  const today: IsoDate = localDateOf(command.changedAt, ports.config.timeZone);
  const { retagged } = await retagAccount(command.accountId, ports);
  const open = await ports.store.openTasksOfAccount(command.accountId);
  let cancelled = 0;
  for (const task of open.filter((t) => t.occasionDate > today)) {
    if (await ports.store.cancelTask(task, `account lost VIP status (${command.outcome})`, ports.now().toISOString())) cancelled++;
  }
  return { cancelled, untagged: retagged };
}
