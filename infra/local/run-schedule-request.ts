import { z } from 'zod';
import { formatZodIssues } from '../../shared/schemas/format-issues.ts';

/** What `POST /_local/run-schedule` takes: a schedule the topology knows and an ISO instant with a zone. */
export function runScheduleRequestSchema(known: readonly string[]) {
  return z.object({
    schedule: z.string().refine((s) => known.includes(s), { message: `a schedule of this stack: ${known.join(', ')}` }),
    at: z.iso.datetime({ offset: true }),
  });
}

/** The body parsed, or the message a 400 answers with (the `vip` command prints it). */
export function parseRunScheduleRequest(body: string, known: readonly string[]): { ok: true; schedule: string; at: Date } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, error: 'the body is not JSON; expected {"schedule": "<name>", "at": "<ISO instant with zone>"}' };
  }
  const parsed = runScheduleRequestSchema(known).safeParse(value);
  if (!parsed.success) return { ok: false, error: `invalid run-schedule request:\n${formatZodIssues(parsed.error)}` };
  return { ok: true, schedule: parsed.data.schedule, at: new Date(parsed.data.at) };
}
