import { DynamoAnswerSource } from '../adapters/dynamodb/answer-source.ts';
import { DynamoScoreStore } from '../adapters/dynamodb/score-store.ts';
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
  };
}
