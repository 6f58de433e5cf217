import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { decideStatus, type ReviewInput } from '../../shared/domain/status-rules.ts';
import { noStatus, type AccountStatus } from '../../shared/domain/account.ts';
import { isApplied } from '../../shared/domain/status-decision.ts';
import { parseProgrammeConfig } from '../../shared/config/load-programme-config.ts';
import { accountFacts, programmeA, programmeB } from '../fixtures/accounts.ts';

const rulesA = programmeA.statusReview.rules;
const review = (over: Partial<ReviewInput> & Pick<ReviewInput, 'facts'>): ReturnType<typeof decideStatus> =>
  decideStatus({ current: noStatus, rules: rulesA, reviewDate: '2027-01-01', reviewKey: 'yearly-2027', mode: 'yearly', ...over });
const vip = (tier: string): AccountStatus => ({ vip: true, tier, validUntil: '2026-12-31', since: '2024-01-01' });

describe('programme A', () => {
  it('grants the tier of the average charge per number, explaining each criterion', () => {
    const decision = review({ facts: accountFacts({ perNumberRub: 2340.5 }) });
    expect(decision.outcome).toBe('grant');
    expect(decision.next).toMatchObject({ vip: true, tier: 'profitable', validUntil: '2027-12-31', since: '2027-01-01' });
    expect(decision.criteria.map((c) => c.text)).toContain('average charge per number 2026-01..2026-12: 2,340.50 RUB > 2,100.00 RUB: pass');
  });

  it('puts 2,100 RUB exactly outside (the documents say "more than") and 5,000 RUB in the second tier', () => {
    expect(review({ facts: accountFacts({ perNumberRub: 2100 }) }).outcome).toBe('not-eligible');
    expect(review({ facts: accountFacts({ perNumberRub: 5000 }) }).next.tier).toBe('highly-profitable');
    expect(review({ facts: accountFacts({ perNumberRub: 20000 }) }).next.tier).toBe('very-highly-profitable');
  });

  it('admits by the per-account criterion into the lowest tier when numbers are cheap', () => {
    const decision = review({ facts: accountFacts({ perNumberRub: 1000, numbers: 70 }) });
    expect(decision.outcome).toBe('grant');
    expect(decision.next.tier).toBe('profitable');
    expect(decision.criteria.find((c) => c.id === 'charges-perAccount')?.pass).toBe(true);
  });

  it('refuses six months of tenure or less, and a late payer', () => {
    expect(review({ facts: accountFacts({ perNumberRub: 3000, openedOn: '2026-07-01' }) }).reason).toContain('tenure');
    const sixAndAHalf = review({ facts: accountFacts({ perNumberRub: 3000, openedOn: '2026-06-15' }) });
    expect(sixAndAHalf.outcome).toBe('grant');
    expect(sixAndAHalf.criteria.find((c) => c.id === 'tenure')?.text).toBe('months with the company since 2026-06-15: 6.54 > 6: pass');
    const late = review({ facts: accountFacts({ perNumberRub: 3000, latePayments: 2 }) });
    expect(late.outcome).toBe('not-eligible');
    expect(late.reason).toContain('late-payments');
  });

  it('does not count a bill that is not yet due on the review date', () => {
    // December's bill is due on 20 January: unpaid on 1 January is not late.
    const decision = review({ facts: accountFacts({ perNumberRub: 3000, latePayments: 1 }) });
    expect(decision.outcome).toBe('grant');
    expect(decision.criteria.find((c) => c.id === 'debt')?.pass).toBe(true);
  });

  it('renews, moves tiers and revokes a VIP account', () => {
    expect(review({ facts: accountFacts({ perNumberRub: 3000 }), current: vip('profitable') }).outcome).toBe('renew');
    expect(review({ facts: accountFacts({ perNumberRub: 6000 }), current: vip('profitable') }).outcome).toBe('tier-up');
    expect(review({ facts: accountFacts({ perNumberRub: 3000 }), current: vip('highly-profitable') }).outcome).toBe('tier-down');
    const revoked = review({ facts: accountFacts({ perNumberRub: 500 }), current: vip('profitable') });
    expect(revoked.outcome).toBe('revoke');
    expect(revoked.next.vip).toBe(false);
  });

  it('keeps the tier one cycle under the grace rule, then downgrades', () => {
    const rules = { ...rulesA, graceCycles: 1 };
    const first = review({ facts: accountFacts({ perNumberRub: 3000 }), current: vip('highly-profitable'), rules });
    expect(first.outcome).toBe('grace');
    expect(first.next).toMatchObject({ tier: 'highly-profitable', graceLeft: 0 });
    const second = review({ facts: accountFacts({ perNumberRub: 3000, lastMonth: '2027-12' }), current: first.next, rules, reviewDate: '2028-01-01', reviewKey: 'yearly-2028' });
    expect(second.outcome).toBe('tier-down');
  });

  it('never grants an excluded account, and an include override admits one that fails', () => {
    const exclude = { kind: 'exclude', reason: 'fraud investigation', by: 'ops', at: '2026-12-01T00:00:00Z' } as const;
    const excluded = review({ facts: accountFacts({ perNumberRub: 30000 }), override: exclude });
    expect(excluded.outcome).toBe('excluded');
    expect(excluded.next.vip).toBe(false);
    const expired = review({ facts: accountFacts({ perNumberRub: 30000 }), override: { ...exclude, until: '2026-12-31' } });
    expect(expired.outcome).toBe('grant');
    const included = review({ facts: accountFacts({ perNumberRub: 100 }), override: { ...exclude, kind: 'include', reason: 'board decision' } });
    expect(included).toMatchObject({ outcome: 'grant', next: { tier: 'profitable' } });
  });

  it('gives a named outcome for an account with no charges and ignores charges dated in the future', () => {
    const empty = review({ facts: { ...accountFacts({ perNumberRub: 0 }), months: {} } });
    expect(empty.outcome).toBe('not-eligible');
    expect(empty.notes).toContain('no charges in 2026-01..2026-12');
    const future = review({ facts: accountFacts({ perNumberRub: 30000, lastMonth: '2027-03', months: 3 }) });
    expect(future.notes[0]).toMatch(/ignored charges or payments dated after 2026-12: 2027-01, 2027-02, 2027-03/);
    expect(future.outcome).toBe('not-eligible');
  });

  it('the monthly admission pass only grants', () => {
    const revoke = review({ facts: accountFacts({ perNumberRub: 500 }), current: vip('profitable'), mode: 'admission', reviewKey: 'admission-2027-03' });
    expect([revoke.outcome, isApplied(revoke)]).toEqual(['revoke', false]);
    const grant = review({ facts: accountFacts({ perNumberRub: 2500 }), mode: 'admission', reviewKey: 'admission-2027-03' });
    expect([grant.outcome, isApplied(grant)]).toEqual(['grant', true]);
  });
});

describe('programme B', () => {
  const rulesB = programmeB.statusReview.rules;
  it('needs a private person with at most 5 numbers on the premium tariff, averaging the last 3 months', () => {
    const ok = accountFacts({ perNumberRub: 3100, numbers: 5, customerType: 'private', tariff: 'premium' });
    expect(review({ facts: ok, rules: rulesB }).outcome).toBe('grant');
    expect(review({ facts: { ...ok, registeredNumbers: 6 }, rules: rulesB }).reason).toContain('number-count');
    expect(review({ facts: { ...ok, tariff: 'standard' }, rules: rulesB }).reason).toContain('tariff');
    expect(review({ facts: { ...ok, customerType: 'business' }, rules: rulesB }).reason).toContain('customer-type');
    expect(review({ facts: ok, rules: rulesB }).criteria.map((c) => c.text)).toContain('average charge per number 2026-10..2026-12: 3,100.00 RUB > 3,000.00 RUB: pass');
  });
});

describe('configuration', () => {
  it('rejects a schedule expression the Scheduler would not accept, naming the field', () => {
    const broken = structuredClone(programmeA) as unknown as { statusReview: { schedule: string } };
    broken.statusReview.schedule = 'cron(0 3 1 1 MON *)';
    expect(() => parseProgrammeConfig(broken, 'broken.json')).toThrow(/statusReview\.schedule: cron field "day-of-week"/);
  });

  it('rejects overlapping tiers naming the field', () => {
    const broken = structuredClone(programmeA) as unknown as { statusReview: { rules: { tiers: Array<{ toRub?: number }> } } };
    broken.statusReview.rules.tiers[0]!.toRub = 6000;
    expect(() => parseProgrammeConfig(broken, 'broken.json')).toThrow(/broken\.json: invalid programme configuration\n {2}statusReview\.rules\.tiers: tiers must not overlap/);
  });
});

describe('properties', () => {
  const perNumber = fc.integer({ min: 0, max: 5_000_000 }).map((k) => k / 100);
  const currentStatus = fc.constantFrom<AccountStatus>(noStatus, vip('profitable'), vip('highly-profitable'), vip('very-highly-profitable'));

  it('raising charges never lowers the tier', () => {
    fc.assert(
      fc.property(perNumber, fc.integer({ min: 0, max: 2_000_000 }), currentStatus, (rub, raise, current) => {
        const tiers = rulesA.tiers.map((t) => t.id);
        const rank = (d: ReturnType<typeof decideStatus>) => (d.next.vip ? tiers.indexOf(d.next.tier!) : -1);
        const low = review({ facts: accountFacts({ perNumberRub: rub }), current });
        const high = review({ facts: accountFacts({ perNumberRub: rub + raise / 100 }), current });
        expect(rank(high)).toBeGreaterThanOrEqual(rank(low));
      }),
    );
  });

  it('an excluded account is never VIP', () => {
    fc.assert(
      fc.property(perNumber, currentStatus, fc.boolean(), (rub, current, admission) => {
        const decision = review({
          facts: accountFacts({ perNumberRub: rub }),
          current,
          mode: admission ? 'admission' : 'yearly',
          override: { kind: 'exclude', reason: 'r', by: 'ops', at: '2026-01-01T00:00:00Z' },
        });
        expect(decision.next.vip).toBe(false);
      }),
    );
  });

  it("each criterion's pass agrees with its recorded observed value and threshold", () => {
    fc.assert(
      fc.property(perNumber, fc.integer({ min: 1, max: 80 }), fc.integer({ min: 0, max: 3 }), (rub, numbers, late) => {
        const decision = review({ facts: accountFacts({ perNumberRub: rub, numbers, latePayments: late }) });
        for (const c of decision.criteria) {
          const { observed, threshold } = c;
          const expected =
            c.comparison === 'in'
              ? (threshold as readonly string[]).includes(observed as string)
              : c.comparison === '>'
                ? (observed as number) > (threshold as number)
                : c.comparison === '>='
                  ? (observed as number) >= (threshold as number)
                  : (observed as number) <= (threshold as number);
          expect(c.pass).toBe(expected);
        }
        expect(decision.qualifies).toBe(decision.next.vip);
      }),
    );
  });
});
