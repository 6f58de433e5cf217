import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export class BatchGetIncompleteError extends Error {
  override readonly name = 'BatchGetIncompleteError';
}

export interface BatchGetRetry {
  /** Calls per chunk of 100 keys, the first included. */
  readonly maxAttempts: number;
  /** The wait before the second call; it doubles after each, up to 2 s, with jitter. */
  readonly baseDelayMs: number;
}

const defaultRetry: BatchGetRetry = { maxAttempts: 8, baseDelayMs: 50 };

/**
 * BatchGetItem in calls of 100 keys, re-asking for UnprocessedKeys with exponential backoff and
 * a bounded number of attempts: a table that keeps throttling fails the read with a clear error
 * instead of spinning. Returns the items found (a missing key simply has none).
 */
export async function batchGet(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Record<string, string>[],
  projection?: { readonly ProjectionExpression: string; readonly ExpressionAttributeNames?: Record<string, string>; readonly ConsistentRead?: boolean },
  retry: BatchGetRetry = defaultRetry,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    const chunk = keys.slice(i, i + 100);
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = { [tableName]: { Keys: chunk, ...projection } };
    for (let attempt = 1; request && Object.keys(request).length; attempt++) {
      if (attempt > retry.maxAttempts) {
        const left = request[tableName]?.Keys.length ?? 0;
        throw new BatchGetIncompleteError(`${left} of ${chunk.length} keys of ${tableName} were still unprocessed after ${retry.maxAttempts} attempts (the table is throttling reads)`);
      }
      if (attempt > 1) await new Promise((r) => setTimeout(r, Math.min(2000, retry.baseDelayMs * 2 ** (attempt - 2)) * (0.5 + Math.random() / 2)));
      const result = await client.send(new BatchGetCommand({ RequestItems: request }));
      items.push(...(result.Responses?.[tableName] ?? []));
      request = result.UnprocessedKeys as typeof request;
    }
  }
  return items;
}
