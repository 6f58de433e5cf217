import type { IsoDate } from '../calendar-date.ts';
import { addWorkingDays, type Holidays } from './working-days.ts';

/** The scores of one answer, as the closed loop reads them. */
export interface AnswerScores {
  readonly nps: number;
  readonly ces: number;
  /** Attribute id -> score 1-10. */
  readonly csi: Readonly<Record<string, number>>;
}

/** Thresholds at or below which an answer calls for the manager (config `surveys.closedLoop`). */
export interface ClosedLoopThresholds {
  readonly npsMax: number;
  readonly cesMax: number;
  readonly csiAttributeMax: number;
}

export type CaseReason = { readonly kind: 'nps'; readonly score: number } | { readonly kind: 'ces'; readonly score: number } | { readonly kind: 'csi'; readonly attributeId: string; readonly score: number };

/**
 * Why an answer opens a case: a detractor NPS, a hard CES, or any CSI attribute rated low.
 * Empty means no case. Every reason is listed, so the manager sees all that went wrong.
 */
export function caseReasons(scores: AnswerScores, thresholds: ClosedLoopThresholds): CaseReason[] {
  const reasons: CaseReason[] = [];
  if (scores.nps <= thresholds.npsMax) reasons.push({ kind: 'nps', score: scores.nps });
  if (scores.ces <= thresholds.cesMax) reasons.push({ kind: 'ces', score: scores.ces });
  for (const [attributeId, score] of Object.entries(scores.csi).sort(([a], [b]) => a.localeCompare(b)))
    if (score <= thresholds.csiAttributeMax) reasons.push({ kind: 'csi', attributeId, score });
  return reasons;
}

export interface CaseSla {
  readonly slaWorkingDays: number;
  readonly reminderAfterWorkingDays: number;
}

/** The dates a case is held to, from the local date of the answer. */
export interface CaseDates {
  /** The manager is reminded on this day's run if the client has not been contacted yet. */
  readonly remindOn: IsoDate;
  /** The last day on which contacting the client still meets the SLA. */
  readonly dueOn: IsoDate;
  /** The first working day after `dueOn`: the run of that day escalates to leadership. */
  readonly escalateOn: IsoDate;
}

export function caseDates(answeredOn: IsoDate, sla: CaseSla, holidays?: Holidays): CaseDates {
  const dueOn = addWorkingDays(answeredOn, sla.slaWorkingDays, holidays);
  return {
    remindOn: addWorkingDays(answeredOn, Math.min(sla.reminderAfterWorkingDays, sla.slaWorkingDays), holidays),
    dueOn,
    escalateOn: addWorkingDays(dueOn, 1, holidays),
  };
}

export type CaseState = 'open' | 'contacted' | 'resolved';

/** What the daily run owes an open case today. */
export type CaseAction = 'remind' | 'escalate' | 'none';

export function caseActionOn(
  today: IsoDate,
  kase: { readonly state: CaseState; readonly dates: CaseDates; readonly reminded: boolean; readonly escalated: boolean },
): CaseAction {
  // The SLA is about the first contact: once contacted, nobody is chased any more.
  if (kase.state !== 'open') return 'none';
  if (today >= kase.dates.escalateOn) return kase.escalated ? 'none' : 'escalate';
  if (today >= kase.dates.remindOn) return kase.reminded ? 'none' : 'remind';
  return 'none';
}

/** A case is overdue while the client has not been contacted and its due day has passed. */
export function isOverdue(kase: { readonly state: CaseState; readonly dates: CaseDates }, today: IsoDate): boolean {
  return kase.state === 'open' && today > kase.dates.dueOn;
}
