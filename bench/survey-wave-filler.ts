/**
 * Fills the outbox the way production does: demo-like VIP accounts with contacts are written to
 * the bench table, then the real wave opening (`openWave`, on the metered client) selects them
 * and writes each invitation, its pointer, address marker, contact record and mail in one
 * transaction. The returned mail ids are the invitations' mails.
 */
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client.ts';
import { batchWrite, type WriteRequest } from '../shared/adapters/dynamodb/batch-write.ts';
import { DynamoSurveyStore } from '../shared/adapters/dynamodb/survey-store.ts';
import { accountIndexAttributes, keys } from '../shared/adapters/dynamodb/keys.ts';
import { queryAll } from '../shared/adapters/dynamodb/query-all.ts';
import { emailHash, mailIdOf } from '../shared/adapters/crypto/digests.ts';
import { HmacTokenSigner } from '../shared/adapters/crypto/hmac-token-signer.ts';
import { randomRef } from '../shared/adapters/crypto/random-ids.ts';
import { parseKeyring } from '../shared/domain/links/keyring.ts';
import { openWave } from '../shared/use-cases/surveys/open-wave.ts';
import { loadProgrammeConfig } from '../shared/config/load-programme-config.ts';
import { createRng } from '../shared/demo/random.ts';
import type { OutboxFiller } from './survey-send.ts';

const config = loadProgrammeConfig('config/programme-a.json');
const tiers = config.statusReview.rules.tiers.map((t) => t.id);
const cities = ['Irkutsk', 'Angarsk', 'Bratsk'];
const openingAt = new Date('2027-01-12T02:00:00Z');

/** Two surveyed contacts per account (client and director), each with consent and an address of its own. */
function demoRows(recipients: number, seed: number): WriteRequest[] {
  const rng = createRng(seed);
  const rows: WriteRequest[] = [];
  for (let a = 0; a * 2 < recipients; a++) {
    const accountId = `B${String(a).padStart(6, '0')}`;
    const managerId = `M${String(a % 40).padStart(3, '0')}`;
    rows.push({
      PutRequest: {
        Item: {
          ...keys.account(accountId),
          ...accountIndexAttributes(accountId, managerId),
          accountId,
          managerId,
          customerType: rng.chance(0.7) ? 'business' : 'private',
          city: rng.pick(cities),
          openedOn: '2020-01-01',
          tariff: 'business-pro',
          status: { vip: true, tier: rng.pick(tiers), validUntil: '2027-12-31', since: '2026-01-01' },
        },
      },
    });
    for (const [n, role] of (['client', 'director'] as const).entries()) {
      if (a * 2 + n >= recipients) break;
      const contactId = `${accountId}-C${n}`;
      rows.push({
        PutRequest: {
          Item: { ...keys.contact(accountId, contactId), contactId, accountId, role, fullName: 'Bench Contact', email: `${contactId.toLowerCase()}@clients.example`, language: rng.chance(0.1) ? 'en' : 'ru', consentEmail: true, active: true },
        },
      });
    }
  }
  return rows;
}

export const openRealWave: OutboxFiller = async ({ stack, tableName, recipients, seed, documents }) => {
  // The data is set-up, not the measured work: written on a client of its own, outside the meter.
  const setup = createDocumentClient(stack.endpoint);
  await batchWrite(setup, tableName, demoRows(recipients, seed), 16);
  setup.destroy();
  const result = await openWave(
    { scheduledTime: openingAt },
    {
      store: new DynamoSurveyStore(documents, tableName),
      events: { publish: async () => {} },
      tokens: { signer: async () => new HmacTokenSigner(parseKeyring('bench-survey-link-secret-0123456789abcdef')) },
      emailHash,
      mailIdOf,
      newInvitationId: randomRef,
      config,
      linkBaseUrl: 'https://survey.example/s',
      now: () => new Date(),
      remainingMs: () => Number.POSITIVE_INFINITY,
    },
  );
  if (result.outcome !== 'opened') throw new Error(`the bench wave did not open: ${result.outcome}`);
  const invitations = await queryAll(documents, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
    ExpressionAttributeValues: { ':pk': keys.surveyWave(result.waveKey).pk, ':s': 'INVITE#' },
    ProjectionExpression: 'accountId, contactId',
  });
  return invitations.map((i) => mailIdOf(`survey-invitation/${result.waveKey}/${String(i.accountId)}/${String(i.contactId)}`));
};
