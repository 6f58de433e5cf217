import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import type { HealthFindings, StallFinding, WatchedWorkflow } from '../../ports/run-health.ts';
import { formatZodIssues } from '../../schemas/format-issues.ts';
import { keys } from './keys.ts';
import { queryPrefix } from './query-all.ts';

const stallFindingSchema = z.object({
  workflow: z.enum(['status-review', 'surveys']),
  runKey: z.string().min(1),
  firstDetectedAt: z.string(),
  lastDetectedAt: z.string(),
  lastProgressAt: z.string(),
  republishes: z.number().int().nonnegative(),
  republished: z.array(z.number().int().nonnegative()),
  gaveUp: z.boolean(),
  resolvedAt: z.string().optional(),
});

function toFinding(item: Record<string, unknown>): StallFinding {
  const parsed = stallFindingSchema.safeParse(item);
  if (!parsed.success) throw new Error(`stored stall finding ${String(item.sk)} is malformed: ${formatZodIssues(parsed.error)}`);
  return parsed.data;
}

/** The watchdog's findings under `HEALTH / STALL#<workflow>#<run>`. */
export class DynamoHealthFindings implements HealthFindings {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async stall(workflow: WatchedWorkflow, runKey: string): Promise<StallFinding | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.stallFinding(workflow, runKey), ConsistentRead: true }));
    return Item === undefined ? undefined : toFinding(Item);
  }

  async recordStall(finding: StallFinding): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.stallFinding(finding.workflow, finding.runKey), ...finding } }));
  }

  async openStalls(): Promise<StallFinding[]> {
    const items = await queryPrefix(this.client, this.tableName, 'HEALTH', 'STALL#', { consistent: true });
    return items.map(toFinding).filter((f) => f.resolvedAt === undefined);
  }

  async resolveStall(workflow: WatchedWorkflow, runKey: string, at: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.stallFinding(workflow, runKey),
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(resolvedAt)',
          UpdateExpression: 'SET resolvedAt = :at',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      // Resolved by an overlapping watchdog run already.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
