import { DynamoScoreStore } from '../adapters/dynamodb/score-store.ts';
import { DynamoScoredQuarters } from '../adapters/dynamodb/scored-quarters.ts';
import { DynamoStandardsStore } from '../adapters/dynamodb/standards-store.ts';
import { DynamoProgrammeFigures } from '../adapters/dynamodb/programme-figures.ts';
import { DynamoClosedLoopSource } from '../adapters/dynamodb/closed-loop-source.ts';
import { dashboardAccessModes, type DashboardAccessMode } from '../domain/dashboard/leadership-access.ts';
import { localDateOf } from '../domain/local-date.ts';
import { quarterOf } from '../domain/surveys/quarter.ts';
import type { DashboardReadPorts } from '../use-cases/dashboard/dashboard-routes.ts';
import { ScoresDashboardSource } from '../use-cases/dashboard/scores-dashboard-source.ts';
import { awsClients } from './aws-clients.ts';
import { functionEnvironment } from './function-environment.ts';
import { floorsOf } from './scores-ports.ts';

/** Set by the infrastructure: who guards the data API (shared/domain/dashboard/leadership-access.ts). */
export const dashboardAccessVariable = 'DASHBOARD_ACCESS';

function accessMode(): DashboardAccessMode {
  const value = process.env[dashboardAccessVariable];
  if (!(dashboardAccessModes as readonly string[]).includes(value ?? ''))
    throw new Error(`invalid function environment:\n  ${dashboardAccessVariable}: expected one of ${dashboardAccessModes.join(', ')}`);
  return value as DashboardAccessMode;
}

/** The composition root of the dashboard's data API: adapters wired from the environment. */
export function dashboardPorts(): DashboardReadPorts & { readonly access: DashboardAccessMode; readonly currentQuarter: () => string } {
  const env = functionEnvironment();
  const { config } = env;
  const documents = awsClients.documents();
  const currentQuarter = () => quarterOf(localDateOf(new Date(), config.timeZone));
  return {
    access: accessMode(),
    source: new ScoresDashboardSource({
      scores: new DynamoScoreStore(documents, env.TABLE_NAME),
      quarters: new DynamoScoredQuarters(documents, env.TABLE_NAME),
      standards: new DynamoStandardsStore(documents, env.TABLE_NAME),
      scoresConfig: config.scores,
      tiers: config.statusReview.rules.tiers.map((t) => t.id),
      closedLoop: new DynamoClosedLoopSource(documents, env.TABLE_NAME, config.timeZone),
      today: () => localDateOf(new Date(), config.timeZone),
      programme: new DynamoProgrammeFigures(documents, env.TABLE_NAME, config.giftTasks.costItem),
      floors: floorsOf(config),
      currentQuarter,
    }),
    tierNames: new Map(config.statusReview.rules.tiers.map((t) => [t.id, t.name])),
    now: () => new Date(),
    timeZoneYear: (at) => Number(localDateOf(at, config.timeZone).slice(0, 4)),
    currentQuarter,
  };
}
