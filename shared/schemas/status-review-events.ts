import { z } from 'zod';

/** What EventBridge Scheduler hands the start function (the schedule's Input with its context attributes filled in). */
export const reviewScheduleInputSchema = z.object({
  kind: z.enum(['yearly', 'admission']),
  scheduledTime: z.iso.datetime({ offset: true }),
  executionId: z.string().optional(),
});

const envelope = <T extends z.ZodType>(detail: T) =>
  z.object({ id: z.string(), source: z.string(), 'detail-type': z.string(), time: z.string(), detail });

export const segmentRequestedSchema = envelope(
  z
    .object({ reviewKey: z.string().min(1), segment: z.number().int().min(0), totalSegments: z.number().int().min(1) })
    .refine((d) => d.segment < d.totalSegments, { path: ['segment'], error: (issue) => `a segment number below totalSegments (${(issue.input as { totalSegments: number }).totalSegments})` }),
);

const counts = z.record(z.string(), z.number());
export const reviewCompletedSchema = envelope(
  z.object({
    reviewKey: z.string().min(1),
    summary: z.object({ accounts: z.number(), outcomes: counts, tiers: counts, failedAccounts: z.number() }),
  }),
);
