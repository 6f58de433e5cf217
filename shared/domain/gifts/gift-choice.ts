import type { GiftKind, GiftTasksConfig, OccasionKind } from '../../schemas/programme-config.ts';
import { rubToKopecks, type Kopecks } from '../money.ts';

/** Gifts that suit a tier and an occasion, the best (dearest) first. */
export function suitableGifts(catalogue: readonly GiftKind[], tier: string, occasion: OccasionKind): GiftKind[] {
  return catalogue
    .filter((g) => g.occasions.includes(occasion) && (g.tiers.length === 0 || g.tiers.includes(tier)))
    .sort((a, b) => b.priceRub - a.priceRub || a.id.localeCompare(b.id));
}

export function isCelebrated(config: GiftTasksConfig, tier: string, occasion: OccasionKind): boolean {
  return config.celebrated[occasion]?.includes(tier) ?? false;
}

/**
 * Days before the occasion the task must go out: the longest lead among the gifts that suit,
 * so whichever gift the budget allows still arrives on the day.
 */
export function leadDaysFor(catalogue: readonly GiftKind[], tier: string, occasion: OccasionKind): number | undefined {
  const gifts = suitableGifts(catalogue, tier, occasion);
  return gifts.length ? Math.max(...gifts.map((g) => g.leadDays)) : undefined;
}

export type GiftChoice =
  | { readonly kind: 'chosen'; readonly gift: GiftKind; readonly priceKopecks: Kopecks; readonly preferred: GiftKind }
  | { readonly kind: 'awaiting-budget'; readonly preferred: GiftKind; readonly priceKopecks: Kopecks }
  | { readonly kind: 'no-suitable-gift' };

/** The best suitable gift the line can still afford; if none, the preferred one awaits budget approval. */
export function chooseGift(catalogue: readonly GiftKind[], tier: string, occasion: OccasionKind, availableKopecks: Kopecks): GiftChoice {
  const gifts = suitableGifts(catalogue, tier, occasion);
  const preferred = gifts[0];
  if (!preferred) return { kind: 'no-suitable-gift' };
  const affordable = gifts.find((g) => rubToKopecks(g.priceRub) <= availableKopecks);
  if (!affordable) return { kind: 'awaiting-budget', preferred, priceKopecks: rubToKopecks(preferred.priceRub) };
  return { kind: 'chosen', gift: affordable, priceKopecks: rubToKopecks(affordable.priceRub), preferred };
}
