import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, UpdateTableCommand, type DynamoDBClient, type TableDescription } from '@aws-sdk/client-dynamodb';
import { table } from '../../../infra/topology.ts';
import { createTableInput, globalSecondaryIndex, topologyIndexes } from './table-definition.ts';

/**
 * Creates the table if it is missing; the local stack's counterpart of the CDK deployment. A
 * table from an older version (a kept data folder) gets what it lacks: the stream the outbox
 * sender is woken by, and any index added since, so the same topology runs on it.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'existed' | 'updated'> {
  let description: TableDescription | undefined;
  try {
    description = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  if (!description) {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    return 'created';
  }
  let updated = false;
  if (description.StreamSpecification?.StreamEnabled !== true) {
    await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: true, StreamViewType: table.streamView } }));
    updated = true;
  }
  const existing = new Set((description.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const definitions = createTableInput(tableName).AttributeDefinitions;
  // One index per UpdateTable call: DynamoDB refuses more at once.
  for (const index of topologyIndexes.filter((i) => !existing.has(i.name))) {
    await client.send(new UpdateTableCommand({ TableName: tableName, AttributeDefinitions: definitions, GlobalSecondaryIndexUpdates: [{ Create: globalSecondaryIndex(index) }] }));
    updated = true;
  }
  return updated ? 'updated' : 'existed';
}
