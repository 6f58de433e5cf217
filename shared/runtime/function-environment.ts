import { functionEnvironmentSchema, type FunctionEnvironment } from '../schemas/environment.ts';
import { formatZodIssues } from '../schemas/format-issues.ts';

let cached: FunctionEnvironment | undefined;

/** Read once per cold start; a misconfigured function fails at once, naming the variable. */
export function functionEnvironment(): FunctionEnvironment {
  if (cached) return cached;
  const parsed = functionEnvironmentSchema.safeParse(process.env);
  if (!parsed.success) throw new Error(`invalid function environment:\n${formatZodIssues(parsed.error)}`);
  cached = parsed.data;
  return cached;
}
