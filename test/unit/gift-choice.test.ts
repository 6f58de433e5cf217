import { describe, it, expect } from 'vitest';
import { chooseGift, isCelebrated, leadDaysFor, suitableGifts } from '../../shared/domain/gifts/gift-choice.ts';
import { planOccasion } from '../../shared/domain/gifts/occasion-plan.ts';
import type { Occasion } from '../../shared/domain/gifts/gift-task.ts';
import { noStatus, type AccountStatus } from '../../shared/domain/account.ts';
import { programmeA } from '../fixtures/accounts.ts';

const config = programmeA.giftTasks;
const catalogue = config.catalogue;
const ids = (gifts: ReadonlyArray<{ id: string }>): string[] => gifts.map((g) => g.id);
const vip = (tier: string): AccountStatus => ({ vip: true, tier, validUntil: '2027-12-31', since: '2026-01-01' });
const occasion = (over: Partial<Occasion> = {}): Occasion => ({
  accountId: 'A1',
  sourceId: 'C1',
  kind: 'director-birthday',
  originalDate: '1970-06-15',
  personName: 'Ivan Petrov',
  consent: true,
  active: true,
  ...over,
});

describe('suitableGifts', () => {
  it('lists the gifts that suit the tier and occasion, dearest first', () => {
    expect(ids(suitableGifts(catalogue, 'very-highly-profitable', 'director-birthday'))).toEqual(['phone', 'cognac', 'certificate', 'flowers', 'stationery', 'free-airtime']);
    expect(ids(suitableGifts(catalogue, 'very-highly-profitable', 'company-anniversary'))).toEqual(['original-gift', 'cognac', 'stationery', 'branded-items', 'free-airtime']);
  });

  it('filters by tier: tier-restricted gifts only for their tiers, untiered gifts for all', () => {
    expect(ids(suitableGifts(catalogue, 'profitable', 'director-birthday'))).toEqual(['flowers', 'stationery', 'free-airtime']);
    expect(ids(suitableGifts(catalogue, 'highly-profitable', 'director-birthday'))).toEqual(['cognac', 'certificate', 'flowers', 'stationery', 'free-airtime']);
    expect(ids(suitableGifts(catalogue, 'profitable', 'company-anniversary'))).toEqual(['stationery', 'branded-items', 'free-airtime']);
  });

  it('filters by occasion', () => {
    expect(ids(suitableGifts(catalogue, 'highly-profitable', 'contact-birthday'))).toEqual(['flowers', 'stationery', 'branded-items', 'sim-tariff', 'free-airtime']);
    expect(ids(suitableGifts(catalogue, 'highly-profitable', 'client-birthday'))).toEqual(['certificate', 'flowers', 'stationery', 'sim-tariff', 'free-airtime']);
    expect(suitableGifts(catalogue, 'very-highly-profitable', 'client-birthday').map((g) => g.priceRub)).toEqual([25000, 5000, 3500, 1500, 800, 500]);
  });

  it('orders gifts of equal price by id and does not reorder the catalogue', () => {
    const same = catalogue.filter((g) => g.id === 'stationery' || g.id === 'free-airtime').map((g) => ({ ...g, priceRub: 1000 }));
    expect(ids(suitableGifts(same, 'profitable', 'company-anniversary'))).toEqual(['free-airtime', 'stationery']);
    expect(ids(catalogue)[0]).toBe('flowers');
  });
});

describe('isCelebrated (programme A)', () => {
  it('celebrates client and director birthdays and company anniversaries for every tier', () => {
    for (const tier of ['profitable', 'highly-profitable', 'very-highly-profitable']) {
      expect(isCelebrated(config, tier, 'client-birthday')).toBe(true);
      expect(isCelebrated(config, tier, 'director-birthday')).toBe(true);
      expect(isCelebrated(config, tier, 'company-anniversary')).toBe(true);
    }
  });

  it('celebrates contact birthdays only from the second tier', () => {
    expect(isCelebrated(config, 'profitable', 'contact-birthday')).toBe(false);
    expect(isCelebrated(config, 'highly-profitable', 'contact-birthday')).toBe(true);
    expect(isCelebrated(config, 'very-highly-profitable', 'contact-birthday')).toBe(true);
  });

  it('celebrates nothing for an unknown tier or an occasion missing from the config', () => {
    expect(isCelebrated(config, 'gold', 'client-birthday')).toBe(false);
    expect(isCelebrated({ ...config, celebrated: {} }, 'profitable', 'client-birthday')).toBe(false);
  });
});

describe('leadDaysFor', () => {
  it('is the longest lead among the suitable gifts, not the preferred one', () => {
    expect(leadDaysFor(catalogue, 'very-highly-profitable', 'director-birthday')).toBe(7);
    expect(leadDaysFor(catalogue, 'very-highly-profitable', 'company-anniversary')).toBe(10);
    // flowers (2 days) is preferred, but stationery needs 3
    expect(leadDaysFor(catalogue, 'profitable', 'director-birthday')).toBe(3);
    // branded items need 5
    expect(leadDaysFor(catalogue, 'highly-profitable', 'contact-birthday')).toBe(5);
    expect(leadDaysFor(catalogue, 'profitable', 'company-anniversary')).toBe(5);
  });

  it('is undefined when no gift suits', () => {
    expect(leadDaysFor(catalogue.filter((g) => g.id === 'phone'), 'profitable', 'client-birthday')).toBeUndefined();
  });
});

describe('chooseGift', () => {
  it('chooses the preferred gift when the line can afford it', () => {
    expect(chooseGift(catalogue, 'very-highly-profitable', 'director-birthday', 2_500_000)).toMatchObject({
      kind: 'chosen',
      gift: { id: 'phone' },
      priceKopecks: 2_500_000,
      preferred: { id: 'phone' },
    });
  });

  it('chooses the best cheaper gift the line can afford when the preferred is too dear', () => {
    expect(chooseGift(catalogue, 'very-highly-profitable', 'director-birthday', 2_499_999)).toMatchObject({
      kind: 'chosen',
      gift: { id: 'cognac' },
      priceKopecks: 900_000,
      preferred: { id: 'phone' },
    });
    expect(chooseGift(catalogue, 'very-highly-profitable', 'director-birthday', 400_000)).toMatchObject({ kind: 'chosen', gift: { id: 'flowers' }, priceKopecks: 350_000 });
    expect(chooseGift(catalogue, 'profitable', 'director-birthday', 50_000)).toMatchObject({ kind: 'chosen', gift: { id: 'free-airtime' }, priceKopecks: 50_000, preferred: { id: 'flowers' } });
  });

  it('awaits budget with the preferred gift when nothing is affordable', () => {
    expect(chooseGift(catalogue, 'very-highly-profitable', 'director-birthday', 49_999)).toEqual({
      kind: 'awaiting-budget',
      preferred: catalogue.find((g) => g.id === 'phone'),
      priceKopecks: 2_500_000,
    });
    expect(chooseGift(catalogue, 'profitable', 'company-anniversary', 0)).toMatchObject({ kind: 'awaiting-budget', preferred: { id: 'stationery' }, priceKopecks: 150_000 });
    expect(chooseGift(catalogue, 'profitable', 'company-anniversary', -100)).toMatchObject({ kind: 'awaiting-budget' });
  });

  it('reports no suitable gift when none suits the tier and occasion', () => {
    expect(chooseGift(catalogue.filter((g) => g.id === 'phone'), 'profitable', 'client-birthday', 10_000_000)).toEqual({ kind: 'no-suitable-gift' });
    expect(chooseGift([], 'profitable', 'client-birthday', 10_000_000)).toEqual({ kind: 'no-suitable-gift' });
  });
});

describe('planOccasion', () => {
  const today = '2027-06-01';

  it('skips an account that is not VIP, or VIP without a tier', () => {
    expect(planOccasion(occasion(), noStatus, config, today, today)).toEqual({ action: 'skip', occasionDate: '2027-06-15', reason: 'account is not VIP' });
    expect(planOccasion(occasion(), { vip: true }, config, today, today)).toMatchObject({ action: 'skip', reason: 'account is not VIP' });
  });

  it('skips an inactive contact', () => {
    expect(planOccasion(occasion({ active: false }), vip('profitable'), config, today, today)).toEqual({ action: 'skip', occasionDate: '2027-06-15', reason: 'contact marked inactive' });
  });

  it('skips a contact without consent', () => {
    expect(planOccasion(occasion({ consent: false }), vip('profitable'), config, today, today)).toEqual({
      action: 'skip',
      occasionDate: '2027-06-15',
      reason: 'no consent to be contacted',
    });
  });

  it('skips an occasion not celebrated for the tier', () => {
    expect(planOccasion(occasion({ kind: 'contact-birthday' }), vip('profitable'), config, today, today)).toEqual({
      action: 'skip',
      occasionDate: '2027-06-15',
      reason: 'contact-birthday is not celebrated for tier profitable',
    });
  });

  it('skips when no gift in the catalogue suits', () => {
    const bare = { ...config, catalogue: catalogue.filter((g) => g.id === 'original-gift') };
    expect(planOccasion(occasion(), vip('profitable'), bare, today, today)).toMatchObject({ action: 'skip', reason: 'no gift in the catalogue suits director-birthday for tier profitable' });
  });

  it('leaves the occasion for later before its issue day (occasion minus the lead)', () => {
    // very-highly-profitable director birthday: lead 7 days, so 15 June issues on 8 June
    expect(planOccasion(occasion(), vip('very-highly-profitable'), config, '2027-06-07', '2027-06-07')).toEqual({
      action: 'later',
      occasionDate: '2027-06-15',
      issueDate: '2027-06-08',
    });
  });

  it('issues on the issue day, not belated', () => {
    expect(planOccasion(occasion(), vip('very-highly-profitable'), config, '2027-06-08', '2027-06-08')).toEqual({
      action: 'issue',
      occasionDate: '2027-06-15',
      issueDate: '2027-06-08',
      belated: false,
      tier: 'very-highly-profitable',
    });
    // profitable: lead 3 days (the longest of flowers, stationery, free airtime)
    expect(planOccasion(occasion(), vip('profitable'), config, '2027-06-12', '2027-06-12')).toMatchObject({ action: 'issue', issueDate: '2027-06-12', belated: false });
    expect(planOccasion(occasion(), vip('profitable'), config, '2027-06-11', '2027-06-11')).toMatchObject({ action: 'later', issueDate: '2027-06-12' });
  });

  it('issues on the occasion day itself, not belated', () => {
    expect(planOccasion(occasion(), vip('profitable'), config, '2027-06-15', '2027-06-15')).toMatchObject({ action: 'issue', occasionDate: '2027-06-15', belated: false });
  });

  it('issues belated when catching up from an earlier day past the occasion', () => {
    expect(planOccasion(occasion(), vip('very-highly-profitable'), config, '2027-06-10', '2027-06-20')).toEqual({
      action: 'issue',
      occasionDate: '2027-06-15',
      issueDate: '2027-06-08',
      belated: true,
      tier: 'very-highly-profitable',
    });
  });

  it('looks at next year once the occasion is before from', () => {
    expect(planOccasion(occasion(), vip('very-highly-profitable'), config, '2027-06-16', '2027-06-16')).toMatchObject({ action: 'later', occasionDate: '2028-06-15', issueDate: '2028-06-08' });
  });

  it('issues a January occasion from late December, across the year boundary', () => {
    expect(planOccasion(occasion({ originalDate: '1970-01-03' }), vip('very-highly-profitable'), config, '2026-12-27', '2026-12-27')).toEqual({
      action: 'issue',
      occasionDate: '2027-01-03',
      issueDate: '2026-12-27',
      belated: false,
      tier: 'very-highly-profitable',
    });
  });
});
