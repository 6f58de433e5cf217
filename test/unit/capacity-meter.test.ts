import { Readable } from 'node:stream';
import { describe, it, expect } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, NumberValue, PutCommand, ScanCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { awsBilledUnits, CapacityMeter, parseUpdateExpression, type TableSchema } from '../../bench/tools/capacity-meter.ts';
import { dynamoItemSizeBytes } from '../../bench/tools/item-size.ts';

describe('dynamoItemSizeBytes, by the rules AWS documents for capacity', () => {
  it('counts attribute names and string values as UTF-8 bytes', () => {
    expect(dynamoItemSizeBytes({ pk: 'a' })).toBe(3);
    expect(dynamoItemSizeBytes({ name: 'Иркутск' })).toBe(4 + 14);
    expect(dynamoItemSizeBytes({ город: 'x' })).toBe(10 + 1);
    expect(dynamoItemSizeBytes({ s: '😀' })).toBe(1 + 4);
  });

  it('counts numbers as digit pairs aligned on the point, plus one byte, plus one if negative', () => {
    // Each value below was checked against the write units DynamoDB Local bills at the 1 KB boundary.
    const valueSize = (n: string) => dynamoItemSizeBytes({ n: new NumberValue(n) }) - 1;
    const expected: Record<string, number> = {
      '0': 1,
      '7': 2,
      '12': 2,
      '99': 2,
      '100': 2,
      '101': 3,
      '123': 3,
      '1000': 2,
      '1001': 3,
      '1234567': 5,
      '12345678': 5,
      '12345678901234567890': 11,
      '1e20': 2,
      '0.5': 2,
      '0.05': 2,
      '0.123': 3,
      '1.2': 3,
      '1.23': 3,
      '12.3': 3,
      '123.4': 4,
      '1.5e-7': 2,
      '-5': 3,
      '-99': 3,
      '-1234': 4,
      '-1.5': 4,
      '-0.5': 3,
    };
    for (const [number, size] of Object.entries(expected)) expect([number, valueSize(number)]).toEqual([number, size]);
    expect(dynamoItemSizeBytes({ n: 1234567 })).toBe(1 + 5);
  });

  it('counts booleans and nulls as one byte and binaries by their raw length', () => {
    expect(dynamoItemSizeBytes({ t: true, f: false, z: null })).toBe(3 + 3);
    expect(dynamoItemSizeBytes({ b: new Uint8Array([1, 2, 3, 4, 5]) })).toBe(1 + 5);
  });

  it('gives lists and maps 3 bytes, plus their elements, plus 1 byte per element', () => {
    expect(dynamoItemSizeBytes({ m: {}, l: [] })).toBe(1 + 3 + 1 + 3);
    expect(dynamoItemSizeBytes({ m: { y: 'z' } })).toBe(1 + 3 + (1 + 1 + 1));
    expect(dynamoItemSizeBytes({ m: { y: 'z', w: 'v' } })).toBe(1 + 3 + 2 * (1 + 1 + 1));
    expect(dynamoItemSizeBytes({ l: ['z', 'v'] })).toBe(1 + 3 + 2 * (1 + 1));
    expect(dynamoItemSizeBytes({ l: [1, 'two', null, [false]] })).toBe(1 + 3 + (2 + 1) + (3 + 1) + (1 + 1) + (3 + 1 + 1 + 1));
  });

  it('adds up set elements without overhead', () => {
    expect(dynamoItemSizeBytes({ ss: new Set(['z', 'vv']) })).toBe(2 + 3);
    expect(dynamoItemSizeBytes({ ns: new Set([1, 22, 333]) })).toBe(2 + 2 + 2 + 3);
  });

  it('sizes an account profile month as DynamoDB Local bills it', () => {
    const item = {
      pk: 'a',
      sk: 'b',
      months: { '2026-01': { chargesKopecks: 1234567, billedNumbers: 3, dueKopecks: 1234567, paidKopecks: 1234567, paidOn: '2026-02-17' } },
    };
    // pk 3 + sk 3 + months (6 + 3 + '2026-01' 7 + 1 + the month's map 3 + 20 + 16 + 16 + 17 + 17)
    expect(dynamoItemSizeBytes(item)).toBe(112);
  });

  it('gives the same size to an item as plain values and as AttributeValues, and skips undefined values', () => {
    const item = { pk: 'ACCOUNT#1', n: -12.5, m: { a: [1, 'x', { b: true }] }, ss: new Set(['p', 'q']), bin: new Uint8Array([9, 9]), nothing: null };
    const attributeValues = {
      pk: { S: 'ACCOUNT#1' },
      n: { N: '-12.5' },
      m: { M: { a: { L: [{ N: '1' }, { S: 'x' }, { M: { b: { BOOL: true } } }] } } },
      ss: { SS: ['p', 'q'] },
      bin: { B: new Uint8Array([9, 9]) },
      nothing: { NULL: true },
    };
    expect(dynamoItemSizeBytes(attributeValues)).toBe(dynamoItemSizeBytes(item));
    expect(dynamoItemSizeBytes({ ...item, gone: undefined })).toBe(dynamoItemSizeBytes(item));
  });
});

describe('awsBilledUnits', () => {
  it('rounds each item read up to 4 KB; eventually consistent costs half, a missing item one unit', () => {
    expect(awsBilledUnits([{ kind: 'read', consistency: 'strong', rounding: 'per-item', itemSizes: [4096] }]).readRequestUnits).toBe(1);
    expect(awsBilledUnits([{ kind: 'read', consistency: 'strong', rounding: 'per-item', itemSizes: [4097] }]).readRequestUnits).toBe(2);
    expect(awsBilledUnits([{ kind: 'read', consistency: 'eventual', rounding: 'per-item', itemSizes: [4097] }]).readRequestUnits).toBe(1);
    expect(awsBilledUnits([{ kind: 'read', consistency: 'eventual', rounding: 'per-item', itemSizes: [0] }]).readRequestUnits).toBe(0.5);
  });

  it('sums a Query or Scan page before rounding, where a batch of gets rounds every item', () => {
    const sizes = [1500, 1500, 1500];
    expect(awsBilledUnits([{ kind: 'read', consistency: 'strong', rounding: 'per-page', itemSizes: sizes }]).readRequestUnits).toBe(2);
    expect(awsBilledUnits([{ kind: 'read', consistency: 'eventual', rounding: 'per-page', itemSizes: sizes }]).readRequestUnits).toBe(1);
    expect(awsBilledUnits([{ kind: 'read', consistency: 'strong', rounding: 'per-item', itemSizes: sizes }]).readRequestUnits).toBe(3);
    expect(awsBilledUnits([{ kind: 'read', consistency: 'eventual', rounding: 'per-page', itemSizes: [] }]).readRequestUnits).toBe(0.5);
  });

  it('bills writes per item by the KB, rounded up', () => {
    const units = (sizes: number[]) => awsBilledUnits([{ kind: 'write', transactional: false, itemSizes: sizes }]).writeRequestUnits;
    expect(units([1024])).toBe(1);
    expect(units([1025])).toBe(2);
    expect(units([10, 10])).toBe(2);
    expect(units([2500])).toBe(3);
  });

  it('doubles transactional reads and writes, but not the index entries a transaction propagates', () => {
    expect(awsBilledUnits([{ kind: 'read', consistency: 'transactional', rounding: 'per-item', itemSizes: [100, 5000] }]).readRequestUnits).toBe(6);
    const billed = awsBilledUnits([{ kind: 'write', transactional: true, itemSizes: [1500, 500], indexEntrySizes: [2500] }]);
    expect(billed.writeRequestUnits).toBe((2 + 1) * 2 + 3);
    expect(billed.indexWriteRequestUnits).toBe(3);
    expect(awsBilledUnits([{ kind: 'write', transactional: false, itemSizes: [1500, 500], indexEntrySizes: [2500] }]).writeRequestUnits).toBe(2 + 1 + 3);
  });
});

describe('parseUpdateExpression', () => {
  it('finds the top-level attribute of every action, with names resolved and function arguments kept together', () => {
    const actions = parseUpdateExpression('SET #s = :s, lastDecision = :d, #l = list_append(#l, :x) ADD #pages :one REMOVE #cursor, a.b[2] DELETE tags :t', {
      '#s': 'status',
      '#l': 'log',
      '#pages': 'pages',
      '#cursor': 'cursor',
    });
    expect(actions.map((a) => [a.clause, a.attribute, a.nested])).toEqual([
      ['SET', 'status', false],
      ['SET', 'lastDecision', false],
      ['SET', 'log', false],
      ['ADD', 'pages', false],
      ['REMOVE', 'cursor', false],
      ['REMOVE', 'a', true],
      ['DELETE', 'tags', false],
    ]);
    expect(actions[2]?.operand).toBe('list_append(#l, :x)');
  });

  it('does not take a #name or :value that spells a keyword for a clause', () => {
    expect(parseUpdateExpression('SET #set = :add', { '#set': 'set' }).map((a) => [a.clause, a.attribute, a.operand])).toEqual([['SET', 'set', ':add']]);
  });
});

/** A document client whose requests never leave the process: each gets the next canned DynamoDB response. */
function fakeDynamo(replies: readonly Record<string, unknown>[]) {
  const sent: Record<string, unknown>[] = [];
  const queue = [...replies];
  const client = new DynamoDBClient({
    region: 'eu-central-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    endpoint: 'http://127.0.0.1:9',
    requestHandler: {
      handle: async (request: { body?: unknown }) => {
        sent.push(JSON.parse(new TextDecoder().decode(request.body as Uint8Array)) as Record<string, unknown>);
        const body = JSON.stringify(queue.shift() ?? {});
        return { response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Readable.from([Buffer.from(body)]) } };
      },
    },
  });
  return { documents: DynamoDBDocumentClient.from(client), sent };
}

const schema: TableSchema = { partitionKey: 'pk', sortKey: 'sk', indexes: [{ name: 'accounts', partitionKey: 'reviewShard', sortKey: 'accountKey' }] };
const profile = { pk: 'ACCOUNT#1', sk: 'PROFILE', reviewShard: 'SHARD#1', accountKey: 'ACCOUNT#1', facts: 'f'.repeat(2400) };
/** The profile as DynamoDB puts it on the wire: every attribute above is a string. */
const wireProfile = Object.fromEntries(Object.entries(profile).map(([name, value]) => [name, { S: value }]));
const consumed = (units: number) => ({ ConsumedCapacity: { TableName: 't', CapacityUnits: units } });

describe('CapacityMeter', () => {
  it('asks every call for its consumed capacity and sums it per operation, with what AWS would bill', async () => {
    const { documents, sent } = fakeDynamo([
      { Items: [wireProfile], Count: 1, ScannedCount: 1, ...consumed(0.5) },
      { Item: wireProfile, ...consumed(1) },
      { ConsumedCapacity: [{ TableName: 't', CapacityUnits: 22 }] },
    ]);
    const meter = new CapacityMeter({ anyTable: schema });
    meter.attach(documents);

    await documents.send(new ScanCommand({ TableName: 't', IndexName: 'accounts' }));
    await documents.send(new GetCommand({ TableName: 't', Key: { pk: 'ACCOUNT#1', sk: 'PROFILE' }, ConsistentRead: true }));
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: 't', Item: { pk: 'ACCOUNT#1', sk: 'STATUS#2027', decision: 'd'.repeat(1400) } } },
          { Update: { TableName: 't', Key: { pk: 'ACCOUNT#1', sk: 'PROFILE' }, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { vip: true } } } },
        ],
      }),
    );

    expect(sent.every((body) => body.ReturnConsumedCapacity === 'TOTAL')).toBe(true);
    const totals = meter.totals();
    expect(totals.Scan).toMatchObject({ calls: 1, itemsRead: 1, reportedReadUnits: 0.5, billedReadRequestUnits: 0.5 });
    expect(totals.GetItem).toMatchObject({ calls: 1, itemsRead: 1, reportedReadUnits: 1, billedReadRequestUnits: 1 });
    // The profile (about 2.5 KB) is updated in place: 3 units, doubled; its index entry changes too, at the plain rate.
    expect(totals.TransactWriteItems).toMatchObject({ calls: 1, itemsWritten: 2, reportedWriteUnits: 22, billedWriteRequestUnits: 2 * 2 + 3 * 2 + 3, billedIndexWriteRequestUnits: 3 });
    expect(meter.total()).toMatchObject({ calls: 3, itemsRead: 2, itemsWritten: 2 });
  });

  it('bills an update on the whole item it has seen, and writes no index entry when nothing changed', async () => {
    const { documents } = fakeDynamo([{ Items: [wireProfile], Count: 1, ScannedCount: 1 }, {}, {}, {}]);
    const meter = new CapacityMeter({ anyTable: schema });
    meter.attach(documents);
    await documents.send(new ScanCommand({ TableName: 't' }));

    await documents.send(new UpdateCommand({ TableName: 't', Key: { pk: 'ACCOUNT#1', sk: 'PROFILE' }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': 1 } }));
    expect(meter.totals().UpdateItem).toMatchObject({ billedWriteRequestUnits: 3 + 3, billedIndexWriteRequestUnits: 3 });

    meter.reset();
    await documents.send(new UpdateCommand({ TableName: 't', Key: { pk: 'ACCOUNT#1', sk: 'PROFILE' }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': 1 } }));
    expect(meter.totals().UpdateItem).toMatchObject({ billedWriteRequestUnits: 3, billedIndexWriteRequestUnits: 0 });

    meter.reset();
    await documents.send(new PutCommand({ TableName: 't', Item: { pk: 'ACCOUNT#2', sk: 'PROFILE', small: 1 } }));
    expect(meter.totals().PutItem).toMatchObject({ billedWriteRequestUnits: 1, billedIndexWriteRequestUnits: 0 });
  });

  it('bills an INCLUDE index entry by its projected attributes, and not at all when none of them changed', async () => {
    const narrow: TableSchema = { partitionKey: 'pk', sortKey: 'sk', indexes: [{ name: 'accounts', partitionKey: 'reviewShard', sortKey: 'accountKey', include: ['status'] }] };
    const { documents } = fakeDynamo([{ Items: [wireProfile], Count: 1, ScannedCount: 1 }, {}, {}]);
    const meter = new CapacityMeter({ anyTable: narrow });
    meter.attach(documents);
    await documents.send(new ScanCommand({ TableName: 't' }));
    // The 2.5 KB profile costs 3 units; its index entry holds keys and status only: 1 unit.
    await documents.send(new UpdateCommand({ TableName: 't', Key: { pk: 'ACCOUNT#1', sk: 'PROFILE' }, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'vip' } }));
    expect(meter.totals().UpdateItem).toMatchObject({ billedWriteRequestUnits: 3 + 1, billedIndexWriteRequestUnits: 1 });
    meter.reset();
    await documents.send(new UpdateCommand({ TableName: 't', Key: { pk: 'ACCOUNT#1', sk: 'PROFILE' }, UpdateExpression: 'SET facts = :f', ExpressionAttributeValues: { ':f': 'g'.repeat(2400) } }));
    expect(meter.totals().UpdateItem).toMatchObject({ billedWriteRequestUnits: 3, billedIndexWriteRequestUnits: 0 });
  });

  it('counts a failed call without billing it, and stops when detached', async () => {
    const { documents } = fakeDynamo([]);
    const meter = new CapacityMeter();
    const detach = meter.attach(documents);
    const failing = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        region: 'eu-central-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        endpoint: 'http://127.0.0.1:9',
        maxAttempts: 1,
        requestHandler: {
          handle: async () => ({
            response: {
              statusCode: 400,
              headers: { 'content-type': 'application/x-amz-json-1.0' },
              body: Readable.from([Buffer.from(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'no' }))]),
            },
          }),
        },
      }),
    );
    meter.attach(failing);
    await expect(failing.send(new PutCommand({ TableName: 't', Item: { pk: 'x', sk: 'y' } }))).rejects.toThrow();
    expect(meter.totals().PutItem).toMatchObject({ calls: 1, failedCalls: 1, billedWriteRequestUnits: 0 });

    detach();
    await documents.send(new GetCommand({ TableName: 't', Key: { pk: 'x', sk: 'y' } }));
    expect(meter.totals().GetItem).toBeUndefined();
  });
});
