import type { AccountStatus, StatusOverride } from './account.ts';
import type { IsoDate } from './calendar-date.ts';

export type StatusOutcome = 'grant' | 'renew' | 'tier-up' | 'tier-down' | 'grace' | 'revoke' | 'excluded' | 'not-eligible';

/** Outcomes a manager is told about: the status, the tier or its grace changed. */
export const changingOutcomes: ReadonlySet<StatusOutcome> = new Set(['grant', 'tier-up', 'tier-down', 'grace', 'revoke']);

export type Comparison = '>' | '>=' | '<=' | 'in' | 'none';

/** One rule checked against one observed value: the explanation a manager reads. */
export interface CriterionResult {
  readonly id: string;
  readonly pass: boolean;
  /** e.g. "average charge per number 2026-01..2026-12: 2,340.50 RUB > 2,100.00 RUB: pass" */
  readonly text: string;
  readonly comparison: Comparison;
  readonly observed: number | string;
  readonly threshold: number | string | readonly string[];
  /** The billing months it looked at, "2026-01..2026-12" (charges, payments). */
  readonly period?: string;
  /** Tenure: the day the account was opened. */
  readonly since?: IsoDate;
}

export interface StatusDecision {
  readonly accountId: string;
  readonly accountName?: string;
  readonly managerId: string;
  readonly reviewKey: string;
  readonly reviewDate: IsoDate;
  readonly mode: 'yearly' | 'admission';
  readonly outcome: StatusOutcome;
  readonly qualifies: boolean;
  readonly previous: AccountStatus;
  readonly next: AccountStatus;
  readonly criteria: readonly CriterionResult[];
  /** How the charge criteria combine (every other criterion must always pass); absent on decisions stored before it was recorded. */
  readonly chargesCombine?: 'any' | 'all';
  /** Why, in one line: the failing criteria, the override, the grace rule. */
  readonly reason: string;
  readonly override?: StatusOverride;
  readonly notes: readonly string[];
}

export function isChange(decision: StatusDecision): boolean {
  return changingOutcomes.has(decision.outcome) || (decision.outcome === 'excluded' && decision.previous.vip);
}

/**
 * Whether the decision is stored. The yearly review stores every decision about a VIP account
 * (a renewal moves valid-until) and every grant; an account that stays outside is not written.
 * The monthly admission pass only grants, and revokes the excluded.
 */
export function isApplied(decision: StatusDecision): boolean {
  // The admission pass also carries out exclusions at once: an excluded client keeps no status for months.
  if (decision.mode === 'admission') return decision.outcome === 'grant' || (decision.outcome === 'excluded' && decision.previous.vip);
  return decision.previous.vip || decision.next.vip;
}

const isCharge = (c: CriterionResult) => c.id.startsWith('charges-');

/** Whether the charge criteria, combined as the rules say, pass ("any": one is enough). */
export function chargesPass(decision: Pick<StatusDecision, 'criteria' | 'chargesCombine' | 'qualifies'>): boolean {
  const charges = decision.criteria.filter(isCharge);
  if (charges.length === 0) return true;
  // Decisions stored before the combination was recorded: a qualifying account passed them.
  const combine = decision.chargesCombine ?? (decision.qualifies && charges.some((c) => !c.pass) ? 'any' : 'all');
  return combine === 'any' ? charges.some((c) => c.pass) : charges.every((c) => c.pass);
}

/**
 * The criteria that decided: the ones that failed (a charge criterion only when the charges as
 * combined failed), or, for an account that meets the rules, the charge criteria that carried it
 * (with "any", the ones that passed; with "all", every one of them).
 */
export function decidingCriteria(decision: Pick<StatusDecision, 'criteria' | 'chargesCombine' | 'qualifies'>): { readonly failing: readonly CriterionResult[]; readonly carrying: readonly CriterionResult[] } {
  const charges = chargesPass(decision);
  const failing = decision.criteria.filter((c) => !c.pass && !(isCharge(c) && charges));
  const carrying = failing.length === 0 ? decision.criteria.filter((c) => isCharge(c) && c.pass) : [];
  return { failing, carrying };
}
