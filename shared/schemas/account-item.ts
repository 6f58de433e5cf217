import { z } from 'zod';

const monthFacts = z.object({
  chargesKopecks: z.number().int().nonnegative(),
  billedNumbers: z.number().int().nonnegative(),
  dueKopecks: z.number().int().nonnegative().optional(),
  paidKopecks: z.number().int().nonnegative().optional(),
  paidOn: z.string().optional(),
});

export const accountStatusSchema = z.object({
  vip: z.boolean(),
  tier: z.string().optional(),
  validUntil: z.string().optional(),
  since: z.string().optional(),
  graceLeft: z.number().int().optional(),
  reviewKey: z.string().optional(),
});

export const statusOverrideSchema = z.object({
  kind: z.enum(['exclude', 'include']),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
  until: z.string().optional(),
});

/** An account profile item as the review reads it; an item that fails this is reported, not guessed at. */
export const accountItemSchema = z.object({
  accountId: z.string(),
  name: z.string().optional(),
  customerType: z.enum(['business', 'private']),
  managerId: z.string(),
  openedOn: z.string(),
  tariff: z.string(),
  registeredNumbers: z.number().int().nonnegative().default(0),
  months: z.record(z.string(), monthFacts).default({}),
  foreignNumbers: z.array(z.string()).optional(),
  status: accountStatusSchema.default({ vip: false }),
  override: statusOverrideSchema.optional(),
  lastDecision: z.object({ reviewKey: z.string(), outcome: z.string(), change: z.boolean().optional(), previous: accountStatusSchema.optional() }).loose().optional(),
});

export type AccountItem = z.infer<typeof accountItemSchema>;
