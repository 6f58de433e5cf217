/**
 * The deployed app and the local stack are both built from `topologyFor(config)`. This proves the
 * deployed half: every schedule, rule, index and http endpoint (function URL) in the synthesized
 * templates has a twin in the topology, and every topology entry has one in the templates, so
 * neither can drift alone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { IndexSpec } from '../../infra/topology.ts';
import { topologyFor, workflowNames } from '../../infra/topology.ts';
import { loadProgrammeConfig } from '../../shared/config/load-programme-config.ts';
import { propertiesOf, synthesize, testSettings, type SynthesizedApp } from './synth.ts';
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { LocalStack } from '../../infra/local/local-stack.ts';
import { localCredentials, localRegion } from '../../infra/local/local-aws.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { DynamoMailOutbox } from '../../shared/adapters/dynamodb/outbox-items.ts';
import { mailIdOf } from '../../shared/adapters/crypto/digests.ts';
import { sharedEmulators } from '../integration/local-env.ts';

let synth: SynthesizedApp;
beforeAll(() => {
  // No bundling: the twins are resources and their wiring, not code.
  synth = synthesize({ bundle: false });
});

/** JSON with object keys sorted at every depth, so equal values have equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.entries(value)
      .filter(([, nested]) => nested !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, nested]) => `${JSON.stringify(key)}:${canonical(nested)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** Order-insensitive comparison of two lists, duplicates included. */
const sortedJson = (values: readonly unknown[]): string[] => values.map(canonical).sort();

it('is built from the topology of the configured programme', () => {
  expect(synth.topology).toEqual(topologyFor(loadProgrammeConfig(testSettings.configFile)));
});

it('builds every workflow of the topology', () => {
  expect([...synth.workflows.workflows.keys()].sort()).toEqual([...workflowNames].sort());
  for (const [name, workflow] of synth.workflows.workflows)
    for (const fn of workflow.functions.keys()) expect(synth.topology.functions[fn].workflow, fn).toBe(name);
});

describe('schedules', () => {
  it('match the topology one for one', () => {
    const deployed = Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::Scheduler::Schedule')).map((schedule) => {
      const target = schedule['Target'] as { Arn: unknown; Input: string };
      return {
        expression: schedule['ScheduleExpression'],
        timeZone: schedule['ScheduleExpressionTimezone'],
        state: schedule['State'],
        input: JSON.parse(target.Input) as unknown,
        target: synth.functionNameOfArn(target.Arn) ?? `unknown target ${JSON.stringify(target.Arn)}`,
      };
    });
    const local = synth.topology.schedules.map((schedule) => ({
      expression: schedule.expression,
      timeZone: schedule.timeZone,
      state: schedule.enabled ? 'ENABLED' : 'DISABLED',
      input: schedule.input,
      target: schedule.target,
    }));
    expect(local.length).toBeGreaterThan(0);
    expect(sortedJson(deployed)).toEqual(sortedJson(local));
    // The comparison is only as good as its coverage: the gift-task schedule is in it.
    expect(local.map((schedule) => schedule.target)).toContain('giftTasksDaily');
  });
});

describe('rules', () => {
  it('match the topology one for one, each on its bus (the custom one, or the default one for SES events)', () => {
    const busName = synth.workflows.resolve(synth.stateful.eventBus.eventBusName);
    const deployed = Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::Events::Rule')).map((rule) => {
      const targets = rule['Targets'] as { Arn: unknown }[];
      return {
        bus: canonical(rule['EventBusName']) === canonical(busName) ? 'custom' : rule['EventBusName'],
        pattern: rule['EventPattern'],
        targets: targets.map((t) => synth.functionNameOfArn(t.Arn) ?? `unknown target ${JSON.stringify(t.Arn)}`),
      };
    });
    const local = synth.topology.rules.map((rule) => ({ bus: rule.bus ?? 'custom', pattern: rule.pattern, targets: [rule.target] }));
    expect(local.map((rule) => rule.bus)).toContain('default');
    expect(local.length).toBeGreaterThan(0);
    expect(sortedJson(deployed)).toEqual(sortedJson(local));
  });

  it('keep a nested detail filter verbatim (the status-lost rule must not fire on every status change)', () => {
    const statusLost = synth.topology.rules.find((rule) => rule.name === 'gift-tasks-status-lost');
    expect(statusLost?.pattern['detail']).toBeDefined();
    const patterns = Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::Events::Rule')).map((rule) => canonical(rule['EventPattern']));
    expect(patterns).toContain(canonical(statusLost?.pattern));
  });
});

describe('http endpoints', () => {
  it('match the topology one for one, each a function URL on its target', () => {
    const urls = propertiesOf(synth.workflowsTemplate, 'AWS::Lambda::Url');
    const endpointOf = new Map([...synth.functionUrlLogicalIds].map(([endpoint, logicalId]) => [logicalId, endpoint]));
    const deployed = Object.entries(urls).map(([logicalId, url]) => ({
      name: endpointOf.get(logicalId) ?? `unknown url ${logicalId}`,
      target: synth.functionNameOfArn(url['TargetFunctionArn']) ?? `unknown target ${JSON.stringify(url['TargetFunctionArn'])}`,
    }));
    const local = synth.topology.httpEndpoints.map((endpoint) => ({ name: endpoint.name, target: endpoint.target }));
    expect(local.length).toBeGreaterThan(0);
    expect(sortedJson(deployed)).toEqual(sortedJson(local));
  });
});

describe('stream triggers', () => {
  it('match the topology one for one, each an event source mapping on the table stream with its filter', () => {
    const mappings = Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::Lambda::EventSourceMapping'));
    const streamArn = synth.workflows.resolve(synth.stateful.table.tableStreamArn);
    const deployed = mappings.map((mapping) => {
      expect(mapping['EventSourceArn']).toEqual(streamArn);
      const functionRef = mapping['FunctionName'] as { Ref: string };
      return {
        target: [...synth.functionLogicalIds].find(([, id]) => id === functionRef.Ref)?.[0] ?? `unknown target ${JSON.stringify(functionRef)}`,
        filter: JSON.parse((mapping['FilterCriteria'] as { Filters: { Pattern: string }[] }).Filters[0]!.Pattern) as unknown,
        batchSize: mapping['BatchSize'],
        window: mapping['MaximumBatchingWindowInSeconds'],
        retries: mapping['MaximumRetryAttempts'],
      };
    });
    const local = synth.topology.streamTriggers.map((t) => ({ target: t.target, filter: t.filter, batchSize: t.batchSize, window: t.maxBatchingWindowSeconds, retries: t.retryAttempts }));
    expect(local.map((t) => t.target)).toContain('mailSender');
    expect(sortedJson(deployed)).toEqual(sortedJson(local));
  });

  it('have their local twin: an outbox insert on the local table wakes the same target through DynamoDB Local\'s stream', async () => {
    const stack = await LocalStack.start({
      config: loadProgrammeConfig(testSettings.configFile),
      emulators: sharedEmulators(),
      tableName: `vip-twin-${randomUUID().slice(0, 8)}`,
      senderAddress: `twin-${randomUUID().slice(0, 8)}@example.com`,
      leadershipAddress: 'leadership@example.com',
      handlerLogLevel: 'SILENT',
    });
    try {
      const documents = createDocumentClient({ endpoint: stack.dynamoEndpoint, region: localRegion, credentials: localCredentials });
      const before = stack.runtime.invocations.length;
      // Not an outbox item: filtered out, as Lambda's filter criteria would.
      await documents.send(new PutCommand({ TableName: stack.tableName, Item: { pk: 'ACCOUNT#twin', sk: 'PROFILE' } }));
      await stack.settle();
      expect(stack.runtime.invocations.slice(before).map((i) => i.functionName)).toEqual([]);
      await new DynamoMailOutbox(documents, stack.tableName).enqueue([{ mailId: mailIdOf('twin'), kind: 'status-summary', to: 'leadership@example.com', subject: 's', html: '<p>h</p>', text: 't' }], new Date().toISOString());
      await stack.settle();
      const woken = stack.runtime.invocations.slice(before).map((i) => i.functionName);
      for (const trigger of synth.topology.streamTriggers) expect(woken).toContain(trigger.target);
      documents.destroy();
    } finally {
      await stack.stop();
    }
  });
});

describe('table indexes', () => {
  it('match the topology one for one', () => {
    const tables = Object.values(propertiesOf(synth.statefulTemplate, 'AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(1);
    const deployed = (
      tables[0]!['GlobalSecondaryIndexes'] as { IndexName: string; KeySchema: { AttributeName: string; KeyType: string }[]; Projection: { ProjectionType: string; NonKeyAttributes?: string[] } }[]
    ).map((index) => ({
      name: index.IndexName,
      partitionKey: index.KeySchema.find((k) => k.KeyType === 'HASH')?.AttributeName,
      sortKey: index.KeySchema.find((k) => k.KeyType === 'RANGE')?.AttributeName,
      include: index.Projection.NonKeyAttributes ?? null,
      projection: index.Projection.ProjectionType,
    }));
    const indexes: readonly IndexSpec[] = synth.topology.table.indexes;
    const local = indexes.map((index) => ({
      name: index.name,
      partitionKey: index.partitionKey,
      sortKey: index.sortKey,
      include: index.include ?? null,
      projection: index.keysOnly ? 'KEYS_ONLY' : index.include ? 'INCLUDE' : 'ALL',
    }));
    expect(sortedJson(deployed)).toEqual(sortedJson(local));
    expect(local.map((index) => index.name)).toEqual(expect.arrayContaining(['byOccasionDay', 'openTasksByDate', 'tasksByManager', 'mailDue']));
  });
});
