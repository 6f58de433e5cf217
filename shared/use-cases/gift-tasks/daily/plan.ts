import { addDays, type IsoDate } from '../../../domain/calendar-date.ts';
import { localDateOf } from '../../../domain/local-date.ts';
import type { Occasion } from '../../../domain/gifts/gift-task.ts';
import { dueKeysOn } from '../../../domain/gifts/gift-due.ts';
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
}

export interface RunWindow {
  readonly day: IsoDate;
  /** The first day this run is for: occasions before it are not this run's. */
  readonly from: IsoDate;
  /** The first issue day it reads: `from`, or on the very first run the longest lead before it. */
  readonly readFrom: IsoDate;
}

/**
 * The day the run is for and where it starts: the day after the last run that finished (the
 * watermark), at most `maxCatchUpDays` back. The very first run starts on its own day and also
 * reads the issue days of the longest lead before it, which no run read: their occasions still
 * ahead get their tasks now.
 */
export async function runWindow(scheduledTime: Date, ports: DailyGiftPorts): Promise<RunWindow> {
  const gifts = ports.config.giftTasks;
  const day = localDateOf(scheduledTime, ports.config.timeZone);
  const watermark = await ports.store.watermark();
  if (!watermark) return { day, from: day, readFrom: addDays(day, -Math.max(...gifts.catalogue.map((g) => g.leadDays))) };
  const earliest = addDays(day, -gifts.maxCatchUpDays);
  const from = max(addDays(watermark, 1), earliest);
  return { day, from, readFrom: from };
}

/**
 * The occasions whose issue day is one of this run's days, read from the due index: one Query
 * per lead time and day, and only occasions that get a task are in it (docs/gift-tasks.md).
 */
export async function planDay({ day, from, readFrom }: RunWindow, ports: DailyGiftPorts): Promise<DayPlan> {
  const gifts = ports.config.giftTasks;
  const keys = new Set<string>();
  for (let d = readFrom; d <= day; d = addDays(d, 1)) for (const key of dueKeysOn(d, gifts)) keys.add(key);
  const entries = await ports.store.dueOccasions([...keys]);
  const skipped: Record<string, number> = {};
  const due: DueOccasion[] = [];
  for (const { occasion, tag } of entries) {
    const account: OccasionAccount = { accountId: occasion.accountId, managerId: tag.managerId, status: { vip: true, tier: tag.tier }, ...(tag.accountName !== undefined && { name: tag.accountName }) };
    const plan = planOccasion(occasion, account.status, gifts, from, day);
    // A tag written under an older catalogue may no longer hold: the plan decides, and says why.
    if (plan.action === 'skip') skipped[plan.reason] = (skipped[plan.reason] ?? 0) + 1;
    if (plan.action === 'issue') due.push({ occasion, account, plan });
  }
  return { due, skipped };
}

function max(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}
