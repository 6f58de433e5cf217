import { addDays, type IsoDate } from '../../../domain/calendar-date.ts';
import { availableOf } from '../../../domain/gifts/budget-line.ts';
import { chooseGift } from '../../../domain/gifts/gift-choice.ts';
import type { GiftTask } from '../../../domain/gifts/gift-task.ts';
import type { LineCache } from './line-cache.ts';
import type { DailyGiftPorts } from './ports.ts';

/**
 * Tasks awaiting budget whose occasion is still ahead get another chance every day: once the
 * owner raises the line, the best affordable gift is reserved and the manager hears of it.
 */
export async function promoteAwaiting(first: IsoDate, last: IsoDate, lines: LineCache, ports: DailyGiftPorts): Promise<GiftTask[]> {
  const gifts = ports.config.giftTasks;
  const promoted: GiftTask[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) {
    for (const task of await ports.store.awaitingTasksOn(d)) {
      const line = await lines.get(task.budgetMonth, true);
      const choice = chooseGift(gifts.catalogue, task.tier, task.occasionKind, line ? availableOf(line) : 0);
      if (choice.kind !== 'chosen') continue;
      const next: GiftTask = { ...task, state: 'open', giftId: choice.gift.id, reservedKopecks: choice.priceKopecks, priceKopecks: choice.priceKopecks };
      if ((await ports.store.promoteTask(task, next)) === 'promoted') {
        lines.reserved(task.budgetMonth, choice.priceKopecks);
        promoted.push(next);
      }
    }
  }
  return promoted;
}
