import { z } from 'zod';
import type { SurveyCase } from '../../domain/surveys/survey-case.ts';
import { nextActionOn } from '../../domain/surveys/survey-case.ts';
import { keys } from './keys.ts';

/** The sparse index of cases that still owe a reminder or an escalation, by the day they are owed. */
export const openCaseQueue = 'CASES';

/** Index attributes of a case: by manager always; in the action queue only while something is owed. */
export function caseIndexAttributes(kase: SurveyCase): Record<string, string> {
  const next = nextActionOn(kase);
  return {
    caseManagerKey: `MANAGER#${kase.managerId}`,
    caseKey: `CASE#${kase.waveKey}#${kase.caseId}`,
    ...(next && { caseQueue: openCaseQueue, caseNextAction: `${next}#${kase.accountId}#${kase.caseId}` }),
  };
}

export function caseItem(kase: SurveyCase): Record<string, unknown> {
  return { ...keys.surveyCase(kase.accountId, kase.waveKey, kase.caseId), ...kase, ...caseIndexAttributes(kase) };
}

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const caseSchema = z.object({
  caseId: z.string(),
  waveKey: z.string().regex(/^\d{4}-Q[1-4]$/),
  accountId: z.string(),
  accountName: z.string().optional(),
  managerId: z.string(),
  state: z.enum(['open', 'contacted', 'resolved']),
  reasons: z.array(
    z.union([
      z.object({ kind: z.literal('nps'), score: z.number() }),
      z.object({ kind: z.literal('ces'), score: z.number() }),
      z.object({ kind: z.literal('csi'), attributeId: z.string(), score: z.number() }),
    ]),
  ),
  scores: z.object({ nps: z.number(), ces: z.number(), csi: z.record(z.string(), z.number()) }),
  mayContact: z.boolean(),
  contact: z.object({ contactId: z.string(), fullName: z.string(), email: z.string(), phone: z.string().optional(), comment: z.string().optional() }).optional(),
  openedAt: z.string(),
  openedOn: date,
  dates: z.object({ remindOn: date, dueOn: date, escalateOn: date }),
  reminded: z.boolean(),
  escalated: z.boolean(),
  contactedAt: z.string().optional(),
  contactNote: z.string().optional(),
  resolvedAt: z.string().optional(),
  resolutionNote: z.string().optional(),
});

export class InvalidCaseItemError extends Error {
  override readonly name = 'InvalidCaseItemError';
}

export function toCase(item: Record<string, unknown>): SurveyCase {
  const parsed = caseSchema.safeParse(item);
  // The item's key only: a case may hold a client's name and address, which must not reach a log.
  if (!parsed.success) throw new InvalidCaseItemError(`case item ${String(item.pk)}/${String(item.sk)} is malformed at ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return parsed.data as SurveyCase;
}
