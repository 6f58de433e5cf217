import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FunctionName, TableAction, TableGrant, Topology } from '../topology.ts';

/** The function whose handler is running (set by the local function runtime around each invocation). */
export const runningFunction = new AsyncLocalStorage<FunctionName>();

/** What IAM would answer on AWS: the local stack refuses a call the topology does not grant. */
export class TableAccessDenied extends Error {
  override readonly name = 'AccessDeniedException';
}

type Item = Readonly<Record<string, unknown>>;
interface Access {
  readonly action: TableAction;
  readonly index?: string;
  /** Partition keys touched; undefined when the call names none (a Scan) or they cannot be read. */
  readonly partitionKeys?: readonly unknown[];
}

const guarded = new WeakSet<object>();

/**
 * Holds every DynamoDB call a handler makes to its function's table grant in the topology, the
 * description IAM is built from on AWS: actions, indexes and `dynamodb:LeadingKeys`. Calls made
 * outside a handler (the CLI, imports, tests) pass.
 */
export function guardTableAccess(client: DynamoDBDocumentClient, topology: Topology, partitionKey: string): void {
  if (guarded.has(client)) return;
  guarded.add(client);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const fn = runningFunction.getStore();
      if (fn !== undefined) {
        const grant = topology.functions[fn].grants.table;
        for (const access of accessesOf(context.commandName ?? '', args.input as Item, partitionKey)) check(fn, grant, access);
      }
      return next(args);
    },
    { step: 'initialize', name: 'vipTableAccessGuard' },
  );
}

function check(fn: FunctionName, grant: TableGrant | undefined, access: Access): void {
  const denied = (why: string): never => {
    throw new TableAccessDenied(`${fn} is not granted ${why}; declare it in its table grant in infra/topology.ts`);
  };
  if (grant === undefined) return denied(`any table access (dynamodb:${access.action})`);
  if (access.index !== undefined) {
    const actions = grant.indexes?.[access.index as keyof NonNullable<TableGrant['indexes']>] ?? [];
    if (!(actions as readonly string[]).includes(access.action)) denied(`dynamodb:${access.action} on index ${access.index}`);
    return;
  }
  if (!grant.actions.includes(access.action)) denied(`dynamodb:${access.action} on the table`);
  const leadingKeys = access.action === 'BatchWriteItem' ? (grant.batchWriteLeadingKeys ?? grant.leadingKeys) : grant.leadingKeys;
  if (leadingKeys === undefined) return;
  if (access.partitionKeys === undefined) return denied(`dynamodb:${access.action} without a partition key (it is limited to ${leadingKeys.join(', ')})`);
  for (const key of access.partitionKeys)
    if (typeof key !== 'string' || !leadingKeys.some((pattern) => likePattern(pattern).test(key))) denied(`partition key ${String(key)} (dynamodb:LeadingKeys ${leadingKeys.join(', ')})`);
}

/** IAM's StringLike: `*` any run of characters, `?` one. */
function likePattern(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

function accessesOf(command: string, input: Item, pk: string): Access[] {
  const keyOf = (item: unknown): unknown => (item as Item | undefined)?.[pk];
  switch (command) {
    case 'GetItemCommand':
      return [{ action: 'GetItem', partitionKeys: [keyOf(input.Key)] }];
    case 'PutItemCommand':
      return [{ action: 'PutItem', partitionKeys: [keyOf(input.Item)] }];
    case 'UpdateItemCommand':
      return [{ action: 'UpdateItem', partitionKeys: [keyOf(input.Key)] }];
    case 'DeleteItemCommand':
      return [{ action: 'DeleteItem', partitionKeys: [keyOf(input.Key)] }];
    case 'BatchGetItemCommand':
      return [{ action: 'BatchGetItem', partitionKeys: Object.values((input.RequestItems ?? {}) as Record<string, { Keys: unknown[] }>).flatMap((r) => r.Keys.map(keyOf)) }];
    case 'BatchWriteItemCommand':
      return [
        {
          action: 'BatchWriteItem',
          partitionKeys: Object.values((input.RequestItems ?? {}) as Record<string, { PutRequest?: { Item: unknown }; DeleteRequest?: { Key: unknown } }[]>).flatMap((requests) =>
            requests.map((r) => keyOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key)),
          ),
        },
      ];
    case 'TransactWriteItemsCommand':
      return ((input.TransactItems ?? []) as { Put?: { Item: unknown }; Update?: { Key: unknown }; Delete?: { Key: unknown }; ConditionCheck?: { Key: unknown } }[]).map((t) =>
        t.Put
          ? { action: 'PutItem', partitionKeys: [keyOf(t.Put.Item)] }
          : t.Update
            ? { action: 'UpdateItem', partitionKeys: [keyOf(t.Update.Key)] }
            : t.Delete
              ? { action: 'DeleteItem', partitionKeys: [keyOf(t.Delete.Key)] }
              : { action: 'ConditionCheckItem', partitionKeys: [keyOf(t.ConditionCheck?.Key)] },
      );
    case 'TransactGetItemsCommand':
      return ((input.TransactItems ?? []) as { Get: { Key: unknown } }[]).map((t) => ({ action: 'GetItem', partitionKeys: [keyOf(t.Get.Key)] }));
    case 'QueryCommand': {
      const index = input.IndexName as string | undefined;
      return [{ action: 'Query', ...(index !== undefined ? { index } : queriedPartition(input, pk)) }];
    }
    case 'ScanCommand':
      return [{ action: 'Scan', ...(input.IndexName !== undefined && { index: input.IndexName as string }) }];
    default:
      // Table administration (DescribeTable, CreateTable...) is never a handler's business.
      return [{ action: command.replace(/Command$/, '') as TableAction }];
  }
}

/** The partition key a table Query names in its key condition (`pk = :v`, or through a `#name`). */
function queriedPartition(input: Item, pk: string): Pick<Access, 'partitionKeys'> {
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  for (const match of String(input.KeyConditionExpression ?? '').matchAll(/([#\w]+)\s*=\s*(:\w+)/g)) {
    const name = match[1]!.startsWith('#') ? names[match[1]!] : match[1];
    if (name === pk) return { partitionKeys: [values[match[2]!]] };
  }
  return {};
}
