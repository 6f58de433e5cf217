import { z } from 'zod';
import { InvalidScheduleExpressionError, parseScheduleExpression } from '../domain/schedule/schedule-expression.ts';

const targets = z.object({
  nps: z.number().min(-100).max(100),
  csi: z.number().min(0).max(100),
  ces: z.number().min(1).max(7),
  responseRate: z.number().min(0).max(100),
  /** Share of closed-loop cases contacted within the SLA, in %. */
  closedLoopSla: z.number().min(0).max(100),
});

/** Scores and service standards (docs/scores.md). Every field has a default. */
export const scoresConfigSchema = z
  .object({
    /** A segment with fewer answers is not shown on its own, to protect who answered. */
    hideBelow: z.number().int().min(1).default(5),
    /** A segment with fewer answers is marked as a small sample. */
    smallSampleBelow: z.number().int().min(1).default(30),
    /** The first service standards; later versions are recorded with `vip standards set`. */
    standards: z
      .object({
        targets: targets.prefault({ nps: 40, csi: 75, ces: 5.5, responseRate: 30, closedLoopSla: 90 }),
        /** Tier-specific targets (tier id -> some of the measures), over the general ones. */
        byTier: z.record(z.string(), targets.partial()).default({}),
      })
      .prefault({}),
    /** The daily check that mails the standards review once the wave has closed (see docs/scores.md). */
    reviewSchedule: z
      .string()
      .superRefine((expression, ctx) => {
        try {
          parseScheduleExpression(expression);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: error instanceof InvalidScheduleExpressionError ? error.message : 'a schedule expression such as "cron(0 9 * * ? *)"' });
        }
      })
      .default('cron(0 9 * * ? *)'),
  })
  .superRefine((scores, ctx) => {
    if (scores.smallSampleBelow < scores.hideBelow)
      ctx.addIssue({ code: 'custom', path: ['smallSampleBelow'], message: `expected at least hideBelow (${scores.hideBelow})` });
  });

export type ScoresConfig = z.infer<typeof scoresConfigSchema>;
