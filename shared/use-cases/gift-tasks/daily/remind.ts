import { addDays, type IsoDate } from '../../../domain/calendar-date.ts';
import type { GiftTask } from '../../../domain/gifts/gift-task.ts';
import { overdueTasksMail } from '../../../mail/gift-task-mail.ts';
import { groupBy } from './group-by.ts';
import { digestOf, enqueueOnce, withLinks } from './mail-once.ts';
import type { DailyGiftPorts } from './ports.ts';

/** The day after an occasion its manager is reminded of a task still open, for every day from `from` to `day`. */
export async function remindOverdue(from: IsoDate, day: IsoDate, ports: DailyGiftPorts): Promise<{ reminders: number; mailsQueued: number }> {
  const remind: GiftTask[] = [];
  for (let d = from; d <= day; d = addDays(d, 1)) remind.push(...(await ports.store.openTasksOn(addDays(d, -1))));
  const managers = await ports.managers.getManagers([...new Set(remind.map((t) => t.managerId))]);
  let mailsQueued = 0;
  for (const [managerId, tasks] of groupBy(remind, (t) => t.managerId)) {
    const manager = managers.get(managerId);
    if (!manager) continue;
    // Fresh links: the ones in the first mail may be close to expiring by now.
    const message = overdueTasksMail({ to: manager.email, language: manager.language, kind: 'reminder', tasks: await withLinks(tasks, ports), catalogue: ports.config.giftTasks.catalogue });
    if (await enqueueOnce('gift-reminder', `gift-reminder/${day}/${managerId}/${digestOf(tasks, ports.refOfKey)}`, message, ports)) mailsQueued++;
  }
  return { reminders: remind.length, mailsQueued };
}
