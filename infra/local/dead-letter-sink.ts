import type { BusEvent } from './event-bus.ts';

/** One event that a target kept rejecting, kept so it can be inspected or redriven, like an EventBridge rule DLQ. */
export interface DeadLetterEntry {
  readonly rule: string;
  readonly target: string;
  readonly event: BusEvent;
  /** The message of the last failure. */
  readonly error: string;
  readonly attempts: number;
  /** ISO-8601 timestamp. */
  readonly failedAt: string;
}

export interface DeadLetterSink {
  record(entry: DeadLetterEntry): Promise<void>;
  list(): Promise<DeadLetterEntry[]>;
}

export class InMemoryDeadLetterSink implements DeadLetterSink {
  private readonly entries: DeadLetterEntry[] = [];

  // Copies on the way in and out so callers see what a persistent sink would give back, not shared live objects.
  record(entry: DeadLetterEntry): Promise<void> {
    this.entries.push(structuredClone(entry));
    return Promise.resolve();
  }

  list(): Promise<DeadLetterEntry[]> {
    return Promise.resolve(structuredClone(this.entries));
  }
}
