import { addDays, type IsoDate } from '../../domain/calendar-date.ts';
import { mailDigests } from './daily/digest.ts';
import { escalateOverdue } from './daily/escalate.ts';
import { LineCache } from './daily/line-cache.ts';
import { planDay, runWindow } from './daily/plan.ts';
import type { DailyGiftPorts } from './daily/ports.ts';
import { promoteAwaiting } from './daily/promote.ts';
import { recordRun } from './daily/record.ts';
import { remindOverdue } from './daily/remind.ts';
import { reserveTasks } from './daily/reserve.ts';
import { askLineOwners } from './owner/ask-line-owners.ts';

export type { DailyGiftPorts } from './daily/ports.ts';

export interface DailyGiftResult {
  readonly day: IsoDate;
  readonly from: IsoDate;
  readonly issued: number;
  readonly alreadyIssued: number;
  readonly awaitingBudget: number;
  /** Tasks that were awaiting budget and got their reservation because the line was raised. */
  readonly promoted: number;
  readonly skipped: Readonly<Record<string, number>>;
  readonly reminders: number;
  readonly escalations: number;
  /** Mails this run put in the outbox (the outbox sender sends them). */
  readonly mailsQueued: number;
}

/**
 * The daily run: every occasion whose issue day has come since the last successful run (the
 * watermark) becomes exactly one task, reserving money on the line of the occasion's month;
 * managers get one digest, line owners what needs their approval, and overdue tasks are
 * reminded and escalated. Each step is a module of `daily/`; this one only puts them in order.
 */
export async function issueDailyGiftTasks(command: { scheduledTime: Date }, ports: DailyGiftPorts): Promise<DailyGiftResult> {
  const window = await runWindow(command.scheduledTime, ports);
  const { day, from } = window;
  if (from > day) return { day, from, issued: 0, alreadyIssued: 0, awaitingBudget: 0, promoted: 0, skipped: {}, reminders: 0, escalations: 0, mailsQueued: 0 };

  const gifts = ports.config.giftTasks;
  const lines = new LineCache(ports.store, gifts.costItem);
  const plan = await planDay(window, ports);
  const reserved = await reserveTasks(plan.due, lines, ports);
  const maxLead = Math.max(...gifts.catalogue.map((g) => g.leadDays));
  const promoted = await promoteAwaiting(day, addDays(day, maxLead), lines, ports);
  const tasks = [...reserved.tasks, ...promoted];
  const digests = await mailDigests(day, tasks, lines, ports);
  const approvals = await askLineOwners(day, tasks, lines, ports);
  const reminded = await remindOverdue(from, day, ports);
  const escalated = await escalateOverdue(from, day, ports);

  const result: DailyGiftResult = {
    day,
    from,
    issued: reserved.issued,
    alreadyIssued: reserved.alreadyIssued,
    awaitingBudget: tasks.filter((t) => t.state === 'awaiting-budget').length,
    promoted: promoted.length,
    skipped: plan.skipped,
    reminders: reminded.reminders,
    escalations: escalated.escalations,
    mailsQueued: digests + approvals + reminded.mailsQueued + escalated.mailsQueued,
  };
  await recordRun(day, { ...result }, ports);
  return result;
}
