import { Aws, Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Dashboard, GraphWidget, Metric, TextWidget, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { FunctionName, Topology, WorkflowName } from '../topology.ts';
import { metricsNamespace, stalledRunsMetric, watchdogService } from '../../shared/schemas/metric-names.ts';
import type { VipFunction } from './vip-function.ts';
import type { Workflow } from './workflow.ts';

export interface MonitoringProps {
  readonly topology: Topology;
  readonly workflows: ReadonlyMap<WorkflowName, Workflow>;
  /** Receives every alarm (an SNS e-mail subscription; the address confirms it once). */
  readonly alarmAddress: string;
}

/** Long runs the watchdog reports on (the `workflow` dimension of its metric). */
export const watchedWorkflows = ['status-review', 'surveys'] as const;

const fiveMinutes = Duration.minutes(5);

/** Figures the handlers already log (Powertools JSON lines), turned into metrics by log filters. */
const loggedFigures: readonly { readonly fn: FunctionName; readonly message: string; readonly field: string; readonly metric: string }[] = [
  { fn: 'giftTasksDaily', message: 'gift tasks daily run', field: 'issued', metric: 'GiftTasksIssued' },
  { fn: 'mailSender', message: 'outbox drained', field: 'sent', metric: 'MailsSent' },
  { fn: 'mailSender', message: 'outbox drained', field: 'parked', metric: 'MailsParked' },
  { fn: 'mailSender', message: 'outbox drained', field: 'throttleRetries', metric: 'MailsThrottled' },
];

/**
 * The operations view of one deployment: an alarm on every dead-letter queue (which is also every
 * function's on-failure destination), on every function's errors and throttles, and on every run
 * the watchdog finds stalled, all to one SNS topic mailed to the operator; and one CloudWatch
 * dashboard with runs, durations, outcomes, tasks, mails and dead letters.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: readonly Alarm[];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { workflows, topology } = props;

    // A customer-managed key, because CloudWatch cannot publish to a topic under the AWS-managed
    // SNS key (its key policy cannot be changed to let CloudWatch use it).
    const key = new Key(this, 'AlarmTopicKey', { enableKeyRotation: true, description: 'Encrypts the VIP programme\'s alarm topic' });
    key.addToResourcePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.topic = new Topic(this, 'AlarmTopic', { displayName: 'VIP programme alarms', masterKey: key, enforceSSL: true });
    // enforceSSL gives the topic a policy of its own, which replaces the default that let CloudWatch publish.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        actions: ['sns:Publish'],
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.topic.addSubscription(new EmailSubscription(props.alarmAddress));
    const action = new SnsAction(this.topic);

    const functions = [...workflows.values()].flatMap((workflow) => [...workflow.functions.values()]);
    const alarms: Alarm[] = [];
    const alarmOn = (alarmId: string, metric: IMetric, description: string): void => {
      const alarm = new Alarm(this, alarmId, {
        metric,
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      alarm.addAlarmAction(action);
      alarms.push(alarm);
    };

    for (const [name, workflow] of workflows)
      alarmOn(
        `${name}-dead-letters`,
        workflow.deliveryDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
        `Workflow ${name}: its dead-letter queue holds messages (an event or schedule not delivered, an asynchronous invocation failed after its retries, or a failed stream batch). See docs/operations.md.`,
      );
    for (const fn of functions) {
      alarmOn(`${fn.name}-errors`, fn.function.metricErrors({ period: fiveMinutes, statistic: 'Sum' }), `${fn.name} failed (a thrown error or a timeout). See its log group.`);
      if (!fn.spec.throttledByDesign)
        alarmOn(`${fn.name}-throttles`, fn.function.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }), `${fn.name} was throttled (account concurrency, or its reserved concurrency was reached).`);
    }
    for (const workflow of watchedWorkflows)
      alarmOn(
        `${workflow}-stalled-run`,
        stalledRuns(workflow),
        `A ${workflow} run made no progress within its expected time: the watchdog published its unfinished work again (see vip report health / docs/operations.md).`,
      );
    this.alarms = alarms;

    const figures = new Map<string, Metric>();
    for (const figure of loggedFigures) {
      const fn = functionNamed(functions, figure.fn);
      new MetricFilter(this, `${figure.metric}-filter`, {
        logGroup: fn.logGroup,
        filterPattern: FilterPattern.stringValue('$.message', '=', figure.message),
        metricNamespace: metricsNamespace,
        metricName: figure.metric,
        metricValue: `$.${figure.field}`,
        defaultValue: 0,
      });
      figures.set(figure.metric, new Metric({ namespace: metricsNamespace, metricName: figure.metric, statistic: 'Sum', period: Duration.hours(1) }));
    }

    // Runs: the functions a schedule starts.
    const runStarters = [...new Set(topology.schedules.filter((s) => !s.housekeeping).map((s) => s.target))].map((name) => functionNamed(functions, name));
    const hour = Duration.hours(1);
    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `${Stack.of(this).stackName}-operations`, defaultInterval: Duration.days(7) });
    this.dashboard.addWidgets(
      new TextWidget({ markdown: '## VIP programme operations\nRuns, outcomes, tasks, mail and dead letters. Alarms go to the alarm topic; `docs/operations.md` says what each means.', width: 24, height: 2 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Runs per workflow (scheduled starts)', width: 8, left: runStarters.map((fn) => fn.function.metricInvocations({ period: hour, statistic: 'Sum', label: fn.name })) }),
      new GraphWidget({ title: 'Run duration (max, ms)', width: 8, left: runStarters.map((fn) => fn.function.metricDuration({ period: hour, statistic: 'Maximum', label: fn.name })) }),
      new GraphWidget({
        title: 'Outcome: errors and stalled runs',
        width: 8,
        left: functions.map((fn) => fn.function.metricErrors({ period: hour, statistic: 'Sum', label: fn.name })),
        right: watchedWorkflows.map((workflow) => stalledRuns(workflow, { period: hour })),
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Gift tasks issued', width: 8, left: [figures.get('GiftTasksIssued')!.with({ label: 'issued' })] }),
      new GraphWidget({
        title: 'Mails: sent, parked, throttled, bounced, complaints',
        width: 8,
        left: [figures.get('MailsSent')!.with({ label: 'sent' }), figures.get('MailsParked')!.with({ label: 'parked (suppressed)' }), figures.get('MailsThrottled')!.with({ label: 'throttle retries' })],
        right: ['Bounce', 'Complaint'].map((name) => new Metric({ namespace: 'AWS/SES', metricName: name, statistic: 'Sum', period: hour, label: `SES ${name.toLowerCase()}s` })),
      }),
      new GraphWidget({
        title: 'Dead letters (messages waiting)',
        width: 8,
        left: [...workflows].map(([name, workflow]) => workflow.deliveryDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum', label: name })),
      }),
    );
  }
}

/** An alarm's metric carries no label (a label turns it into a metric-math alarm); the graph's does. */
function stalledRuns(workflow: (typeof watchedWorkflows)[number], graph?: { readonly period: Duration }): Metric {
  return new Metric({
    namespace: metricsNamespace,
    metricName: stalledRunsMetric,
    dimensionsMap: { service: watchdogService, workflow },
    statistic: 'Sum',
    period: graph?.period ?? fiveMinutes,
    ...(graph && { label: `stalled ${workflow}` }),
  });
}

function functionNamed(functions: readonly VipFunction[], name: FunctionName): VipFunction {
  const fn = functions.find((f) => f.name === name);
  if (fn === undefined) throw new Error(`monitoring needs function ${name}, which no workflow built`);
  return fn;
}
