import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { mailIdOf } from '../shared/adapters/crypto/digests.ts';
import { KeyringTokenSigners } from '../shared/adapters/crypto/hmac-token-signer.ts';
import { DynamoSurveyAnswerStore } from '../shared/adapters/dynamodb/survey-answer-store.ts';
import { DynamoSurveyCaseStore } from '../shared/adapters/dynamodb/survey-case-store.ts';
import { DynamoManagerDirectory } from '../shared/adapters/dynamodb/manager-directory.ts';
import { queryPrefix } from '../shared/adapters/dynamodb/query-all.ts';
import { EventBridgePublisher } from '../shared/adapters/eventbridge/event-publisher.ts';
import { SignedCaseLinks } from '../shared/adapters/links/signed-case-links.ts';
import { SecretKeyring } from '../shared/adapters/secrets/link-keyring.ts';
import { FixedLinkSecret } from '../shared/adapters/secrets/link-secret.ts';
import type { Invitation } from '../shared/domain/surveys/invitation.ts';
import { envNames } from '../shared/schemas/environment.ts';
import type { DemoAnswersPorts, DemoCasePorts } from '../shared/use-cases/surveys/demo-answers.ts';
import { eventBus } from '../infra/topology.ts';
import { localCredentials, localRegion } from '../infra/local/local-aws.ts';
import type { CommandTarget } from './cli-context.ts';

/**
 * The answer use case's ports for a `vip` command: the stack's table, its bus (through the local
 * HTTP server's PutEvents endpoint) and its link keyring (the data folder's secret).
 */
export function demoAnswerPortsFor(target: CommandTarget, dataDir: string): DemoAnswersPorts & DemoCasePorts & { destroy(): void } {
  const httpUrl = target.stack?.httpUrl ?? target.running!.httpUrl;
  const secret = process.env[envNames.linkSecret] ?? readFileSync(join(dataDir, 'link-secret'), 'utf8').trim();
  const tokens = new KeyringTokenSigners(new SecretKeyring(new FixedLinkSecret(secret)));
  const events = new EventBridgeClient({ endpoint: httpUrl, region: localRegion, credentials: localCredentials });
  const answers = new DynamoSurveyAnswerStore(target.documents, target.tableName);
  const leadershipLanguage = target.config.languages[0] ?? 'en';
  return {
    survey: target.config.surveys,
    timeZone: target.config.timeZone,
    answers,
    cases: new DynamoSurveyCaseStore(target.documents, target.tableName),
    managers: new DynamoManagerDirectory(target.documents, target.tableName),
    publisher: new EventBridgePublisher(events, eventBus.name),
    parties: (accountId, contactId) => answers.caseParties(accountId, contactId),
    caseLinks: new SignedCaseLinks(`${httpUrl}/s`, tokens),
    mailIdOf,
    leadershipAddress: process.env[envNames.leadershipAddress] ?? 'leadership@example.com',
    leadershipLanguage,
    // The answers are given on the simulated clock; their case mails are queued now, or the sender would hold them until that day.
    wallClock: () => new Date(),
    tierIds: target.config.statusReview.rules.tiers.map((t) => t.id),
    invitationsOf: async (waveKey) => (await queryPrefix(target.documents, target.tableName, `WAVE#${waveKey}`, 'INVITE#')) as unknown as Invitation[],
    destroy: () => events.destroy(),
  };
}
