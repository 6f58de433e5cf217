import { addDays, type IsoDate } from '../../../domain/calendar-date.ts';
import { localDateOf } from '../../../domain/local-date.ts';
import { giftTaskId, type Occasion } from '../../../domain/gifts/gift-task.ts';
import { monthDaysBetween } from '../../../domain/gifts/occasion-dates.ts';
import { planOccasion } from '../../../domain/gifts/occasion-plan.ts';
import type { OccasionAccount } from '../../../ports/gift-store.ts';
import type { DailyGiftPorts } from './ports.ts';

export type IssuePlan = Extract<ReturnType<typeof planOccasion>, { action: 'issue' }>;

/** An occasion whose task is due, with its account and plan. */
export interface DueOccasion {
  readonly occasion: Occasion;
  readonly account: OccasionAccount;
  readonly plan: IssuePlan;
}

export interface DayPlan {
  readonly due: DueOccasion[];
  readonly skipped: Record<string, number>;
  /** Due occasions an earlier run already issued. */
  readonly alreadyIssued: number;
}

/**
 * The day the run is for and where it starts: the day after the last run that finished (the
 * watermark), at most `maxCatchUpDays` back; the very first run starts on its own day.
 */
export async function runWindow(scheduledTime: Date, ports: DailyGiftPorts): Promise<{ day: IsoDate; from: IsoDate }> {
  const day = localDateOf(scheduledTime, ports.config.timeZone);
  const watermark = await ports.store.watermark();
  const earliest = addDays(day, -ports.config.giftTasks.maxCatchUpDays);
  return { day, from: watermark ? max(addDays(watermark, 1), earliest) : day };
}

/** Which occasions need a task now, and which are skipped and why. Reads only the month-days it looks ahead to. */
export async function planDay(day: IsoDate, from: IsoDate, ports: DailyGiftPorts): Promise<DayPlan> {
  const gifts = ports.config.giftTasks;
  const maxLead = Math.max(...gifts.catalogue.map((g) => g.leadDays));
  const occasions = await ports.store.occasionsOn(monthDaysBetween(from, addDays(day, maxLead), gifts.leapDayInCommonYears));
  const accounts = await ports.store.accounts(occasions.map((o) => o.accountId));
  const skipped: Record<string, number> = {};
  const due: DueOccasion[] = [];
  let alreadyIssued = 0;
  for (const occasion of occasions) {
    const account = accounts.get(occasion.accountId);
    if (!account) continue;
    const plan = planOccasion(occasion, account.status, gifts, from, day);
    if (plan.action === 'skip') {
      skipped[plan.reason] = (skipped[plan.reason] ?? 0) + 1;
      continue;
    }
    if (plan.action === 'later') continue;
    // An issue day before this run's window was a previous run's job: a read tells whether it was
    // done (cheaper than a refused write); if not (a late VIP grant, a late import), issue it now.
    if (plan.issueDate < from && (await ports.store.getTask(giftTaskId(occasion.accountId, occasion.sourceId, plan.occasionDate)))) {
      alreadyIssued++;
      continue;
    }
    due.push({ occasion, account, plan });
  }
  return { due, skipped, alreadyIssued };
}

function max(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}
