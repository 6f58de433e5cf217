import { DynamoAnswerSource } from '../adapters/dynamodb/answer-source.ts';
import { DynamoScoreStore } from '../adapters/dynamodb/score-store.ts';
import { DynamoClosedLoopSource } from '../adapters/dynamodb/closed-loop-source.ts';
import { DynamoProgrammeSource } from '../adapters/dynamodb/programme-source.ts';
import { DynamoReviewArchive } from '../adapters/dynamodb/review-archive.ts';
import { DynamoStandardsStore } from '../adapters/dynamodb/standards-store.ts';
import { VegaPngRenderer } from '../adapters/charts/png-renderer.ts';
import { mailIdOf } from '../adapters/crypto/digests.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReviewMailPorts } from '../use-cases/scores/standards-review.ts';
import { chartFiles } from '../schemas/bundled-files.ts';
import { readBundledFile } from './bundled-file.ts';
import type { ProgrammeConfig } from '../schemas/programme-config.ts';
import type { CountingRules } from '../use-cases/scores/count-answer.ts';
import { awsClients } from './aws-clients.ts';
import { functionEnvironment } from './function-environment.ts';

/** How answers are counted, from the programme config: the CSI weights and the closed-loop thresholds. */
export function countingRulesOf(config: ProgrammeConfig): CountingRules {
  return { csiAttributes: config.surveys.questions.csi.attributes, closedLoop: config.surveys.closedLoop };
}

export function floorsOf(config: ProgrammeConfig) {
  return { hideBelow: config.scores.hideBelow, smallSampleBelow: config.scores.smallSampleBelow };
}

/** Everything the standards review reads and writes, on one table. */
export function reviewPorts(documents: DynamoDBDocumentClient, tableName: string, config: ProgrammeConfig, mail: { leadershipAddress: string; dashboardUrl?: string }): ReviewMailPorts {
  const [wasm, font] = chartFiles;
  return {
    store: new DynamoScoreStore(documents, tableName),
    floors: floorsOf(config),
    standards: new DynamoStandardsStore(documents, tableName),
    scoresConfig: config.scores,
    closedLoop: new DynamoClosedLoopSource(documents, tableName, config.timeZone),
    programme: new DynamoProgrammeSource(documents, tableName, config.giftTasks.costItem),
    archive: new DynamoReviewArchive(documents, tableName),
    charts: new VegaPngRenderer({ wasm: () => readBundledFile(wasm), font: () => readBundledFile(font) }),
    // The programme's first language is the one its leadership reads.
    language: config.languages[0] ?? 'ru',
    tierNames: Object.fromEntries(config.statusReview.rules.tiers.map((t) => [t.id, t.name])),
    leadershipAddress: mail.leadershipAddress,
    mailIdOf,
    wallClock: () => new Date(),
    ...(mail.dashboardUrl && { dashboardUrl: mail.dashboardUrl }),
  };
}

/** The composition root of the scores functions: adapters wired from the environment. */
export function scoresPorts() {
  const env = functionEnvironment();
  const documents = awsClients.documents();
  return {
    env,
    config: env.config,
    store: new DynamoScoreStore(documents, env.TABLE_NAME),
    answers: new DynamoAnswerSource(documents, env.TABLE_NAME),
    rules: countingRulesOf(env.config),
    floors: floorsOf(env.config),
    review: reviewPorts(documents, env.TABLE_NAME, env.config, { leadershipAddress: env.LEADERSHIP_ADDRESS, ...(env.DASHBOARD_URL && { dashboardUrl: env.DASHBOARD_URL }) }),
  };
}
