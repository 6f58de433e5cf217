import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStack } from '../../infra/local/local-stack.ts';
import { localCredentials, localRegion } from '../../infra/local/local-aws.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { keys } from '../../shared/adapters/dynamodb/keys.ts';
import { DynamoScoreStore } from '../../shared/adapters/dynamodb/score-store.ts';
import { DynamoAnswerSource } from '../../shared/adapters/dynamodb/answer-source.ts';
import { loadProgrammeConfig } from '../../shared/config/load-programme-config.ts';
import { eventSources, eventTypes } from '../../shared/schemas/event-names.ts';
import { rebuildScores } from '../../shared/use-cases/scores/rebuild-scores.ts';
import { readQuarterScores } from '../../shared/use-cases/scores/read-quarter-scores.ts';
import { countingRulesOf, floorsOf } from '../../shared/runtime/scores-ports.ts';
import { sharedEmulators } from './local-env.ts';

const config = loadProgrammeConfig(join(import.meta.dirname, '../../config/programme-a.json'));
const quarter = '2027-Q1';
const attributes = config.surveys.questions.csi.attributes.map((a) => a.id);

interface Answer {
  invitationId: string;
  segment: { tier: string; city: string; managerId: string; customerType: 'business' | 'private' };
  nps: number;
  ces: number;
  csi: Record<string, number>;
}

/** 40 answers: tier "profitable" gets NPS 10, 9, 8, 3 in turn; "highly-profitable" 7 and 2. */
function seededAnswers(): Answer[] {
  return Array.from({ length: 40 }, (_, i) => {
    const tier = i < 24 ? 'profitable' : 'highly-profitable';
    const nps = tier === 'profitable' ? [10, 9, 8, 3][i % 4]! : [7, 2][i % 2]!;
    return {
      invitationId: randomBytes(16).toString('base64url'),
      segment: { tier, city: i % 3 === 0 ? 'Irkutsk' : 'Angarsk', managerId: `M00${i % 2}`, customerType: i % 5 === 0 ? 'private' : 'business' },
      nps,
      ces: 1 + (i % 7),
      csi: Object.fromEntries(attributes.map((id, k) => [id, 1 + ((i + k) % 10)])),
    };
  });
}

const eventOf = (a: Answer) => ({
  Source: eventSources.surveys,
  DetailType: eventTypes.surveyAnswerRecorded,
  EventBusName: 'vip-workflows',
  Detail: JSON.stringify({ waveKey: quarter, ...a, answeredAt: '2027-01-20T05:00:00.000Z' }),
});

describe('scores counters on the emulators', () => {
  let stack: LocalStack;
  let documents: DynamoDBDocumentClient;
  let store: DynamoScoreStore;
  const answers = seededAnswers();

  beforeAll(async () => {
    stack = await LocalStack.start({
      config,
      emulators: sharedEmulators(),
      tableName: `vip-test-${randomUUID().slice(0, 8)}`,
      senderAddress: `vip-${randomUUID().slice(0, 8)}@example.com`,
      leadershipAddress: 'leadership@example.com',
      handlerLogLevel: 'SILENT',
    });
    documents = createDocumentClient({ endpoint: stack.dynamoEndpoint, region: localRegion, credentials: localCredentials });
    store = new DynamoScoreStore(documents, stack.tableName);
    // The stored answers, as the answer endpoint writes them (for the rebuild), and the wave item.
    for (const a of answers)
      await documents.send(new PutCommand({ TableName: stack.tableName, Item: { ...keys.surveyAnswer(quarter, a.invitationId), waveKey: quarter, ...a, comment: 'not read by scores' } }));
    await documents.send(new PutCommand({ TableName: stack.tableName, Item: { ...keys.surveyWave(quarter), waveKey: quarter, invited: 100, closesAt: '2027-02-02T02:00:00.000Z' } }));
  });

  afterAll(async () => {
    documents?.destroy();
    await stack?.stop();
  });

  it('counts every answer once, although each event is delivered twice and some three times at once', async () => {
    for (const a of answers) await stack.bus.putEvents([eventOf(a), eventOf(a)]);
    await stack.bus.putEvents([eventOf(answers[0]!), eventOf(answers[0]!), eventOf(answers[0]!)]);
    await stack.bus.drain();

    const all = (await store.readCounters(quarter)).find((r) => r.segment.dimension === 'all')!.counters;
    const nps = answers.map((a) => a.nps);
    expect(all.n).toBe(40);
    expect(all.promoters).toBe(nps.filter((s) => s >= 9).length); // 12
    expect(all.passives).toBe(nps.filter((s) => s === 7 || s === 8).length); // 6 eights + 8 sevens
    expect(all.detractors).toBe(nps.filter((s) => s <= 6).length);
    expect(all.cesSum).toBe(answers.reduce((s, a) => s + a.ces, 0));
    expect(all.cesEasy).toBe(answers.filter((a) => a.ces >= 5).length);
    const tier = (await store.readCounters(quarter)).find((r) => r.segment.dimension === 'tier' && r.segment.value === 'profitable')!.counters;
    expect(tier).toMatchObject({ n: 24, promoters: 12, passives: 6, detractors: 6 });
  });

  it('reads the quarter as the dashboard does: NPS of all clients by hand, response rate from the wave item', async () => {
    // What the read costs: items in proportion to the segments (9 here) plus the wave item, never the 40 answers or their markers.
    const reader = createDocumentClient({ endpoint: stack.dynamoEndpoint, region: localRegion, credentials: localCredentials });
    let itemsRead = 0;
    const requests: string[] = [];
    reader.middlewareStack.add(
      (next) => async (args) => {
        requests.push(JSON.stringify(args.input));
        const result = await next(args);
        const output = result.output as { Item?: unknown; Items?: unknown[]; Responses?: Record<string, unknown[]> };
        itemsRead += (output.Item ? 1 : 0) + (output.Items?.length ?? 0) + Object.values(output.Responses ?? {}).reduce((sum, items) => sum + items.length, 0);
        return result;
      },
      { step: 'initialize', name: 'countItemsRead' },
    );
    const view = await readQuarterScores(quarter, { store: new DynamoScoreStore(reader, stack.tableName), floors: floorsOf(config) });
    reader.destroy();
    expect(view.current.segments).toHaveLength(9); // all, 2 tiers, 2 cities, 2 managers, 2 customer types
    expect(itemsRead).toBe(view.current.segments.length + 1); // + the wave item; 2026-Q4 has neither
    expect(requests.join('\n')).not.toMatch(/#ANSWERS|#COUNTED/);
    const all = view.current.segments.find((s) => s.id === 'all#all')!;
    // 12 promoters (profitable's 10s and 9s), 14 detractors (profitable's six 3s, highly-profitable's eight 2s): (12 - 14) / 40 = -5 %
    expect(all.nps!.value).toBe(-5);
    expect(all.nps!.interval!.method).toBe('wald');
    expect(all.visibility).toBe('shown');
    expect(view.current.responseRate).toBe(40);
    expect(view.current.segments.find((s) => s.id === 'tier#highly-profitable')).toMatchObject({ visibility: 'small-sample', n: 16 });
    expect(view.previous.segments).toEqual([]);
  });

  it('rebuild from the stored answers equals the counters, and repairs a damaged counter', async () => {
    const rules = countingRulesOf(config);
    const sort = (rows: Awaited<ReturnType<DynamoScoreStore['readCounters']>>) => [...rows].sort((a, b) => `${a.segment.dimension}${a.segment.value}`.localeCompare(`${b.segment.dimension}${b.segment.value}`));
    const counted = sort(await store.readCounters(quarter));
    await documents.send(new DeleteCommand({ TableName: stack.tableName, Key: keys.scoreSegment(quarter, 'tier#profitable') }));
    await documents.send(new PutCommand({ TableName: stack.tableName, Item: { ...keys.scoreSegment(quarter, 'city#Nowhere'), dimension: 'city', value: 'Nowhere', n: 3 } }));

    const result = await rebuildScores(quarter, { store, answers: new DynamoAnswerSource(documents, stack.tableName), rules });
    expect(result.answers).toBe(40);
    expect(sort(await store.readCounters(quarter))).toEqual(counted);

    // The rebuilt answers are marked counted: a late duplicate still changes nothing.
    await stack.bus.putEvents([eventOf(answers[5]!)]);
    await stack.bus.drain();
    expect(sort(await store.readCounters(quarter))).toEqual(counted);
  });
});
