import type { StandardProblem } from '../../domain/scores/standards.ts';
import type { DashboardSource } from '../../ports/dashboard-source.ts';
import type { StandardAdjustment, StandardRecordView } from '../../schemas/dashboard-api.ts';

/** A quarter that is well-formed but not one leadership can set a target from. */
export class InvalidAdjustmentError extends Error {
  override readonly name = 'InvalidAdjustmentError';
  constructor(readonly problem: StandardProblem) {
    super(problem.message);
  }
}

/** Adjustments look forward: a target may start this quarter or later, never rewrite the past. */
export async function recordStandard(source: DashboardSource, adjustment: StandardAdjustment, now: Date, currentQuarter: string): Promise<StandardRecordView> {
  if (adjustment.fromQuarter < currentQuarter)
    throw new InvalidAdjustmentError({
      field: 'fromQuarter',
      code: 'fromQuarter.passed',
      params: { quarter: adjustment.fromQuarter, current: currentQuarter },
      message: `${adjustment.fromQuarter} has passed; a target applies from ${currentQuarter} or a later quarter`,
    });
  return source.recordStandard(adjustment, now.toISOString());
}
