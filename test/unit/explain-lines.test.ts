import { describe, it, expect } from 'vitest';
import { decideStatus } from '../../shared/domain/status-rules.ts';
import { noStatus } from '../../shared/domain/account.ts';
import { combinationLine, decisionLines } from '../../bin/decision-text.ts';
import { accountFacts, programmeA } from '../fixtures/accounts.ts';

const rules = programmeA.statusReview.rules;
const decide = (facts: ReturnType<typeof accountFacts>) => decideStatus({ facts, current: noStatus, rules, reviewDate: '2027-01-01', reviewKey: 'yearly-2027', mode: 'yearly' });

describe('explain never contradicts itself', () => {
  it('an account carried by one of two "any" charge criteria: says which, and marks the other as not needed', () => {
    const decision = decide(accountFacts({ perNumberRub: 1000, numbers: 70 }));
    expect(decision.outcome).toBe('grant');
    const lines = decisionLines('latest decision', decision);
    expect(lines.join('\n')).not.toMatch(/every criterion/);
    expect(decision.reason).not.toMatch(/every criterion/);
    expect(lines).toContain('  decided by: charges-perAccount');
    expect(lines.find((l) => l.includes('average charge per number'))).toMatch(/^ {2}\[fail, not needed: another charge criterion carried it\] /);
    expect(lines.some((l) => l.includes('[FAIL]'))).toBe(false);
    expect(combinationLine(rules.charges.combine, rules.charges.criteria.length)).toBe('how criteria combine: every criterion must be met, except the 2 charge criteria, of which any one is enough (any)');
  });

  it('a non-VIP: the failing criteria decided it, marked FAIL', () => {
    const decision = decide(accountFacts({ perNumberRub: 3000, openedOn: '2026-07-01' }));
    const lines = decisionLines('verdict', decision);
    expect(lines[0]).toBe('verdict: not-eligible');
    expect(lines).toContain('  decided by: tenure');
    expect(lines[1]).toMatch(/^ {2}does not meet: months with the company/);
    expect(lines.filter((l) => l.includes('[FAIL]'))).toHaveLength(1);
  });

  it('with "all", every charge criterion is needed and a failed one is a FAIL', () => {
    const all = { ...rules, charges: { ...rules.charges, combine: 'all' as const } };
    const decision = decideStatus({ facts: accountFacts({ perNumberRub: 1000, numbers: 70 }), current: noStatus, rules: all, reviewDate: '2027-01-01', reviewKey: 'yearly-2027', mode: 'yearly' });
    expect(decision.outcome).toBe('not-eligible');
    expect(decisionLines('d', decision)).toContain('  decided by: charges-perNumber');
    expect(combinationLine('all', 2)).toBe('how criteria combine: every criterion must be met (all)');
  });
});
