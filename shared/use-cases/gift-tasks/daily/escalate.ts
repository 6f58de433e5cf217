import { addDays, type IsoDate } from '../../../domain/calendar-date.ts';
import type { GiftTask } from '../../../domain/gifts/gift-task.ts';
import { overdueTasksMail } from '../../../mail/gift-task-mail.ts';
import { groupBy } from './group-by.ts';
import { LineCache } from './line-cache.ts';
import { digestOf, enqueueOnce, withLinks } from './mail-once.ts';
import type { DailyGiftPorts } from './ports.ts';

/** `escalateAfterDays` after a reminder, the owner of the task's line hears of a task still open. */
export async function escalateOverdue(from: IsoDate, day: IsoDate, ports: DailyGiftPorts): Promise<{ escalations: number; mailsQueued: number }> {
  const gifts = ports.config.giftTasks;
  const escalate: GiftTask[] = [];
  for (let d = from; d <= day; d = addDays(d, 1)) escalate.push(...(await ports.store.openTasksOn(addDays(d, -1 - gifts.escalateAfterDays))));
  // The line as it is now, for its owner.
  const lines = new LineCache(ports.store, gifts.costItem);
  let mailsQueued = 0;
  for (const [month, tasks] of groupBy(escalate, (t) => t.budgetMonth)) {
    const owner = (await lines.get(month))?.ownerEmail;
    if (!owner) continue;
    const message = overdueTasksMail({ to: owner, language: ports.config.languages[0] ?? 'ru', kind: 'escalation', tasks: await withLinks(tasks, ports), catalogue: gifts.catalogue });
    if (await enqueueOnce('gift-escalation', `gift-escalation/${day}/${month}/${digestOf(tasks, ports.refOfKey)}`, message, ports)) mailsQueued++;
  }
  return { escalations: escalate.length, mailsQueued };
}
