import { DynamoReviewStore } from '../adapters/dynamodb/review-store.ts';
import { DynamoSurveyStore } from '../adapters/dynamodb/survey-store.ts';
import { DynamoHealthFindings } from '../adapters/dynamodb/health-store.ts';
import { EventBridgePublisher } from '../adapters/eventbridge/event-publisher.ts';
import { EmfHealthMetrics } from '../adapters/cloudwatch/health-metrics.ts';
import { awsClients } from './aws-clients.ts';
import { functionEnvironment } from './function-environment.ts';

/** The composition root of the watchdog: adapters wired from the environment. */
export function operationsPorts() {
  const env = functionEnvironment();
  const documents = awsClients.documents();
  return {
    timeZone: env.config.timeZone,
    reviews: new DynamoReviewStore(documents, env.TABLE_NAME),
    waves: new DynamoSurveyStore(documents, env.TABLE_NAME),
    findings: new DynamoHealthFindings(documents, env.TABLE_NAME),
    events: new EventBridgePublisher(awsClients.events(), env.EVENT_BUS_NAME),
    metrics: new EmfHealthMetrics(),
  };
}
