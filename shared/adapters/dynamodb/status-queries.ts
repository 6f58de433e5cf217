import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { StatusOverride } from '../../domain/account.ts';
import type { OverrideStore } from '../../ports/override-store.ts';
import type { StatusDecision } from '../../domain/status-decision.ts';
import { accountItemSchema, type AccountItem } from '../../schemas/account-item.ts';
import { keys } from './keys.ts';
import { isStatusItem, joinAccountEntries } from './account-entries.ts';
import { batchGet } from './batch-get.ts';
import { decodeDecision } from './decision-codec.ts';

/** What a status report reads of a status item: not the stored decision. */
const statusProjection = { ProjectionExpression: 'pk, sk, #s, lastDecision', ExpressionAttributeNames: { '#s': 'status' } };
import { queryAll, queryPrefix, scanAll } from './query-all.ts';

export class UnknownAccountError extends Error {
  override readonly name = 'UnknownAccountError';
}

export interface AccountRecord {
  readonly account: AccountItem;
  /** The decision behind the current status (a renewal included), when one was made. */
  readonly latest?: { readonly decision: StatusDecision; readonly decidedAt: string };
  /** The changes of status or tier, oldest first, and the latest decision if it was not one. */
  readonly history: ReadonlyArray<{ readonly decision: StatusDecision; readonly decidedAt: string }>;
  readonly overrides: ReadonlyArray<StatusOverride | OverrideCleared>;
}

export interface OverrideCleared {
  readonly kind: 'cleared';
  readonly by: string;
  readonly at: string;
}

/** Reads and manual changes behind `vip report statuses`, `vip explain` and `vip override`. */
export class StatusQueries implements OverrideStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * A manager's accounts come from the manager index, with their status items read by key; the
   * whole base from the sparse accounts index, which holds both.
   */
  async listAccounts(filter: { managerId?: string }): Promise<AccountItem[]> {
    let items: Record<string, unknown>[];
    if (filter.managerId) {
      const profiles = await queryAll(this.client, {
        TableName: this.tableName,
        IndexName: 'byManager',
        KeyConditionExpression: 'managerKey = :m',
        ExpressionAttributeValues: { ':m': `MANAGER#${filter.managerId}` },
      });
      const statuses = await batchGet(this.client, this.tableName, profiles.map((p) => keys.accountStatus(String(p.accountId))), statusProjection);
      items = [...profiles, ...statuses];
    } else items = await scanAll(this.client, { TableName: this.tableName, IndexName: 'accounts' });
    return joinAccountEntries(items)
      .accounts.map((item) => accountItemSchema.safeParse(item))
      .flatMap((parsed) => (parsed.success ? [parsed.data] : []))
      .sort((a, b) => a.accountId.localeCompare(b.accountId));
  }

  async accountRecord(accountId: string): Promise<AccountRecord> {
    const [found, history, overrides] = await Promise.all([
      batchGet(this.client, this.tableName, [keys.account(accountId), keys.accountStatus(accountId)]),
      ...['STATUS#', 'OVERRIDE#'].map((prefix) => queryPrefix(this.client, this.tableName, keys.account(accountId).pk, prefix)),
    ]);
    const profile = found!.find((item) => !isStatusItem(item));
    if (!profile) throw new UnknownAccountError(`no account "${accountId}"`);
    const statusItem = found!.find(isStatusItem);
    const changes = (history ?? [])
      .map((h) => ({ decision: decodeDecision(h.decision), decidedAt: String(h.decidedAt) }))
      .sort((a, b) => a.decidedAt.localeCompare(b.decidedAt));
    const latest =
      statusItem?.decision !== undefined
        ? { decision: decodeDecision(statusItem.decision), decidedAt: String((statusItem.lastDecision as { decidedAt?: string } | undefined)?.decidedAt ?? '') }
        : undefined;
    // Renewals are not kept as history; the latest decision is, whatever it was.
    const withLatest = latest && !changes.some((c) => c.decision.reviewKey === latest.decision.reviewKey) ? [...changes, latest] : changes;
    return {
      account: accountItemSchema.parse(joinAccountEntries(found!).accounts[0]),
      ...(latest && { latest }),
      history: withLatest,
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
