import { randomUUID } from 'node:crypto';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { matchesEventPattern, validateEventPattern, type EventPattern } from '../../shared/domain/event-pattern.ts';
import type { DeadLetterSink } from './dead-letter-sink.ts';

/** The envelope EventBridge wraps around every accepted entry; rules match against it, not against the bare detail. */
export interface BusEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Readonly<Record<string, unknown>>;
}

/** The SDK's own entry type, so code written against `PutEventsCommand` can be pointed at this bus unchanged. */
export type PutEventsEntry = PutEventsRequestEntry;

export interface PutEventsResultEntry {
  EventId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

export interface BusRule {
  readonly name: string;
  readonly pattern: EventPattern;
  readonly targets: readonly string[];
}

export interface Delivery {
  readonly rule: string;
  readonly target: string;
  readonly event: BusEvent;
  readonly attempts: number;
}

export interface LocalEventBusOptions {
  readonly busName: string;
  readonly deliver: (target: string, event: BusEvent) => Promise<void>;
  readonly deadLetters: DeadLetterSink;
  /** Total tries per target, first one included; 3 mirrors Lambda's asynchronous invocation (1 try + 2 retries). */
  readonly maxAttempts?: number;
  /** Delay after the given failed attempt (1-based) before the next one. */
  readonly retryDelayMs?: (attempt: number) => number;
  readonly onDelivered?: (delivery: Delivery) => void;
  readonly now?: () => Date;
}

/** A call AWS rejects as a whole (HTTP 400), as opposed to the per-entry failures reported in the result. */
export class EventBusValidationError extends Error {
  override readonly name = 'ValidationException';
}

const maxEntriesPerCall = 10;
const localAccount = '000000000000';
const localRegion = 'local';

export class LocalEventBus {
  private readonly busName: string;
  private readonly deliver: LocalEventBusOptions['deliver'];
  private readonly deadLetters: DeadLetterSink;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: (attempt: number) => number;
  private readonly onDelivered: LocalEventBusOptions['onDelivered'];
  private readonly now: () => Date;
  private readonly rules = new Map<string, BusRule>();
  private readonly pending = new Set<Promise<void>>();
  private readonly bookkeepingFailures: unknown[] = [];

  constructor(options: LocalEventBusOptions) {
    this.busName = options.busName;
    this.deliver = options.deliver;
    this.deadLetters = options.deadLetters;
    this.maxAttempts = options.maxAttempts ?? 3;
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1) {
      throw new RangeError(`maxAttempts must be an integer >= 1, got ${this.maxAttempts}`);
    }
    this.retryDelayMs = options.retryDelayMs ?? ((attempt) => 10 * 2 ** (attempt - 1));
    this.onDelivered = options.onDelivered;
    this.now = options.now ?? (() => new Date());
  }

  /** Like PutRule, a second rule with the same name replaces the first. */
  addRule(rule: BusRule): void {
    const pattern = validateEventPattern(rule.pattern);
    this.rules.set(rule.name, { name: rule.name, pattern, targets: [...rule.targets] });
  }

  async putEvents(entries: readonly PutEventsEntry[]): Promise<PutEventsResult> {
    if (entries.length === 0 || entries.length > maxEntriesPerCall) {
      throw new EventBusValidationError(`PutEvents takes 1 to ${maxEntriesPerCall} entries, got ${entries.length}`);
    }
    const results = entries.map((entry) => this.accept(entry));
    return { FailedEntryCount: results.filter((result) => result.ErrorCode !== undefined).length, Entries: results };
  }

  /** Resolves once nothing is in flight, including deliveries of events that targets put while being delivered to. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
    const failures = this.bookkeepingFailures.splice(0);
    if (failures.length > 0) {
      throw new AggregateError(failures, 'recording a delivery outcome failed (dead-letter sink or onDelivered)');
    }
  }

  private accept(entry: PutEventsEntry): PutEventsResultEntry {
    const event = this.toEvent(entry);
    if ('ErrorCode' in event) return event;
    // Rules are matched now, so a rule added after putEvents returns does not see this event, as on AWS.
    for (const rule of this.rules.values()) {
      if (!matchesEventPattern(rule.pattern, event)) continue;
      for (const target of rule.targets) this.track(this.deliverWithRetries(rule.name, target, event));
    }
    return { EventId: event.id };
  }

  private toEvent(entry: PutEventsEntry): BusEvent | Rejection {
    if (!this.isThisBus(entry.EventBusName)) {
      // Real EventBridge silently accepts entries for unknown buses; failing them here surfaces wiring mistakes.
      const got = JSON.stringify(entry.EventBusName);
      return rejected('InvalidArgument', `EventBusName must be "${this.busName}" or its ARN, got ${got}`);
    }
    // Checked at runtime despite the SDK type: the local HTTP endpoint hands over entries straight from JSON.
    if (!isNonEmptyString(entry.Source)) return missing('Source');
    if (!isNonEmptyString(entry.DetailType)) return missing('DetailType');
    if (entry.Detail === undefined) return missing('Detail');
    const detail = parseDetail(entry.Detail);
    if (detail === undefined) return rejected('MalformedDetail', 'Detail is malformed.');
    const time = entry.Time === undefined ? this.now() : toDate(entry.Time);
    if (time === undefined) return rejected('InvalidArgument', 'Parameter Time is not valid.');
    const resources: unknown = entry.Resources ?? [];
    if (!Array.isArray(resources) || !resources.every(isNonEmptyString)) {
      return rejected('InvalidArgument', 'Parameter Resources is not valid.');
    }
    return {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: localAccount,
      time: toEventTime(time),
      region: localRegion,
      resources: [...resources],
      detail,
    };
  }

  private isThisBus(name: string | undefined): boolean {
    return name === this.busName || (name?.startsWith('arn:') === true && name.endsWith(`:event-bus/${this.busName}`));
  }

  private track(work: Promise<void>): void {
    // Failures are parked for drain() rather than left as unhandled rejections that would crash the process.
    const settled: Promise<void> = work
      .catch((error: unknown) => {
        this.bookkeepingFailures.push(error);
      })
      .finally(() => this.pending.delete(settled));
    this.pending.add(settled);
  }

  private async deliverWithRetries(rule: string, target: string, event: BusEvent): Promise<void> {
    // Yield before the first try so no target ever runs inside putEvents: acceptance never waits on delivery.
    await Promise.resolve();
    for (let attempt = 1; ; attempt += 1) {
      const failure = await this.attempt(target, event);
      if (failure === undefined) {
        this.onDelivered?.({ rule, target, event, attempts: attempt });
        return;
      }
      if (attempt >= this.maxAttempts) {
        const failedAt = this.now().toISOString();
        await this.deadLetters.record({ rule, target, event, error: failure.message, attempts: attempt, failedAt });
        return;
      }
      await sleep(this.retryDelayMs(attempt));
    }
  }

  private async attempt(target: string, event: BusEvent): Promise<{ message: string } | undefined> {
    try {
      // Each try gets its own copy, as targets receive serialized JSON and must not see each other's mutations.
      await this.deliver(target, structuredClone(event));
      return undefined;
    } catch (error) {
      return { message: error instanceof Error ? error.message : String(error) };
    }
  }
}

interface Rejection {
  readonly ErrorCode: string;
  readonly ErrorMessage: string;
}

function rejected(ErrorCode: string, ErrorMessage: string): Rejection {
  return { ErrorCode, ErrorMessage };
}

function missing(parameter: string): Rejection {
  return rejected('InvalidArgument', `Parameter ${parameter} is not valid. Reason: ${parameter} is a required argument.`);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** The SDK passes a Date; over the JSON wire protocol the same field arrives as epoch seconds. */
function toDate(value: unknown): Date | undefined {
  const date = value instanceof Date ? value : typeof value === 'number' ? new Date(value * 1000) : undefined;
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date;
}

function parseDetail(detail: unknown): Record<string, unknown> | undefined {
  if (typeof detail !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(detail);
    const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
    return isObject ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** EventBridge envelopes carry whole seconds: 2024-05-01T12:00:00Z. */
function toEventTime(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sleep(ms: number): Promise<void> {
  // A zero delay skips the timer so tests with () => 0 work under fake timers too.
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
