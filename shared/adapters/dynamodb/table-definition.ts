import type { CreateTableCommandInput, GlobalSecondaryIndex, Projection } from '@aws-sdk/client-dynamodb';
import { table, type IndexSpec } from '../../schemas/table-layout.ts';

const indexes: readonly IndexSpec[] = table.indexes;

/** The CreateTable input for the local stack and tests, derived from the same topology as the CDK table. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyNames = new Set<string>([table.partitionKey, table.sortKey]);
  for (const index of indexes) {
    keyNames.add(index.partitionKey);
    if (index.sortKey) keyNames.add(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...keyNames].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: table.partitionKey, KeyType: 'HASH' },
      { AttributeName: table.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: indexes.map(globalSecondaryIndex),
    StreamSpecification: { StreamEnabled: true, StreamViewType: table.streamView },
  };
}

export function globalSecondaryIndex(index: IndexSpec): GlobalSecondaryIndex {
  return {
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' },
      ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: 'RANGE' as const }] : []),
    ],
    Projection: projectionOf(index),
  };
}

function projectionOf(index: IndexSpec): Projection {
  if (index.keysOnly) return { ProjectionType: 'KEYS_ONLY' };
  if (index.include) return { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.include] };
  return { ProjectionType: 'ALL' };
}

/** Index specs of the topology, for the local stack to add what an older local table lacks. */
export const topologyIndexes = indexes;
