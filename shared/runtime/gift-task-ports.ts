import { DynamoBudgetRequests } from '../adapters/dynamodb/budget-requests.ts';
import { DynamoGiftStore } from '../adapters/dynamodb/gift-store.ts';
import { DynamoManagerDirectory } from '../adapters/dynamodb/manager-directory.ts';
import { DynamoMailOutbox } from '../adapters/dynamodb/outbox-items.ts';
import { DynamoTaskLinkIds } from '../adapters/dynamodb/task-link-ids.ts';
import { mailIdOf, refOfKey } from '../adapters/crypto/digests.ts';
import { KeyringTokenSigners } from '../adapters/crypto/hmac-token-signer.ts';
import { SignedTaskLinks } from '../adapters/links/signed-task-links.ts';
import { SecretKeyring } from '../adapters/secrets/link-keyring.ts';
import { FixedLinkSecret, SecretsManagerLinkSecret } from '../adapters/secrets/link-secret.ts';
import type { LinkSecretSource } from '../ports/link-signer.ts';
import { awsClients } from './aws-clients.ts';
import { functionEnvironment } from './function-environment.ts';
import { randomRef } from '../adapters/crypto/random-ids.ts';

/** The composition root of the gift-task functions: adapters wired from the environment. */
export function giftTaskPorts() {
  const env = functionEnvironment();
  const documents = awsClients.documents();
  const secrets: LinkSecretSource = env.LINK_SECRET
    ? new FixedLinkSecret(env.LINK_SECRET)
    : env.LINK_SECRET_ARN
      ? new SecretsManagerLinkSecret(awsClients.secrets(), env.LINK_SECRET_ARN)
      : { secret: () => Promise.reject(new Error('neither LINK_SECRET nor LINK_SECRET_ARN is set')) };
  // The same keyring as the survey links: a plain secret is a one-key ring, a JSON ring rotates.
  const tokens = new KeyringTokenSigners(new SecretKeyring(secrets));
  const ids = new DynamoTaskLinkIds(documents, env.TABLE_NAME);
  return {
    env,
    config: env.config,
    store: new DynamoGiftStore(documents, env.TABLE_NAME),
    managers: new DynamoManagerDirectory(documents, env.TABLE_NAME),
    outbox: new DynamoMailOutbox(documents, env.TABLE_NAME),
    requests: new DynamoBudgetRequests(documents, env.TABLE_NAME),
    tokens,
    ids,
    links: new SignedTaskLinks(env.TASK_LINK_BASE_URL ?? 'http://localhost/tasks', tokens, ids),
    mailIdOf,
    refOfKey,
    newLinkId: randomRef,
  };
}

/**
 * The link endpoint signs the owner's links in an overrun mail with its own address: from the
 * environment locally, from the request's host on AWS (its own URL in its environment would be a
 * cycle in the stack), where the function URL's root serves `/<token>`.
 */
export function linksForRequest(ports: ReturnType<typeof giftTaskPorts>, domainName: string | undefined): SignedTaskLinks {
  if (ports.env.TASK_LINK_BASE_URL || !domainName) return ports.links;
  return new SignedTaskLinks(`https://${domainName}`, ports.tokens, ports.ids);
}
