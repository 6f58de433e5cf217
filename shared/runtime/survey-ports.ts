import { DynamoSurveyStore } from '../adapters/dynamodb/survey-store.ts';
import { FixedLinkSecret, SecretsManagerLinkSecret } from '../adapters/secrets/link-secret.ts';
import { emailHash, mailIdOf } from '../adapters/crypto/digests.ts';
import { KeyringTokenSigners } from '../adapters/crypto/hmac-token-signer.ts';
import { randomRef } from '../adapters/crypto/random-ids.ts';
import { SecretKeyring } from '../adapters/secrets/link-keyring.ts';
import { EventBridgePublisher } from '../adapters/eventbridge/event-publisher.ts';
import type { LinkSecretSource } from '../ports/link-signer.ts';
import { awsClients } from './aws-clients.ts';
import { functionEnvironment } from './function-environment.ts';

/** The composition root of the survey functions: adapters wired from the environment. */
export function surveyPorts() {
  const env = functionEnvironment();
  const secret: LinkSecretSource = env.LINK_SECRET
    ? new FixedLinkSecret(env.LINK_SECRET)
    : env.LINK_SECRET_ARN
      ? new SecretsManagerLinkSecret(awsClients.secrets(), env.LINK_SECRET_ARN)
      : { secret: () => Promise.reject(new Error('neither LINK_SECRET nor LINK_SECRET_ARN is set')) };
  return {
    env,
    config: env.config,
    store: new DynamoSurveyStore(awsClients.documents(), env.TABLE_NAME),
    events: new EventBridgePublisher(awsClients.events(), env.EVENT_BUS_NAME),
    tokens: new KeyringTokenSigners(new SecretKeyring(secret)),
    emailHash,
    mailIdOf,
    newInvitationId: randomRef,
    // Checked when a mail is built, so a function without the URL fails there, loudly, not with a broken link.
    linkBaseUrl: env.SURVEY_LINK_BASE_URL ?? '',
  };
}
