import { z } from 'zod';
import { surveyConfigSchema } from './survey-config.ts';
import { scoresConfigSchema } from './scores-config.ts';
import { InvalidScheduleExpressionError, parseScheduleExpression } from '../domain/schedule/schedule-expression.ts';

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

/** An EventBridge Scheduler expression, checked as the Scheduler would read it. */
const scheduleExpression = z.string().superRefine((expression, ctx) => {
  try {
    parseScheduleExpression(expression);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof InvalidScheduleExpressionError ? error.message : 'a schedule expression such as "cron(0 3 1 1 ? *)"' });
  }
});

export const occasionKinds = ['client-birthday', 'director-birthday', 'contact-birthday', 'company-anniversary'] as const;
export type OccasionKind = (typeof occasionKinds)[number];

const giftKind = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a lower-case id such as "flowers"'),
  name: z.object({ ru: z.string().min(1), en: z.string().min(1) }),
  priceRub: z.number().positive(),
  /** Tiers the gift suits; empty means every tier. */
  tiers: z.array(z.string()).default([]),
  occasions: z.array(z.enum(occasionKinds)).min(1),
  /** Days the manager needs to buy and deliver it, so it arrives on the day itself. */
  leadDays: z.number().int().min(0).max(60),
});

export const giftTasksSchema = z.object({
  /** EventBridge Scheduler expression of the daily run, read in timeZone. */
  schedule: scheduleExpression,
  /** Which occasions are celebrated for which tiers. */
  celebrated: z.partialRecord(z.enum(occasionKinds), z.array(z.string())),
  /** The budget line's cost item gifts are booked under. */
  costItem: z.string().min(1),
  /** 29 February birthdays in common years: celebrated on 28 February or 1 March. */
  leapDayInCommonYears: z.enum(['feb-28', 'mar-01']).default('feb-28'),
  /** The manager is reminded the day after the occasion; this many days after the reminder, the line's owner is told. */
  escalateAfterDays: z.number().int().min(1).default(3),
  /** How long a link in a task mail stays valid. */
  linkValidityDays: z.number().int().min(1).max(90).default(30),
  /** An actual cost above this multiple of the gift's price (or of the reservation, if larger) is refused as absurd. */
  maxCostFactor: z.number().min(1).default(3),
  /** How far back a run catches up missed days (the watermark never looks further). */
  maxCatchUpDays: z.number().int().min(1).max(60).default(14),
  catalogue: z.array(giftKind).min(1),
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
    schedule: scheduleExpression,
    monthlyAdmission: z.object({ enabled: z.boolean(), schedule: scheduleExpression }),
    /** Parallel Scan segments the review fans out into; more segments, more workers at once. */
    segments: z.number().int().min(1).max(1000).default(8),
    rules: statusRulesSchema,
  }),
  giftTasks: giftTasksSchema,
  /** Quarterly CSI/NPS/CES surveys; every field has a default, so the block may be omitted. */
  surveys: surveyConfigSchema.prefault({}),
  /** Scores, their floors and the service standards; every field has a default. */
  scores: scoresConfigSchema.prefault({}),
}).superRefine((config, ctx) => {
  // A tier id the status rules do not know would silently match no account.
  const tiers = new Set(config.statusReview.rules.tiers.map((t) => t.id));
  for (const [occasion, list] of Object.entries(config.giftTasks.celebrated))
    for (const tier of list ?? [])
      if (!tiers.has(tier)) ctx.addIssue({ code: 'custom', path: ['giftTasks', 'celebrated', occasion], message: `unknown tier "${tier}"; the tiers are ${[...tiers].join(', ')}` });
  for (const tier of Object.keys(config.scores.standards.byTier))
    if (!tiers.has(tier)) ctx.addIssue({ code: 'custom', path: ['scores', 'standards', 'byTier', tier], message: `unknown tier "${tier}"; the tiers are ${[...tiers].join(', ')}` });
  config.giftTasks.catalogue.forEach((gift, i) => {
    for (const tier of gift.tiers)
      if (!tiers.has(tier)) ctx.addIssue({ code: 'custom', path: ['giftTasks', 'catalogue', i, 'tiers'], message: `unknown tier "${tier}" in gift "${gift.id}"` });
  });
});

export type ProgrammeConfig = z.infer<typeof programmeConfigSchema>;
export type StatusRules = z.infer<typeof statusRulesSchema>;
export type TierDefinition = z.infer<typeof tier>;
export type ChargeCriterion = z.infer<typeof chargeCriterion>;
export type GiftTasksConfig = z.infer<typeof giftTasksSchema>;
export type GiftKind = z.infer<typeof giftKind>;
