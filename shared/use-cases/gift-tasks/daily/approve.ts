import type { IsoDate } from '../../../domain/calendar-date.ts';
import type { GiftTask } from '../../../domain/gifts/gift-task.ts';
import { budgetApprovalRequest } from '../../../mail/gift-task-mail.ts';
import { groupBy } from './group-by.ts';
import type { LineCache } from './line-cache.ts';
import { enqueueOnce } from './mail-once.ts';
import type { DailyGiftPorts } from './ports.ts';

/** One approval request per budget line (month) with tasks awaiting budget, to that line's owner. Returns the mails queued. */
export async function requestApprovals(
  day: IsoDate,
  tasks: readonly GiftTask[],
  lines: LineCache,
  ports: DailyGiftPorts,
  mailKey: (month: string) => string = (month) => `budget-approval/${day}/${month}`,
): Promise<number> {
  const awaiting = tasks.filter((t) => t.state === 'awaiting-budget');
  let queued = 0;
  for (const [month, lineTasks] of groupBy(awaiting, (t) => t.budgetMonth)) {
    const to = (await lines.get(month))?.ownerEmail;
    if (!to) {
      ports.log?.('budget approval not sent: no budget line', { month, tasks: lineTasks.length });
      continue;
    }
    const message = budgetApprovalRequest({ to, language: ports.config.languages[0] ?? 'ru', tasks: lineTasks, catalogue: ports.config.giftTasks.catalogue });
    if (await enqueueOnce('budget-approval', mailKey(month), message, ports)) queued++;
  }
  return queued;
}
