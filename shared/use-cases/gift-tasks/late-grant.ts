import { localDateOf } from '../../domain/local-date.ts';
import type { IsoDate } from '../../domain/calendar-date.ts';
import { passedByRuns } from '../../domain/gifts/gift-due.ts';
import { mailDigests } from './daily/digest.ts';
import { LineCache } from './daily/line-cache.ts';
import type { DueOccasion } from './daily/plan.ts';
import type { DailyGiftPorts } from './daily/ports.ts';
import { reserveTasks } from './daily/reserve.ts';
import { askLineOwners } from './owner/ask-line-owners.ts';
import { retagAccount } from './retag.ts';

export interface LateGrantResult {
  readonly retagged: number;
  readonly issued: number;
  readonly alreadyIssued: number;
  readonly mailsQueued: number;
}

/** The status event's form: the day of the change in the programme's time zone is the run's day. */
export function issueLateGrantAt(command: { accountId: string; changedAt: Date }, ports: DailyGiftPorts): Promise<LateGrantResult> {
  return issueLateGrant({ accountId: command.accountId, today: localDateOf(command.changedAt, ports.config.timeZone) }, ports);
}

/**
 * An account became VIP, or its tier changed: its occasions join the due index with the new lead
 * times, and those whose issue day the daily runs have already passed (up to the watermark) while
 * the occasion is still ahead get their task now, for this account only. Task ids are the daily
 * run's, so a repeated event, or a run that issues the same occasion, writes nothing twice.
 */
export async function issueLateGrant(command: { accountId: string; today: IsoDate }, ports: DailyGiftPorts): Promise<LateGrantResult> {
  const { account, occasions, retagged } = await retagAccount(command.accountId, ports);
  const watermark = await ports.store.watermark();
  // No run has read any day yet: the first one reads its look-ahead and finds these occasions itself.
  if (!account || !watermark) return { retagged, issued: 0, alreadyIssued: 0, mailsQueued: 0 };
  const gifts = ports.config.giftTasks;
  const due: DueOccasion[] = [];
  for (const { occasion, tag } of occasions) {
    if (!tag) continue;
    // Issue days after the watermark are still ahead of the daily runs, which read them.
    const passed = passedByRuns(tag.due, command.today, watermark, gifts.leapDayInCommonYears);
    if (passed) due.push({ occasion, account, plan: { action: 'issue', ...passed, belated: false, tier: tag.tier } });
  }
  if (!due.length) return { retagged, issued: 0, alreadyIssued: 0, mailsQueued: 0 };
  const lines = new LineCache(ports.store, gifts.costItem);
  const reserved = await reserveTasks(due, lines, ports);
  // A task issued before under another tier (a tier change) was mailed then; one this grant issued,
  // now or in an earlier delivery of the same event, is mailed (once: the mail key says so).
  const ours = reserved.tasks.filter((task, i) => task.tier === due[i]!.plan.tier && task.issueDate === due[i]!.plan.issueDate);
  const late = `late/${command.accountId}`;
  const mailsQueued =
    (await mailDigests(command.today, ours, lines, ports, (managerId) => `gift-digest/${command.today}/${managerId}/${late}`)) +
    (await askLineOwners(command.today, ours, lines, ports));
  return { retagged, issued: reserved.issued, alreadyIssued: reserved.alreadyIssued, mailsQueued };
}
