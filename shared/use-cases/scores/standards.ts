import { parseQuarterKey } from '../../domain/surveys/quarter.ts';
import { configStandards, isMeasure, measures, standardsInForce, targetRangeProblem, type StandardProblem, type StandardRecord, type Targets } from '../../domain/scores/standards.ts';
import type { StandardsStore } from '../../ports/score-store.ts';
import type { ScoresConfig } from '../../schemas/scores-config.ts';

/** Every problem of a refused adjustment; the message lists them in English, one a line. */
export class InvalidStandardError extends Error {
  override readonly name = 'InvalidStandardError';
  constructor(readonly problems: readonly StandardProblem[]) {
    super(problems.map((p) => p.message).join('\n'));
  }
}

/** The config's first targets, keyed as the measures are named. */
export function configTargets(config: ScoresConfig): { general: Targets; byTier: Record<string, Partial<Targets>> } {
  const of = (t: Partial<ScoresConfig['standards']['targets']>): Partial<Targets> => ({
    ...(t.nps !== undefined && { nps: t.nps }),
    ...(t.csi !== undefined && { csi: t.csi }),
    ...(t.ces !== undefined && { ces: t.ces }),
    ...(t.responseRate !== undefined && { 'response-rate': t.responseRate }),
    ...(t.closedLoopSla !== undefined && { 'closed-loop-sla': t.closedLoopSla }),
  });
  return {
    general: of(config.standards.targets) as Targets,
    byTier: Object.fromEntries(Object.entries(config.standards.byTier).map(([tier, t]) => [tier, of(t)])),
  };
}

/** Every version: the config's first targets, then what was recorded, oldest first. */
export async function standardsHistory(ports: { readonly standards: StandardsStore; readonly config: ScoresConfig }): Promise<StandardRecord[]> {
  const { general, byTier } = configTargets(ports.config);
  return [...configStandards(general, byTier), ...(await ports.standards.records())];
}

export async function standardsInForceFor(quarter: string, tiers: readonly string[], ports: { readonly standards: StandardsStore; readonly config: ScoresConfig }) {
  return standardsInForce(await standardsHistory(ports), parseQuarterKey(quarter), tiers);
}

export interface SetStandardRequest {
  readonly measure: string;
  readonly target: number;
  readonly fromQuarter: string;
  readonly reason?: string;
  readonly by?: string;
  readonly tier?: string;
  readonly at: string;
}

/** Validates everything first (every problem named), then records one new version; nothing on error. */
export async function setStandard(
  request: SetStandardRequest,
  ports: { readonly standards: StandardsStore; readonly tiers: readonly string[] },
): Promise<StandardRecord> {
  const problems: StandardProblem[] = [];
  if (!isMeasure(request.measure)) problems.push({ field: 'measure', code: 'measure.unknown', message: `measure "${request.measure}" is unknown: expected one of ${measures.join(', ')}` });
  else {
    const problem = targetRangeProblem(request.measure, request.target);
    if (problem) problems.push(problem);
  }
  let fromQuarter: string | undefined;
  try {
    fromQuarter = parseQuarterKey(request.fromQuarter);
  } catch (error) {
    problems.push({ field: 'fromQuarter', code: 'fromQuarter.unknown', message: `--from: ${(error as Error).message}` });
  }
  if (!request.reason?.trim()) problems.push({ field: 'reason', code: 'reason.missing', message: '--reason is required: say why the target changes' });
  if (!request.by?.trim()) problems.push({ field: 'by', code: 'by.email', message: '--by is required: the e-mail of who decided' });
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(request.by.trim())) problems.push({ field: 'by', code: 'by.email', message: `--by "${request.by}" is not an e-mail address` });
  if (request.tier !== undefined && !ports.tiers.includes(request.tier))
    problems.push({ field: 'tier', code: 'tier.unknown', message: `tier "${request.tier}" is unknown: expected one of ${ports.tiers.join(', ')}` });
  if (problems.length) throw new InvalidStandardError(problems);
  const record: StandardRecord = {
    measure: request.measure as StandardRecord['measure'],
    ...(request.tier !== undefined && { tier: request.tier }),
    target: request.target,
    fromQuarter: fromQuarter!,
    setAt: request.at,
    setBy: request.by!.trim(),
    reason: request.reason!.trim(),
  };
  await ports.standards.add(record);
  return record;
}
