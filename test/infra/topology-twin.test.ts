/**
 * The deployed app and the local stack are both built from `topologyFor(config)`. This proves the
 * deployed half: every schedule, rule and index in the synthesized templates has a twin in the
 * topology, and every topology entry has one in the templates, so neither can drift alone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { IndexSpec } from '../../infra/topology.ts';
import { topologyFor } from '../../infra/topology.ts';
import { loadProgrammeConfig } from '../../shared/config/load-programme-config.ts';
import { propertiesOf, synthesize, testSettings, type SynthesizedApp } from './synth.ts';

let synth: SynthesizedApp;
beforeAll(() => {
  synth = synthesize();
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
  });
});

describe('rules', () => {
  it('match the topology one for one, on the custom bus', () => {
    const busName = synth.workflows.resolve(synth.stateful.eventBus.eventBusName);
    const deployed = Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::Events::Rule')).map((rule) => {
      expect(rule['EventBusName']).toEqual(busName);
      const targets = rule['Targets'] as { Arn: unknown }[];
      return {
        pattern: rule['EventPattern'],
        targets: targets.map((t) => synth.functionNameOfArn(t.Arn) ?? `unknown target ${JSON.stringify(t.Arn)}`),
      };
    });
    const local = synth.topology.rules.map((rule) => ({ pattern: rule.pattern, targets: [rule.target] }));
    expect(local.length).toBeGreaterThan(0);
    expect(sortedJson(deployed)).toEqual(sortedJson(local));
  });
});

describe('table indexes', () => {
  it('match the topology one for one', () => {
    const tables = Object.values(propertiesOf(synth.statefulTemplate, 'AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(1);
    const deployed = (tables[0]!['GlobalSecondaryIndexes'] as { IndexName: string; KeySchema: { AttributeName: string; KeyType: string }[] }[]).map(
      (index) => ({
        name: index.IndexName,
        partitionKey: index.KeySchema.find((k) => k.KeyType === 'HASH')?.AttributeName,
        sortKey: index.KeySchema.find((k) => k.KeyType === 'RANGE')?.AttributeName,
      }),
    );
    const indexes: readonly IndexSpec[] = synth.topology.table.indexes;
    const local = indexes.map((index) => ({ name: index.name, partitionKey: index.partitionKey, sortKey: index.sortKey }));
    expect(sortedJson(deployed)).toEqual(sortedJson(local));
  });
});
