import type { z } from 'zod';

/** One line per problem: the dotted path of the field, then what was expected. */
export function formatZodIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `  ${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('\n');
}
