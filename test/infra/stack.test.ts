import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { envNames } from '../../shared/schemas/environment.ts';
import type { FunctionName } from '../../infra/topology.ts';
import { propertiesOf, synthesize, testSettings, type SynthesizedApp } from './synth.ts';

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, unknown>;
}

const actionsOf = (statement: Statement): string[] => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]);
const resourcesOf = (statement: Statement): unknown[] => (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]);

let synth: SynthesizedApp;
beforeAll(() => {
  synth = synthesize();
});

function functionProps(name: FunctionName): Record<string, unknown> {
  const id = synth.functionLogicalIds.get(name);
  if (id === undefined) throw new Error(`no function ${name}`);
  const props = propertiesOf(synth.workflowsTemplate, 'AWS::Lambda::Function')[id];
  if (props === undefined) throw new Error(`no resource ${id}`);
  return props;
}

/** Every statement of the inline policies attached to a role, by the role's logical id. */
function statementsOfRole(roleLogicalId: string): Statement[] {
  return Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy['Roles']) === JSON.stringify([{ Ref: roleLogicalId }]))
    .flatMap((policy) => (policy['PolicyDocument'] as { Statement: Statement[] }).Statement);
}

function roleLogicalIdOf(arn: unknown): string {
  const getAtt = (arn as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
  if (getAtt === undefined) throw new Error(`not a GetAtt: ${JSON.stringify(arn)}`);
  return getAtt[0];
}

const statementsOfFunction = (name: FunctionName): Statement[] => statementsOfRole(roleLogicalIdOf(functionProps(name)['Role']));

const functionNames = (): FunctionName[] => [...synth.functionLogicalIds.keys()];

describe('stateful stack', () => {
  it('creates the table with the topology keys, on-demand, TTL and retained', () => {
    const { table } = synth.topology;
    synth.statefulTemplate.resourceCountIs('AWS::DynamoDB::Table', 1);
    synth.statefulTemplate.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
        AttributeDefinitions: Match.arrayWith([
          { AttributeName: table.partitionKey, AttributeType: 'S' },
          { AttributeName: table.sortKey, AttributeType: 'S' },
        ]),
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
      }),
    });
  });

  it('creates every index of the topology with projection ALL', () => {
    const indexes = synth.topology.table.indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    }));
    synth.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', { GlobalSecondaryIndexes: indexes });
  });

  it('protects the data: point-in-time recovery, deletion protection, KMS encryption at rest', () => {
    synth.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('creates the custom event bus and the mail configuration set', () => {
    synth.statefulTemplate.hasResourceProperties('AWS::Events::EventBus', { Name: synth.topology.eventBus.name });
    synth.statefulTemplate.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
    });
  });
});

describe('functions', () => {
  it('builds exactly the functions of the topology', () => {
    expect(functionNames().sort()).toEqual(Object.keys(synth.topology.functions).sort());
    synth.workflowsTemplate.resourceCountIs('AWS::Lambda::Function', functionNames().length);
  });

  it('runs each on nodejs22.x, arm64, with the timeout and memory of its spec', () => {
    for (const name of functionNames()) {
      const spec = synth.topology.functions[name];
      expect(functionProps(name), name).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Timeout: spec.timeoutSeconds,
        MemorySize: spec.memoryMb,
      });
    }
  });

  it('gives each its own log group with a retention', () => {
    const logGroups = propertiesOf(synth.workflowsTemplate, 'AWS::Logs::LogGroup');
    const used = functionNames().map((name) => {
      const logGroup = (functionProps(name)['LoggingConfig'] as { LogGroup?: { Ref?: string } } | undefined)?.LogGroup?.Ref;
      expect(logGroup, name).toBeDefined();
      expect(logGroups[logGroup ?? '']?.['RetentionInDays'], name).toEqual(expect.any(Number));
      return logGroup;
    });
    expect(new Set(used).size).toBe(used.length);
  });

  it('hands every function the shared environment', () => {
    for (const name of functionNames()) {
      const variables = (functionProps(name)['Environment'] as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(variables), name).toEqual(expect.arrayContaining(Object.values(envNames)));
      expect(variables[envNames.senderAddress]).toBe(testSettings.senderAddress);
      expect(variables[envNames.leadershipAddress]).toBe(testSettings.leadershipAddress);
      expect(JSON.parse(String(variables[envNames.programmeConfig]))).toEqual(synth.config);
    }
  });

  it('deploys the real handlers as ES module bundles', () => {
    for (const name of functionNames()) {
      const key = (functionProps(name)['Code'] as { S3Key: string }).S3Key;
      const bundle = join(synth.app.outdir, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs');
      expect(existsSync(bundle), `${name}: ${bundle}`).toBe(true);
      // The banner that gives bundled CommonJS dependencies a `require` inside an ES module.
      expect(readFileSync(bundle, 'utf8')).toMatch(/^import \{ createRequire as \w+ \} from 'node:module';/);
    }
  });
});

describe('IAM', () => {
  it('attaches no managed policy to any role', () => {
    for (const [id, role] of Object.entries(propertiesOf(synth.workflowsTemplate, 'AWS::IAM::Role')))
      expect(role['ManagedPolicyArns'], id).toBeUndefined();
  });

  it('grants each function exactly the table, bus and mail access of its spec', () => {
    for (const name of functionNames()) {
      const { grants } = synth.topology.functions[name];
      const actions = statementsOfFunction(name).flatMap(actionsOf);
      expect(actions.includes('dynamodb:Query'), name).toBe(grants.table !== undefined);
      expect(actions.includes('dynamodb:PutItem'), name).toBe(grants.table === 'readWrite');
      expect(actions.includes('events:PutEvents'), name).toBe(grants.putEvents === true);
      expect(actions.some((action) => action.startsWith('ses:')), name).toBe(grants.sendMail === true);
    }
  });

  it('gives the segment function no SES permission', () => {
    expect(statementsOfFunction('statusReviewSegment').flatMap(actionsOf).filter((a) => a.startsWith('ses:'))).toEqual([]);
  });

  it('lets the digest function send only as the sender identity, through the configuration set', () => {
    const ses = statementsOfFunction('statusReviewDigest').filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    const [statement] = ses;
    expect(actionsOf(statement!).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect(statement!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': testSettings.senderAddress } });
    const resources = resourcesOf(statement!).map((r) => JSON.stringify(r));
    const domain = testSettings.senderAddress.split('@')[1];
    expect(resources).toHaveLength(3);
    expect(resources.filter((r) => r.includes(`:identity/${testSettings.senderAddress}"`))).toHaveLength(1);
    expect(resources.filter((r) => r.includes(`:identity/${domain}"`))).toHaveLength(1);
    expect(resources.filter((r) => r.includes(':configuration-set/'))).toHaveLength(1);
  });

  it('has no wildcard resource or action anywhere, and none for SES in particular', () => {
    const statements = Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::IAM::Policy')).flatMap(
      (policy) => (policy['PolicyDocument'] as { Statement: Statement[] }).Statement,
    );
    for (const statement of statements) {
      expect(actionsOf(statement).filter((a) => a.includes('*'))).toEqual([]);
      expect(resourcesOf(statement).filter((r) => JSON.stringify(r).includes('*'))).toEqual([]);
    }
    expect(statements.some((s) => actionsOf(s).some((a) => a.startsWith('ses:')) && resourcesOf(s).includes('*'))).toBe(false);
  });
});

describe('schedules', () => {
  const schedules = (): Record<string, unknown>[] => Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::Scheduler::Schedule'));

  it('fire in the programme time zone at the exact time', () => {
    expect(schedules().length).toBeGreaterThan(0);
    for (const schedule of schedules())
      expect(schedule).toMatchObject({ ScheduleExpressionTimezone: synth.config.timeZone, FlexibleTimeWindow: { Mode: 'OFF' } });
  });

  it('retry and dead-letter into an encrypted, TLS-only queue', () => {
    const queues = propertiesOf(synth.workflowsTemplate, 'AWS::SQS::Queue');
    for (const schedule of schedules()) {
      const target = schedule['Target'] as { RetryPolicy: unknown; DeadLetterConfig: { Arn: { 'Fn::GetAtt': [string, string] } } };
      expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 });
      const queueId = target.DeadLetterConfig.Arn['Fn::GetAtt'][0];
      expect(queues[queueId]).toMatchObject({ SqsManagedSseEnabled: true });
    }
    synth.workflowsTemplate.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('run under a role that may invoke only the target and dead-letter only into the queue', () => {
    for (const schedule of schedules()) {
      const target = schedule['Target'] as { Arn: unknown; RoleArn: unknown; DeadLetterConfig: { Arn: unknown } };
      const statements = statementsOfRole(roleLogicalIdOf(target.RoleArn));
      expect(statements).toEqual([
        { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: target.Arn },
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: target.DeadLetterConfig.Arn },
      ]);
    }
  });
});

describe('rules', () => {
  it('listen on the custom bus and retry and dead-letter every target', () => {
    const rules = Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::Events::Rule'));
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(JSON.stringify(rule['EventBusName'])).toContain('VipEventBus');
      for (const target of rule['Targets'] as Record<string, unknown>[])
        expect(target).toMatchObject({
          RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringContaining('DeliveryDeadLetterQueue'), 'Arn'] } },
        });
    }
  });
});
