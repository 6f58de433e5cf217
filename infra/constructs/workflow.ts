import { Aws, Duration, Validations } from 'aws-cdk-lib';
import { EventBus, Rule, type EventPattern, type IEventBus } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { EventSourceMapping, FilterCriteria, StartingPosition, type DestinationConfig, type DlqDestinationConfig, type FunctionUrl, type FunctionUrlAuthType, type IDestination, type IEventSourceDlq, type IEventSourceMapping, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption, type IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionName, HttpEndpointSpec, RuleSpec, ScheduleSpec, StreamTriggerSpec, Topology, WorkflowName } from '../topology.ts';
import type { ProgrammeConfig } from '../../shared/schemas/programme-config.ts';
import { VipFunction, type MailSettings, type StatefulResources } from './vip-function.ts';
import type { DashboardSettings } from './dashboard.ts';

export interface WorkflowProps {
  /** Selects this workflow's functions, schedules and rules from the topology. */
  readonly workflow: WorkflowName;
  readonly topology: Topology;
  readonly stateful: StatefulResources;
  readonly mail: MailSettings;
  readonly programmeConfig: ProgrammeConfig;
  /** The dashboard's deployment parameters (its sign-in); only the dashboard workflow reads them. */
  readonly dashboard?: DashboardSettings;
  /**
   * How often EventBridge and the Scheduler retry delivering to a function before dead-lettering.
   * @default 185 - the most both services allow: a missed review run is worse than a late one
   */
  readonly deliveryRetryAttempts?: number;
  /**
   * How long an undelivered event or schedule invocation is retried before dead-lettering.
   * @default Duration.hours(24) - the most both services allow
   */
  readonly deliveryMaxEventAge?: Duration;
}

/** What a workflow's own construct receives; it picks its workflow name itself. */
export type WorkflowConstructProps = Omit<WorkflowProps, 'workflow'>;

/**
 * Lambda retries an asynchronous invocation that throws twice; two is also the most it allows.
 * Handlers are idempotent, so a retry is safe, and a third failure is a bug to look at, not a blip.
 */
const asyncInvokeRetryAttempts = 2;

/**
 * Per-workflow wiring of the topology: functions, their schedules and their rules on the bus. HTTP
 * endpoints are exposed by the workflow's own construct (`exposeHttpEndpoint`), because who may
 * call an endpoint is a decision per endpoint; the synth fails if one is left unexposed.
 */
export class Workflow extends Construct {
  readonly name: WorkflowName;
  readonly functions: ReadonlyMap<FunctionName, VipFunction>;
  readonly schedules: readonly CfnSchedule[];
  readonly rules: readonly Rule[];
  /** The table-stream triggers of this workflow (event source mappings). */
  readonly streamTriggers: readonly EventSourceMapping[];
  /**
   * Receives what the Scheduler and EventBridge could not deliver to this workflow's functions, and
   * the asynchronous invocations those functions failed.
   */
  readonly deliveryDeadLetterQueue: Queue;
  /** This workflow's HTTP endpoints from the topology. */
  readonly httpEndpoints: readonly HttpEndpointSpec[];
  /** Function URL of each exposed endpoint, by endpoint name. */
  readonly functionUrls: ReadonlyMap<string, FunctionUrl>;

  private readonly urls = new Map<string, FunctionUrl>();

  private readonly retryAttempts: number;
  private readonly maxEventAge: Duration;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);
    const { topology, workflow } = props;
    this.name = workflow;
    this.retryAttempts = props.deliveryRetryAttempts ?? 185;
    this.maxEventAge = props.deliveryMaxEventAge ?? Duration.hours(24);

    const functions = new Map<FunctionName, VipFunction>();
    for (const name of functionNamesOf(topology)) {
      const spec = topology.functions[name];
      if (spec.workflow !== workflow) continue;
      functions.set(
        name,
        new VipFunction(this, name, {
          name,
          spec,
          stateful: props.stateful,
          mail: props.mail,
          programmeConfig: props.programmeConfig,
        }),
      );
    }
    if (functions.size === 0) throw new Error(`workflow "${workflow}" has no functions in the topology`);
    this.functions = functions;

    this.deliveryDeadLetterQueue = new Queue(this, 'DeliveryDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deliveryDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the workflow\'s schedules, bus rules and asynchronous invocations (Lambda on-failure destination); cdk-nag only recognises dead-letter use through SQS redrive policies and Lambda DeadLetterConfig.',
    });

    this.schedules = topology.schedules.filter((s) => s.workflow === workflow).map((s) => this.addSchedule(s));
    this.rules = topology.rules.filter((r) => r.workflow === workflow).map((r) => this.addRule(r, props.stateful));
    this.streamTriggers = topology.streamTriggers.filter((t) => t.workflow === workflow).map((t) => this.addStreamTrigger(t, props.stateful));

    // The Scheduler and EventBridge hand over the event and are done: what the function then fails
    // would otherwise be dropped after Lambda's retries, unseen.
    const invokedAsynchronously = new Set<FunctionName>([
      ...topology.schedules.filter((s) => s.workflow === workflow).map((s) => s.target),
      ...topology.rules.filter((r) => r.workflow === workflow).map((r) => r.target),
    ]);
    for (const name of invokedAsynchronously)
      this.target(name, 'an asynchronous invocation').function.configureAsyncInvoke({
        retryAttempts: asyncInvokeRetryAttempts,
        onFailure: new SendOnlyQueueDestination(this.deliveryDeadLetterQueue),
      });

    this.httpEndpoints = topology.httpEndpoints.filter((e) => e.workflow === workflow);
    // Fails here, not at exposure, when an endpoint names another workflow's function.
    for (const endpoint of this.httpEndpoints) this.target(endpoint.target, `http endpoint "${endpoint.name}"`);
    this.functionUrls = this.urls;
    this.node.addValidation({
      validate: () =>
        this.httpEndpoints
          .filter((e) => !this.urls.has(e.name))
          .map((e) => `http endpoint "${e.name}" of workflow "${workflow}" was never exposed; its workflow construct must call exposeHttpEndpoint`),
    });
  }

  /**
   * Gives an endpoint of the topology its function URL. The caller states the auth type and must
   * justify it where it calls this: a NONE endpoint is open to the internet.
   */
  exposeHttpEndpoint(name: string, authType: FunctionUrlAuthType): FunctionUrl {
    const endpoint = this.httpEndpoints.find((e) => e.name === name);
    if (endpoint === undefined) throw new Error(`workflow "${this.name}" has no http endpoint "${name}"`);
    if (this.urls.has(name)) throw new Error(`http endpoint "${name}" is already exposed`);
    const url = this.target(endpoint.target, `http endpoint "${name}"`).function.addFunctionUrl({ authType });
    this.urls.set(name, url);
    return url;
  }

  private target(name: FunctionName, user: string): VipFunction {
    const fn = this.functions.get(name);
    if (fn === undefined) throw new Error(`${user} targets "${name}", which is not a function of workflow "${this.name}"`);
    return fn;
  }

  private addStreamTrigger(spec: StreamTriggerSpec, stateful: StatefulResources): EventSourceMapping {
    return streamTrigger(this, spec, this.target(spec.target, `stream trigger "${spec.name}"`).function, stateful, this.deliveryDeadLetterQueue);
  }

  private addSchedule(spec: ScheduleSpec): CfnSchedule {
    const target = this.target(spec.target, `schedule "${spec.name}"`);
    // One role per schedule, able to invoke exactly its target and dead-letter into this workflow's queue.
    const role = new Role(this, `${spec.name}-role`, {
      description: `Lets EventBridge Scheduler run ${spec.name}`,
      // Only schedules of this account may assume it (confused-deputy protection).
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } } }),
    });
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [target.function.functionArn] }));
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deliveryDeadLetterQueue.queueArn] }));

    // L1 rather than the aws-scheduler L2: the L2's Lambda target grants invoke on "<function>:*" as
    // well, a wildcard over every version and alias this app never publishes.
    const schedule = new CfnSchedule(this, spec.name, {
      description: spec.name,
      scheduleExpression: spec.expression,
      scheduleExpressionTimezone: spec.timeZone,
      flexibleTimeWindow: { mode: 'OFF' },
      state: spec.enabled ? 'ENABLED' : 'DISABLED',
      target: {
        arn: target.function.functionArn,
        roleArn: role.roleArn,
        input: JSON.stringify(spec.input),
        retryPolicy: {
          maximumRetryAttempts: this.retryAttempts,
          maximumEventAgeInSeconds: this.maxEventAge.toSeconds(),
        },
        deadLetterConfig: { arn: this.deliveryDeadLetterQueue.queueArn },
      },
    });
    // The role's policy must exist before the Scheduler first tries to use it.
    schedule.node.addDependency(role);
    return schedule;
  }

  private defaultBus: IEventBus | undefined;

  private addRule(spec: RuleSpec, stateful: StatefulResources): Rule {
    const target = this.target(spec.target, `rule "${spec.name}"`);
    const eventBus = spec.bus === 'default' ? (this.defaultBus ??= EventBus.fromEventBusName(this, 'DefaultBus', 'default')) : stateful.eventBus;
    return new Rule(this, spec.name, {
      description: spec.name,
      eventBus,
      eventPattern: wirePattern(spec.pattern),
      targets: [
        new LambdaFunction(target.function, {
          deadLetterQueue: this.deliveryDeadLetterQueue,
          retryAttempts: this.retryAttempts,
          maxEventAge: this.maxEventAge,
        }),
      ],
    });
  }
}

/**
 * A Lambda event source mapping on the table's stream, filtered as the topology says. A batch that
 * fails is halved (bisect) and retried, and what still fails lands in the workflow's dead-letter
 * queue as a pointer to the records (shard and sequence numbers), so nothing blocks the shard.
 */
function streamTrigger(workflow: Workflow, spec: StreamTriggerSpec, fn: IFunction, stateful: StatefulResources, queue: IQueue): EventSourceMapping {
  const streamArn = stateful.table.tableStreamArn;
  if (streamArn === undefined) throw new Error(`stream trigger "${spec.name}" needs the table's stream, but the table has none`);
  // Written out instead of `table.grantStreamRead`: the same actions, with the one wildcard apart.
  fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], resources: [streamArn] }));
  if (fn.role === undefined) throw new Error(`stream trigger "${spec.name}": its function has no role`);
  const listStreams = new Policy(workflow, `${spec.name}-list-streams`, {
    statements: [new PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: ['*'] })],
  });
  listStreams.attachToRole(fn.role);
  Validations.of(listStreams).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'dynamodb:ListStreams (which Lambda\'s event source mapping uses to find the table\'s stream) takes no resource-level permission, so IAM requires Resource "*", as aws-cdk-lib\'s own grantStreamRead does; this policy holds that one read-only action and nothing else.',
  });
  return new EventSourceMapping(workflow, spec.name, {
    target: fn,
    eventSourceArn: streamArn,
    startingPosition: StartingPosition.TRIM_HORIZON,
    batchSize: spec.batchSize,
    maxBatchingWindow: Duration.seconds(spec.maxBatchingWindowSeconds),
    bisectBatchOnError: true,
    retryAttempts: spec.retryAttempts,
    onFailure: new SendOnlyQueueDlq(queue),
    filters: [FilterCriteria.filter(spec.filter as Record<string, unknown>)],
  });
}

/** `SqsDlq` also grants sqs:GetQueueAttributes and sqs:GetQueueUrl; the mapping only sends. */
class SendOnlyQueueDlq implements IEventSourceDlq {
  constructor(private readonly queue: IQueue) {}

  bind(_target: IEventSourceMapping, fn: IFunction): DlqDestinationConfig {
    fn.addToRolePolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }));
    return { destination: this.queue.queueArn };
  }
}

/**
 * `SqsDestination` also grants sqs:GetQueueAttributes and sqs:GetQueueUrl; Lambda delivers a failed
 * invocation with sqs:SendMessage alone. The queue is SQS-encrypted, so no KMS permission either.
 */
class SendOnlyQueueDestination implements IDestination {
  constructor(private readonly queue: IQueue) {}

  bind(_scope: Construct, fn: IFunction): DestinationConfig {
    fn.addToRolePolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }));
    return { destination: this.queue.queueArn };
  }
}

function functionNamesOf(topology: Topology): FunctionName[] {
  return Object.keys(topology.functions).filter((key): key is FunctionName => key in topology.functions);
}

/**
 * The topology states patterns in EventBridge's wire format (`detail-type`), which the local stack
 * matches against directly. The L2 renders pattern keys verbatim apart from renaming `detailType`,
 * so the wire form passes through unchanged; the topology twin test holds it to that.
 */
function wirePattern(pattern: RuleSpec['pattern']): EventPattern {
  return pattern as EventPattern;
}
