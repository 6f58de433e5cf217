import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { basename, join } from 'node:path';
import { Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Effect, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { FunctionName, FunctionSpec, TableGrant } from '../topology.ts';
import { envNames } from '../../shared/schemas/environment.ts';
import type { ProgrammeConfig } from '../../shared/schemas/programme-config.ts';

/** Topology entries are relative to the repository root, wherever the CDK process was started. */
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The long-lived resources every workflow function may be granted access to. */
export interface StatefulResources {
  readonly table: ITable;
  /** Global secondary indexes of `table`; functions are granted queries on exactly these. */
  readonly tableIndexNames: readonly string[];
  readonly eventBus: IEventBus;
  readonly configurationSet: IConfigurationSet;
  /** Signs the links in task mails; readable only by functions granted `linkSecret`. */
  readonly linkSecret: ISecret;
}

/** Deployment settings that are not part of the programme configuration. */
export interface MailSettings {
  /** Verified SES address (or address on a verified domain) the programme mails from. */
  readonly senderAddress: string;
  /** Where the leadership summary goes. */
  readonly leadershipAddress: string;
}

export interface VipFunctionProps {
  /** Key of the function in the topology; names the construct and shows in the console. */
  readonly name: FunctionName;
  /** What to build and what to grant; the construct grants exactly `spec.grants`, nothing more. */
  readonly spec: FunctionSpec;
  readonly stateful: StatefulResources;
  readonly mail: MailSettings;
  /** Validated configuration, bundled beside the handler as `programme-config.json`. */
  readonly programmeConfig: ProgrammeConfig;
  /**
   * How long the function's logs are kept.
   * @default RetentionDays.ONE_YEAR - the status review runs yearly; its logs must outlive one cycle
   */
  readonly logRetention?: RetentionDays;
  /**
   * Directory `spec.entry` is resolved against and whose lock file pins the bundle's dependencies.
   * @default - the repository root
   */
  readonly projectRoot?: string;
}

/** Lambda rejects a function whose variables, names and values together, exceed 4 KB. */
const lambdaEnvironmentLimitBytes = 4096;
/** Upper bound for a value only CloudFormation knows (a generated name, an ARN, a function URL). */
const unresolvedValueAllowanceBytes = 255;

/**
 * File name of the bundled programme configuration, relative to LAMBDA_TASK_ROOT. A file because
 * the configuration (with the gift catalogue) outgrows Lambda's 4 KB of environment.
 */
export const programmeConfigFileName = 'programme-config.json';

/**
 * The one way a workflow function is built: ESM bundle for Node 22 on ARM, its own log group,
 * the shared environment, and least-privilege grants derived from the topology.
 */
export class VipFunction extends Construct {
  readonly name: FunctionName;
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;
  readonly spec: FunctionSpec;

  private readonly environment: Record<string, string>;

  constructor(scope: Construct, id: string, props: VipFunctionProps) {
    super(scope, id);
    const { spec, stateful, mail } = props;
    const projectRoot = props.projectRoot ?? repositoryRoot;
    this.name = props.name;
    this.spec = spec;

    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention ?? RetentionDays.ONE_YEAR });

    // An explicit role instead of the default one: the default attaches the AWSLambdaBasicExecutionRole
    // managed policy, which may write to every log group in the account.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.name}: ${spec.description}`,
    });
    this.logGroup.grantWrite(this.role);

    this.environment = {
      [envNames.tableName]: stateful.table.tableName,
      [envNames.eventBusName]: stateful.eventBus.eventBusName,
      [envNames.senderAddress]: mail.senderAddress,
      [envNames.leadershipAddress]: mail.leadershipAddress,
      [envNames.programmeConfigFile]: programmeConfigFileName,
      [envNames.mailConfigurationSet]: stateful.configurationSet.configurationSetName,
      // Only the ARN: the secret itself is fetched at runtime, so it never shows in the console or template.
      ...(spec.grants.linkSecret === true ? { [envNames.linkSecretArn]: stateful.linkSecret.secretArn } : {}),
      // The bundle is minified; without this, stack traces in the logs point into one long line.
      NODE_OPTIONS: '--enable-source-maps',
    };
    assertEnvironmentFits(props.name, this.environment);
    const stagedConfig = stageProgrammeConfig(props.programmeConfig);

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(projectRoot, spec.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      description: spec.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      timeout: Duration.seconds(spec.timeoutSeconds),
      memorySize: spec.memoryMb,
      ...(spec.reservedConcurrency !== undefined && { reservedConcurrentExecutions: spec.reservedConcurrency }),
      role: this.role,
      logGroup: this.logGroup,
      environment: this.environment,
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        // Prefer the ESM builds of dependencies so tree shaking works across the SDK and powertools.
        mainFields: ['module', 'main'],
        // CommonJS dependencies bundled into an ES module still call `require` for Node built-ins.
        banner: "import { createRequire as __vipCreateRequire } from 'node:module'; const require = __vipCreateRequire(import.meta.url);",
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // The SDK in the Lambda runtime lags package.json; bundling ships the versions the tests ran.
        bundleAwsSDK: true,
        // Bundling runs locally (esbuild is a dev dependency), so the staged file is on this machine.
        // The asset hash is taken over the output, so a configuration change is a new deployment.
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir, outputDir) => [
            `cp ${shellQuote(stagedConfig)} ${shellQuote(join(outputDir, programmeConfigFileName))}`,
            // Run-time files (shared/runtime/bundled-file.ts finds them beside the handler by name).
            ...(spec.bundledFiles ?? []).map((file) => `cp ${shellQuote(join(projectRoot, file))} ${shellQuote(join(outputDir, basename(file)))}`),
          ],
        },
      },
    });

    this.grant(spec, stateful, mail);
    this.node.addValidation({
      validate: () =>
        [
          ...(spec.grants.taskLinkUrl === true && this.environment[envNames.taskLinkBaseUrl] === undefined
            ? [`${props.name} is granted taskLinkUrl but its workflow never wired ${envNames.taskLinkBaseUrl}`]
            : []),
          ...(spec.grants.surveyLinkUrl === true && this.environment[envNames.surveyLinkBaseUrl] === undefined
            ? [`${props.name} is granted surveyLinkUrl but its workflow never wired ${envNames.surveyLinkBaseUrl}`]
            : []),
        ],
    });

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'nodejs22.x is the project\'s chosen runtime (bundling target, local toolchain, tests); moving to nodejs24.x is a deliberate, tested upgrade rather than a synth-time default.',
    });
  }

  /** The endpoint's URL is only known once its workflow has created it, after this function exists. */
  setTaskLinkBaseUrl(url: string): void {
    if (this.spec.grants.taskLinkUrl !== true) throw new Error(`${this.name} is not granted taskLinkUrl`);
    this.environment[envNames.taskLinkBaseUrl] = url;
    assertEnvironmentFits(this.name, this.environment);
    this.function.addEnvironment(envNames.taskLinkBaseUrl, url);
  }

  /** Like the task-link URL: known only once the surveys workflow has exposed its `/s` endpoint. */
  setSurveyLinkBaseUrl(url: string): void {
    if (this.spec.grants.surveyLinkUrl !== true) throw new Error(`${this.name} is not granted surveyLinkUrl`);
    this.environment[envNames.surveyLinkBaseUrl] = url;
    assertEnvironmentFits(this.name, this.environment);
    this.function.addEnvironment(envNames.surveyLinkBaseUrl, url);
  }

  /**
   * ses:GetAccount has no resource to name, so it is granted on "*", in a policy of its own that
   * holds nothing else, so the acknowledged wildcard cannot cover anything more.
   */
  private grantMailQuota(): void {
    const policy = new Policy(this, 'MailQuotaPolicy', {
      statements: [new PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] })],
    });
    policy.attachToRole(this.role);
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ses:GetAccount (the account\'s sending quota, read once per cold start to keep the outbox sender under MaxSendRate) supports no resource-level permission, so IAM requires Resource "*"; this policy holds that one read-only action and nothing else.',
    });
  }

  private grant(spec: FunctionSpec, stateful: StatefulResources, mail: MailSettings): void {
    const { grants } = spec;
    if (grants.table !== undefined) grantTable(this.role, stateful, grants.table);
    if (grants.putEvents === true) stateful.eventBus.grantPutEventsTo(this.role);
    if (grants.sendMail === true) this.role.addToPrincipalPolicy(sendMailStatement(this, stateful.configurationSet, mail.senderAddress));
    if (grants.mailQuota === true) this.grantMailQuota();
    // Not `secret.grantRead`: that adds DescribeSecret, which the function never calls. The secret uses
    // the AWS-managed key, so no KMS permission is needed either.
    if (grants.linkSecret === true)
      this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [stateful.linkSecret.secretArn] }));
  }
}

/**
 * Written out instead of `table.grantReadWriteData`: exactly the actions the topology declares for
 * this function, on the table and on the indexes it names (no "index/*"), with the partition keys
 * pinned by `dynamodb:LeadingKeys` where the topology lists them.
 */
function grantTable(role: Role, stateful: StatefulResources, grant: TableGrant): void {
  const { table } = stateful;
  const leadingKeys = grant.leadingKeys === undefined ? {} : { conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...grant.leadingKeys] } } };
  if (grant.leadingKeys !== undefined && (grant.actions.includes('Scan') || grant.indexes !== undefined))
    throw new Error('a table grant with leadingKeys may neither scan nor read an index: the condition would not hold those reads');
  const batchWriteKeys = grant.batchWriteLeadingKeys;
  if (batchWriteKeys !== undefined && (grant.leadingKeys !== undefined || !grant.actions.includes('BatchWriteItem')))
    throw new Error('batchWriteLeadingKeys pins a BatchWriteItem grant of a function without leadingKeys');
  const actions = batchWriteKeys === undefined ? grant.actions : grant.actions.filter((a) => a !== 'BatchWriteItem');
  if (actions.length > 0) role.addToPrincipalPolicy(new PolicyStatement({ actions: actions.map((a) => `dynamodb:${a}`), resources: [table.tableArn], ...leadingKeys }));
  if (batchWriteKeys !== undefined)
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:BatchWriteItem'], resources: [table.tableArn], conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...batchWriteKeys] } } }),
    );
  for (const [index, actions] of Object.entries(grant.indexes ?? {})) {
    if (!stateful.tableIndexNames.includes(index)) throw new Error(`the table has no index "${index}"`);
    role.addToPrincipalPolicy(new PolicyStatement({ actions: (actions ?? []).map((a) => `dynamodb:${a}`), resources: [`${table.tableArn}/index/${index}`] }));
  }
  // Only a customer-managed key needs IAM permissions; the AWS-managed key trusts DynamoDB callers.
  if (table.encryptionKey !== undefined) {
    const writes = grant.actions.some((a) => ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'].includes(a));
    if (writes) table.encryptionKey.grantEncryptDecrypt(role);
    else table.encryptionKey.grantDecrypt(role);
  }
}

/**
 * SES authorises a send against the identity that verified the sender: the address itself if it is
 * verified alone, otherwise its domain. Both ARNs are listed, and `ses:FromAddress` pins the
 * domain grant to the one sender, so the function cannot mail as anyone else on the domain.
 */
function sendMailStatement(scope: Construct, configurationSet: IConfigurationSet, senderAddress: string): PolicyStatement {
  const stack = Stack.of(scope);
  const domain = senderAddress.slice(senderAddress.lastIndexOf('@') + 1);
  const identityArn = (identity: string): string =>
    stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity });
  return new PolicyStatement({
    effect: Effect.ALLOW,
    actions: ['ses:SendEmail', 'ses:SendRawEmail'],
    resources: [
      identityArn(senderAddress),
      identityArn(domain),
      stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet.configurationSetName }),
    ],
    conditions: { StringEquals: { 'ses:FromAddress': senderAddress } },
  });
}

/**
 * Writes the configuration where the bundling hook can copy it from. Named by its content, so every
 * function of a synth (and every concurrent synth) shares one file, and the hook's command, which
 * the asset cache keys on, changes exactly when the configuration does. Written to a unique name
 * and renamed, so a concurrent synth never copies a half-written file.
 */
function stageProgrammeConfig(config: ProgrammeConfig): string {
  const json = JSON.stringify(config);
  const directory = join(tmpdir(), 'vip-workflows-programme-config');
  const file = join(directory, `${createHash('sha256').update(json).digest('hex')}.json`);
  mkdirSync(directory, { recursive: true });
  const partial = `${file}.${randomUUID()}.partial`;
  writeFileSync(partial, json);
  renameSync(partial, file);
  return file;
}

/** The hook runs under `bash -c`; paths may hold spaces or quotes. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** Fails the synth rather than the deployment when the configuration outgrows Lambda's limit. */
function assertEnvironmentFits(name: string, environment: Readonly<Record<string, string>>): void {
  const bytes = Object.entries(environment).reduce(
    (sum, [key, value]) =>
      sum + Buffer.byteLength(key) + (Token.isUnresolved(value) ? unresolvedValueAllowanceBytes : Buffer.byteLength(value)),
    0,
  );
  if (bytes > lambdaEnvironmentLimitBytes)
    throw new Error(
      `${name}: environment of about ${bytes} bytes exceeds Lambda's ${lambdaEnvironmentLimitBytes}-byte limit; move the largest values into bundled files like the programme configuration`,
    );
}
