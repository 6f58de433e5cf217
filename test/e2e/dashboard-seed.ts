/**
 * A set of answers whose scores are worked out by hand below, posted as `SurveyAnswerRecorded`
 * events on the local bus: the real rule delivers them to the real counting handler, exactly as
 * the answer workflow does.
 */
import { randomBytes } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../infra/local/local-stack.ts';
import { keys } from '../../shared/adapters/dynamodb/keys.ts';
import { eventSources, eventTypes } from '../../shared/schemas/event-names.ts';

const attributes = ['personal-manager', 'connection-quality', 'billing-clarity', 'resolution-speed', 'money-and-data-protection'];

export interface SeedAnswer {
  readonly tier: string;
  readonly city: string;
  readonly managerId: string;
  readonly customerType: string;
  readonly nps: number;
}

/** Every CSI attribute of an answer gets the same score, and CES follows the NPS group: promoters 10 / 7, passives 8 / 5, detractors 4 / 2. */
export const csiOf = (nps: number) => (nps >= 9 ? 10 : nps >= 7 ? 8 : 4);
export const cesOf = (nps: number) => (nps >= 9 ? 7 : nps >= 7 ? 5 : 2);

/**
 * 2027-Q2, 40 answers. Tiers: profitable 31 (shown), highly profitable 6 (hidden: it would give
 * away the next one by subtraction), very highly profitable 3 (hidden, under the floor of 5).
 * Cities 22 / 12 / 6 and managers 20 / 20: small samples, shown greyed. Business 30 (shown), private 10 (small).
 * NPS: profitable 16 promoters (10), 10 passives (8), 5 detractors (3); highly 3 promoters (9), 3 detractors (2); very 3 promoters (10).
 */
export const quarterTwo: SeedAnswer[] = Array.from({ length: 40 }, (_, i) => ({
  tier: i < 31 ? 'profitable' : i < 37 ? 'highly-profitable' : 'very-highly-profitable',
  city: i < 22 ? 'Irkutsk' : i < 34 ? 'Angarsk' : 'Bratsk',
  managerId: i % 2 === 0 ? 'M001' : 'M002',
  customerType: i < 30 ? 'business' : 'private',
  nps: i < 16 ? 10 : i < 26 ? 8 : i < 31 ? 3 : i < 34 ? 9 : i < 37 ? 2 : 10,
}));

/** 2027-Q1, 32 answers, all profitable business clients in Irkutsk: 12 promoters, 10 passives, 10 detractors. */
export const quarterOne: SeedAnswer[] = Array.from({ length: 32 }, (_, i) => ({
  tier: 'profitable',
  city: 'Irkutsk',
  managerId: 'M001',
  customerType: 'business',
  nps: i < 12 ? 9 : i < 22 ? 7 : 5,
}));

export async function seedAnswers(stack: LocalStack, documents: DynamoDBDocumentClient): Promise<void> {
  // The wave items the sending side writes when a wave opens: only `invited` matters to the scores.
  for (const [quarter, invited] of [['2027-Q1', 80], ['2027-Q2', 100]] as const)
    await documents.send(new PutCommand({ TableName: stack.tableName, Item: { ...keys.surveyWave(quarter), waveKey: quarter, invited } }));
  const events = [
    ...quarterOne.map((a) => ({ quarter: '2027-Q1', a })),
    ...quarterTwo.map((a) => ({ quarter: '2027-Q2', a })),
  ].map(({ quarter, a }) => ({
    Source: eventSources.surveys,
    DetailType: eventTypes.surveyAnswerRecorded,
    EventBusName: stack.topology.eventBus.name,
    Detail: JSON.stringify({
      waveKey: quarter,
      invitationId: randomBytes(16).toString('base64url'),
      segment: { tier: a.tier, city: a.city, managerId: a.managerId, customerType: a.customerType },
      nps: a.nps,
      csi: Object.fromEntries(attributes.map((id) => [id, csiOf(a.nps)])),
      ces: cesOf(a.nps),
      answeredAt: `${quarter.slice(0, 4)}-0${Number(quarter.slice(-1)) * 3 - 1}-10T02:00:00Z`,
    }),
  }));
  for (let i = 0; i < events.length; i += 10) {
    const result = await stack.bus.putEvents(events.slice(i, i + 10));
    if (result.FailedEntryCount) throw new Error(`the bus refused ${result.FailedEntryCount} seed answers`);
  }
  await stack.bus.drain();
  if (stack.deadLetters.recorded > 0) throw new Error(`${stack.deadLetters.recorded} seed answers were dead-lettered`);
}
