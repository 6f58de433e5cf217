export interface DomainEvent {
  readonly source: string;
  readonly detailType: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface EventPublisher {
  /** Publishes every event or throws; partial failures are retried inside. */
  publish(events: readonly DomainEvent[]): Promise<void>;
}
