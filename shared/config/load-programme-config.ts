import { readFileSync } from 'node:fs';
import { programmeConfigSchema, type ProgrammeConfig } from '../schemas/programme-config.ts';
import { formatZodIssues } from '../schemas/format-issues.ts';

export class InvalidConfigError extends Error {
  override readonly name = 'InvalidConfigError';
}

/** Reads and validates a programme configuration; every problem names the file and the field. */
export function loadProgrammeConfig(file: string): ProgrammeConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (cause as Error).message;
    throw new InvalidConfigError(`${file}: cannot read the programme configuration (${reason})`, { cause });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new InvalidConfigError(`${file}: not valid JSON (${(cause as Error).message})`, { cause });
  }
  return parseProgrammeConfig(raw, file);
}

export function parseProgrammeConfig(raw: unknown, source: string): ProgrammeConfig {
  const parsed = programmeConfigSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidConfigError(`${source}: invalid programme configuration\n${formatZodIssues(parsed.error)}`);
  return parsed.data;
}
