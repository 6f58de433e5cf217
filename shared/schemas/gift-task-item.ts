import { z } from 'zod';
import { occasionKinds } from './programme-config.ts';
import { formatZodIssues } from './format-issues.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const kopecks = z.number().int().nonnegative();

/** A gift task as stored; the index attributes (pk, sk, taskKey, ...) are not part of it. */
export const giftTaskItemSchema = z.object({
  taskId: z.string().min(1),
  accountId: z.string().min(1),
  sourceId: z.string().min(1),
  managerId: z.string().min(1),
  tier: z.string(),
  occasionKind: z.enum(occasionKinds),
  occasionDate: isoDate,
  issueDate: isoDate,
  personName: z.string(),
  accountName: z.string().optional(),
  giftId: z.string().min(1),
  reservedKopecks: kopecks,
  priceKopecks: kopecks,
  budgetMonth: z.string().regex(/^\d{4}-\d{2}$/, 'a month YYYY-MM'),
  costItem: z.string().min(1),
  state: z.enum(['open', 'awaiting-budget', 'done', 'cancelled']),
  actualKopecks: kopecks.optional(),
  closedAt: z.string().optional(),
  closedReason: z.string().optional(),
  belated: z.boolean().optional(),
  createdAt: z.string().optional(),
  /** Counts the task's changes; every change is conditional on the number it read. Absent on tasks written before it existed. */
  version: z.number().int().positive().optional(),
  linkId: z.string().regex(/^[A-Za-z0-9_-]{22}$/).optional(),
  overrunKopecks: z.number().int().positive().optional(),
  overrunState: z.enum(['pending', 'approved', 'declined']).optional(),
  overrunDecidedAt: z.string().optional(),
});

export class StoredItemError extends Error {
  override readonly name = 'StoredItemError';
}

/** Parses a stored task; a damaged item is named by its key, never guessed at. */
export function parseGiftTaskItem(item: Record<string, unknown>): z.infer<typeof giftTaskItemSchema> {
  const parsed = giftTaskItemSchema.safeParse(item);
  if (!parsed.success) throw new StoredItemError(`the stored gift task ${String(item.pk)} ${String(item.sk)} is not valid:\n${formatZodIssues(parsed.error)}`);
  return parsed.data;
}
