import { chargesPass, decidingCriteria, type CriterionResult, type StatusDecision } from '../shared/domain/status-decision.ts';
import { decisionReasonIn } from '../shared/mail/status-labels.ts';

/** How the programme's criteria combine, in one line: the others always all, the charges as configured. */
export function combinationLine(combine: 'any' | 'all', charges: number): string {
  if (charges <= 1 || combine === 'all') return 'how criteria combine: every criterion must be met (all)';
  return `how criteria combine: every criterion must be met, except the ${charges} charge criteria, of which any one is enough (any)`;
}

/**
 * A decision as the operator reads it: the outcome, why (built from the decision's structure, so
 * it cannot say "meets every criterion" above a failed line), what carried it, and each criterion
 * marked pass, FAIL, or failed but not needed (a charge criterion when another one carried an "any").
 */
export function decisionLines(title: string, decision: StatusDecision): string[] {
  const { failing, carrying } = decidingCriteria(decision);
  const chargesOk = chargesPass(decision);
  const mark = (c: CriterionResult) => (c.pass ? '[pass]' : c.id.startsWith('charges-') && chargesOk ? '[fail, not needed: another charge criterion carried it]' : '[FAIL]');
  const decidedBy = failing.length ? failing : carrying;
  return [
    `${title}: ${decision.outcome}`,
    `  ${decisionReasonIn(decision, 'en')}`,
    ...(decidedBy.length ? [`  decided by: ${decidedBy.map((c) => c.id).join(', ')}`] : []),
    ...decision.criteria.map((c) => `  ${mark(c)} ${c.text}`),
    ...decision.notes.map((note) => `  note: ${note}`),
  ];
}
