import { monthOf } from '../../../domain/calendar-date.ts';
import { availableOf } from '../../../domain/gifts/budget-line.ts';
import { chooseGift } from '../../../domain/gifts/gift-choice.ts';
import { giftTaskId, type GiftTask } from '../../../domain/gifts/gift-task.ts';
import type { LineCache } from './line-cache.ts';
import type { DueOccasion } from './plan.ts';
import type { DailyGiftPorts } from './ports.ts';

export interface Reserved {
  /** Every task this run handled: issued now, or by a concurrent run of the same day (its digest is sent once). */
  readonly tasks: GiftTask[];
  readonly issued: number;
  readonly alreadyIssued: number;
}

/** One task per due occasion, each reserving money on the line of the occasion's month. */
export async function reserveTasks(due: readonly DueOccasion[], lines: LineCache, ports: DailyGiftPorts): Promise<Reserved> {
  const tasks: GiftTask[] = [];
  let issued = 0;
  for (const one of due) {
    const outcome = await reserveOne(one, lines, ports);
    if (outcome.issued) issued++;
    tasks.push(outcome.task);
  }
  return { tasks, issued, alreadyIssued: tasks.length - issued };
}

/** Chooses the best gift the line can afford and writes task + reservation; a lost race re-reads the line and chooses again. */
async function reserveOne({ occasion, account, plan }: DueOccasion, lines: LineCache, ports: DailyGiftPorts): Promise<{ task: GiftTask; issued: boolean }> {
  const gifts = ports.config.giftTasks;
  const taskId = giftTaskId(occasion.accountId, occasion.sourceId, plan.occasionDate);
  const budgetMonth = monthOf(plan.occasionDate);
  for (let attempt = 1; ; attempt++) {
    const line = await lines.get(budgetMonth, attempt > 1);
    // After repeated lost races (or a line that cannot take conditions) the task waits for approval rather than fail the run.
    const available = attempt > 3 ? 0 : line ? availableOf(line) : 0;
    const choice = chooseGift(gifts.catalogue, plan.tier, occasion.kind, available);
    if (choice.kind === 'no-suitable-gift') throw new Error(`no gift suits ${occasion.kind} for tier ${plan.tier}`);
    const chosen = choice.kind === 'chosen';
    const task: GiftTask = {
      taskId,
      accountId: occasion.accountId,
      sourceId: occasion.sourceId,
      managerId: account.managerId,
      tier: plan.tier,
      occasionKind: occasion.kind,
      occasionDate: plan.occasionDate,
      issueDate: plan.issueDate,
      personName: occasion.personName,
      ...(account.name !== undefined && { accountName: account.name }),
      giftId: chosen ? choice.gift.id : choice.preferred.id,
      reservedKopecks: chosen ? choice.priceKopecks : 0,
      priceKopecks: choice.priceKopecks,
      budgetMonth,
      costItem: gifts.costItem,
      state: chosen ? 'open' : 'awaiting-budget',
      ...(plan.belated && { belated: true }),
      linkId: ports.newLinkId(),
    };
    const outcome = await ports.store.issueTask(task, ports.now().toISOString());
    if (outcome === 'issued') {
      lines.reserved(budgetMonth, task.reservedKopecks);
      return { task, issued: true };
    }
    if (outcome === 'already-issued') return { task: (await ports.store.getTask(taskId)) ?? task, issued: false };
    if (attempt > 4) throw new Error(`task ${taskId} could not be written`);
  }
}
