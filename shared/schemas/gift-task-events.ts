import { z } from 'zod';

/** What EventBridge Scheduler hands the daily gift run. */
export const giftScheduleInputSchema = z.object({
  scheduledTime: z.iso.datetime({ offset: true }),
  executionId: z.string().optional(),
});

export const statusLostSchema = z.object({
  id: z.string(),
  time: z.string(),
  detail: z.object({ reviewKey: z.string(), accountId: z.string().min(1), outcome: z.enum(['revoke', 'excluded']) }),
});

/** A Lambda function URL request (payload 2.0), the fields the link handler reads. */
export const functionUrlRequestSchema = z.object({
  rawPath: z.string(),
  requestContext: z.object({ http: z.object({ method: z.string() }) }),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().optional(),
});
