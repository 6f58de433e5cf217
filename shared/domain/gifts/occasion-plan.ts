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

/**
 * What the daily run does with one occasion on `today`, catching up from `from` (the day after
 * the last successful run): issue it once its issue day (the occasion minus the gift's lead
 * time) has come, skip it with a reason, or leave it for a later day.
 */
export function planOccasion(occasion: Occasion, status: AccountStatus, config: GiftTasksConfig, from: IsoDate, today: IsoDate): OccasionPlan {
  const occasionDate = nextOccurrence(occasion.originalDate, from, config.leapDayInCommonYears);
  if (!status.vip || !status.tier) return { action: 'skip', occasionDate, reason: 'account is not VIP' };
  if (!occasion.active) return { action: 'skip', occasionDate, reason: 'contact marked inactive' };
  if (occasion.suspectDate) return { action: 'skip', occasionDate, reason: 'date looks like an exported empty date (unconfirmed)' };
  if (!occasion.consent) return { action: 'skip', occasionDate, reason: 'no consent to be contacted' };
  if (!isCelebrated(config, status.tier, occasion.kind)) return { action: 'skip', occasionDate, reason: `${occasion.kind} is not celebrated for tier ${status.tier}` };
  const lead = leadDaysFor(config.catalogue, status.tier, occasion.kind);
  if (lead === undefined) return { action: 'skip', occasionDate, reason: `no gift in the catalogue suits ${occasion.kind} for tier ${status.tier}` };
  const issueDate = addDays(occasionDate, -lead);
  if (issueDate > today) return { action: 'later', occasionDate, issueDate };
  return { action: 'issue', occasionDate, issueDate, belated: occasionDate < today, tier: status.tier };
}
