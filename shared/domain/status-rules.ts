import type { AccountFacts, AccountStatus, StatusOverride } from './account.ts';
import { addDays, addMonths, addMonthsToDate, daysBetween, monthOf, monthsEndingWith, wholeMonthsBetween, type IsoDate, type IsoMonth } from './calendar-date.ts';
import { formatRub, rubToKopecks, type Kopecks } from './money.ts';
import type { ChargeCriterion, StatusRules, TierDefinition } from '../schemas/programme-config.ts';
import type { CriterionResult, StatusDecision, StatusOutcome } from './status-decision.ts';

export interface ReviewInput {
  readonly facts: AccountFacts;
  readonly current: AccountStatus;
  readonly override?: StatusOverride;
  readonly rules: StatusRules;
  /** The review's calendar date in the programme's time zone. */
  readonly reviewDate: IsoDate;
  readonly reviewKey: string;
  readonly mode: 'yearly' | 'admission';
}

/**
 * The programme's rules applied to one account: pure, so the same facts always give the same
 * decision, and every criterion records what was observed against what threshold.
 */
export function decideStatus(input: ReviewInput): StatusDecision {
  const { facts, rules, reviewDate, current } = input;
  const lastMonth = addMonths(monthOf(reviewDate), -1);
  const notes: string[] = [];
  const futureMonths = Object.keys(facts.months).filter((m) => m > lastMonth);
  if (futureMonths.length) notes.push(`ignored charges or payments dated after ${lastMonth}: ${futureMonths.join(', ')}`);
  if (facts.foreignNumbers?.length) notes.push(`charges for numbers registered to another account: ${facts.foreignNumbers.join(', ')}`);

  const chargeWindow = monthsEndingWith(lastMonth, rules.windowMonths);
  const measures = {
    perNumber: averagePerNumber(facts, chargeWindow, notes),
    perAccount: averagePerAccount(facts, chargeWindow),
  };
  const windowText = `${chargeWindow[0]}..${chargeWindow.at(-1)}`;

  const criteria: CriterionResult[] = [
    membership('customer-type', 'customer type', facts.customerType, rules.customerTypes),
    ...(rules.maxNumbers === undefined
      ? []
      : [numeric('number-count', 'registered numbers', facts.registeredNumbers, '<=', rules.maxNumbers, String)]),
    ...(rules.tariffs === undefined ? [] : [membership('tariff', 'tariff', facts.tariff, rules.tariffs)]),
    tenure(facts.openedOn, reviewDate, rules.minTenureMonths),
  ];
  const chargeResults = rules.charges.criteria.map((c) => chargeCriterion(c, measures[c.measure], windowText));
  const chargesPass = rules.charges.combine === 'any' ? chargeResults.some((c) => c.pass) : chargeResults.every((c) => c.pass);
  criteria.push(...chargeResults, ...paymentDiscipline(facts, lastMonth, reviewDate, rules.paymentDiscipline));

  const failing = criteria.filter((c) => !c.pass && !(c.id.startsWith('charges-') && chargesPass));
  const qualifiesByRules = failing.length === 0;
  const tierValue = measures[rules.tierMeasure];
  const tier = tierFor(tierValue, rules.tiers, rules.belowLowestTier);

  const override = activeOverride(input.override, reviewDate);
  let qualifies = qualifiesByRules && tier !== undefined;
  const measureText = `${rules.tierMeasure === 'perNumber' ? 'charge per number' : 'account charges'} ${formatRub(tierValue)}`;
  const belowLowest = tier !== undefined && tierValue < rubToKopecks(tier.fromRub);
  let reason = qualifiesByRules
    ? tier
      ? belowLowest
        ? `meets the criteria; ${measureText} is below every tier, so it takes the lowest, ${tier.id}`
        : `${chargeResults.every((c) => c.pass) ? 'meets every criterion' : `meets the rules (charges combine with "any": ${chargeResults.filter((c) => c.pass).map((c) => c.id).join(', ')} carried it)`}; ${measureText} puts it in tier ${tier.id}`
      : `meets the criteria but ${measureText} is below the lowest tier`
    : `fails: ${failing.map((c) => c.id).join(', ')}`;
  let nextTier = tier?.id;
  if (override?.kind === 'include' && !qualifies) {
    qualifies = true;
    nextTier = tier?.id ?? lowestTier(rules.tiers).id;
    reason = `included by override (${override.reason}), although it ${reason}`;
  }

  const base = { accountId: facts.accountId, chargesCombine: rules.charges.combine, ...(facts.name !== undefined && { accountName: facts.name }), managerId: facts.managerId, reviewKey: input.reviewKey, reviewDate, mode: input.mode, criteria, notes, previous: current, ...(override && { override }) };
  if (override?.kind === 'exclude') {
    const next = current.vip ? revoked(input) : current;
    return { ...base, outcome: 'excluded', qualifies: false, next, reason: `excluded by ${override.by} on ${override.at.slice(0, 10)}: ${override.reason}` };
  }

  const validUntil = addDays(addMonthsToDate(reviewDate, rules.validityMonths), -1);
  if (qualifies && nextTier) {
    const granted: AccountStatus = { vip: true, tier: nextTier, validUntil, since: current.vip ? current.since : reviewDate, reviewKey: input.reviewKey };
    if (!current.vip) return { ...base, outcome: 'grant', qualifies, next: granted, reason };
    const order = tierRank(rules.tiers, nextTier) - tierRank(rules.tiers, current.tier);
    if (order > 0) return { ...base, outcome: 'tier-up', qualifies, next: granted, reason };
    if (order === 0) return { ...base, outcome: 'renew', qualifies, next: granted, reason };
    return downgrade(base, input, 'tier-down', granted, reason, qualifies);
  }
  if (!current.vip) return { ...base, outcome: 'not-eligible', qualifies: false, next: current, reason };
  return downgrade(base, input, 'revoke', revoked(input), reason, false);
}

type DecisionBase = Omit<StatusDecision, 'outcome' | 'qualifies' | 'next' | 'reason'>;

/** The grace rule: keep the current tier for `graceCycles` reviews before a downgrade takes effect. */
function downgrade(base: DecisionBase, input: ReviewInput, outcome: StatusOutcome, next: AccountStatus, reason: string, qualifies: boolean): StatusDecision {
  const graceLeft = input.current.graceLeft ?? input.rules.graceCycles;
  if (graceLeft > 0 && input.mode === 'yearly') {
    const kept: AccountStatus = {
      ...input.current,
      validUntil: addDays(addMonthsToDate(input.reviewDate, input.rules.validityMonths), -1),
      graceLeft: graceLeft - 1,
      reviewKey: input.reviewKey,
    };
    return { ...base, outcome: 'grace', qualifies, next: kept, reason: `${reason}; tier ${input.current.tier} kept under the grace rule (${graceLeft - 1} more review(s))` };
  }
  return { ...base, outcome, qualifies, next, reason };
}

function revoked(input: ReviewInput): AccountStatus {
  return { vip: false, reviewKey: input.reviewKey };
}

function activeOverride(override: StatusOverride | undefined, reviewDate: IsoDate): StatusOverride | undefined {
  if (!override) return undefined;
  return override.until === undefined || override.until >= reviewDate ? override : undefined;
}

function averagePerAccount(facts: AccountFacts, window: readonly IsoMonth[]): Kopecks {
  const total = window.reduce((sum, month) => sum + (facts.months[month]?.chargesKopecks ?? 0), 0);
  return Math.round(total / window.length);
}

/**
 * Charges per number: the window's charges over its number-months (a number billed in 12 months
 * counts 12). Accounts billed only as a whole are divided by their registered numbers.
 */
function averagePerNumber(facts: AccountFacts, window: readonly IsoMonth[], notes: string[]): Kopecks {
  let total = 0;
  let numberMonths = 0;
  for (const month of window) {
    const m = facts.months[month];
    total += m?.chargesKopecks ?? 0;
    numberMonths += m?.billedNumbers ?? 0;
  }
  if (numberMonths === 0) numberMonths = facts.registeredNumbers * window.length;
  if (numberMonths === 0) {
    notes.push('no numbers billed or registered: charge per number taken as 0');
    return 0;
  }
  if (total === 0) notes.push(`no charges in ${window[0]}..${window.at(-1)}`);
  return Math.round(total / numberMonths);
}

function chargeCriterion(criterion: ChargeCriterion, value: Kopecks, windowText: string): CriterionResult {
  const label = criterion.measure === 'perNumber' ? `average charge per number ${windowText}` : `average charges per account ${windowText}`;
  return { ...numeric(`charges-${criterion.measure}`, label, value, criterion.inclusive ? '>=' : '>', rubToKopecks(criterion.thresholdRub), formatRub), period: windowText };
}

/** Months with the company, with the part of a month as a fraction: 6 months and 17 days is more than 6 months. */
function tenure(openedOn: IsoDate, reviewDate: IsoDate, minMonths: number): CriterionResult {
  const whole = wholeMonthsBetween(openedOn, reviewDate);
  let months = Math.max(whole, 0);
  if (whole >= 0) {
    const anniversary = addMonthsToDate(openedOn, whole);
    const extraDays = daysBetween(anniversary, reviewDate);
    if (extraDays > 0) months = whole + Math.max(0.01, Math.floor((extraDays / 31) * 100) / 100);
  }
  return { ...numeric('tenure', `months with the company since ${openedOn}`, months, '>', minMonths, (n) => n.toFixed(2).replace(/\.00$/, '')), since: openedOn };
}

function paymentDiscipline(facts: AccountFacts, lastMonth: IsoMonth, reviewDate: IsoDate, rules: StatusRules['paymentDiscipline']): CriterionResult[] {
  const window = monthsEndingWith(lastMonth, rules.windowMonths);
  let late = 0;
  let debt = 0;
  for (const month of window) {
    const m = facts.months[month];
    if (m?.dueKopecks === undefined || m.dueKopecks === 0) continue;
    const deadline = addDays(`${addMonths(month, 1)}-${String(rules.dueDayOfNextMonth).padStart(2, '0')}`, rules.graceDays);
    // A bill not yet due on the review date can be neither late nor a debt.
    if (deadline >= reviewDate) continue;
    const paid = m.paidKopecks ?? 0;
    debt += Math.max(0, m.dueKopecks - paid);
    if (paid < m.dueKopecks || m.paidOn === undefined || m.paidOn > deadline) late++;
  }
  const windowText = `${window[0]}..${window.at(-1)}`;
  return [
    { ...numeric('late-payments', `late or short payments ${windowText}`, late, '<=', rules.maxLatePayments, String), period: windowText },
    { ...numeric('debt', `unpaid balance ${windowText}`, debt, '<=', rubToKopecks(rules.maxDebtRub), formatRub), period: windowText },
  ];
}

function numeric(id: string, label: string, observed: number, comparison: '>' | '>=' | '<=', threshold: number, format: (n: number) => string): CriterionResult {
  const pass = comparison === '>' ? observed > threshold : comparison === '>=' ? observed >= threshold : observed <= threshold;
  return { id, pass, comparison, observed, threshold, text: `${label}: ${format(observed)} ${comparison} ${format(threshold)}: ${pass ? 'pass' : 'fail'}` };
}

function membership(id: string, label: string, observed: string, allowed: readonly string[]): CriterionResult {
  const pass = allowed.includes(observed);
  return { id, pass, comparison: 'in', observed, threshold: allowed, text: `${label}: ${observed} in {${allowed.join(', ')}}: ${pass ? 'pass' : 'fail'}` };
}

export function tierFor(value: Kopecks, tiers: readonly TierDefinition[], belowLowest: StatusRules['belowLowestTier']): TierDefinition | undefined {
  const found = tiers.find((t) => value >= rubToKopecks(t.fromRub) && (t.toRub === undefined || value < rubToKopecks(t.toRub)));
  if (found) return found;
  return belowLowest === 'lowest-tier' && value < rubToKopecks(lowestTier(tiers).fromRub) ? lowestTier(tiers) : undefined;
}

function lowestTier(tiers: readonly TierDefinition[]): TierDefinition {
  return [...tiers].sort((a, b) => a.fromRub - b.fromRub)[0]!;
}

export function tierRank(tiers: readonly TierDefinition[], tierId: string | undefined): number {
  return [...tiers].sort((a, b) => a.fromRub - b.fromRub).findIndex((t) => t.id === tierId);
}
