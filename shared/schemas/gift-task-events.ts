import { z } from 'zod';

/** What EventBridge Scheduler hands the daily gift run. */
export const giftScheduleInputSchema = z.object({
  scheduledTime: z.iso.datetime({ offset: true }),
  executionId: z.string().optional(),
});

export const statusLostSchema = z.object({
  id: z.string(),
  // The day of the event decides which tasks go: a time that is not one must fail, not cancel nothing.
  time: z.iso.datetime({ offset: true }),
  detail: z.object({ reviewKey: z.string(), accountId: z.string().min(1), outcome: z.enum(['revoke', 'excluded']) }),
});

/** An account became VIP, or stays one with another tier or in grace: its occasions are re-tagged. */
export const statusGainedSchema = z.object({
  id: z.string(),
  // The event's day decides which occasions are still ahead.
  time: z.iso.datetime({ offset: true }),
  detail: z.object({ reviewKey: z.string(), accountId: z.string().min(1), outcome: z.enum(['grant', 'tier-up', 'tier-down', 'grace']) }),
});

/** An import wrote occasions of a VIP account whose issue day the daily runs have passed. */
export const occasionsImportedSchema = z.object({
  id: z.string(),
  // The import's instant, not the event's: its day decides which occasions are still ahead.
  detail: z.object({ accountId: z.string().min(1), importedAt: z.iso.datetime({ offset: true }) }),
});

/** A Lambda function URL request (payload 2.0), the fields the link handler reads. */
export const functionUrlRequestSchema = z
  .object({
    rawPath: z.string(),
    requestContext: z.object({ http: z.object({ method: z.string() }), domainName: z.string().optional() }),
    body: z.string().optional(),
    isBase64Encoded: z.boolean().optional(),
  })
  // The token is the last path segment: "/<token>" on the function URL, "/tasks/<token>" locally.
  .transform((request) => ({ ...request, token: decodedLastSegment(request.rawPath) }));

/** The last path segment, decoded; undefined when its %-escapes are damaged (a cut or altered link). */
function decodedLastSegment(path: string): string | undefined {
  try {
    return decodeURIComponent(path.split('/').filter(Boolean).at(-1) ?? '');
  } catch {
    return undefined;
  }
}
