import { z } from 'zod';

/** What the Scheduler hands the watchdog: the schedule's input with its context attributes filled in. */
export const watchdogInputSchema = z.object({
  stallAfterMinutes: z.number().int().positive(),
  maxRepublishes: z.number().int().nonnegative().optional(),
  scheduledTime: z.iso.datetime({ offset: true }).optional(),
  executionId: z.string().optional(),
});
