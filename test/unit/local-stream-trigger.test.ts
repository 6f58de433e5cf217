import { describe, expect, it } from 'vitest';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LocalStreamTrigger } from '../../infra/local/local-stream-trigger.ts';

/**
 * A trimmed or expired shard iterator is a fault DynamoDB Local produces only after hours (or on a
 * badly loaded machine), so a stand-in streams client raises it here.
 */
function triggerWith(firstGetRecords: () => never) {
  const iteratorsAsked: string[] = [];
  let getRecordsCalls = 0;
  const record = { eventID: '1', eventName: 'INSERT', dynamodb: { Keys: { pk: { S: 'OUTBOX#m1' }, sk: { S: 'MAIL' } }, SequenceNumber: '1' } };
  const streams = {
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      switch (command.constructor.name) {
        case 'DescribeStreamCommand':
          return { StreamDescription: { Shards: [{ ShardId: 'shard-1' }] } };
        case 'GetShardIteratorCommand':
          iteratorsAsked.push(String(command.input.ShardIteratorType));
          return { ShardIterator: `iterator-${iteratorsAsked.length}` };
        case 'GetRecordsCommand':
          if (getRecordsCalls++ === 0) firstGetRecords();
          return getRecordsCalls === 2 ? { Records: [record], NextShardIterator: 'iterator-next' } : { Records: [], NextShardIterator: 'iterator-next' };
        default:
          throw new Error(`unexpected ${command.constructor.name}`);
      }
    },
  } as unknown as DynamoDBStreamsClient;
  const dynamo = { send: async () => ({ Table: { LatestStreamArn: 'arn:aws:dynamodb:local:0:table/t/stream/1' } }) } as unknown as DynamoDBClient;
  const invoked: unknown[] = [];
  const trigger = new LocalStreamTrigger({
    dynamo,
    streams,
    tableName: 't',
    region: 'local',
    triggers: [{ name: 'mail-outbox-inserts', workflow: 'mail', target: 'mailSender', filter: { eventName: ['INSERT'] }, batchSize: 10, maxBatchingWindowSeconds: 0, retryAttempts: 0 }],
    invoke: async (_target, event) => void invoked.push(event),
    deadLetters: { record: async () => {}, list: async () => [] },
  });
  return { trigger, iteratorsAsked, invoked };
}

const failure = (name: string) => () => {
  throw Object.assign(new Error(name), { name });
};

describe('the local stream trigger', () => {
  for (const name of ['TrimmedDataAccessException', 'ExpiredIteratorException'])
    it(`starts the shard again from its oldest record after ${name}, and still delivers`, async () => {
      const { trigger, iteratorsAsked, invoked } = triggerWith(failure(name));
      expect(await trigger.poll()).toBe(1);
      expect(iteratorsAsked).toEqual(['TRIM_HORIZON', 'TRIM_HORIZON']);
      expect(invoked).toHaveLength(1);
    });

  it('lets any other error through', async () => {
    const { trigger } = triggerWith(failure('InternalServerError'));
    await expect(trigger.poll()).rejects.toThrow('InternalServerError');
  });
});
