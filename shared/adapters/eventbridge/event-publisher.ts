import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { DomainEvent, EventPublisher } from '../../ports/event-publisher.ts';

const maxEntriesPerCall = 10;
const maxAttempts = 5;

export class EventPublishError extends Error {
  override readonly name = 'EventPublishError';
}

/** PutEvents in calls of ten, re-sending only the entries a call reports as failed. */
export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += maxEntriesPerCall) {
      let pending: PutEventsRequestEntry[] = events.slice(start, start + maxEntriesPerCall).map((event) => ({
        EventBusName: this.busName,
        Source: event.source,
        DetailType: event.detailType,
        Detail: JSON.stringify(event.detail),
      }));
      for (let attempt = 1; pending.length; attempt++) {
        const result = await this.client.send(new PutEventsCommand({ Entries: pending }));
        if (!result.FailedEntryCount) break;
        const failed = pending.filter((_, i) => result.Entries?.[i]?.ErrorCode);
        if (attempt >= maxAttempts) {
          const reasons = [...new Set(result.Entries?.map((e) => e.ErrorCode).filter(Boolean))].join(', ');
          throw new EventPublishError(`${failed.length} events not accepted by bus ${this.busName} after ${attempt} attempts (${reasons})`);
        }
        pending = failed;
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      }
    }
  }
}
