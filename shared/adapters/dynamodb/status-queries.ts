import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { StatusOverride } from '../../domain/account.ts';
import type { StatusDecision } from '../../domain/status-decision.ts';
import { accountItemSchema, type AccountItem } from '../../schemas/account-item.ts';
import { keys } from './keys.ts';
import { queryAll, queryPrefix, scanAll } from './query-all.ts';

export class UnknownAccountError extends Error {
  override readonly name = 'UnknownAccountError';
}

export interface AccountRecord {
  readonly account: AccountItem;
  readonly history: ReadonlyArray<{ readonly decision: StatusDecision; readonly decidedAt: string }>;
  readonly overrides: ReadonlyArray<StatusOverride | OverrideCleared>;
}

export interface OverrideCleared {
  readonly kind: 'cleared';
  readonly by: string;
  readonly at: string;
}

/** Reads and manual changes behind `vip report statuses`, `vip explain` and `vip override`. */
export class StatusQueries {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** A manager's accounts come from the manager index; the whole base from the sparse accounts index. */
  async listAccounts(filter: { managerId?: string }): Promise<AccountItem[]> {
    const items = filter.managerId
      ? await queryAll(this.client, {
          TableName: this.tableName,
          IndexName: 'byManager',
          KeyConditionExpression: 'managerKey = :m',
          ExpressionAttributeValues: { ':m': `MANAGER#${filter.managerId}` },
        })
      : await scanAll(this.client, { TableName: this.tableName, IndexName: 'accounts' });
    return items
      .map((item) => accountItemSchema.safeParse(item))
      .flatMap((parsed) => (parsed.success ? [parsed.data] : []))
      .sort((a, b) => a.accountId.localeCompare(b.accountId));
  }

  async accountRecord(accountId: string): Promise<AccountRecord> {
    const profile = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.account(accountId) }));
    if (!profile.Item) throw new UnknownAccountError(`no account "${accountId}"`);
    const [history, overrides] = await Promise.all(
      ['STATUS#', 'OVERRIDE#'].map((prefix) => queryPrefix(this.client, this.tableName, keys.account(accountId).pk, prefix)),
    );
    return {
      account: accountItemSchema.parse(profile.Item),
      history: (history ?? [])
        .map((h) => ({ decision: h.decision as StatusDecision, decidedAt: String(h.decidedAt) }))
        .sort((a, b) => a.decidedAt.localeCompare(b.decidedAt)),
      overrides: (overrides ?? []).map((o) => o.override as StatusOverride | OverrideCleared),
    };
  }

  /** Sets (or with `undefined`, clears) the account's override and keeps it in the override history. */
  async setOverride(accountId: string, override: StatusOverride | undefined, audit: { by: string; at: string }): Promise<void> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.account(accountId),
                ConditionExpression: 'attribute_exists(pk)',
                UpdateExpression: override ? 'SET #o = :o' : 'REMOVE #o',
                ExpressionAttributeNames: { '#o': 'override' },
                ...(override && { ExpressionAttributeValues: { ':o': override } }),
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.override(accountId, audit.at), override: override ?? ({ kind: 'cleared', by: audit.by, at: audit.at } satisfies OverrideCleared) },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed')
        throw new UnknownAccountError(`no account "${accountId}"`);
      if (error instanceof ConditionalCheckFailedException) throw new UnknownAccountError(`no account "${accountId}"`);
      throw error;
    }
  }
}
