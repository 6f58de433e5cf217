import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../adapters/dynamodb/document-client.ts';

// One client per container, created on first use: Lambda reuses them across invocations.
let documents: DynamoDBDocumentClient | undefined;
let events: EventBridgeClient | undefined;
let ses: SESv2Client | undefined;
let secrets: SecretsManagerClient | undefined;

export const awsClients = {
  documents: () => (documents ??= createDocumentClient()),
  events: () => (events ??= new EventBridgeClient({})),
  // One try only: SendEmail is not idempotent, so an SDK retry after a timeout could send a mail
  // twice; the outbox sender owns retries (backoff on throttling, lease and Send event otherwise).
  ses: () => (ses ??= new SESv2Client({ maxAttempts: 1 })),
  secrets: () => (secrets ??= new SecretsManagerClient({})),
};
