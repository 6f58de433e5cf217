import { DynamoReviewStore } from '../adapters/dynamodb/review-store.ts';
import { DynamoManagerDirectory } from '../adapters/dynamodb/manager-directory.ts';
import { DynamoMailLog } from '../adapters/dynamodb/mail-log.ts';
import { EventBridgePublisher } from '../adapters/eventbridge/event-publisher.ts';
import { SesMailer } from '../adapters/ses/ses-mailer.ts';
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
    mailLog: new DynamoMailLog(documents, env.TABLE_NAME),
    mailer: new SesMailer(awsClients.ses(), env.SENDER_ADDRESS, env.MAIL_CONFIGURATION_SET),
  };
}
