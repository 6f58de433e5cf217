import { z } from 'zod';
import { mailKinds } from '../ports/outbox.ts';
import { formatZodIssues } from './format-issues.ts';

/** An outbox item as the sender claims it; a malformed item stops with the fields named, not a cast. */
const claimedOutboxItemSchema = z.object({
  mailId: z.string().min(1),
  kind: z.enum(mailKinds as [string, ...string[]]),
  to: z.string().min(3),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  headers: z.record(z.string(), z.string()).optional(),
  attachments: z.array(z.object({ fileName: z.string().min(1), contentType: z.string().min(1), contentId: z.string().min(1).optional(), base64: z.string() })).optional(),
  attempts: z.number().int().min(1),
  leaseId: z.string().min(1),
  lastError: z.string().optional(),
});

export type ClaimedOutboxItem = z.infer<typeof claimedOutboxItemSchema>;

export function parseClaimedOutboxItem(item: unknown, where: string): ClaimedOutboxItem {
  const parsed = claimedOutboxItemSchema.safeParse(item);
  if (!parsed.success) throw new Error(`invalid outbox item ${where}:\n${formatZodIssues(parsed.error)}`);
  return parsed.data;
}
