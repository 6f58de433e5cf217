import { mailIdOf } from '../adapters/crypto/digests.ts';
import { DynamoReviewStore } from '../adapters/dynamodb/review-store.ts';
import { DynamoManagerDirectory } from '../adapters/dynamodb/manager-directory.ts';
import { DynamoMailOutbox } from '../adapters/dynamodb/outbox-items.ts';
import { EventBridgePublisher } from '../adapters/eventbridge/event-publisher.ts';
import { DynamoSurveyCaseStore } from '../adapters/dynamodb/survey-case-store.ts';
import { awsClients } from './aws-clients.ts';
import { functionEnvironment } from './function-environment.ts';

/** The composition root of the status-review functions: adapters wired from the environment. */
export function statusReviewPorts() {
  const env = functionEnvironment();
  const documents = awsClients.documents();
  return {
    env,
    config: env.config,
    store: new DynamoReviewStore(documents, env.TABLE_NAME),
    events: new EventBridgePublisher(awsClients.events(), env.EVENT_BUS_NAME),
    managers: new DynamoManagerDirectory(documents, env.TABLE_NAME),
    cases: new DynamoSurveyCaseStore(documents, env.TABLE_NAME),
    outbox: new DynamoMailOutbox(documents, env.TABLE_NAME),
    mailIdOf,
  };
}
