import type { CriterionResult, StatusDecision, StatusOutcome } from '../domain/status-decision.ts';
import { decidingCriteria } from '../domain/status-decision.ts';
import { commonWords, dateIn, moneyIn, monthIn, periodIn, type ReaderLanguage } from './reader-labels.ts';

/** Tier ids as the programme names them ("highly-profitable" -> "Highly profitable"). */
export type TierNames = Readonly<Record<string, string>>;

export const outcomeLabels: Record<ReaderLanguage, Record<StatusOutcome, string>> = {
  en: { grant: 'granted', renew: 'renewed', 'tier-up': 'tier up', 'tier-down': 'tier down', grace: 'kept (grace)', revoke: 'revoked', excluded: 'excluded', 'not-eligible': 'not eligible' },
  ru: { grant: 'присвоен', renew: 'продлён', 'tier-up': 'уровень повышен', 'tier-down': 'уровень понижен', grace: 'сохранён (льготный период)', revoke: 'отозван', excluded: 'исключён', 'not-eligible': 'не соответствует' },
};

/** An outcome code as the reader's word; a code this version does not know is shown as it is. */
export function outcomeIn(outcome: string, language: ReaderLanguage): string {
  return (outcomeLabels[language] as Record<string, string>)[outcome] ?? outcome;
}

const criterionNames: Record<ReaderLanguage, Record<string, (c: CriterionResult, l: ReaderLanguage) => string>> = {
  en: {
    'customer-type': () => 'customer type',
    'number-count': () => 'registered numbers',
    tariff: () => 'tariff',
    tenure: (c, l) => `months with the company${c.since ? ` since ${dateIn(c.since, l)}` : ''}`,
    'charges-perNumber': (c, l) => `average charge per number${c.period ? `, ${periodIn(c.period, l)}` : ''}`,
    'charges-perAccount': (c, l) => `average charges per account${c.period ? `, ${periodIn(c.period, l)}` : ''}`,
    'late-payments': (c, l) => `late or short payments${c.period ? `, ${periodIn(c.period, l)}` : ''}`,
    debt: (c, l) => `unpaid balance${c.period ? `, ${periodIn(c.period, l)}` : ''}`,
  },
  ru: {
    'customer-type': () => 'тип клиента',
    'number-count': () => 'зарегистрированных номеров',
    tariff: () => 'тариф',
    tenure: (c, l) => `месяцев с компанией${c.since ? ` с ${dateIn(c.since, l)}` : ''}`,
    'charges-perNumber': (c, l) => `средние начисления на номер${c.period ? `, ${periodIn(c.period, l)}` : ''}`,
    'charges-perAccount': (c, l) => `средние начисления по счёту${c.period ? `, ${periodIn(c.period, l)}` : ''}`,
    'late-payments': (c, l) => `платежей с опозданием или не полностью${c.period ? `, ${periodIn(c.period, l)}` : ''}`,
    debt: (c, l) => `задолженность${c.period ? `, ${periodIn(c.period, l)}` : ''}`,
  },
};

const customerTypes: Record<ReaderLanguage, Record<string, string>> = {
  en: { business: 'business', private: 'private' },
  ru: { business: 'юридическое лицо', private: 'частное лицо' },
};

const comparisons: Record<ReaderLanguage, Record<string, string>> = {
  en: { '>': 'more than', '>=': 'at least', '<=': 'at most', in: 'one of', none: '' },
  ru: { '>': 'больше', '>=': 'не меньше', '<=': 'не больше', in: 'одно из', none: '' },
};

const moneyCriteria = new Set(['charges-perNumber', 'charges-perAccount', 'debt']);

/** A criterion's name in the reader's language. */
export function criterionNameIn(c: CriterionResult, language: ReaderLanguage): string {
  return criterionNames[language][c.id]?.(c, language) ?? c.id;
}

function valueIn(c: CriterionResult, value: number | string | readonly string[], language: ReaderLanguage): string {
  if (Array.isArray(value)) return value.map((v) => valueIn(c, v, language)).join(', ');
  if (typeof value === 'number') return moneyCriteria.has(c.id) ? moneyIn(value, language) : new Intl.NumberFormat(language === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 2 }).format(value);
  return c.id === 'customer-type' ? (customerTypes[language][value as string] ?? String(value)) : String(value);
}

/** "средние начисления на номер, январь 2026 – декабрь 2026: 2 340,50 ₽ (нужно больше 2 100,00 ₽): выполнен". */
export function criterionTextIn(c: CriterionResult, language: ReaderLanguage): string {
  const w = commonWords[language];
  const need = language === 'ru' ? 'нужно' : 'needs';
  return `${criterionNameIn(c, language)}: ${valueIn(c, c.observed, language)} (${need} ${comparisons[language][c.comparison]} ${valueIn(c, c.threshold, language)}): ${c.pass ? w.pass : w.fail}`;
}

const reasonWords = {
  en: {
    meets: (tier: string) => `meets the rules; tier ${tier}`,
    meetsNoTier: 'meets the rules, but its charges are below the lowest tier',
    carriedBy: (names: string) => `carried by: ${names}`,
    fails: (names: string) => `does not meet: ${names}`,
    included: (why: string) => `included by override (${why})`,
    excluded: (by: string, on: string, why: string) => `excluded by ${by} on ${on}: ${why}`,
    grace: (tier: string, left: number) => `tier ${tier} kept under the grace rule (${left} more review(s))`,
  },
  ru: {
    meets: (tier: string) => `соответствует правилам; уровень ${tier}`,
    meetsNoTier: 'соответствует правилам, но начисления ниже самого низкого уровня',
    carriedBy: (names: string) => `решило: ${names}`,
    fails: (names: string) => `не выполнено: ${names}`,
    included: (why: string) => `включён по решению (${why})`,
    excluded: (by: string, on: string, why: string) => `исключён: ${by}, ${on}: ${why}`,
    grace: (tier: string, left: number) => `уровень ${tier} сохранён по льготному правилу (осталось пересмотров: ${left})`,
  },
} as const;

/**
 * Why, in one line, in the reader's language, built from the decision's structure (the stored
 * English `reason` is for logs and the operator): the failing criteria, or what carried it.
 */
export function decisionReasonIn(d: StatusDecision, language: ReaderLanguage, tierNames: TierNames = {}, options: { readonly detail?: boolean } = {}): string {
  const w = reasonWords[language];
  const tier = (id: string | undefined) => (id === undefined ? commonWords[language].none : (tierNames[id] ?? id));
  if (d.outcome === 'excluded' && d.override) return w.excluded(d.override.by, dateIn(d.override.at.slice(0, 10), language), d.override.reason);
  const { failing, carrying } = decidingCriteria(d);
  const names = (cs: readonly CriterionResult[]) => cs.map((c) => criterionNameIn(c, language)).join('; ');
  const parts: string[] = [];
  // With detail, each failing criterion says what was observed against what was needed.
  if (failing.length) parts.push(options.detail ? w.fails(failing.map((c) => criterionTextIn(c, language)).join('; ')) : w.fails(names(failing)));
  else if (d.next.vip || d.outcome === 'grace') parts.push(w.meets(tier(d.next.vip ? d.next.tier : d.previous.tier)));
  else parts.push(w.meetsNoTier);
  if (!failing.length && carrying.length && carrying.length < d.criteria.filter((c) => c.id.startsWith('charges-')).length) parts.push(w.carriedBy(names(carrying)));
  if (d.override?.kind === 'include' && failing.length) parts.push(w.included(d.override.reason));
  if (d.outcome === 'grace' && d.previous.vip) parts.push(w.grace(tier(d.previous.tier), d.next.graceLeft ?? 0));
  return parts.join('; ');
}

/** A review key as a reader names the review: "годовой пересмотр 2027", "admission pass, March 2027". */
export function reviewNameIn(reviewKey: string, language: ReaderLanguage): string {
  const yearly = /^yearly-(\d{4})$/.exec(reviewKey);
  if (yearly) return language === 'ru' ? `годовой, ${yearly[1]}` : `yearly, ${yearly[1]}`;
  const admission = /^admission-(\d{4}-\d{2})$/.exec(reviewKey);
  if (admission) return language === 'ru' ? `ежемесячный приём, ${monthIn(admission[1]!, language)}` : `monthly admission, ${monthIn(admission[1]!, language)}`;
  return reviewKey;
}
