/**
 * The leadership dashboard's data API: every response and request it exchanges with the pages.
 * The pages parse what they receive with these schemas too, so a shape that drifts fails loudly
 * in the browser test instead of drawing a wrong chart. Only precomputed figures cross it: no
 * answer, no client, no case is ever named here.
 */
import { z } from 'zod';

export const quarterKeySchema = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, 'a quarter such as "2027-Q1" (year, "-Q", 1 to 4)');

/** A 95 % interval, and how it was made (docs/scores.md). */
export const intervalSchema = z.object({
  low: z.number(),
  high: z.number(),
  method: z.enum(['wald', 'adjusted-wald', 't', 'wilson']),
});

/** A figure with its interval (absent when the data admit none, e.g. a mean of one answer). */
export const estimateSchema = z.object({ value: z.number(), interval: intervalSchema.optional(), n: z.number().int().nonnegative() });
export type EstimateView = z.infer<typeof estimateSchema>;

export const changeSchema = z.object({
  difference: z.number(),
  interval: z.object({ low: z.number(), high: z.number() }).optional(),
  significant: z.boolean(),
});

export const dimensionSchema = z.enum(['all', 'tier', 'city', 'manager', 'customer-type']);
export type DimensionView = z.infer<typeof dimensionSchema>;

export const measureSchema = z.enum(['nps', 'csi', 'ces', 'response-rate', 'sla-contacted']);
export type Measure = z.infer<typeof measureSchema>;

/** Ranges a target may take, per measure (issue 8: NPS -100..100, CSI 0..100, CES 1..7, shares 0..100 %). */
export const measureRanges: Readonly<Record<Measure, { readonly min: number; readonly max: number }>> = {
  nps: { min: -100, max: 100 },
  csi: { min: 0, max: 100 },
  ces: { min: 1, max: 7 },
  'response-rate': { min: 0, max: 100 },
  'sla-contacted': { min: 0, max: 100 },
};

export const segmentViewSchema = z.object({
  id: z.string(),
  dimension: dimensionSchema,
  value: z.string(),
  /** A display name for the value where one exists (a tier's name); else the value itself is shown. */
  label: z.string().optional(),
  visibility: z.enum(['shown', 'small-sample', 'hidden']),
  hiddenBecause: z.enum(['floor', 'complement']).optional(),
  n: z.number().int().nonnegative().optional(),
  nps: estimateSchema.optional(),
  csi: estimateSchema.optional(),
  ces: estimateSchema.optional(),
  cesEasy: estimateSchema.optional(),
});
export type SegmentView = z.infer<typeof segmentViewSchema>;

export const floorsSchema = z.object({ hideBelow: z.number().int().positive(), smallSampleBelow: z.number().int().positive() });

/** A target in force: one per measure (and tier, where set per tier). */
export const targetViewSchema = z.object({
  measure: measureSchema,
  tier: z.string().optional(),
  target: z.number(),
  fromQuarter: quarterKeySchema,
});
export type TargetView = z.infer<typeof targetViewSchema>;

export const quarterSummarySchema = z.object({
  quarter: quarterKeySchema,
  invited: z.number().int().nonnegative().optional(),
  answered: z.number().int().nonnegative(),
  /** answered / invited in %. */
  responseRate: z.number().optional(),
  nps: estimateSchema.optional(),
  csi: estimateSchema.optional(),
  ces: estimateSchema.optional(),
  cesEasy: estimateSchema.optional(),
  /** From the previous quarter, for the whole base. */
  changes: z.object({ nps: changeSchema.optional(), csi: changeSchema.optional(), ces: changeSchema.optional() }).optional(),
  /** The targets in force in this quarter (whole base). */
  targets: z.array(targetViewSchema),
});
export type QuarterSummary = z.infer<typeof quarterSummarySchema>;

export const overviewResponseSchema = z.object({
  /** Oldest first; only quarters that have scores. */
  quarters: z.array(quarterSummarySchema),
});
export type OverviewResponse = z.infer<typeof overviewResponseSchema>;

export const segmentsResponseSchema = z.object({
  quarter: quarterKeySchema,
  floors: floorsSchema,
  segments: z.array(segmentViewSchema),
});
export type SegmentsResponse = z.infer<typeof segmentsResponseSchema>;

export const standardRecordSchema = z.object({
  measure: measureSchema,
  tier: z.string().optional(),
  target: z.number(),
  fromQuarter: quarterKeySchema,
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});
export type StandardRecordView = z.infer<typeof standardRecordSchema>;

export const standardsResponseSchema = z.object({
  /** The latest quarter with scores, whose actuals are shown beside the targets. */
  quarter: quarterKeySchema.optional(),
  rows: z.array(
    z.object({
      measure: measureSchema,
      tier: z.string().optional(),
      target: z.number().optional(),
      actual: estimateSchema.optional(),
      /** true when the actual is at or above the target (for CES too: higher is easier). */
      met: z.boolean().optional(),
    }),
  ),
  /** Newest first. */
  history: z.array(standardRecordSchema),
});
export type StandardsResponse = z.infer<typeof standardsResponseSchema>;

/** The adjustment form; validated again on the server, which alone decides. */
export const standardAdjustmentSchema = z
  .object({
    measure: measureSchema,
    tier: z.string().min(1).optional(),
    target: z.coerce.number({ error: 'a number' }),
    fromQuarter: quarterKeySchema,
    reason: z.string().trim().min(3, 'a reason of at least 3 characters is required').max(500),
    by: z.email('the e-mail address of who sets it'),
  })
  .superRefine((a, ctx) => {
    const range = measureRanges[a.measure];
    if (!Number.isFinite(a.target) || a.target < range.min || a.target > range.max)
      ctx.addIssue({ code: 'custom', path: ['target'], message: `a ${a.measure} target lies between ${range.min} and ${range.max}` });
  });
export type StandardAdjustment = z.infer<typeof standardAdjustmentSchema>;

export const closedLoopResponseSchema = z.object({
  quarter: quarterKeySchema,
  /** Cases opened from this quarter's answers. */
  opened: z.number().int().nonnegative(),
  /** Not yet resolved. */
  open: z.number().int().nonnegative(),
  /** Open and past the SLA without a first contact. */
  overdue: z.number().int().nonnegative(),
  /** Contacted within the SLA, in % of the cases opened (absent with none). */
  contactedWithinSla: z.number().optional(),
});
export type ClosedLoopResponse = z.infer<typeof closedLoopResponseSchema>;

export const programmeResponseSchema = z.object({
  year: z.number().int(),
  /** VIP accounts by tier after the latest status review (absent before any review). */
  vipByTier: z.array(z.object({ tier: z.string(), label: z.string(), accounts: z.number().int().nonnegative() })),
  /** Gift spending against the budget, per month of the year, in roubles. */
  giftSpending: z.array(
    z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), allocatedRub: z.number(), reservedRub: z.number(), spentRub: z.number() }),
  ),
});
export type ProgrammeResponse = z.infer<typeof programmeResponseSchema>;

/** Every error the API returns: a message and, for bad input, one entry per field. */
export const apiErrorSchema = z.object({
  error: z.string(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** The data API's routes, relative to its base (`/api/dashboard` locally and on API Gateway). */
export const dashboardRoutes = {
  overview: '/overview',
  segments: '/segments',
  standards: '/standards',
  closedLoop: '/closed-loop',
  programme: '/programme',
} as const;
