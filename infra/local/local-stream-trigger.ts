import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { matchesEventPattern, validateEventPattern, type EventPattern } from '../../shared/domain/event-pattern.ts';
import type { StreamTriggerSpec } from '../topology.ts';
import type { DeadLetterSink } from './dead-letter-sink.ts';

export interface LocalStreamTriggerOptions {
  readonly dynamo: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly tableName: string;
  readonly triggers: readonly StreamTriggerSpec[];
  readonly invoke: (target: string, event: unknown) => Promise<unknown>;
  readonly deadLetters: DeadLetterSink;
  readonly region: string;
}

interface Shard {
  iterator?: string;
}

/**
 * The local twin of a Lambda event source mapping on the table's stream: reads DynamoDB Local's
 * stream shard by shard (new shards from their start, closed shards to their end), applies each
 * trigger's filter as Lambda would, and invokes the target with batches of matching records.
 * A batch that keeps failing is retried, then recorded as a dead letter (the on-failure destination).
 */
export class LocalStreamTrigger {
  private streamArn: string | undefined;
  private readonly shards = new Map<string, Shard>();
  private readonly finished = new Set<string>();
  private readonly filters: ReadonlyMap<string, EventPattern>;
  /** Polls run one at a time: shard iterators are single-use. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: LocalStreamTriggerOptions) {
    this.filters = new Map(options.triggers.map((t) => [t.name, validateEventPattern(t.filter)]));
  }

  /** Reads every shard to its current end and delivers what matched; resolves with the records delivered. */
  poll(): Promise<number> {
    const run = this.queue.then(() => this.pollNow());
    this.queue = run.catch(() => {});
    return run;
  }

  private async pollNow(): Promise<number> {
    if (this.options.triggers.length === 0) return 0;
    const records = await this.readNewRecords();
    let delivered = 0;
    for (const trigger of this.options.triggers) {
      const matching = records.filter((record) => matchesEventPattern(this.filters.get(trigger.name)!, toLambdaRecord(record, this.streamArn!, this.options.region)));
      for (let i = 0; i < matching.length; i += trigger.batchSize) {
        const batch = matching.slice(i, i + trigger.batchSize);
        await this.deliver(trigger, batch);
        delivered += batch.length;
      }
    }
    return delivered;
  }

  private async readNewRecords(): Promise<_Record[]> {
    this.streamArn ??= (await this.options.dynamo.send(new DescribeTableCommand({ TableName: this.options.tableName }))).Table?.LatestStreamArn;
    if (!this.streamArn) throw new Error(`table ${this.options.tableName} has no stream; ensureTable enables it`);
    let exclusiveStart: string | undefined;
    do {
      const { StreamDescription } = await this.options.streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: exclusiveStart }));
      for (const shard of StreamDescription?.Shards ?? [])
        if (shard.ShardId && !this.shards.has(shard.ShardId) && !this.finished.has(shard.ShardId)) this.shards.set(shard.ShardId, {});
      exclusiveStart = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStart);

    const records: _Record[] = [];
    for (const [shardId, shard] of this.shards) {
      // From the shard's start: a record written before the first poll still wakes the sender.
      shard.iterator ??= (await this.options.streams.send(new GetShardIteratorCommand({ StreamArn: this.streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
      while (shard.iterator) {
        const page = await this.options.streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 })).catch(async (error: Error) => {
          // An iterator past the stream's trim point, or one left unused too long: start again from
          // the oldest record kept. Records read twice only wake the sender twice; it drains an index.
          if (error.name !== 'TrimmedDataAccessException' && error.name !== 'ExpiredIteratorException') throw error;
          const fresh = await this.options.streams.send(new GetShardIteratorCommand({ StreamArn: this.streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
          return this.options.streams.send(new GetRecordsCommand({ ShardIterator: fresh.ShardIterator, Limit: 1000 }));
        });
        records.push(...(page.Records ?? []));
        shard.iterator = page.NextShardIterator;
        if (!page.NextShardIterator) {
          // A closed shard read to its end: its children carry on.
          this.shards.delete(shardId);
          this.finished.add(shardId);
        }
        if ((page.Records ?? []).length === 0) break;
      }
    }
    return records;
  }

  private async deliver(trigger: StreamTriggerSpec, batch: readonly _Record[]): Promise<void> {
    const event = { Records: batch.map((record) => toLambdaRecord(record, this.streamArn!, this.options.region)) };
    let lastError = '';
    for (let attempt = 0; attempt <= trigger.retryAttempts; attempt++) {
      try {
        await this.options.invoke(trigger.target, event);
        return;
      } catch (error) {
        lastError = (error as Error).message;
        await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
    // What Lambda's on-failure destination receives: where the batch was, not its records.
    await this.options.deadLetters.record({
      rule: trigger.name,
      target: trigger.target,
      error: lastError,
      attempts: trigger.retryAttempts + 1,
      failedAt: new Date().toISOString(),
      event: {
        version: '0',
        id: randomUUID(),
        'detail-type': 'DynamoDB stream batch failed',
        source: 'aws.dynamodb',
        account: '000000000000',
        time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: this.options.region,
        resources: [this.streamArn!],
        detail: {
          batchSize: batch.length,
          startSequenceNumber: batch[0]?.dynamodb?.SequenceNumber,
          endSequenceNumber: batch.at(-1)?.dynamodb?.SequenceNumber,
        },
      },
    });
  }
}

/** A stream record as Lambda hands it to a function (and matches filters against). */
function toLambdaRecord(record: _Record, streamArn: string, region: string) {
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      Keys: record.dynamodb?.Keys,
      SequenceNumber: record.dynamodb?.SequenceNumber,
      SizeBytes: record.dynamodb?.SizeBytes,
      StreamViewType: record.dynamodb?.StreamViewType,
    },
    eventSourceARN: streamArn,
  };
}
