import { z } from 'zod';

/** Amounts are whole kopecks internally; configs speak roubles because the documents do. */
const rub = z.number().nonnegative();

const chargeCriterion = z.object({
  /**
   * perNumber: the account's charges divided by its numbers, averaged over the window.
   * perAccount: the account's total charges, averaged over the window.
   */
  measure: z.enum(['perNumber', 'perAccount']),
  thresholdRub: rub,
  /** The documents say "more than": strict by default, configurable for programmes that say "at least". */
  inclusive: z.boolean().default(false),
});

const tier = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a lower-case id such as "profitable"'),
  name: z.string().min(1),
  /** Lower bound of the tier on the tier measure, inclusive. */
  fromRub: rub,
  /** Upper bound, exclusive; omitted for the top tier. */
  toRub: rub.optional(),
});

export const statusRulesSchema = z
  .object({
    customerTypes: z.array(z.enum(['business', 'private'])).min(1),
    /** Months averaged, ending with the month before the review. */
    windowMonths: z.number().int().min(1).max(24),
    charges: z.object({
      combine: z.enum(['any', 'all']),
      criteria: z.array(chargeCriterion).min(1),
    }),
    /** Strictly more than this many whole months between opened_on and the review date. */
    minTenureMonths: z.number().int().min(0),
    paymentDiscipline: z.object({
      /** Months of payments looked at, ending with the month before the review. */
      windowMonths: z.number().int().min(1).max(24),
      /** A month's bill is due on this day of the following month. */
      dueDayOfNextMonth: z.number().int().min(1).max(28),
      /** Days after the due day that still count as on time. */
      graceDays: z.number().int().min(0),
      maxLatePayments: z.number().int().min(0),
      maxDebtRub: rub,
    }),
    maxNumbers: z.number().int().min(1).optional(),
    /** When set, the account's tariff must be one of these; switching away loses the status. */
    tariffs: z.array(z.string().min(1)).min(1).optional(),
    tierMeasure: z.enum(['perNumber', 'perAccount']),
    tiers: z.array(tier).min(1),
    /**
     * An account admitted by a criterion other than the tier measure (e.g. 60,000 RUB per account
     * with cheap numbers) falls below the lowest tier; this says where it goes.
     */
    belowLowestTier: z.enum(['lowest-tier', 'not-eligible']),
    /** Keep the current tier for this many reviews before a downgrade or revocation takes effect. */
    graceCycles: z.number().int().min(0),
    validityMonths: z.number().int().min(1),
  })
  .superRefine((rules, ctx) => {
    const sorted = [...rules.tiers].sort((a, b) => a.fromRub - b.fromRub);
    sorted.forEach((t, i) => {
      const next = sorted[i + 1];
      if (next === undefined) {
        if (t.toRub !== undefined)
          ctx.addIssue({ code: 'custom', path: ['tiers'], message: `top tier "${t.id}" must have no toRub` });
        return;
      }
      if (t.toRub === undefined || t.toRub !== next.fromRub)
        ctx.addIssue({
          code: 'custom',
          path: ['tiers'],
          message: `tiers must not overlap or leave gaps: "${t.id}" ends at ${t.toRub ?? 'infinity'} but "${next.id}" starts at ${next.fromRub}`,
        });
    });
    if (new Set(rules.tiers.map((t) => t.id)).size !== rules.tiers.length)
      ctx.addIssue({ code: 'custom', path: ['tiers'], message: 'tier ids must be unique' });
  });

export const programmeConfigSchema = z.object({
  programmeId: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  /** IANA zone in which schedules fire and dates are read. */
  timeZone: z.string().refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as "Asia/Irkutsk"'),
  languages: z.array(z.enum(['ru', 'en'])).min(1).default(['ru', 'en']),
  statusReview: z.object({
    /** EventBridge Scheduler expression, read in timeZone. */
    schedule: z.string().min(1),
    monthlyAdmission: z.object({ enabled: z.boolean(), schedule: z.string().min(1) }),
    /** Parallel Scan segments the review fans out into; more segments, more workers at once. */
    segments: z.number().int().min(1).max(1000).default(8),
    rules: statusRulesSchema,
  }),
});

export type ProgrammeConfig = z.infer<typeof programmeConfigSchema>;
export type StatusRules = z.infer<typeof statusRulesSchema>;
export type TierDefinition = z.infer<typeof tier>;
export type ChargeCriterion = z.infer<typeof chargeCriterion>;
