import type { AccountStatus } from '../account.ts';
import { addDays, daysInMonth, type IsoDate } from '../calendar-date.ts';
import type { GiftTasksConfig, OccasionKind } from '../../schemas/programme-config.ts';
import { leadDaysFor } from './gift-choice.ts';
import type { Occasion } from './gift-task.ts';
import { monthDayOf, nextOccurrence, type LeapDayRule } from './occasion-dates.ts';
import { giftLeadOf } from './occasion-plan.ts';

/**
 * Key of the due-occasions index: the occasion's month-day and its lead time, `03-18#3`. Only an
 * occasion that gets a task (VIP account, celebrated for its tier, active, consented, a real date)
 * carries one, so the daily run reads, for an issue day `d`, the key `<d + lead>#<lead>` of each
 * lead the programme has: exactly the occasions whose task is due that day, nothing else.
 */
export type GiftDueKey = string;

export function giftDueKeyOf(occasion: Occasion, status: AccountStatus, config: GiftTasksConfig): GiftDueKey | undefined {
  const gift = giftLeadOf(occasion, status, config);
  return 'skip' in gift ? undefined : `${monthDayOf(occasion.originalDate)}#${gift.lead}`;
}

/** Every lead time a task can have in this programme: one per celebrated tier and occasion kind. */
export function programmeLeads(config: GiftTasksConfig): number[] {
  const leads = new Set<number>();
  for (const [kind, tiers] of Object.entries(config.celebrated))
    for (const tier of tiers ?? []) {
      const lead = leadDaysFor(config.catalogue, tier, kind as OccasionKind);
      if (lead !== undefined) leads.add(lead);
    }
  return [...leads].sort((a, b) => a - b);
}

/**
 * The index keys whose occasions have their issue day on `issueDay`: per lead, the month-day that
 * many days later, plus `02-29` when that day is where 29 February occasions move in a common year.
 */
export function dueKeysOn(issueDay: IsoDate, config: GiftTasksConfig): GiftDueKey[] {
  const keys: GiftDueKey[] = [];
  for (const lead of programmeLeads(config)) {
    const occasionDay = addDays(issueDay, lead);
    keys.push(`${monthDayOf(occasionDay)}#${lead}`);
    const year = Number(occasionDay.slice(0, 4));
    const movedTo = config.leapDayInCommonYears === 'feb-28' ? '02-28' : '03-01';
    if (daysInMonth(year, 2) === 28 && monthDayOf(occasionDay) === movedTo) keys.push(`02-29#${lead}`);
  }
  return keys;
}

/**
 * The next occurrence, on or after `today`, of an occasion tagged `due`, when the daily runs (up
 * to `watermark`) have already read its issue day: only a late grant can issue it now. Undefined
 * when its issue day is still ahead of the runs, which will read it.
 */
export function passedByRuns(due: GiftDueKey, today: IsoDate, watermark: IsoDate, leapRule: LeapDayRule): { occasionDate: IsoDate; issueDate: IsoDate } | undefined {
  const [monthDay, lead] = due.split('#');
  // Any leap year: only the month-day counts, and 29 February must exist in it.
  const occasionDate = nextOccurrence(`2000-${monthDay}`, today, leapRule);
  const issueDate = addDays(occasionDate, -Number(lead));
  return issueDate <= watermark ? { occasionDate, issueDate } : undefined;
}

/** What an occasion's entry in the due index carries of its account: enough to issue and mail the task without reading the account. */
export interface GiftTag {
  readonly due: GiftDueKey;
  readonly tier: string;
  readonly managerId: string;
  readonly accountName?: string;
}

export function giftTagOf(occasion: Occasion, account: { readonly status: AccountStatus; readonly managerId: string; readonly name?: string }, config: GiftTasksConfig): GiftTag | undefined {
  const due = giftDueKeyOf(occasion, account.status, config);
  if (!due || !account.status.tier || !account.managerId) return undefined;
  return { due, tier: account.status.tier, managerId: account.managerId, ...(account.name !== undefined && { accountName: account.name }) };
}

export function sameTag(a: GiftTag | undefined, b: GiftTag | undefined): boolean {
  return a?.due === b?.due && a?.tier === b?.tier && a?.managerId === b?.managerId && a?.accountName === b?.accountName;
}
