import { z } from 'zod';
import type { BudgetRequest } from '../domain/gifts/budget-request.ts';
import { formatZodIssues } from './format-issues.ts';
import { StoredItemError } from './gift-task-item.ts';

/** A budget request as stored (`BUDGETREQUEST#<ref>` / `REQUEST`), without its keys. */
const budgetRequestItemSchema = z.object({
  ref: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
  month: z.string().regex(/^\d{4}-\d{2}$/, 'a month YYYY-MM'),
  costItem: z.string().min(1),
  taskIds: z.array(z.string().min(1)),
  missingKopecks: z.number().int().positive(),
  state: z.enum(['pending', 'raised', 'declined']),
  decidedAt: z.string().optional(),
});

/** Parses a stored request; a damaged item is named by its key, never guessed at. */
export function parseBudgetRequestItem(item: Record<string, unknown>): BudgetRequest {
  const parsed = budgetRequestItemSchema.safeParse(item);
  if (!parsed.success) throw new StoredItemError(`the stored budget request ${String(item.pk)} is not valid:\n${formatZodIssues(parsed.error)}`);
  return parsed.data;
}
