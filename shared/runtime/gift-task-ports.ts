import { DynamoGiftStore } from '../adapters/dynamodb/gift-store.ts';
import { DynamoManagerDirectory } from '../adapters/dynamodb/manager-directory.ts';
import { DynamoMailLog } from '../adapters/dynamodb/mail-log.ts';
import { SesMailer } from '../adapters/ses/ses-mailer.ts';
import { FixedLinkSecret, SecretsManagerLinkSecret } from '../adapters/secrets/link-secret.ts';
import type { LinkSecretSource } from '../ports/link-signer.ts';
import { SignedTaskLinks } from '../use-cases/gift-tasks/signed-task-links.ts';
import { awsClients } from './aws-clients.ts';
import { functionEnvironment } from './function-environment.ts';

/** The composition root of the gift-task functions: adapters wired from the environment. */
export function giftTaskPorts() {
  const env = functionEnvironment();
  const documents = awsClients.documents();
  const secrets: LinkSecretSource = env.LINK_SECRET
    ? new FixedLinkSecret(env.LINK_SECRET)
    : env.LINK_SECRET_ARN
      ? new SecretsManagerLinkSecret(awsClients.secrets(), env.LINK_SECRET_ARN)
      : { secret: () => Promise.reject(new Error('neither LINK_SECRET nor LINK_SECRET_ARN is set')) };
  return {
    env,
    config: env.config,
    store: new DynamoGiftStore(documents, env.TABLE_NAME),
    managers: new DynamoManagerDirectory(documents, env.TABLE_NAME),
    // A claim is stale only once the longest sender (the 15-minute daily run) must be gone.
    mailLog: new DynamoMailLog(documents, env.TABLE_NAME, 16 * 60_000),
    mailer: new SesMailer(awsClients.ses(), env.SENDER_ADDRESS, env.MAIL_CONFIGURATION_SET),
    secrets,
    links: new SignedTaskLinks(env.TASK_LINK_BASE_URL ?? 'http://localhost/tasks', secrets),
  };
}
