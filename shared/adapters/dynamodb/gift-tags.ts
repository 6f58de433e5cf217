import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import type { AccountStatus } from '../../domain/account.ts';
import { giftTagOf, sameTag, type GiftTag } from '../../domain/gifts/gift-due.ts';
import { occasionKindOfRole, type Occasion } from '../../domain/gifts/gift-task.ts';
import type { TaggedOccasion } from '../../ports/gift-store.ts';
import type { GiftTasksConfig } from '../../schemas/programme-config.ts';
import { accountStatusSchema } from '../../schemas/account-item.ts';
import { batchGet } from './batch-get.ts';
import { keys } from './keys.ts';
import { queryAll } from './query-all.ts';
import { updateExpression } from './update-expression.ts';

/** The due-index attributes of a tag; an occasion without a tag has none of them (REMOVEd on update). */
export function giftTagAttributes(tag: GiftTag | undefined): Record<string, string | undefined> {
  return { giftDue: tag?.due, giftTier: tag?.tier, giftManagerId: tag?.managerId, giftAccountName: tag?.accountName };
}

export function giftTagFrom(item: Record<string, unknown>): GiftTag | undefined {
  if (typeof item.giftDue !== 'string') return undefined;
  return {
    due: item.giftDue,
    tier: String(item.giftTier),
    managerId: String(item.giftManagerId),
    ...(typeof item.giftAccountName === 'string' && { accountName: item.giftAccountName }),
  };
}

/** An occasion item (contact with a birth date, company date) or its index entry, as the gift run sees it. */
export function toOccasion(item: Record<string, unknown>): Occasion[] {
  const sk = String(item.sk);
  const accountId = String(item.pk).slice('ACCOUNT#'.length);
  if (sk.startsWith('CONTACT#') && typeof item.birthDate === 'string')
    return [
      {
        accountId,
        sourceId: String(item.contactId),
        kind: occasionKindOfRole(item.role as 'client' | 'director' | 'contact'),
        originalDate: item.birthDate,
        personName: String(item.fullName),
        consent: item.consentEmail === true,
        active: item.active !== false,
        ...(item.suspectDate === true && { suspectDate: true }),
      },
    ];
  if (sk.startsWith('DATE#') && typeof item.date === 'string')
    return [
      {
        accountId,
        sourceId: `company-${String(item.kind)}`,
        kind: 'company-anniversary',
        originalDate: item.date,
        personName: String(item.description || item.kind),
        consent: true,
        active: true,
        ...(item.suspectDate === true && { suspectDate: true }),
      },
    ];
  return [];
}

/** What a tag is computed from: each account's status (none: not VIP), manager and name. */
export async function accountsForTags(client: DynamoDBDocumentClient, tableName: string, accountIds: readonly string[]) {
  const ids = [...new Set(accountIds)];
  const [statusItems, profiles] = await Promise.all([
    // Consistent: a re-tag runs right after the write that changed the status or the manager.
    batchGet(client, tableName, ids.map((id) => keys.accountStatus(id)), { ProjectionExpression: 'pk, #s', ExpressionAttributeNames: { '#s': 'status' }, ConsistentRead: true }),
    batchGet(client, tableName, ids.map((id) => keys.account(id)), { ProjectionExpression: 'pk, managerId, #n', ExpressionAttributeNames: { '#n': 'name' }, ConsistentRead: true }),
  ]);
  const statuses = new Map(statusItems.map((item) => [idOf(item), statusOf(item.status)]));
  const accounts = new Map<string, { status: AccountStatus; managerId: string; name?: string }>();
  for (const profile of profiles)
    accounts.set(idOf(profile), { status: statuses.get(idOf(profile)) ?? { vip: false }, managerId: String(profile.managerId ?? ''), ...(typeof profile.name === 'string' && { name: profile.name }) });
  return accounts;
}

/** An account's occasions, each with the tag it carries now. */
export async function occasionsOfAccount(client: DynamoDBDocumentClient, tableName: string, accountId: string): Promise<TaggedOccasion[]> {
  const pk = keys.account(accountId).pk;
  const items = (
    await Promise.all(
      ['CONTACT#', 'DATE#'].map((prefix) =>
        queryAll(client, { TableName: tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': pk, ':p': prefix }, ConsistentRead: true }),
      ),
    )
  ).flat();
  return items.flatMap((item) => toOccasion(item).map((occasion) => ({ occasion, itemSk: String(item.sk), ...optionalTag(giftTagFrom(item)) })));
}

/** Sets or removes the tag of one occasion item; an item deleted meanwhile (a forget) is not brought back. */
export async function writeGiftTag(client: DynamoDBDocumentClient, tableName: string, accountId: string, itemSk: string, tag: GiftTag | undefined): Promise<void> {
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: keys.account(accountId).pk, sk: itemSk },
        ...withCondition(updateExpression(giftTagAttributes(tag)), 'attribute_exists(pk)'),
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
}

/** Makes the tags of these accounts' occasions what their status, manager and name say now; writes only those that differ. */
export async function retagAccounts(client: DynamoDBDocumentClient, tableName: string, accountIds: readonly string[], gifts: GiftTasksConfig): Promise<number> {
  const accounts = await accountsForTags(client, tableName, accountIds);
  let written = 0;
  await pMap(
    [...new Set(accountIds)],
    async (accountId) => {
      const account = accounts.get(accountId) ?? { status: { vip: false }, managerId: '' };
      for (const one of await occasionsOfAccount(client, tableName, accountId)) {
        const tag = giftTagOf(one.occasion, account, gifts);
        if (sameTag(tag, one.tag)) continue;
        await writeGiftTag(client, tableName, accountId, one.itemSk, tag);
        written++;
      }
    },
    { concurrency: 8 },
  );
  return written;
}

function withCondition<T extends { UpdateExpression: string }>(update: T, condition: string) {
  return { ...update, ConditionExpression: condition };
}

function optionalTag(tag: GiftTag | undefined) {
  return tag ? { tag } : {};
}

function idOf(item: Record<string, unknown>): string {
  return String(item.pk).slice('ACCOUNT#'.length);
}

function statusOf(raw: unknown): AccountStatus {
  const parsed = accountStatusSchema.safeParse(raw ?? { vip: false });
  return parsed.success ? parsed.data : { vip: false };
}
