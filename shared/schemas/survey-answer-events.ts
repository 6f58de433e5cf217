import { z } from 'zod';

/**
 * `SurveyAnswerRecorded`: the scores of one answer and the segment they count for; no identity,
 * no comment (the comment stays on the answer item). Consumers (scores, dashboards) count it once
 * per `invitationId`: the answer endpoint publishes at least once.
 */
export const surveyAnswerRecordedSchema = z.object({
  waveKey: z.string().regex(/^\d{4}-Q[1-4]$/),
  invitationId: z.string().min(1),
  segment: z.object({ tier: z.string(), city: z.string(), managerId: z.string(), customerType: z.enum(['business', 'private']) }),
  nps: z.number().int().min(0).max(10),
  csi: z.record(z.string(), z.number().int().min(1).max(10)),
  ces: z.number().int().min(1).max(7),
  answeredAt: z.iso.datetime(),
});

export type SurveyAnswerRecorded = z.infer<typeof surveyAnswerRecordedSchema>;

/** What EventBridge Scheduler hands `survey-cases-daily`. */
export const casesDailyInputSchema = z.object({
  scheduledTime: z.iso.datetime({ offset: true }),
  executionId: z.string().optional(),
});
