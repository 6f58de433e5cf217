import { QueryCommand, ScanCommand, type DynamoDBDocumentClient, type QueryCommandInput, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import type { HealthCounts } from '../../ports/health-counts.ts';

/** Counted with `Select: COUNT`, page after page: nothing but the numbers leaves the table. */
export class DynamoHealthCounts implements HealthCounts {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  deadLetters(): Promise<number> {
    return this.countQuery({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'DEADLETTER' } });
  }

  suppressedAddresses(): Promise<number> {
    return this.countQuery({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :email)', ExpressionAttributeValues: { ':pk': 'SUPPRESSION', ':email': 'EMAIL#' } });
  }

  /** A scan, because parked mail leaves the due index; a report's read, never a scheduled job's. */
  async parkedMails(): Promise<number> {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const input: ScanCommandInput = {
        TableName: this.tableName,
        Select: 'COUNT',
        FilterExpression: 'begins_with(pk, :outbox) AND #state = :parked',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':outbox': 'OUTBOX#', ':parked': 'parked' },
        ExclusiveStartKey: startKey,
      };
      const page = await this.client.send(new ScanCommand(input));
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return count;
  }

  private async countQuery(input: Omit<QueryCommandInput, 'TableName'>): Promise<number> {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, TableName: this.tableName, Select: 'COUNT', ExclusiveStartKey: startKey }));
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return count;
  }
}
