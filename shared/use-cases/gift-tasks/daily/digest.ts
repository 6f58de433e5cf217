import type { IsoDate } from '../../../domain/calendar-date.ts';
import { availableOf } from '../../../domain/gifts/budget-line.ts';
import type { GiftTask } from '../../../domain/gifts/gift-task.ts';
import { managerTaskDigest, type TaskInMail } from '../../../mail/gift-task-mail.ts';
import { groupBy } from './group-by.ts';
import type { LineCache } from './line-cache.ts';
import { enqueueOnce } from './mail-once.ts';
import type { DailyGiftPorts } from './ports.ts';

/**
 * One digest per manager and day: the tasks this run handled, with signed links and what is left
 * on their lines. `mailKey` names each mail once (a late grant's tasks get a mail of their own).
 * Returns the mails queued.
 */
export async function mailDigests(
  day: IsoDate,
  tasks: readonly GiftTask[],
  lines: LineCache,
  ports: DailyGiftPorts,
  mailKey: (managerId: string) => string = (managerId) => `gift-digest/${day}/${managerId}`,
): Promise<number> {
  const gifts = ports.config.giftTasks;
  const expires = new Date(ports.now().getTime() + gifts.linkValidityDays * 86_400_000);
  const byManager = groupBy(tasks, (t) => t.managerId);
  const managers = await ports.managers.getManagers([...byManager.keys()]);
  let queued = 0;
  for (const [managerId, managerTasks] of byManager) {
    const manager = managers.get(managerId);
    if (!manager) {
      ports.log?.('gift digest not sent: manager unknown', { managerId, tasks: managerTasks.length });
      continue;
    }
    const inMail: TaskInMail[] = [];
    for (const task of managerTasks) {
      const line = await lines.get(task.budgetMonth);
      inMail.push({
        task,
        doneUrl: await ports.links.url(task, 'done', expires),
        cancelUrl: await ports.links.url(task, 'cancel', expires),
        ...(line && { lineLeftKopecks: availableOf(line) }),
      });
    }
    const message = managerTaskDigest({ to: manager.email, managerName: manager.fullName, language: manager.language, day, tasks: inMail, catalogue: gifts.catalogue });
    if (await enqueueOnce('gift-digest', mailKey(managerId), message, ports)) queued++;
  }
  return queued;
}
