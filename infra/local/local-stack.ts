import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { ensureTable } from '../../shared/adapters/dynamodb/ensure-table.ts';
import { envNames } from '../../shared/schemas/environment.ts';
import type { ProgrammeConfig } from '../../shared/schemas/programme-config.ts';
import { topologyFor, type FunctionName, type ScheduleSpec, type Topology } from '../topology.ts';
import { startEmulators, type RunningEmulators } from './emulators.ts';
import { LocalEventBus } from './event-bus.ts';
import { validateEventPattern } from '../../shared/domain/event-pattern.ts';
import { DynamoDeadLetterSink } from './dynamo-dead-letter-sink.ts';
import { LocalFunctionRuntime, type InvocationRecord } from './function-runtime.ts';
import { schedulerPayload } from './scheduler-payload.ts';
import { LocalScheduler } from './local-scheduler.ts';
import { json, startHttpServer, type Route } from './http-server.ts';
import { parseRunScheduleRequest } from './run-schedule-request.ts';
import { dashboardRoutes } from './dashboard-routes.ts';
import { dashboardAccessVariable } from '../../shared/runtime/dashboard-ports.ts';
import { escapeHtml } from '../../shared/mail/html.ts';
import { describeFireTime } from '../../shared/domain/schedule/schedule-expression.ts';
import { localCredentials, localRegion } from './local-aws.ts';
import { LocalStreamTrigger } from './local-stream-trigger.ts';
import { LocalSesEvents } from './local-ses-events.ts';
import type { PutEventsEntry, PutEventsResult } from './event-bus.ts';
import { guardTableAccess } from './table-access-guard.ts';
import { awsClients } from '../../shared/runtime/aws-clients.ts';
import { mailIdHeader, mailIdTag } from '../../shared/adapters/ses/ses-mailer.ts';
import { mailboxFileOf, repositoryRoot } from './local-paths.ts';

export interface LocalStackOptions {
  readonly config: ProgrammeConfig;
  readonly senderAddress: string;
  readonly leadershipAddress: string;
  /** Folder for DynamoDB Local's files; undefined keeps everything in memory. */
  readonly dataDir?: string;
  /** Wipe the data folder first. */
  readonly fresh?: boolean;
  /**
   * Runs once the table exists and before its stream is turned on (a new table gets it only
   * after): a bulk load such as the demo's, which DynamoDB Local writes several times faster
   * without a stream, and none of whose items is a mail the stream must wake the sender for.
   */
  readonly beforeStream?: (table: { readonly dynamoEndpoint: string; readonly tableName: string }) => Promise<void>;
  /** Use emulators that are already running (tests share one pair) instead of starting them. */
  readonly emulators?: { readonly dynamoEndpoint: string; readonly sesEndpoint: string };
  readonly tableName?: string;
  readonly httpPort?: number;
  /** Port of the SES emulator's mailbox; undefined or 0 picks a free one. */
  readonly mailPort?: number;
  /** Fire schedules on the wall clock (npm start); commands and tests fire them explicitly. */
  readonly runScheduler?: boolean;
  /**
   * Poll the table stream and SES's mails in the background, as AWS would deliver them
   * (default true). Off, only `settle()` and `runSchedule` move mail: a test that stages a crash
   * at an exact point needs nothing to run behind its back.
   */
  readonly mailPump?: boolean;
  readonly timeoutMsOverride?: Partial<Record<FunctionName, number>>;
  readonly extraRoutes?: readonly Route[];
  /** Level of the handlers' structured logs (Powertools); commands keep it quiet so their output stays clean. */
  readonly handlerLogLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  readonly log?: (line: string) => void;
  /** Where a failed invocation is reported; defaults to `log`, else stderr, so a failing handler is never silent. */
  readonly logFailure?: (line: string) => void;
}

export interface ScheduleRunSummary {
  readonly schedule: string;
  readonly scheduledTime: string;
  /** What the schedule's target returned. */
  readonly result: unknown;
  readonly invocations: readonly InvocationRecord[];
  readonly deadLetters: number;
}

export { repositoryRoot, mailboxFileOf } from './local-paths.ts';

interface FunctionUrlResponse {
  readonly statusCode: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** The request as a Lambda function URL hands it over (payload format 2.0). */
function functionUrlEvent(method: string, url: URL, body: string) {
  return {
    version: '2.0',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers: {},
    requestContext: { http: { method, path: url.pathname } },
    body,
    isBase64Encoded: false,
  };
}

/** What the HTTP base URL shows: where the mail is, what runs when, what the endpoints are. */
function homePage(stack: LocalStack): string {
  const rows = stack.scheduler
    .upcoming()
    .map(({ schedule, next }) => `<tr><td>${escapeHtml(schedule.name)}</td><td><code>${escapeHtml(schedule.expression)}</code></td><td>${escapeHtml(next ? describeFireTime(next, schedule.timeZone).local : 'disabled')}</td></tr>`)
    .join('');
  const endpoints = stack.topology.httpEndpoints.map((e) => `<li><code>${escapeHtml(e.pathPrefix)}/&lt;signed token&gt;</code>: ${escapeHtml(e.name)}</li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>vip-workflows (local)</title></head><body style="font-family:sans-serif;max-width:50em;margin:2em auto">
<h1>vip-workflows, running locally</h1>
<p>Mailbox of every mail sent: <a href="${escapeHtml(stack.sesEndpoint)}/">${escapeHtml(stack.sesEndpoint)}/</a></p>
<h2>Schedules</h2><table border="1" cellpadding="4" style="border-collapse:collapse"><tr><th>schedule</th><th>expression</th><th>next run</th></tr>${rows}</table>
<p>Leadership dashboard (no sign-in locally): ${stack.topology.staticSites.map((site) => `<a href="${escapeHtml(site.pathPrefix)}/">${escapeHtml(stack.httpUrl + site.pathPrefix)}/</a>`).join(', ')}</p>
<h2>Endpoints</h2><ul>${endpoints}</ul>
<p>Commands: <code>npx vip --help</code></p></body></html>`;
}

/** Links in mails must still work after a restart, so a data folder keeps its signing secret. */
function linkSecretFor(dataDir: string | undefined): string {
  if (!dataDir) return randomBytes(32).toString('base64url');
  const file = join(dataDir, 'link-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * Everything the cloud deployment has, in one process: the table on DynamoDB Local, mail on the
 * SES emulator, the bus and its rules, the handlers, the scheduler and the HTTP endpoints, all
 * built from the same topology as the CDK app.
 */
export class LocalStack {
  private constructor(
    readonly topology: Topology,
    readonly tableName: string,
    readonly dynamoEndpoint: string,
    readonly sesEndpoint: string,
    readonly httpUrl: string,
    readonly runtime: LocalFunctionRuntime,
    readonly bus: LocalEventBus,
    /** The account's default bus: SES's sending events arrive here. */
    readonly defaultBus: LocalEventBus,
    private readonly streams: LocalStreamTrigger,
    private readonly sesEvents: LocalSesEvents,
    readonly deadLetters: DynamoDeadLetterSink,
    readonly scheduler: LocalScheduler,
    private readonly server: Server,
    private readonly emulators: RunningEmulators | undefined,
    private readonly dynamo: DynamoDBClient,
    private readonly log: (line: string) => void,
  ) {}

  private pump: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;

  /** Between explicit runs, the stream trigger and SES's events tick on their own, as on AWS. */
  private startMailPump(): void {
    this.pump = setInterval(() => {
      this.pumping ??= this.pumpOnce()
        .then(() => {})
        .catch((error: unknown) => this.log(`outbox pump: ${(error as Error).message}`))
        .finally(() => (this.pumping = undefined));
    }, 1000);
    this.pump.unref();
  }

  /** SES's events first, recorded before the sender runs: on AWS they arrive within seconds of a send. */
  private async pumpOnce(): Promise<number> {
    const confirmed = await this.sesEvents.poll();
    if (confirmed > 0) await this.defaultBus.drain();
    const woken = await this.streams.poll();
    return woken + confirmed;
  }

  /**
   * Waits until everything a run set off has finished: events on both buses, the outbox sender
   * woken by the stream, and SES's Send events recorded, round after round until one finds nothing new.
   */
  async settle(): Promise<void> {
    for (;;) {
      await this.bus.drain();
      await this.defaultBus.drain();
      if ((await this.pumpOnce()) === 0) break;
    }
    await this.bus.drain();
    await this.defaultBus.drain();
  }

  static async start(options: LocalStackOptions): Promise<LocalStack> {
    const log = options.log ?? (() => {});
    const logFailure = options.logFailure ?? options.log ?? ((line: string) => void process.stderr.write(`[local stack] ${line}\n`));
    if (options.fresh && options.dataDir) rmSync(join(options.dataDir, 'dynamodb'), { recursive: true, force: true });
    const emulators = options.emulators
      ? undefined
      : await startEmulators({
          dataDir: options.dataDir && join(options.dataDir, 'dynamodb'),
          // 0, like undefined, means any free port.
          ...(options.mailPort ? { sesPort: options.mailPort } : {}),
          ...(options.dataDir && { mailboxFile: mailboxFileOf(options.dataDir) }),
        });
    try {
      const dynamoEndpoint = options.emulators?.dynamoEndpoint ?? emulators!.dynamoEndpoint;
      const sesEndpoint = options.emulators?.sesEndpoint ?? emulators!.sesEndpoint;
      const tableName = options.tableName ?? 'vip-workflows';
      const raw = new DynamoDBClient({ endpoint: dynamoEndpoint, region: localRegion, credentials: localCredentials });
      const ensured = await ensureTable(raw, tableName, { stream: !options.beforeStream });
      if (ensured !== 'existed') log(`${ensured} table ${tableName}`);
      if (options.beforeStream) {
        await options.beforeStream({ dynamoEndpoint, tableName });
        await ensureTable(raw, tableName);
      }

      const topology = topologyFor(options.config);
      const documents = createDocumentClient({ endpoint: dynamoEndpoint, region: localRegion, credentials: localCredentials });
      const deadLetters = new DynamoDeadLetterSink(documents, tableName);
      const runtime = new LocalFunctionRuntime({
        repositoryRoot,
        functions: topology.functions,
        timeoutMsOverride: options.timeoutMsOverride,
        onInvocation: (r) => (r.error ? logFailure(`${r.functionName} failed: ${r.error} in ${r.durationMs} ms`) : log(`${r.functionName} done in ${r.durationMs} ms`)),
      });
      const busOptions = {
        deliver: async (target: string, event: unknown) => void (await runtime.invoke(target as FunctionName, event)),
        deadLetters,
        retryDelayMs: (attempt: number) => 100 * attempt,
      };
      const bus = new LocalEventBus({ ...busOptions, busName: topology.eventBus.name });
      // The account's default bus, where AWS services (SES's sending events) publish.
      const defaultBus = new LocalEventBus({ ...busOptions, busName: 'default' });
      for (const rule of topology.rules)
        (rule.bus === 'default' ? defaultBus : bus).addRule({ name: rule.name, pattern: validateEventPattern(rule.pattern), targets: [rule.target] });
      const streams = new LocalStreamTrigger({
        dynamo: raw,
        streams: new DynamoDBStreamsClient({ endpoint: dynamoEndpoint, region: localRegion, credentials: localCredentials }),
        tableName,
        triggers: topology.streamTriggers,
        invoke: (target, event) => runtime.invoke(target as FunctionName, event),
        deadLetters,
        region: localRegion,
      });
      const sesEvents = new LocalSesEvents({
        sesEndpoint,
        senderAddress: options.senderAddress,
        putEvents: (entries) => defaultBus.putEvents(entries),
        mailIdHeader,
        mailIdTag,
      });

      let stack: LocalStack | undefined;
      const routes: Route[] = [
        async (request, body) => {
          if (request.headers['x-amz-target'] !== 'AWSEvents.PutEvents') return undefined;
          const { Entries } = JSON.parse(body) as { Entries: PutEventsEntry[] };
          return { ...json(200, await putOnBuses(Entries, bus, defaultBus)), type: 'application/x-amz-json-1.1' };
        },
        async (request, _body, url) => (url.pathname === '/_local/health' ? json(200, { ok: true }) : undefined),
        async (request, _body, url) => (request.method === 'GET' && url.pathname === '/' ? { status: 200, type: 'text/html; charset=utf-8', body: homePage(stack!) } : undefined),
        // A command beside a running stack waits here until what it put on a bus has been delivered.
        async (request, _body, url) => (request.method === 'POST' && url.pathname === '/_local/settle' ? (await stack!.settle(), json(200, { settled: true })) : undefined),
        async (request, body, url) => {
          if (request.method !== 'POST' || url.pathname !== '/_local/run-schedule') return undefined;
          const asked = parseRunScheduleRequest(body, topology.schedules.map((s) => s.name));
          if (!asked.ok) return json(400, { error: asked.error });
          return json(200, await stack!.runSchedule(asked.schedule, asked.at));
        },
        ...topology.httpEndpoints.map((endpoint): Route => async (request, body, url) => {
          if (!url.pathname.startsWith(`${endpoint.pathPrefix}/`)) return undefined;
          const response = (await runtime.invoke(endpoint.target, functionUrlEvent(request.method ?? 'GET', url, body))) as FunctionUrlResponse;
          // The handler's own headers too (cache-control, referrer-policy), as a function URL would send them.
          return { status: response.statusCode, type: response.headers?.['content-type'] ?? 'text/plain', body: response.body ?? '', ...(response.headers && { headers: response.headers }) };
        }),
        ...dashboardRoutes(topology, repositoryRoot, (target, event) => runtime.invoke(target, event)),
        ...(options.extraRoutes ?? []),
      ];
      const { server, url: httpUrl } = await startHttpServer(routes, options.httpPort);

      Object.assign(process.env, {
        AWS_REGION: localRegion,
        AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
        AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
        AWS_ENDPOINT_URL_SESV2: sesEndpoint,
        AWS_ENDPOINT_URL_EVENTBRIDGE: httpUrl,
        [envNames.tableName]: tableName,
        [envNames.eventBusName]: topology.eventBus.name,
        [envNames.senderAddress]: options.senderAddress,
        [envNames.leadershipAddress]: options.leadershipAddress,
        [envNames.programmeConfig]: JSON.stringify(options.config),
        POWERTOOLS_LOG_LEVEL: options.handlerLogLevel ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
        // No CloudWatch here: the watchdog's finding in the table (vip report health) is the local alarm.
        POWERTOOLS_METRICS_DISABLED: 'true',
        [envNames.linkSecret]: linkSecretFor(options.dataDir),
        // No sign-in locally (the dashboard says so); on AWS the API's Cognito authorizer and the group check guard it.
        [dashboardAccessVariable]: 'local-no-sign-in',
        [envNames.taskLinkBaseUrl]: `${httpUrl}${topology.httpEndpoints.find((e) => e.target === 'giftTaskLink')?.pathPrefix ?? '/tasks'}`,
        [envNames.dashboardUrl]: `${httpUrl}/dashboard`,
        [envNames.surveyLinkBaseUrl]: `${httpUrl}${topology.httpEndpoints.find((e) => e.name === 'survey-links')?.pathPrefix ?? '/s'}`,
      });

      // After the environment: the handlers' shared client is created with the local endpoints.
      guardTableAccess(awsClients.documents(), topology, topology.table.partitionKey);

      const scheduler = new LocalScheduler(topology.schedules, async ({ schedule, scheduledTime }) => {
        try {
          await stack!.runSchedule(schedule.name, scheduledTime);
        } catch (error) {
          log(`schedule ${schedule.name} failed: ${(error as Error).message}`);
        }
      });
      stack = new LocalStack(topology, tableName, dynamoEndpoint, sesEndpoint, httpUrl, runtime, bus, defaultBus, streams, sesEvents, deadLetters, scheduler, server, emulators, raw, log);
      if (options.mailPump !== false) stack.startMailPump();
      if (options.runScheduler) scheduler.start();
      return stack;
    } catch (error) {
      await emulators?.stop();
      throw error;
    }
  }

  schedule(name: string): ScheduleSpec {
    const schedule = this.topology.schedules.find((s) => s.name === name);
    if (!schedule) throw new Error(`unknown schedule "${name}"; known: ${this.topology.schedules.map((s) => s.name).join(', ')}`);
    return schedule;
  }

  /** Fires a schedule as EventBridge Scheduler would at `at`, and waits for every event it caused. */
  async runSchedule(name: string, at: Date): Promise<ScheduleRunSummary> {
    const schedule = this.schedule(name);
    const firstInvocation = this.runtime.invocations.length;
    const deadBefore = this.deadLetters.recorded;
    const result = await this.runtime.invoke(schedule.target, schedulerPayload(schedule.input, { scheduleName: schedule.name, scheduledTime: at }));
    await this.settle();
    return {
      schedule: name,
      scheduledTime: at.toISOString(),
      result,
      invocations: this.runtime.invocations.slice(firstInvocation),
      deadLetters: this.deadLetters.recorded - deadBefore,
    };
  }

  async stop(): Promise<void> {
    this.scheduler.stop();
    clearInterval(this.pump);
    await this.pumping;
    await this.bus.drain().catch(() => {});
    await this.defaultBus.drain().catch(() => {});
    this.dynamo.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
    this.server.closeAllConnections();
    await this.emulators?.stop();
  }
}

/** PutEvents over HTTP: each entry goes to the bus it names (the default bus when it names none, as on AWS). */
async function putOnBuses(entries: readonly PutEventsEntry[], bus: LocalEventBus, defaultBus: LocalEventBus): Promise<PutEventsResult> {
  const toDefault = (entry: PutEventsEntry) => entry.EventBusName === undefined || entry.EventBusName === 'default' || entry.EventBusName.endsWith(':event-bus/default');
  if (entries.length === 0 || entries.every((e) => !toDefault(e))) return bus.putEvents(entries);
  if (entries.every(toDefault)) return defaultBus.putEvents(entries.map((e) => ({ ...e, EventBusName: 'default' })));
  const results = await Promise.all(entries.map((e) => (toDefault(e) ? defaultBus.putEvents([{ ...e, EventBusName: 'default' }]) : bus.putEvents([e]))));
  return { FailedEntryCount: results.reduce((n, r) => n + r.FailedEntryCount, 0), Entries: results.flatMap((r) => r.Entries) };
}
