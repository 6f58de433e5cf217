import { DynamoGiftStore } from '../adapters/dynamodb/gift-store.ts';
import { DynamoManagerDirectory } from '../adapters/dynamodb/manager-directory.ts';
import { DynamoMailOutbox } from '../adapters/dynamodb/outbox-items.ts';
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
    outbox: new DynamoMailOutbox(documents, env.TABLE_NAME),
    secrets,
    links: new SignedTaskLinks(env.TASK_LINK_BASE_URL ?? 'http://localhost/tasks', secrets),
  };
}
