import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ItemKey, Redaction, StoredItem, Subject } from '../../domain/data-rights/personal-items.ts';
import { expiresAfter, retention } from '../../domain/data-rights/retention.ts';
import type { DataRightsAuditEntry, ForgetRecord, PersonalDataStore, RetentionStore } from '../../ports/personal-data.ts';
import { batchGet } from './batch-get.ts';
import { decodeDecision } from './decision-codec.ts';
import { keys } from './keys.ts';
import { queryAll, queryPrefix, scanAll } from './query-all.ts';

const forgottenPartition = keys.forgotten('contact', '').pk;

/**
 * What is held about a person, read by key and through the `byPerson` index, and changed item by
 * item: deletes, and redactions conditional on the item still existing (a redaction never
 * recreates a deleted item). docs/data-rights.md.
 */
export class DynamoPersonalDataStore implements PersonalDataStore, RetentionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async partition(pk: string): Promise<StoredItem[]> {
    return (await queryPrefix(this.client, this.tableName, pk, '', { consistent: true })).map(decoded);
  }

  async aboutPerson(personKey: string): Promise<StoredItem[]> {
    const found = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: 'byPerson',
      KeyConditionExpression: 'personKey = :key',
      ExpressionAttributeValues: { ':key': personKey },
    });
    return this.get(found.map((i) => ({ pk: String(i.pk), sk: String(i.sk) })));
  }

  answers(invitations: readonly { waveKey: string; invitationId: string }[]): Promise<StoredItem[]> {
    return this.get(invitations.map((i) => keys.surveyAnswer(i.waveKey, i.invitationId)));
  }

  taskLinkPointers(linkIds: readonly string[]): Promise<StoredItem[]> {
    return this.get(linkIds.map((id) => keys.taskLinkRef(id)));
  }

  suppressions(emailHashes: readonly string[]): Promise<StoredItem[]> {
    return this.get(emailHashes.map((h) => keys.suppression(h)));
  }

  async accountRecordsElsewhere(accountId: string, refs: { reviewChanges: readonly { reviewKey: string; managerId: string }[]; numbers: readonly string[] }): Promise<StoredItem[]> {
    const items = await this.get([...refs.reviewChanges.map((r) => keys.reviewChange(r.reviewKey, r.managerId, accountId)), ...refs.numbers.map((n) => keys.numberOwner(n))]);
    // A number that moved on to another account is no longer this account's.
    return items.filter((i) => !i.pk.startsWith('NUMBER#') || i.accountId === accountId);
  }

  async deleteItem(key: ItemKey): Promise<boolean> {
    const result = await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: key.pk, sk: key.sk }, ReturnValues: 'ALL_OLD' }));
    return result.Attributes !== undefined;
  }

  async redact(key: ItemKey, redaction: Redaction): Promise<boolean> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const removes = redaction.remove.map((name, i) => ((names[`#r${i}`] = name), `#r${i}`));
    const sets = Object.entries(redaction.replace).map(([name, value], i) => ((names[`#s${i}`] = name), (values[`:s${i}`] = value), `#s${i} = :s${i}`));
    if (removes.length === 0 && sets.length === 0) return false;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: key.pk, sk: key.sk },
          UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim(),
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: names,
          ...(sets.length && { ExpressionAttributeValues: values }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  suppressHash(emailHash: string, at: string): Promise<boolean> {
    return this.putIfAbsent({ ...keys.suppression(emailHash), emailHash, reason: 'forgotten', at });
  }

  async forgetRecord(subject: Subject): Promise<ForgetRecord | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.forgotten(subject.kind, subjectIdOf(subject)), ConsistentRead: true }));
    return result.Item ? toRecord(result.Item) : undefined;
  }

  async saveForgetRecord(record: ForgetRecord): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.forgotten(record.subject.kind, subjectIdOf(record.subject)), record } }));
  }

  async forgetLog(): Promise<ForgetRecord[]> {
    const items = await queryPrefix(this.client, this.tableName, forgottenPartition, '', { consistent: true });
    return items.map(toRecord).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  }

  async forgottenIds(subject: Subject['kind'], ids: readonly string[]): Promise<Set<string>> {
    const items = await batchGet(this.client, this.tableName, [...new Set(ids)].map((id) => keys.forgotten(subject, id)));
    return new Set(items.map(toRecord).filter((r) => r.returnedAt === undefined).map((r) => subjectIdOf(r.subject)));
  }

  async markReturned(subject: Subject['kind'], ids: readonly string[], at: string): Promise<void> {
    for (const id of new Set(ids))
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.forgotten(subject, id),
          UpdateExpression: 'SET #record.returnedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#record': 'record' },
          ExpressionAttributeValues: { ':at': at },
        }),
      );
  }

  async recordAudit(entry: DataRightsAuditEntry): Promise<void> {
    await this.putIfAbsent({ ...keys.dataRightsAudit(entry.at, entry.id), entry, expiresAt: expiresAfter(entry.at, retention.auditDays) });
  }

  async resolvedCases(): Promise<StoredItem[]> {
    const items = await scanAll(this.client, {
      TableName: this.tableName,
      IndexName: 'casesByManager',
      FilterExpression: '#state = :resolved',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':resolved': 'resolved' },
    });
    return items as StoredItem[];
  }

  async closedTasks(): Promise<StoredItem[]> {
    const items = await scanAll(this.client, {
      TableName: this.tableName,
      IndexName: 'tasksByManager',
      FilterExpression: '#state IN (:done, :cancelled)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':done': 'done', ':cancelled': 'cancelled' },
    });
    return items as StoredItem[];
  }

  async answersOf(quarter: string): Promise<StoredItem[]> {
    return (await queryPrefix(this.client, this.tableName, keys.surveyAnswer(quarter, '').pk, 'ANSWER#')) as StoredItem[];
  }

  private async get(itemKeys: readonly { pk: string; sk: string }[]): Promise<StoredItem[]> {
    const unique = [...new Map(itemKeys.map((k) => [`${k.pk} ${k.sk}`, k])).values()];
    return (await batchGet(this.client, this.tableName, unique)).map(decoded);
  }

  private async putIfAbsent(item: Record<string, unknown>): Promise<boolean> {
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

function subjectIdOf(subject: Subject): string {
  return subject.kind === 'contact' ? subject.contactId : subject.accountId;
}

function toRecord(item: Record<string, unknown>): ForgetRecord {
  return item.record as ForgetRecord;
}

/** Status decisions are stored compressed; an export shows them as they were decided. */
function decoded(item: Record<string, unknown>): StoredItem {
  return (item.decision instanceof Uint8Array ? { ...item, decision: decodeDecision(item.decision) } : item) as StoredItem;
}
