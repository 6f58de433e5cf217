import { DynamoOutboxStore } from '../adapters/dynamodb/outbox-store.ts';
import { DynamoSurveyStore } from '../adapters/dynamodb/survey-store.ts';
import { emailHash } from '../adapters/crypto/digests.ts';
import { randomLeaseId } from '../adapters/crypto/random-ids.ts';
import { SesMailer, SesSendQuota } from '../adapters/ses/ses-mailer.ts';
import { awsClients } from './aws-clients.ts';
import { functionEnvironment } from './function-environment.ts';
import { logger } from './logger.ts';

/** The composition root of the mail functions: the outbox on the table, SES, the account's send rate. */
export function mailPorts() {
  const env = functionEnvironment();
  const documents = awsClients.documents();
  const quota = new SesSendQuota(awsClients.ses());
  let accountRate: Promise<number | undefined> | undefined;
  const suppressions = new DynamoSurveyStore(documents, env.TABLE_NAME);
  return {
    env,
    config: env.config.mail,
    store: new DynamoOutboxStore(documents, env.TABLE_NAME),
    mailer: new SesMailer(awsClients.ses(), env.SENDER_ADDRESS, env.MAIL_CONFIGURATION_SET),
    /** GetAccount once per cold start; a configured rate still lets the sender run if SES does not answer. */
    accountSendRate: () =>
      (accountRate ??= quota.maxSendRate().catch((error: unknown) => {
        accountRate = undefined;
        if (env.config.mail.maxSendRate === undefined) throw error;
        logger.warn('SES GetAccount failed; sending at the configured rate', { error: (error as Error).name });
        return undefined;
      })),
    /** One strongly consistent Get per mail: an unsubscribe a second ago already counts. */
    isSuppressed: async (address: string) => (await suppressions.get(emailHash(address))) !== undefined,
    now: () => Date.now(),
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    random: () => Math.random(),
    newLeaseId: randomLeaseId,
  };
}
