import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { functionEnvironmentSchema, type FunctionEnvironment } from '../schemas/environment.ts';
import { formatZodIssues } from '../schemas/format-issues.ts';
import { parseProgrammeConfig } from '../config/load-programme-config.ts';
import type { ProgrammeConfig } from '../schemas/programme-config.ts';

export type ResolvedEnvironment = FunctionEnvironment & { readonly config: ProgrammeConfig };

let cached: ResolvedEnvironment | undefined;

/**
 * Read once per cold start; a misconfigured function fails at once, naming the variable. The
 * programme config comes inline (local stack) or as a file bundled beside the handler (AWS,
 * where it would not fit Lambda's 4 KB of environment).
 */
export function functionEnvironment(): ResolvedEnvironment {
  if (cached) return cached;
  const parsed = functionEnvironmentSchema.safeParse(process.env);
  if (!parsed.success) throw new Error(`invalid function environment:\n${formatZodIssues(parsed.error)}`);
  const env = parsed.data;
  const source = env.PROGRAMME_CONFIG ?? readFileSync(resolve(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), env.PROGRAMME_CONFIG_FILE!), 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch {
    throw new Error(`invalid function environment: the programme config is not JSON`);
  }
  cached = { ...env, config: parseProgrammeConfig(raw, env.PROGRAMME_CONFIG ? 'PROGRAMME_CONFIG' : env.PROGRAMME_CONFIG_FILE!) };
  return cached;
}
