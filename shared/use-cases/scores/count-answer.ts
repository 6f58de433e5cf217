import { caseReasons, type ClosedLoopThresholds } from '../../domain/surveys/closed-loop.ts';
import { countersOfAnswer, type CsiAttributeWeight } from '../../domain/scores/score-counters.ts';
import { segmentsOf } from '../../domain/scores/segments.ts';
import type { CountOutcome, ScoreStore, ScoredAnswer } from '../../ports/score-store.ts';

export interface CountingRules {
  readonly csiAttributes: readonly CsiAttributeWeight[];
  readonly closedLoop: ClosedLoopThresholds;
}

/** The increments of one answer for each of its segments (all, tier, city, manager, customer type). */
export function incrementsOf(answer: ScoredAnswer, rules: CountingRules) {
  const opensCase = caseReasons({ nps: answer.nps, ces: answer.ces ?? 7, csi: answer.csi }, rules.closedLoop).length > 0;
  const counters = countersOfAnswer({ nps: answer.nps, csi: answer.csi, ...(answer.ces !== undefined && { ces: answer.ces }), opensCase }, rules.csiAttributes);
  return segmentsOf(answer.segment).map((segment) => ({ segment, counters }));
}

/** Counts one recorded answer into its wave's segments, once however often it is delivered. */
export async function countAnswer(quarter: string, answer: ScoredAnswer, ports: { readonly store: ScoreStore; readonly rules: CountingRules }): Promise<CountOutcome> {
  return ports.store.countAnswer(quarter, answer.invitationId, incrementsOf(answer, ports.rules));
}
