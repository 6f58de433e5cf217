import type { AccountStatus } from '../account.ts';
import { addDays, type IsoDate } from '../calendar-date.ts';
import type { GiftTasksConfig } from '../../schemas/programme-config.ts';
import { isCelebrated, leadDaysFor } from './gift-choice.ts';
import type { Occasion } from './gift-task.ts';
import { nextOccurrence } from './occasion-dates.ts';

export type OccasionPlan =
  | { readonly action: 'issue'; readonly occasionDate: IsoDate; readonly issueDate: IsoDate; readonly belated: boolean; readonly tier: string }
  | { readonly action: 'skip'; readonly occasionDate: IsoDate; readonly reason: string }
  | { readonly action: 'later'; readonly occasionDate: IsoDate; readonly issueDate: IsoDate };

/** Whether an occasion of an account with this status gets a task at all, and how many days before it. */
export type GiftLead = { readonly tier: string; readonly lead: number } | { readonly skip: string };

export function giftLeadOf(occasion: Occasion, status: AccountStatus, config: GiftTasksConfig): GiftLead {
  if (!status.vip || !status.tier) return { skip: 'account is not VIP' };
  if (!occasion.active) return { skip: 'contact marked inactive' };
  if (occasion.suspectDate) return { skip: 'date looks like an exported empty date (unconfirmed)' };
  if (!occasion.consent) return { skip: 'no consent to be contacted' };
  if (!isCelebrated(config, status.tier, occasion.kind)) return { skip: `${occasion.kind} is not celebrated for tier ${status.tier}` };
  const lead = leadDaysFor(config.catalogue, status.tier, occasion.kind);
  if (lead === undefined) return { skip: `no gift in the catalogue suits ${occasion.kind} for tier ${status.tier}` };
  return { tier: status.tier, lead };
}

/**
 * What the daily run does with one occasion on `today`, catching up from `from` (the day after
 * the last successful run): issue it once its issue day (the occasion minus the gift's lead
 * time) has come, skip it with a reason, or leave it for a later day.
 */
export function planOccasion(occasion: Occasion, status: AccountStatus, config: GiftTasksConfig, from: IsoDate, today: IsoDate): OccasionPlan {
  const occasionDate = nextOccurrence(occasion.originalDate, from, config.leapDayInCommonYears);
  const gift = giftLeadOf(occasion, status, config);
  if ('skip' in gift) return { action: 'skip', occasionDate, reason: gift.skip };
  const issueDate = addDays(occasionDate, -gift.lead);
  if (issueDate > today) return { action: 'later', occasionDate, issueDate };
  return { action: 'issue', occasionDate, issueDate, belated: occasionDate < today, tier: gift.tier };
}
