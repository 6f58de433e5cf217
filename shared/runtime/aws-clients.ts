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
  ses: () => (ses ??= new SESv2Client({})),
  secrets: () => (secrets ??= new SecretsManagerClient({})),
};
