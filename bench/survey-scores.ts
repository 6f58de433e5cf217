/**
 * Survey scores at two sizes, against DynamoDB Local in memory with the real adapters and use cases:
 *
 * 1. 1,000 answers of 2027-Q1 counted one by one through the real counter use case (countAnswer:
 *    one transaction per answer, its marker and the ADDs of its five segments), every call metered:
 *    the AWS-billed write units per answer;
 * 2. one dashboard load (readQuarterScores: 2027-Q1 and 2026-Q4) and one standards review read
 *    (computeStandardsReview), metered: items read and AWS-billed read units;
 * 3. the same wave grown to 100,000 answers: the other 99,000 are folded in memory with the same
 *    `incrementsOf` the use case runs and written as the counter items they add up to (the same
 *    items the counting would leave, without 99,000 markers, which no read touches); then the same
 *    two reads again. They must cost the same: reads are O(segments), never O(answers).
 *
 * The previous quarter's counters are written the same bulk way from as many answers. Cases are not
 * loaded: the review reads them by manager through the case index (O(cases), stated in docs/scores.md).
 */
import { join } from 'node:path';
import pMap from 'p-map';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { table } from '../infra/topology.ts';
import { CapacityMeter, type OperationTotals } from '../shared/adapters/dynamodb/capacity-meter.ts';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client.ts';
import { keys } from '../shared/adapters/dynamodb/keys.ts';
import { DynamoScoreStore } from '../shared/adapters/dynamodb/score-store.ts';
import { loadProgrammeConfig } from '../shared/config/load-programme-config.ts';
import { createRng } from '../shared/demo/random.ts';
import { addCounters, emptyCounters, type ScoreCounters } from '../shared/domain/scores/score-counters.ts';
import { segmentId, type Segment } from '../shared/domain/scores/segments.ts';
import type { ScoredAnswer } from '../shared/ports/score-store.ts';
import { countingRulesOf, reviewPorts } from '../shared/runtime/scores-ports.ts';
import { countAnswer, incrementsOf } from '../shared/use-cases/scores/count-answer.ts';
import { readQuarterScores } from '../shared/use-cases/scores/read-quarter-scores.ts';
import { computeStandardsReview } from '../shared/use-cases/scores/standards-review.ts';
import type { Benchmark, BenchmarkOptions } from './run.ts';
import { fmt, machineLine, secs, withBenchStack } from './bench-stack.ts';

const tableName = 'vip-bench-scores';
const quarter = '2027-Q1';
const previous = '2026-Q4';
const sizes = [1_000, 100_000] as const;
const tiers = ['profitable', 'highly-profitable', 'very-highly-profitable'];
const cities = ['Irkutsk', 'Angarsk', 'Bratsk'];
const managers = Array.from({ length: 20 }, (_, i) => `M${String(i + 1).padStart(3, '0')}`);

export const surveyScoresBenchmark: Benchmark = {
  description: 'survey scores: write units per counted answer; items and read units of a dashboard load and a standards review read at 1,000 and 100,000 answers',
  defaultAccounts: 0,
  run: runSurveyScoresBenchmark,
};

async function runSurveyScoresBenchmark(options: BenchmarkOptions): Promise<unknown> {
  const config = loadProgrammeConfig(join(import.meta.dirname, '../config/programme-a.json'));
  const rules = countingRulesOf(config);
  const attributes = config.surveys.questions.csi.attributes.map((a) => a.id);
  const random = createRng(options.seed);
  const rng = () => random.next();
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)]!;
  let serial = 0;
  const answer = (): ScoredAnswer => {
    const tier = pick(tiers);
    const lift = tiers.indexOf(tier);
    const score = (min: number, max: number, bias: number) => Math.max(min, Math.min(max, Math.round(min + (max - min) * rng() + bias)));
    return {
      invitationId: `bench${String(serial++).padStart(17, '0')}`,
      segment: { tier, city: pick(cities), managerId: pick(managers), customerType: rng() < 0.7 ? 'business' : 'private' },
      nps: score(0, 10, lift),
      csi: Object.fromEntries(attributes.map((id) => [id, score(1, 10, lift)])),
      ces: score(1, 7, lift / 2),
    };
  };
  const log = (line: string) => console.log(line);
  log(`survey-scores benchmark: ${sizes.map(fmt).join(' then ')} answers of ${quarter}, ${tiers.length} tiers, ${cities.length} cities, ${managers.length} managers, seed ${options.seed}`);
  log(machineLine());
  const started = performance.now();

  return withBenchStack([tableName], async ({ endpoint }) => {
    const client = createDocumentClient(endpoint);
    const meter = new CapacityMeter({ anyTable: table });
    meter.attach(client);
    const store = new DynamoScoreStore(client, tableName);
    const ports = reviewPorts(client, tableName, config, { leadershipAddress: 'leadership@example.com' });
    try {
      for (const q of [quarter, previous]) await client.send(new PutCommand({ TableName: tableName, Item: { ...keys.surveyWave(q), invited: 250_000, closesAt: '2027-02-02T02:00:00Z' } }));

      // 1. The first 1,000 through the real use case, metered.
      meter.reset();
      const countStarted = performance.now();
      const first = Array.from({ length: sizes[0] }, answer);
      await pMap(first, (a) => countAnswer(quarter, a, { store, rules }), { concurrency: 4 });
      const counting = meter.total();
      const countSeconds = (performance.now() - countStarted) / 1000;
      log(
        `counted ${fmt(sizes[0])} answers through countAnswer in ${secs(countSeconds)}: ${(counting.billedWriteRequestUnits / sizes[0]).toFixed(1)} AWS-billed write units per answer ` +
          `(one transaction: marker + 5 segment counters, x2 for the transaction), ${fmt(counting.failedCalls)} failed calls`,
      );

      // The previous quarter, as many answers, bulk.
      await bulkCounters(previous, Array.from({ length: sizes[0] }, answer));

      const results: { size: number; dashboard: OperationTotals; review: OperationTotals }[] = [];
      let loaded = sizes[0] as number;
      let currentTotals = new Map<string, { segment: Segment; counters: ScoreCounters }>();
      for (const a of first) fold(currentTotals, a);
      let previousTotals = new Map<string, { segment: Segment; counters: ScoreCounters }>();
      for (const size of sizes) {
        if (size > loaded) {
          const bulkStarted = performance.now();
          const more = Array.from({ length: size - loaded }, answer);
          for (const a of more) fold(currentTotals, a);
          await writeTotals(quarter, currentTotals);
          const morePrevious = Array.from({ length: size - sizes[0] }, answer);
          previousTotals = await bulkCounters(previous, morePrevious, previousTotals);
          log(`grew to ${fmt(size)} answers per quarter (bulk-written counters, equivalent to counting them) in ${secs((performance.now() - bulkStarted) / 1000)}`);
          loaded = size;
        }
        meter.reset();
        await readQuarterScores(quarter, { store, floors: ports.floors });
        const dashboard = meter.total();
        meter.reset();
        await computeStandardsReview(quarter, '2027-02-03', ports);
        const review = meter.total();
        results.push({ size, dashboard, review });
      }

      log('');
      log('| answers per quarter | dashboard load: items | billed read units | calls | standards review read: items | billed read units | calls |');
      log('|---|---|---|---|---|---|---|');
      for (const r of results)
        log(`| ${fmt(r.size)} | ${fmt(r.dashboard.itemsRead)} | ${r.dashboard.billedReadRequestUnits} | ${r.dashboard.calls} | ${fmt(r.review.itemsRead)} | ${r.review.billedReadRequestUnits} | ${r.review.calls} |`);
      const same = results.every((r) => r.dashboard.itemsRead === results[0]!.dashboard.itemsRead && r.review.billedReadRequestUnits === results[0]!.review.billedReadRequestUnits);
      log(`reads the same at every size: ${same ? 'yes' : 'NO'}`);
      log(`total ${secs((performance.now() - started) / 1000)} including emulator start and loading`);
      return { writeUnitsPerAnswer: counting.billedWriteRequestUnits / sizes[0], results };
    } finally {
      client.destroy();
    }

    function fold(totals: Map<string, { segment: Segment; counters: ScoreCounters }>, a: ScoredAnswer): void {
      for (const { segment, counters } of incrementsOf(a, rules)) {
        const id = segmentId(segment);
        totals.set(id, { segment, counters: addCounters(totals.get(id)?.counters ?? emptyCounters, counters) });
      }
    }

    async function writeTotals(q: string, totals: Map<string, { segment: Segment; counters: ScoreCounters }>): Promise<void> {
      await pMap(
        [...totals.values()],
        ({ segment, counters }) =>
          client.send(new PutCommand({ TableName: tableName, Item: { ...keys.scoreSegment(q, segmentId(segment)), dimension: segment.dimension, value: segment.value, ...counters } })),
        { concurrency: 8 },
      );
    }

    async function bulkCounters(q: string, list: readonly ScoredAnswer[], into = new Map<string, { segment: Segment; counters: ScoreCounters }>()) {
      for (const a of list) fold(into, a);
      await writeTotals(q, into);
      return into;
    }
  });
}
