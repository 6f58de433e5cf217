/**
 * The one description of what runs where. The CDK app and the local stack are both built from
 * it, so a schedule, rule or index cannot exist in one and not the other (test/infra proves it).
 * Pure data: no CDK, no SDK.
 */
import type { ProgrammeConfig } from '../shared/schemas/programme-config.ts';
import { eventSources, eventTypes } from '../shared/schemas/event-names.ts';
import { sesDetailTypes, sesEventSource } from '../shared/schemas/ses-events.ts';
import { chartFiles } from '../shared/schemas/bundled-files.ts';
import { table, type IndexSpec } from '../shared/schemas/table-layout.ts';

export { table, type IndexSpec };

/** The DynamoDB actions a function may be granted (a transaction needs the action of each of its items). */
export const tableActions = ['GetItem', 'BatchGetItem', 'Query', 'Scan', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'ConditionCheckItem'] as const;
export type TableAction = (typeof tableActions)[number];
export type IndexName = (typeof table.indexes)[number]['name'];

/**
 * Exactly what a function does with the table: IAM on AWS, and the local stack refuses any other
 * call a handler makes (infra/local/table-access-guard.ts), so a missing grant fails a local test.
 */
export interface TableGrant {
  /** Actions on the table itself. */
  readonly actions: readonly TableAction[];
  /** Indexes it reads, each with its operations. */
  readonly indexes?: Readonly<Partial<Record<IndexName, readonly ('Query' | 'Scan')[]>>>;
  /**
   * Partition keys it may touch (`dynamodb:LeadingKeys`, `*` a wildcard). Only for functions that
   * neither scan nor read an index: a Scan has no leading key, so the condition would not hold it.
   */
  readonly leadingKeys?: readonly string[];
  /**
   * Partitions its `BatchWriteItem` may touch. IAM cannot tell a batch's puts from its deletes, so
   * a function that batch-writes without `leadingKeys` names them here: only the data-rights
   * operator may delete contacts and answers (docs/data-rights.md).
   */
  readonly batchWriteLeadingKeys?: readonly string[];
}

export interface FunctionSpec {
  /** Handler file, relative to the repository root; exports `handler`. */
  readonly entry: string;
  readonly workflow: WorkflowName;
  readonly description: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** What the function may touch: the base construct grants exactly this. */
  readonly grants: {
    readonly table?: TableGrant;
    readonly putEvents?: boolean;
    readonly sendMail?: boolean;
    /** Reads the secret that signs the links in task mails. */
    readonly linkSecret?: boolean;
    /** Needs the base URL of the task-link endpoint (to put links in mails). */
    readonly taskLinkUrl?: boolean;
    /** Needs the base URL of the survey-link endpoint `/s` (to put answer and unsubscribe links in mails). */
    readonly surveyLinkUrl?: boolean;
    /** Reads the account's SES sending quota (ses:GetAccount), to keep below its MaxSendRate. */
    readonly mailQuota?: boolean;
  };
  /**
   * At most this many invocations at once (Lambda reserved concurrency; locally, invocations
   * queue). The outbox sender has 1, so its rate limit holds for the whole account.
   */
  readonly reservedConcurrency?: number;
  /**
   * Its reserved concurrency serialises writers on purpose (the outbox sender, the answer
   * counter): a throttle is how its asynchronous invocations queue, and Lambda retries them for
   * hours, so it raises no throttle alarm.
   */
  readonly throttledByDesign?: true;
  /**
   * Files the handler reads at run time (a WebAssembly module, a font), as paths from the
   * repository root; the bundle carries them beside the handler (shared/runtime/bundled-file.ts).
   */
  readonly bundledFiles?: readonly string[];
}

export interface ScheduleSpec {
  readonly name: string;
  readonly workflow: WorkflowName;
  readonly target: FunctionName;
  readonly expression: string;
  readonly timeZone: string;
  readonly enabled: boolean;
  /**
   * Catches up on the wall clock (the outbox sweep) rather than doing a business job: a simulation
   * fast-forwarding business schedules skips it, since every local run drains the outbox anyway.
   */
  readonly housekeeping?: boolean;
  /** Handed to the target as the Scheduler would: this JSON is the whole event. */
  readonly input: Readonly<Record<string, unknown>>;
}

export interface RuleSpec {
  readonly name: string;
  readonly workflow: WorkflowName;
  /**
   * The account's default bus, for events AWS services publish there (SES sending events: a
   * configuration set's EventBridge destination accepts only the default bus).
   * @default the programme's custom bus
   */
  readonly bus?: 'default';
  readonly pattern: Readonly<Record<string, unknown>>;
  readonly target: FunctionName;
}

/** An HTTPS endpoint: a Lambda function URL on AWS, a path prefix on the local HTTP server. */
export interface HttpEndpointSpec {
  readonly name: string;
  readonly workflow: WorkflowName;
  readonly target: FunctionName;
  /** Local path prefix; on AWS the function URL's root serves the same requests. */
  readonly pathPrefix: string;
}

/**
 * A function woken by the table's stream (a Lambda event source mapping on AWS, a poller of
 * DynamoDB Local's stream locally), for the records that match `filter` (Lambda's filter syntax).
 */
export interface StreamTriggerSpec {
  readonly name: string;
  readonly workflow: WorkflowName;
  readonly target: FunctionName;
  /** Lambda event-filter pattern over the stream record (eventName, dynamodb.Keys, ...). */
  readonly filter: Readonly<Record<string, unknown>>;
  readonly batchSize: number;
  /** How long the trigger gathers records before invoking. */
  readonly maxBatchingWindowSeconds: number;
  /** Retries of a failing batch (halved by bisection) before it goes to the on-failure destination. */
  readonly retryAttempts: number;
}

/**
 * A route of a signed-in API: behind API Gateway with the Cognito authorizer on AWS, a path on the
 * local HTTP server (no sign-in there). The handler receives an HTTP API (payload 2.0) event.
 */
export interface ApiRouteSpec {
  readonly name: string;
  readonly workflow: WorkflowName;
  readonly method: 'GET' | 'POST';
  /** The same path locally and on AWS (CloudFront sends `/api/*` to the API). */
  readonly path: string;
  readonly target: FunctionName;
}

/** Static pages: an S3 bucket behind CloudFront on AWS, a path prefix on the local HTTP server. */
export interface StaticSiteSpec {
  readonly name: string;
  readonly workflow: WorkflowName;
  readonly pathPrefix: string;
  /** Folder holding index.html and styles.css, relative to the repository root. */
  readonly sourceDir: string;
  /** The page's script, bundled (with the chart libraries) into `app.js`. */
  readonly entry: string;
}


export const workflowNames = ['status-review', 'gift-tasks', 'mail', 'surveys', 'scores', 'dashboard', 'operations', 'data-rights'] as const;
export type WorkflowName = (typeof workflowNames)[number];


export const eventBus = { logicalName: 'VipEventBus', name: 'vip-workflows' } as const;

/** A late grant (shared/use-cases/gift-tasks/late-grant.ts): re-tags, issues tasks in transactions and queues their mail. */
const lateGrantGrants: FunctionSpec['grants'] = { table: { actions: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem'] }, linkSecret: true, taskLinkUrl: true };

export const functions = {
  statusReviewStart: {
    entry: 'functions/status-review/start-review.ts',
    workflow: 'status-review',
    description: 'Opens a status review run and fans it out into scan segments',
    timeoutSeconds: 60,
    memoryMb: 512,
    grants: { table: { actions: ['GetItem', 'UpdateItem'], leadingKeys: ['REVIEWS', 'REVIEW#*'] }, putEvents: true },
  },
  statusReviewSegment: {
    entry: 'functions/status-review/review-segment.ts',
    workflow: 'status-review',
    description: 'Evaluates the accounts of one scan segment, checkpointing its cursor',
    timeoutSeconds: 900,
    memoryMb: 1024,
    grants: { table: { actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: { accounts: ['Scan'] } }, putEvents: true },
  },
  statusReviewDigest: {
    entry: 'functions/status-review/send-digests.ts',
    workflow: 'status-review',
    description: 'Queues in the outbox a digest of changes for each manager and the summary for leadership',
    timeoutSeconds: 300,
    memoryMb: 512,
    grants: { table: { actions: ['GetItem', 'BatchGetItem', 'Query', 'PutItem'], indexes: { casesByManager: ['Query'] } } },
  },
  giftTasksDaily: {
    entry: 'functions/gift-tasks/issue-daily.ts',
    workflow: 'gift-tasks',
    description: 'Issues gift tasks for the occasions due, reserving budget, and queues the managers\' mails; reminds and escalates',
    timeoutSeconds: 900,
    memoryMb: 1024,
    grants: { table: { actions: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: { giftsDue: ['Query'], openTasksByDate: ['Query'], casesByManager: ['Query'] } }, linkSecret: true, taskLinkUrl: true },
  },
  giftTaskLink: {
    entry: 'functions/gift-tasks/task-link.ts',
    workflow: 'gift-tasks',
    description: 'Serves the signed links in task mails: mark a task done with its cost, or cancel it',
    timeoutSeconds: 30,
    memoryMb: 512,
    // Public (function URL, auth NONE): at most this many at once, so a flood of requests cannot
    // take the account's concurrency or run up the table.
    reservedConcurrency: 20,
    // Tasks and their lines; the link id's pointer; the owner's budget requests; the manager's language; the owner's mail.
    grants: { table: { actions: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'], leadingKeys: ['ACCOUNT#*', 'BUDGET#*', 'TASKLINK#*', 'BUDGETREQUEST#*', 'MANAGER#*', 'OUTBOX#*'] }, linkSecret: true },
  },
  giftTasksOnStatusChange: {
    entry: 'functions/gift-tasks/on-status-change.ts',
    workflow: 'gift-tasks',
    description: 'Takes an account that lost VIP status out of the due index and cancels its open tasks for later occasions, releasing their reservations',
    timeoutSeconds: 60,
    memoryMb: 512,
    grants: { table: { actions: ['GetItem', 'BatchGetItem', 'Query', 'UpdateItem'], leadingKeys: ['ACCOUNT#*', 'BUDGET#*'] } },
  },
  giftTasksOnStatusGained: {
    entry: 'functions/gift-tasks/on-status-gained.ts',
    workflow: 'gift-tasks',
    description: 'Puts the occasions of an account that became VIP (or changed tier) into the due index and issues the tasks the daily runs already passed',
    timeoutSeconds: 60,
    memoryMb: 512,
    grants: lateGrantGrants,
  },
  giftTasksOnOccasionsImported: {
    entry: 'functions/gift-tasks/on-occasions-imported.ts',
    workflow: 'gift-tasks',
    description: 'Issues the tasks of occasions imported for a VIP account after the daily runs passed their issue day',
    timeoutSeconds: 60,
    memoryMb: 512,
    grants: lateGrantGrants,
  },
  surveysOpenWave: {
    entry: 'functions/surveys/open-wave.ts',
    workflow: 'surveys',
    description: 'Opens the quarter\'s survey wave: selects the recipients and writes one invitation (and its mail) per contact, checkpointing per page',
    timeoutSeconds: 900,
    memoryMb: 1024,
    grants: { table: { actions: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: { accounts: ['Query'] } }, putEvents: true, linkSecret: true, surveyLinkUrl: true },
  },
  surveysDaily: {
    entry: 'functions/surveys/daily.ts',
    workflow: 'surveys',
    description: 'Sends the due survey reminders to invitees who have not answered, and closes waves whose time is over',
    timeoutSeconds: 900,
    memoryMb: 1024,
    grants: { table: { actions: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'] }, putEvents: true, linkSecret: true, surveyLinkUrl: true },
  },
  surveysOnSesEvent: {
    entry: 'functions/surveys/on-ses-event.ts',
    workflow: 'surveys',
    description: 'Suppresses an address SES reports as permanently bounced or complained about, and marks its invitations',
    timeoutSeconds: 60,
    memoryMb: 512,
    grants: { table: { actions: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'] } },
  },
  surveyAnswerLink: {
    entry: 'functions/surveys/answer-link.ts',
    workflow: 'surveys',
    description: 'Serves the signed links under /s: the survey form and its answers, unsubscribes, and the managers\' closed-loop case links',
    timeoutSeconds: 30,
    memoryMb: 512,
    reservedConcurrency: 20,
    // No surveyLinkUrl: its own URL in its environment would be a cycle; case links take the request's host.
    grants: { table: { actions: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'], leadingKeys: ['INVITATION#*', 'WAVE#*', 'ACCOUNT#*', 'MANAGER#*', 'OUTBOX#*', 'SUPPRESSION'] }, putEvents: true, linkSecret: true },
  },
  surveyCasesDaily: {
    entry: 'functions/surveys/cases-daily.ts',
    workflow: 'surveys',
    description: 'Reminds managers of closed-loop cases not yet contacted and escalates those past their SLA to leadership',
    timeoutSeconds: 300,
    memoryMb: 512,
    grants: { table: { actions: ['GetItem', 'BatchGetItem', 'Query', 'PutItem'], indexes: { openCasesByAction: ['Query'], casesByManager: ['Query'] } }, linkSecret: true, surveyLinkUrl: true },
  },

  mailSender: {
    entry: 'functions/mail/send-outbox.ts',
    workflow: 'mail',
    description: 'Drains the mail outbox through SES within the send rate: claims, sends, marks; recovers expired leases',
    timeoutSeconds: 900,
    memoryMb: 512,
    grants: { table: { actions: ['GetItem', 'Query', 'UpdateItem'], indexes: { mailDue: ['Query'] } }, sendMail: true, mailQuota: true },
    reservedConcurrency: 1,
    throttledByDesign: true,
  },
  mailConfirmation: {
    entry: 'functions/mail/record-confirmation.ts',
    workflow: 'mail',
    description: 'Records SES Send events on the outbox, so a mail whose sender died after SES took it is not sent again',
    timeoutSeconds: 30,
    memoryMb: 256,
    grants: { table: { actions: ['GetItem', 'UpdateItem'], leadingKeys: ['OUTBOX#*'] } },
  },
  scoresCountAnswer: {
    entry: 'functions/scores/count-answer.ts',
    workflow: 'scores',
    description: 'Counts a recorded survey answer into its wave and segment counters, once per answer',
    timeoutSeconds: 30,
    memoryMb: 512,
    // Every answer adds to the same few segment counters, so writers at once only conflict: two
    // keep the conflicts few (a wave's last day brings many answers), and Lambda holds the rest
    // of EventBridge's invocations in its queue until a slot is free.
    reservedConcurrency: 2,
    throttledByDesign: true,
    grants: { table: { actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem'] } },
  },
  scoresReview: {
    entry: 'functions/scores/review-wave.ts',
    workflow: 'scores',
    description: 'Once a wave has closed, computes the quarterly standards review and queues its mail to leadership',
    timeoutSeconds: 300,
    memoryMb: 1024,
    // Its batch writes replace a quarter's counters (and drop stale ones): the score partitions only.
    grants: { table: { actions: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'BatchWriteItem'], indexes: { casesByManager: ['Query'], accounts: ['Scan'], tasksByManager: ['Scan'] }, batchWriteLeadingKeys: ['SCORES#*'] } },
    bundledFiles: chartFiles,
  },
  dashboardRead: {
    entry: 'functions/dashboard/read.ts',
    workflow: 'dashboard',
    description: 'Serves the leadership dashboard the precomputed scores, standards, closed-loop counts and programme figures',
    timeoutSeconds: 10,
    memoryMb: 512,
    grants: { table: { actions: ['GetItem', 'BatchGetItem', 'Query'], indexes: { casesByManager: ['Query'] } } },
  },
  dashboardRecordStandard: {
    entry: 'functions/dashboard/record-standard.ts',
    workflow: 'dashboard',
    description: 'Records a service standard adjustment made on the leadership dashboard',
    timeoutSeconds: 10,
    memoryMb: 512,
    grants: { table: { actions: ['Query', 'PutItem'], leadingKeys: ['STANDARDS'] } },
  },
  runWatchdog: {
    entry: 'functions/operations/watch-runs.ts',
    workflow: 'operations',
    description: 'Finds long runs (a status review, a survey wave opening) with no checkpoint for too long, publishes their unfinished work again and raises the stalled-run alarm',
    timeoutSeconds: 60,
    memoryMb: 256,
    grants: { table: { actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem'], leadingKeys: ['REVIEWS', 'REVIEW#*', 'WAVE#*', 'HEALTH'] }, putEvents: true },
  },
  dataRightsOperator: {
    entry: 'functions/data-rights/operator.ts',
    workflow: 'data-rights',
    description: 'Invoked by an operator: exports what is held about a contact or account, forgets them, or re-applies the forget log after a restore',
    timeoutSeconds: 900,
    memoryMb: 512,
    // The only role that deletes items: a forget removes what identifies a person.
    grants: { table: { actions: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'], indexes: { byPerson: ['Query'] } } },
  },
  dataRetention: {
    entry: 'functions/data-rights/retention.ts',
    workflow: 'data-rights',
    description: 'Monthly: removes contact details from old resolved cases, names from old gift tasks and comments from old answers',
    timeoutSeconds: 900,
    memoryMb: 512,
    grants: { table: { actions: ['Query', 'UpdateItem'], indexes: { casesByManager: ['Scan'], tasksByManager: ['Scan'] } } },
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof functions;

/** Scheduler fills these in per invocation (context attributes), so a handler knows which run it is. */
const schedulerContext = {
  scheduledTime: '<aws.scheduler.scheduled-time>',
  executionId: '<aws.scheduler.execution-id>',
} as const;

/**
 * A long run is stalled when no checkpoint came for longer than a worker can take with Lambda's
 * two retries of a failed attempt (three attempts of the longest worker), plus a quarter hour.
 */
export const stallAfterMinutes = Math.ceil((3 * Math.max(functions.statusReviewSegment.timeoutSeconds, functions.surveysOpenWave.timeoutSeconds)) / 60) + 15;

export function schedulesFor(config: ProgrammeConfig): ScheduleSpec[] {
  const review = config.statusReview;
  return [
    {
      name: 'status-review-yearly',
      workflow: 'status-review',
      target: 'statusReviewStart',
      expression: review.schedule,
      timeZone: config.timeZone,
      enabled: true,
      input: { kind: 'yearly', ...schedulerContext },
    },
    {
      name: 'status-review-monthly-admission',
      workflow: 'status-review',
      target: 'statusReviewStart',
      expression: review.monthlyAdmission.schedule,
      timeZone: config.timeZone,
      enabled: review.monthlyAdmission.enabled,
      input: { kind: 'admission', ...schedulerContext },
    },
    {
      name: 'gift-tasks-daily',
      workflow: 'gift-tasks',
      target: 'giftTasksDaily',
      expression: config.giftTasks.schedule,
      timeZone: config.timeZone,
      enabled: true,
      input: { ...schedulerContext },
    },
    {
      name: 'surveys-open-wave',
      workflow: 'surveys',
      target: 'surveysOpenWave',
      expression: config.surveys.schedule,
      timeZone: config.timeZone,
      enabled: true,
      input: { ...schedulerContext },
    },
    {
      name: 'surveys-daily',
      workflow: 'surveys',
      target: 'surveysDaily',
      expression: config.surveys.dailySchedule,
      timeZone: config.timeZone,
      enabled: true,
      input: { ...schedulerContext },
    },
    {
      name: 'survey-cases-daily',
      workflow: 'surveys',
      target: 'surveyCasesDaily',
      expression: config.surveys.closedLoop.schedule,
      timeZone: config.timeZone,
      enabled: true,
      input: { ...schedulerContext },
    },
    {
      // Pending mail that no stream record woke the sender for, leases whose sender died, and
      // drains that stopped at the function's time limit: a minute later the sender goes on.
      name: 'mail-outbox-sweep',
      workflow: 'mail',
      target: 'mailSender',
      expression: 'rate(1 minute)',
      timeZone: config.timeZone,
      enabled: true,
      housekeeping: true,
      input: { sweep: true, ...schedulerContext },
    },
    {
      // What has no natural expiry is aged once a month (docs/data-rights.md).
      name: 'data-retention-monthly',
      workflow: 'data-rights',
      target: 'dataRetention',
      expression: 'cron(0 5 2 * ? *)',
      timeZone: config.timeZone,
      enabled: true,
      input: { ...schedulerContext },
    },
    {
      // A status review or wave opening whose worker failed all its retries waits for ever unless
      // someone notices: this one does, every quarter hour on the wall clock.
      name: 'operations-watchdog',
      workflow: 'operations',
      target: 'runWatchdog',
      expression: 'rate(15 minutes)',
      timeZone: config.timeZone,
      enabled: true,
      housekeeping: true,
      input: { stallAfterMinutes, ...schedulerContext },
    },
    {
      name: 'scores-review-daily',
      workflow: 'scores',
      target: 'scoresReview',
      expression: config.scores.reviewSchedule,
      timeZone: config.timeZone,
      enabled: true,
      input: { ...schedulerContext },
    },
  ];
}

/** SES's permanent bounces and its complaints, whichever mail they concern. */
export const sesFeedbackEventPattern = {
  source: [sesEventSource],
  $or: [{ 'detail-type': [sesDetailTypes.bounce], detail: { bounce: { bounceType: ['Permanent'] } } }, { 'detail-type': [sesDetailTypes.complaint] }],
} as const;

/** SES's "Send" event of an outbox mail (tagged with its mail id). */
export const sesSendEventPattern = {
  source: ['aws.ses'],
  'detail-type': ['Email Sent'],
  detail: { mail: { tags: { 'vip-mail-id': [{ exists: true }] } } },
} as const;

export const rules: readonly RuleSpec[] = [
  {
    name: 'status-review-segment-requested',
    workflow: 'status-review',
    pattern: { source: [eventSources.statusReview], 'detail-type': [eventTypes.segmentRequested] },
    target: 'statusReviewSegment',
  },
  {
    name: 'status-review-completed',
    workflow: 'status-review',
    pattern: { source: [eventSources.statusReview], 'detail-type': [eventTypes.reviewCompleted] },
    target: 'statusReviewDigest',
  },
  {
    name: 'gift-tasks-status-lost',
    workflow: 'gift-tasks',
    pattern: {
      source: [eventSources.statusReview],
      'detail-type': [eventTypes.statusChanged],
      detail: { outcome: ['revoke', 'excluded'] },
    },
    target: 'giftTasksOnStatusChange',
  },
  {
    // A late VIP gets the occasions that fell due while it was not one, once, for that account only.
    name: 'gift-tasks-status-gained',
    workflow: 'gift-tasks',
    pattern: {
      source: [eventSources.statusReview],
      'detail-type': [eventTypes.statusChanged],
      detail: { outcome: ['grant', 'tier-up', 'tier-down', 'grace'] },
    },
    target: 'giftTasksOnStatusGained',
  },
  {
    // An occasion imported after its issue day: no run reads that day again.
    name: 'gift-tasks-occasions-imported',
    workflow: 'gift-tasks',
    pattern: { source: [eventSources.imports], 'detail-type': [eventTypes.giftOccasionsImported] },
    target: 'giftTasksOnOccasionsImported',
  },
  {
    name: 'surveys-wave-opening-requested',
    workflow: 'surveys',
    pattern: { source: [eventSources.surveys], 'detail-type': [eventTypes.surveyWaveOpeningRequested] },
    target: 'surveysOpenWave',
  },
  {
    name: 'surveys-daily-requested',
    workflow: 'surveys',
    pattern: { source: [eventSources.surveys], 'detail-type': [eventTypes.surveyDailyRequested] },
    target: 'surveysDaily',
  },
  {
    // SES publishes configuration-set events only to the default bus. A transient bounce (mailbox
    // full, greylisting) is not a reason to stop mailing someone, so only permanent ones match.
    name: 'surveys-ses-feedback',
    workflow: 'surveys',
    bus: 'default',
    pattern: sesFeedbackEventPattern,
    target: 'surveysOnSesEvent',
  },
  {
    name: 'mail-ses-send-confirmed',
    workflow: 'mail',
    bus: 'default',
    pattern: sesSendEventPattern,
    target: 'mailConfirmation',
  },
  {
    name: 'scores-answer-recorded',
    workflow: 'scores',
    pattern: { source: [eventSources.surveys], 'detail-type': [eventTypes.surveyAnswerRecorded] },
    target: 'scoresCountAnswer',
  },
];

export const streamTriggers: readonly StreamTriggerSpec[] = [
  {
    name: 'mail-outbox-inserts',
    workflow: 'mail',
    target: 'mailSender',
    filter: { eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'OUTBOX#' }] } } } },
    batchSize: 1000,
    maxBatchingWindowSeconds: 1,
    retryAttempts: 5,
  },
];

export const httpEndpoints: readonly HttpEndpointSpec[] = [
  { name: 'gift-task-links', workflow: 'gift-tasks', target: 'giftTaskLink', pathPrefix: '/tasks' },
  { name: 'survey-links', workflow: 'surveys', target: 'surveyAnswerLink', pathPrefix: '/s' },
];

/** The dashboard's data API: every route is signed in and limited to the leadership group on AWS. */
export const dashboardApiBase = '/api/dashboard';

export const apiRoutes: readonly ApiRouteSpec[] = [
  ...(['overview', 'segments', 'standards', 'closed-loop', 'programme'] as const).map(
    (read): ApiRouteSpec => ({ name: `dashboard-${read}`, workflow: 'dashboard', method: 'GET', path: `${dashboardApiBase}/${read}`, target: 'dashboardRead' }),
  ),
  { name: 'dashboard-record-standard', workflow: 'dashboard', method: 'POST', path: `${dashboardApiBase}/standards`, target: 'dashboardRecordStandard' },
];

export const staticSites: readonly StaticSiteSpec[] = [
  { name: 'dashboard', workflow: 'dashboard', pathPrefix: '/dashboard', sourceDir: 'shared/web/dashboard', entry: 'shared/web/dashboard/app.ts' },
];

export interface Topology {
  readonly table: typeof table;
  readonly eventBus: typeof eventBus;
  readonly functions: Readonly<Record<FunctionName, FunctionSpec>>;
  readonly schedules: readonly ScheduleSpec[];
  readonly rules: readonly RuleSpec[];
  readonly httpEndpoints: readonly HttpEndpointSpec[];
  readonly streamTriggers: readonly StreamTriggerSpec[];
  readonly apiRoutes: readonly ApiRouteSpec[];
  readonly staticSites: readonly StaticSiteSpec[];
}

export function topologyFor(config: ProgrammeConfig): Topology {
  return { table, eventBus, functions, schedules: schedulesFor(config), rules, httpEndpoints, streamTriggers, apiRoutes, staticSites };
}
