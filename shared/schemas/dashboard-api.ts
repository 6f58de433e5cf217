/**
 * The leadership dashboard's data API: every response and request it exchanges with the pages.
 * The pages parse what they receive with these schemas too, so a shape that drifts fails loudly
 * in the browser test instead of drawing a wrong chart. Only precomputed figures cross it: no
 * answer, no client, no case is ever named here.
 */
import { z } from 'zod';
import { measureRange, measures, standardProblemCodes, targetProblem, type StandardProblem } from '../domain/scores/standards.ts';

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

export const measureSchema = z.enum(measures);
export type Measure = z.infer<typeof measureSchema>;

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
  /** Absent for the programme configuration's first targets. */
  fromQuarter: quarterKeySchema.optional(),
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
  /** Every quarter with scores, oldest first, to choose another. */
  quarters: z.array(quarterKeySchema),
  floors: floorsSchema,
  segments: z.array(segmentViewSchema),
});
export type SegmentsResponse = z.infer<typeof segmentsResponseSchema>;

/** A version of a service standard (shared/domain/scores/standards.ts). */
export const standardRecordSchema = z.object({
  measure: measureSchema,
  tier: z.string().optional(),
  target: z.number(),
  /** Absent for the programme configuration's first targets, which apply from the start. */
  fromQuarter: quarterKeySchema.optional(),
  setAt: z.string().optional(),
  setBy: z.string(),
  reason: z.string(),
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
  /** The programme's tiers, for targets set per tier. */
  tiers: z.array(z.object({ id: z.string(), label: z.string() })),
});
export type StandardsResponse = z.infer<typeof standardsResponseSchema>;

/** The adjustment form; validated again on the server, which alone decides. */
export const standardAdjustmentSchema = z
  .object({
    measure: measureSchema,
    tier: z.string().min(1).optional(),
    // A form sends text; an empty field must not read as 0.
    target: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.replace(',', '.')) : v), z.number({ error: 'a number' })),
    fromQuarter: quarterKeySchema,
    reason: z.string().trim().min(3, 'a reason of at least 3 characters is required').max(500),
    by: z.email('the e-mail address of who sets it'),
  })
  .superRefine((a, ctx) => {
    const problem = targetProblem(a.measure, a.target);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['target'], message: problem });
  });
export type StandardAdjustment = z.infer<typeof standardAdjustmentSchema>;

const adjustmentFields = ['measure', 'tier', 'target', 'fromQuarter', 'reason', 'by'] as const;

/** The form's problems as the use case names them (field, code, English message), from the schema's issues. */
export function adjustmentProblems(error: z.ZodError, body: unknown): ApiFieldProblem[] {
  return error.issues.map((issue): ApiFieldProblem => {
    const field = adjustmentFields.find((f) => f === issue.path[0]);
    const problem = (code: StandardProblem['code'], params?: StandardProblem['params']): ApiFieldProblem => ({ field: field!, message: issue.message, code, ...(params && { params }) });
    switch (field) {
      case 'measure':
        return problem('measure.unknown');
      case 'tier':
        return problem('tier.unknown');
      case 'target': {
        const measure = measureSchema.safeParse((body as { measure?: unknown } | null)?.measure);
        return issue.code === 'custom' && measure.success ? problem('target.range', { min: measureRange[measure.data].min, max: measureRange[measure.data].max }) : problem('target.number');
      }
      case 'fromQuarter':
        return problem('fromQuarter.unknown');
      case 'reason':
        return problem(issue.code === 'too_big' ? 'reason.tooLong' : 'reason.missing');
      case 'by':
        return problem('by.email');
      default:
        return { field: issue.path.join('.') || '(body)', message: issue.message };
    }
  });
}

export const closedLoopResponseSchema = z.object({
  quarter: quarterKeySchema,
  quarters: z.array(quarterKeySchema),
  /** Cases opened from this quarter's answers (from the precomputed counters). */
  opened: z.number().int().nonnegative(),
  /** Figures that need the cases' states; absent until the case read model provides them. */
  open: z.number().int().nonnegative().optional(),
  /** Open and past the SLA's due day without a first contact. */
  overdue: z.number().int().nonnegative().optional(),
  /** Contacted within the SLA, in % of the cases whose SLA outcome is known. */
  withinSlaShare: z.number().optional(),
});
export type ClosedLoopResponse = z.infer<typeof closedLoopResponseSchema>;
export type ClosedLoopFigures = Omit<ClosedLoopResponse, 'quarter' | 'quarters'>;

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

/**
 * One refused field: an English message, and for the adjustment form a code with its figures,
 * which the page words in its own language (shared/web/dashboard/i18n.ts).
 */
export const apiFieldProblemSchema = z.object({
  field: z.string(),
  message: z.string(),
  code: z.enum(standardProblemCodes).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ApiFieldProblem = z.infer<typeof apiFieldProblemSchema>;

/** Every error the API returns: a message and, for bad input, one entry per field. */
export const apiErrorSchema = z.object({
  error: z.string(),
  fields: z.array(apiFieldProblemSchema).optional(),
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
