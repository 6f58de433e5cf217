import type { z } from 'zod';
import { formatZodIssues } from '../schemas/format-issues.ts';

export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

/** Validates an incoming event; the error names each field, so the dead-letter entry explains itself. */
export function parseEvent<T extends z.ZodType>(schema: T, event: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(event);
  if (!parsed.success) throw new InvalidEventError(`invalid ${what}:\n${formatZodIssues(parsed.error)}`);
  return parsed.data;
}
