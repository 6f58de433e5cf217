import { describe, expect, it } from 'vitest';
import { closedLoopFigures } from '../../shared/domain/scores/closed-loop-figures.ts';
import { quarterScores } from '../../shared/domain/scores/quarter-scores.ts';
import { emptyCounters } from '../../shared/domain/scores/score-counters.ts';
import { standardsReview } from '../../shared/domain/scores/standards-review.ts';
import { configStandards } from '../../shared/domain/scores/standards.ts';
import { segmentLabel, standardsReviewMail } from '../../shared/mail/standards-review-mail.ts';

const floors = { hideBelow: 5, smallSampleBelow: 30 };
const counters = (n: number, promoters: number) => ({ ...emptyCounters, n, promoters, passives: n - promoters });
const scores = quarterScores(
  '2027-Q1',
  [
    { segment: { dimension: 'all', value: 'all' }, counters: counters(43, 20) },
    { segment: { dimension: 'tier', value: 'gold' }, counters: counters(40, 20) },
    { segment: { dimension: 'tier', value: '<b>x</b>' }, counters: counters(3, 0) },
  ],
  { invited: 100 },
  floors,
);
const review = standardsReview({
  current: scores,
  previous: quarterScores('2026-Q4', [], {}, floors),
  changes: [],
  standards: configStandards({ nps: 40, csi: 75, ces: 5.5, 'response-rate': 30, 'closed-loop-sla': 90 }, {}),
  closedLoop: closedLoopFigures([], '2027-02-03'),
  previousClosedLoop: closedLoopFigures([], '2027-02-03'),
  programme: { year: 2027, vipByTier: [{ tier: 'gold', accounts: 12 }], statusChanges: [{ outcome: 'grant', count: 3 }], giftsByTier: [{ tier: 'gold', spentKopecks: 15_000_050, reservedKopecks: 0 }], budgetKopecks: 30_000_000 },
});

describe('the standards review mail', () => {
  it('speaks Russian with roubles as Russian writes them, and points at the inline chart and the dashboard', () => {
    const mail = standardsReviewMail({ review, language: 'ru', tierNames: { gold: 'Золото' }, floors, dashboardUrl: 'http://127.0.0.1:4000/dashboard?quarter=2027-Q1' });
    expect(mail.subject).toBe('Обзор сервисных стандартов: 2027-Q1');
    expect(mail.html).toContain('<img src="cid:standards-review-chart"');
    expect(mail.html).toContain('href="http://127.0.0.1:4000/dashboard?quarter=2027-Q1"');
    expect(mail.text).toMatch(/150\s000,50\s₽/); // 15,000,050 kopecks
    expect(mail.text).toContain('Уровень: Золото');
    expect(mail.text).toContain('Доля ответивших');
    // The year's status changes in the reader's words, not the outcome codes.
    expect(mail.html).toMatch(/<td[^>]*>присвоен<\/td>/);
    expect(mail.html).not.toMatch(/<td[^>]*>grant<\/td>/);
  });

  it('speaks English with RUB amounts as English writes them', () => {
    const mail = standardsReviewMail({ review, language: 'en', tierNames: { gold: 'Gold' }, floors });
    expect(mail.subject).toBe('Service standards review: 2027-Q1');
    expect(mail.text).toMatch(/RUB\s150,000\.50/); // Intl puts a no-break space after the code
    expect(mail.text).toContain('Tier: Gold');
    expect(mail.html).not.toContain('dashboard');
  });

  it('names a hidden segment as hidden, with no figure, and escapes what came from data', () => {
    const mail = standardsReviewMail({ review, language: 'en', tierNames: {}, floors });
    expect(mail.text).toContain('Tier: <b>x</b> |  | hidden (too few answers)');
    expect(mail.html).toContain('Tier: &lt;b&gt;x&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>x</b>');
  });

  it('names cities and customer types in the mail\'s language; the stored key stays as imported', () => {
    expect(segmentLabel('city#Irkutsk', 'ru', {})).toBe('Город: Иркутск');
    expect(segmentLabel('city#Irkutsk', 'en', {})).toBe('City: Irkutsk');
    // A city imported in Cyrillic reads right on an English mail too; one the table does not know stays as imported.
    expect(segmentLabel('city#Братск', 'en', {})).toBe('City: Bratsk');
    expect(segmentLabel('city#Shelekhov', 'ru', {})).toBe('Город: Shelekhov');
    expect(segmentLabel('customer-type#business', 'ru', {})).toBe('Тип клиента: юридическое лицо');
  });
});
