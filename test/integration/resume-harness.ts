import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent, EventPublisher } from '../../shared/ports/event-publisher.ts';
import { batchWrite } from '../../shared/adapters/dynamodb/batch-write.ts';
import { freshTable } from './local-env.ts';

/** What the tests of runs that die, hand over or race share: the bus kept in memory, a crash at an exact write, a table copied rather than re-imported. */

/** Collects published events in memory: the bus is not what these tests are about. */
export class CollectingPublisher implements EventPublisher {
  readonly events: DomainEvent[] = [];
  async publish(events: readonly DomainEvent[]): Promise<void> {
    this.events.push(...events);
  }
  take(type: string): DomainEvent[] {
    const taken = this.events.filter((e) => e.detailType === type);
    this.events.splice(0, this.events.length, ...this.events.filter((e) => e.detailType !== type));
    return taken;
  }
}

export class SimulatedCrash extends Error {}

/** The real store, except that the process "dies" after `calls` successful calls of one of its writes. */
export function crashingAfter<T extends object>(store: T, write: keyof T & string, calls: number): T {
  let done = 0;
  return new Proxy(store, {
    get(target, property, receiver) {
      const real = Reflect.get(target, property, receiver) as unknown;
      if (property !== write || typeof real !== 'function') return real;
      return async (...args: unknown[]) => {
        if (done++ >= calls) throw new SimulatedCrash('worker died');
        return (real as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  });
}

/** Every page of a plain scan of a table, optionally narrowed to key prefixes. */
export async function scanAll(client: DynamoDBDocumentClient, tableName: string, prefixes?: { pk: string; sk: string }): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        ExclusiveStartKey: start,
        ...(prefixes && { FilterExpression: 'begins_with(pk, :p) AND begins_with(sk, :s)', ExpressionAttributeValues: { ':p': prefixes.pk, ':s': prefixes.sk } }),
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * A fresh table holding a copy of another's items: each scenario starts from the same loaded
 * state, and copying is a fraction of importing the CSVs again on a busy DynamoDB Local. The raw
 * charge and payment lines stay behind (four items in five of the demo data): the import already
 * rolled them up into each profile's months, which is all a review or a wave reads.
 */
export async function copyOfTable(source: { client: DynamoDBDocumentClient; tableName: string }) {
  const copy = await freshTable();
  const items = (await scanAll(source.client, source.tableName)).filter((item) => !/^(CHARGE|PAYMENT)#/.test(String(item.sk)));
  await batchWrite(copy.client, copy.tableName, items.map((Item) => ({ PutRequest: { Item } })));
  return copy;
}
