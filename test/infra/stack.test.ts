import type { IndexSpec } from '../../infra/topology.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { envNames } from '../../shared/schemas/environment.ts';
import { programmeConfigFileName } from '../../infra/constructs/vip-function.ts';
import { functions, stallAfterMinutes, type FunctionName, type FunctionSpec } from '../../infra/topology.ts';
import type { CfnElement } from 'aws-cdk-lib';
import { metricsNamespace, stalledRunsMetric, watchdogService } from '../../shared/schemas/metric-names.ts';
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
  // Bundling every handler takes minutes on a busy machine.
}, 600_000);

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

/** The singleton function (and role) CDK's BucketDeployment adds to upload the dashboard pages. */
const cdkBucketDeployment = /^CustomCDKBucketDeployment/;

const variablesOf = (name: FunctionName): Record<string, unknown> =>
  (functionProps(name)['Environment'] as { Variables: Record<string, unknown> }).Variables;

/** The link-signing secret's ARN as the workflows stack sees it (an import from the stateful stack). */
const linkSecretArn = (): unknown => synth.workflows.resolve(synth.stateful.linkSecret.secretArn);

const deadLetterQueueArnOf = (name: FunctionName): unknown => {
  const workflow = synth.functionWorkflows.get(name);
  const queue = workflow === undefined ? undefined : synth.deadLetterQueueLogicalIds.get(workflow);
  if (queue === undefined) throw new Error(`no dead-letter queue for ${name}`);
  return { 'Fn::GetAtt': [queue, 'Arn'] };
};

/** Functions the Scheduler or EventBridge invoke, i.e. asynchronously. */
const asyncTargets = (): Set<FunctionName> =>
  new Set([...synth.topology.schedules.map((s) => s.target), ...synth.topology.rules.map((r) => r.target)]);

/** Logical id of the function a `FunctionName` property (Ref or GetAtt Arn) points at. */
const logicalIdOfFunctionRef = (value: unknown): string | undefined => {
  const ref = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  return ref.Ref ?? ref['Fn::GetAtt']?.[0];
};
const functionNameOfLogicalId = (id: string | undefined): FunctionName | undefined =>
  [...synth.functionLogicalIds].find(([, logicalId]) => logicalId === id)?.[0];

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

  it('creates every index of the topology with its projection', () => {
    const specs: readonly IndexSpec[] = synth.topology.table.indexes;
    const indexes = specs.map((index) => ({
      IndexName: index.name,
      KeySchema: [{ AttributeName: index.partitionKey, KeyType: 'HASH' }, ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: 'RANGE' }] : [])],
      Projection: index.keysOnly ? { ProjectionType: 'KEYS_ONLY' } : index.include ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.include] } : { ProjectionType: 'ALL' },
    }));
    synth.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', { GlobalSecondaryIndexes: indexes });
  });

  it('protects the data: point-in-time recovery, deletion protection, KMS encryption at rest', () => {
    synth.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('keeps a generated 64-character link-signing secret, retained and never rotated', () => {
    synth.statefulTemplate.resourceCountIs('AWS::SecretsManager::Secret', 1);
    synth.statefulTemplate.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ GenerateSecretString: Match.objectLike({ PasswordLength: 64 }) }),
    });
    // Rotation would invalidate every task link already mailed.
    synth.statefulTemplate.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
  });

  it('streams the table\'s keys (the outbox sender\'s wake-up), and no item content', () => {
    synth.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'KEYS_ONLY' } });
  });

  it('publishes SES send, bounce and complaint events to the default bus (the only bus SES accepts)', () => {
    synth.statefulTemplate.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: ['send', 'bounce', 'complaint'],
        EventBridgeDestination: { EventBusArn: { 'Fn::Join': ['', Match.arrayWith([':event-bus/default'])] } },
      }),
    });
  });

  it('creates the custom event bus and the mail configuration set', () => {
    synth.statefulTemplate.hasResourceProperties('AWS::Events::EventBus', { Name: synth.topology.eventBus.name });
    synth.statefulTemplate.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
      // SES's account-level suppression list stays on for bounces and complaints (issue 7 point 8).
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });
});

describe('functions', () => {
  it('builds exactly the functions of the topology, and the one CDK uploads the dashboard pages with', () => {
    expect(functionNames().sort()).toEqual(Object.keys(synth.topology.functions).sort());
    const ours = new Set(synth.functionLogicalIds.values());
    const others = Object.keys(propertiesOf(synth.workflowsTemplate, 'AWS::Lambda::Function')).filter((id) => !ours.has(id));
    expect(others).toEqual([expect.stringMatching(cdkBucketDeployment)]);
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

  it('hands every function the shared environment, the config as a bundled file rather than a variable', () => {
    const shared = [
      envNames.tableName,
      envNames.eventBusName,
      envNames.senderAddress,
      envNames.leadershipAddress,
      envNames.programmeConfigFile,
      envNames.mailConfigurationSet,
    ];
    for (const name of functionNames()) {
      const variables = variablesOf(name);
      expect(Object.keys(variables), name).toEqual(expect.arrayContaining(shared));
      expect(variables[envNames.senderAddress]).toBe(testSettings.senderAddress);
      expect(variables[envNames.leadershipAddress]).toBe(testSettings.leadershipAddress);
      expect(variables[envNames.programmeConfigFile], name).toBe(programmeConfigFileName);
      // Over Lambda's 4 KB limit with the gift catalogue; and the secret itself is never in the environment.
      expect(variables, name).not.toHaveProperty(envNames.programmeConfig);
      expect(variables, name).not.toHaveProperty(envNames.linkSecret);
    }
  });

  it('hands the link secret ARN and the task-link URL only to the functions granted them', () => {
    const urlOf = (endpoint: string): unknown => ({ 'Fn::GetAtt': [synth.functionUrlLogicalIds.get(endpoint), 'FunctionUrl'] });
    for (const name of functionNames()) {
      const { grants } = synth.topology.functions[name];
      const variables = variablesOf(name);
      expect(variables[envNames.linkSecretArn], name).toEqual(grants.linkSecret === true ? linkSecretArn() : undefined);
      expect(variables[envNames.taskLinkBaseUrl], name).toEqual(grants.taskLinkUrl === true ? urlOf('gift-task-links') : undefined);
    }
    expect(functionNames().some((name) => synth.topology.functions[name].grants.taskLinkUrl === true)).toBe(true);
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

  it('bundles the validated programme config beside each handler', () => {
    for (const name of functionNames()) {
      const key = (functionProps(name)['Code'] as { S3Key: string }).S3Key;
      const file = join(synth.app.outdir, `asset.${key.replace(/\.zip$/, '')}`, programmeConfigFileName);
      expect(existsSync(file), `${name}: ${file}`).toBe(true);
      expect(JSON.parse(readFileSync(file, 'utf8')), name).toEqual(synth.config);
    }
  });
});

describe('http endpoints', () => {
  it('serve the task links and the survey links from public function URLs, and nothing else is public', () => {
    const urls = propertiesOf(synth.workflowsTemplate, 'AWS::Lambda::Url');
    expect(Object.values(urls)).toHaveLength(synth.topology.httpEndpoints.length);
    const publicEndpoints = { 'gift-task-links': 'giftTaskLink', 'survey-links': 'surveyAnswerLink' } as const;
    for (const [endpoint, fn] of Object.entries(publicEndpoints))
      expect(urls[synth.functionUrlLogicalIds.get(endpoint) ?? '']).toEqual({ AuthType: 'NONE', TargetFunctionArn: { 'Fn::GetAtt': [synth.functionLogicalIds.get(fn as 'giftTaskLink'), 'Arn'] } });

    const publicPermissions = Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::Lambda::Permission')).filter(
      (permission) => permission['Principal'] === '*',
    );
    expect(publicPermissions.map((p) => functionNameOfLogicalId(logicalIdOfFunctionRef(p['FunctionName']))).sort()).toEqual(['giftTaskLink', 'giftTaskLink', 'surveyAnswerLink', 'surveyAnswerLink']);
    // Anyone may call them, but only through the URL: InvokeFunction is limited to URL invocations.
    expect(publicPermissions.map((p) => [p['Action'], p['FunctionUrlAuthType'] ?? p['InvokedViaFunctionUrl']]).sort()).toEqual([
      ['lambda:InvokeFunction', true],
      ['lambda:InvokeFunction', true],
      ['lambda:InvokeFunctionUrl', 'NONE'],
      ['lambda:InvokeFunctionUrl', 'NONE'],
    ]);
  });

  it('caps the public survey endpoint with reserved concurrency', () => {
    const answerLink = propertiesOf(synth.workflowsTemplate, 'AWS::Lambda::Function')[synth.functionLogicalIds.get('surveyAnswerLink') ?? ''];
    expect(answerLink?.['ReservedConcurrentExecutions']).toBe(synth.topology.functions.surveyAnswerLink.reservedConcurrency);
    expect(synth.topology.functions.surveyAnswerLink.reservedConcurrency).toBeGreaterThan(0);
  });
});

describe('asynchronous invocations', () => {
  const invokeConfigs = (): Record<string, unknown>[] => Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::Lambda::EventInvokeConfig'));

  it('send what a schedule or rule target failed twice more to its workflow\'s dead-letter queue', () => {
    const configured = invokeConfigs().map((config) => functionNameOfLogicalId(logicalIdOfFunctionRef(config['FunctionName'])));
    expect([...configured].sort()).toEqual([...asyncTargets()].sort());
    for (const config of invokeConfigs()) {
      const name = functionNameOfLogicalId(logicalIdOfFunctionRef(config['FunctionName']));
      expect(config, String(name)).toMatchObject({
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: deadLetterQueueArnOf(name!) } },
      });
    }
  });

  it('let exactly those functions send to their dead-letter queue, and nothing more on it', () => {
    for (const name of functionNames()) {
      const sqs = statementsOfFunction(name).filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:')));
      expect(sqs, name).toEqual(
        asyncTargets().has(name) ? [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: deadLetterQueueArnOf(name) }] : [],
      );
    }
  });
});

describe('IAM', () => {
  it('attaches no managed policy to any role but the CDK page-upload function\'s (acknowledged to cdk-nag)', () => {
    for (const [id, role] of Object.entries(propertiesOf(synth.workflowsTemplate, 'AWS::IAM::Role')))
      if (!cdkBucketDeployment.test(id)) expect(role['ManagedPolicyArns'], id).toBeUndefined();
  });

  it('grants each function exactly the bus and mail access of its spec', () => {
    for (const name of functionNames()) {
      const { grants } = synth.topology.functions[name];
      const actions = statementsOfFunction(name).flatMap(actionsOf);
      expect(actions.includes('events:PutEvents'), name).toBe(grants.putEvents === true);
      expect(actions.some((action) => action.startsWith('ses:')), name).toBe(grants.sendMail === true);
    }
  });

  it('grants DeleteItem to the data-rights operator alone', () => {
    expect(functionNames().filter((name) => statementsOfFunction(name).flatMap(actionsOf).includes('dynamodb:DeleteItem'))).toEqual(['dataRightsOperator']);
  });

  it('lets no other role delete a contact or an answer, not even through BatchWriteItem (it deletes as well as puts)', () => {
    const like = (pattern: string, key: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(key);
    const mayDelete = (name: FunctionName, key: string) =>
      statementsOfFunction(name)
        .filter((s) => actionsOf(s).some((a) => a === 'dynamodb:DeleteItem' || a === 'dynamodb:BatchWriteItem'))
        .some((s) => {
          const pinned = (s.Condition?.['ForAllValues:StringLike'] as Record<string, string[]> | undefined)?.['dynamodb:LeadingKeys'];
          return pinned === undefined || pinned.some((pattern) => like(pattern, key));
        });
    for (const key of ['ACCOUNT#A1', 'WAVE#2027-Q2#ANSWERS']) expect(functionNames().filter((name) => mayDelete(name, key)), key).toEqual(['dataRightsOperator']);
    expect(functionNames().filter((name) => mayDelete(name, 'SCORES#2027-Q2'))).toEqual(['scoresReview', 'dataRightsOperator']);
  });

  const tableArn = (): unknown => synth.workflows.resolve(synth.stateful.table.tableArn);
  const tableStatements = (name: FunctionName): Statement[] =>
    statementsOfFunction(name).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')) && !actionsOf(s).includes('dynamodb:GetRecords') && !actionsOf(s).includes('dynamodb:ListStreams'));

  // One test per function: its DynamoDB actions are exactly those the topology declares, on the
  // table and on each index it names, and its partition keys are pinned where the topology says.
  for (const [name, spec] of Object.entries(functions) as [FunctionName, FunctionSpec][])
    it(`grants ${name} only its declared table actions: ${spec.grants.table?.actions.join(', ') ?? 'none'}`, () => {
      const grant = spec.grants.table;
      const statements = tableStatements(name);
      const onTable = statements.filter((s) => JSON.stringify(s.Resource) === JSON.stringify(tableArn()));
      expect(onTable.flatMap(actionsOf).sort(), name).toEqual((grant?.actions ?? []).map((a) => `dynamodb:${a}`).sort());
      for (const statement of onTable) {
        const keys = grant?.batchWriteLeadingKeys !== undefined && actionsOf(statement).join() === 'dynamodb:BatchWriteItem' ? grant.batchWriteLeadingKeys : grant?.leadingKeys;
        expect(statement.Condition, name).toEqual(keys === undefined ? undefined : { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...keys] } });
      }
      const onIndexes = statements.filter((s) => !onTable.includes(s));
      const indexGrants = Object.entries(grant?.indexes ?? {}).map(([index, actions]) => [index, (actions ?? []).map((a) => `dynamodb:${a}`).sort()]);
      expect(onIndexes.map((s) => [JSON.stringify(s.Resource).match(/\/index\/(\w+)/)?.[1], actionsOf(s).sort()]).sort(), name).toEqual(indexGrants.sort());
      // Nothing may write that declares no write, and nobody has DescribeTable or a stream action here.
      expect(statements.flatMap(actionsOf).filter((a) => /DescribeTable|Stream/.test(a)), name).toEqual([]);
    });

  it('pins the public link functions to the partitions they serve, and caps their concurrency', () => {
    for (const name of ['giftTaskLink', 'surveyAnswerLink'] as const) {
      const grant = synth.topology.functions[name].grants.table;
      expect(grant?.leadingKeys, name).toBeDefined();
      expect(grant?.actions, name).not.toContain('Scan');
      expect(grant?.actions, name).not.toContain('DeleteItem');
      expect(functionProps(name)['ReservedConcurrentExecutions'], name).toBeGreaterThan(0);
    }
    // The task link reaches tasks, their lines, link pointers, the owner's requests, managers and the mail it queues: no contact list, no suppressions, no reviews.
    expect(synth.topology.functions.giftTaskLink.grants.table?.leadingKeys).toEqual(['ACCOUNT#*', 'BUDGET#*', 'TASKLINK#*', 'BUDGETREQUEST#*', 'MANAGER#*', 'OUTBOX#*']);
  });

  it('lets only the functions granted linkSecret read the link-signing secret, and no other secret', () => {
    for (const name of functionNames()) {
      const secrets = statementsOfFunction(name).filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')));
      expect(secrets, name).toEqual(
        synth.topology.functions[name].grants.linkSecret === true
          ? [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: linkSecretArn() }]
          : [],
      );
    }
    expect(functionNames().filter((name) => synth.topology.functions[name].grants.linkSecret === true).sort()).toEqual(['giftTaskLink', 'giftTasksDaily', 'giftTasksOnOccasionsImported', 'giftTasksOnStatusGained', 'surveyAnswerLink', 'surveyCasesDaily', 'surveysDaily', 'surveysOpenWave']);
  });

  it('gives the segment function no SES permission', () => {
    expect(statementsOfFunction('statusReviewSegment').flatMap(actionsOf).filter((a) => a.startsWith('ses:'))).toEqual([]);
  });

  it('lets only the outbox sender send mail: every mail goes through the outbox', () => {
    expect(functionNames().filter((name) => statementsOfFunction(name).flatMap(actionsOf).includes('ses:SendEmail'))).toEqual(['mailSender']);
    expect(functionNames().filter((name) => synth.topology.functions[name].grants.sendMail === true)).toEqual(['mailSender']);
  });

  it('lets the outbox sender send only as the sender identity, through the configuration set', () => {
    const ses = statementsOfFunction('mailSender').filter((s) => actionsOf(s).includes('ses:SendEmail'));
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

  it('has no wildcard resource or action anywhere, but the two read-only actions IAM only grants on "*"', () => {
    // The CDK-managed page upload (BucketDeployment) is CDK's own code, acknowledged to cdk-nag where it is made.
    const statements = Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::IAM::Policy'))
      .filter((policy) => !JSON.stringify(policy['Roles']).match(/CustomCDKBucketDeployment/))
      .flatMap((policy) => (policy['PolicyDocument'] as { Statement: Statement[] }).Statement);
    const onAnything = statements.filter((s) => resourcesOf(s).includes('*'));
    // Each sits alone in a policy of its own, on the outbox sender only (acknowledged to cdk-nag).
    expect(onAnything.map((s) => actionsOf(s)).sort()).toEqual([['dynamodb:ListStreams'], ['ses:GetAccount']]);
    expect(statementsOfFunction('mailSender').filter((s) => resourcesOf(s).includes('*'))).toHaveLength(2);
    for (const statement of statements.filter((s) => !onAnything.includes(s))) {
      expect(actionsOf(statement).filter((a) => a.includes('*'))).toEqual([]);
      expect(resourcesOf(statement).filter((r) => JSON.stringify(r).includes('*'))).toEqual([]);
    }
    expect(statements.some((s) => actionsOf(s).some((a) => a.startsWith('ses:Send')) && resourcesOf(s).includes('*'))).toBe(false);
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
  it('listen on the custom bus (SES events: the default bus) and retry and dead-letter every target', () => {
    const rules = Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::Events::Rule'));
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      const fromSes = JSON.stringify(rule['EventPattern']).includes('"aws.ses"');
      if (fromSes) expect(rule['EventBusName']).toBe('default');
      else expect(JSON.stringify(rule['EventBusName'])).toContain('VipEventBus');
      for (const target of rule['Targets'] as Record<string, unknown>[])
        expect(target).toMatchObject({
          RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringContaining('DeliveryDeadLetterQueue'), 'Arn'] } },
        });
    }
  });
});

describe('the outbox sender', () => {
  it('runs one at a time (reserved concurrency 1), so its send rate holds for the whole account', () => {
    expect(functionProps('mailSender')['ReservedConcurrentExecutions']).toBe(1);
  });

  it('is woken by outbox inserts on the table stream, bisecting failing batches into the dead-letter queue', () => {
    const mappings = Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(1);
    expect(mappings[0]).toMatchObject({
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      StartingPosition: 'TRIM_HORIZON',
      DestinationConfig: { OnFailure: { Destination: deadLetterQueueArnOf('mailSender') } },
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'OUTBOX#' }] } } } }) }] },
    });
    expect(functionNameOfLogicalId(logicalIdOfFunctionRef(mappings[0]!['FunctionName']))).toBe('mailSender');
    const stream = statementsOfFunction('mailSender').filter((s) => actionsOf(s).includes('dynamodb:GetRecords'));
    expect(stream).toHaveLength(1);
    expect(actionsOf(stream[0]!).sort()).toEqual(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']);
    expect(JSON.stringify(stream[0]!.Resource)).toContain('StreamArn');
  });
});

describe('monitoring', () => {
  const alarms = (): Record<string, unknown>[] => Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::CloudWatch::Alarm'));
  const topicRef = (): unknown => ({ Ref: synth.workflows.getLogicalId(synth.workflows.monitoring.topic.node.defaultChild as CfnElement) });
  const alarmsOn = (metric: string, dimension: string, value: unknown): Record<string, unknown>[] =>
    alarms().filter((a) => a['MetricName'] === metric && JSON.stringify(a['Dimensions']) === JSON.stringify([{ Name: dimension, Value: value }]));

  it('mails every alarm to the operator through one encrypted, TLS-only topic', () => {
    synth.workflowsTemplate.resourceCountIs('AWS::SNS::Topic', 1);
    synth.workflowsTemplate.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    synth.workflowsTemplate.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    synth.workflowsTemplate.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: testSettings.alarmAddress, TopicArn: topicRef() });
    synth.workflowsTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }), Match.objectLike({ Effect: 'Allow', Action: 'sns:Publish', Principal: { Service: 'cloudwatch.amazonaws.com' } })]) },
    });
    expect(alarms().length).toBeGreaterThan(0);
    for (const alarm of alarms()) expect(alarm, String(alarm['AlarmDescription'])).toMatchObject({ AlarmActions: [topicRef()], Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' });
  });

  it('alarms on every dead-letter queue, which is also every on-failure destination', () => {
    expect(synth.deadLetterQueueLogicalIds.size).toBe(synth.workflows.workflows.size);
    for (const [workflow, queue] of synth.deadLetterQueueLogicalIds)
      expect(alarmsOn('ApproximateNumberOfMessagesVisible', 'QueueName', { 'Fn::GetAtt': [queue, 'QueueName'] }), workflow).toHaveLength(1);
    // Every on-failure destination (asynchronous invocations, the stream trigger) is one of those queues.
    const destinations = [
      ...Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::Lambda::EventInvokeConfig')),
      ...Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::Lambda::EventSourceMapping')),
    ].map((c) => JSON.stringify((c['DestinationConfig'] as { OnFailure: { Destination: unknown } }).OnFailure.Destination));
    const queues = [...synth.deadLetterQueueLogicalIds.values()].map((id) => JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] }));
    for (const destination of destinations) expect(queues).toContain(destination);
  });

  it('alarms on every function\'s errors, and on its throttles unless it queues by design (the outbox sender, the answer counter)', () => {
    for (const name of functionNames()) {
      const ref = { Ref: synth.functionLogicalIds.get(name) };
      expect(alarmsOn('Errors', 'FunctionName', ref), name).toHaveLength(1);
      expect(alarmsOn('Throttles', 'FunctionName', ref), name).toHaveLength(synth.topology.functions[name].throttledByDesign ? 0 : 1);
      if (synth.topology.functions[name].throttledByDesign) expect(synth.topology.functions[name].reservedConcurrency, name).toBeLessThanOrEqual(2);
    }
  });

  it('alarms on a run the watchdog found stalled, by workflow, from the metric it emits', () => {
    const stalled = alarms().filter((a) => a['MetricName'] === stalledRunsMetric);
    expect(stalled.map((a) => [a['Namespace'], a['Dimensions']])).toEqual(
      ['status-review', 'surveys'].map((workflow) => [metricsNamespace, [{ Name: 'service', Value: watchdogService }, { Name: 'workflow', Value: workflow }]]),
    );
    // The watchdog runs on its own schedule, with the stall threshold in its input.
    const watchdog = Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::Scheduler::Schedule')).find((s) => s['Description'] === 'operations-watchdog');
    expect(JSON.parse((watchdog?.['Target'] as { Input: string }).Input)).toMatchObject({ stallAfterMinutes });
  });

  it('has one operations dashboard: runs, durations, outcomes, tasks issued, mails and dead letters', () => {
    const dashboards = Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]!['DashboardBody']);
    for (const title of ['Runs per workflow', 'Run duration', 'Outcome: errors and stalled runs', 'Gift tasks issued', 'Mails: sent, parked, throttled, bounced, complaints', 'Dead letters'])
      expect(body, title).toContain(title);
    // The logged figures behind the task and mail graphs.
    const filters = Object.values(propertiesOf(synth.workflowsTemplate, 'AWS::Logs::MetricFilter')).map((f) => (f['MetricTransformations'] as { MetricName: string; MetricValue: string }[])[0]);
    expect(filters.map((t) => [t?.MetricName, t?.MetricValue]).sort()).toEqual([
      ['GiftTasksIssued', '$.issued'],
      ['MailsParked', '$.parked'],
      ['MailsSent', '$.sent'],
      ['MailsThrottled', '$.throttleRetries'],
    ]);
  });
});
