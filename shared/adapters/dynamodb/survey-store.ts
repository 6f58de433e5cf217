import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import pMap from 'p-map';
import { accountStatusSchema } from '../../schemas/account-item.ts';
import type { Invitation } from '../../domain/surveys/invitation.ts';
import type { QuarterKey } from '../../domain/surveys/quarter.ts';
import type { SurveyWave } from '../../domain/surveys/survey-wave.ts';
import type { Suppression } from '../../domain/surveys/suppression.ts';
import { emailHash } from '../crypto/digests.ts';
import type { OutboxMail } from '../../ports/outbox.ts';
import { expiresAfter, retention } from '../../domain/data-rights/retention.ts';
import type {
  AccountContacts,
  InvitationLookup,
  InvitationRef,
  InviteOutcome,
  PageCursor,
  ReminderStore,
  StoredWave,
  SuppressionStore,
  WaveAccount,
  WaveOpeningStore,
} from '../../ports/survey-store.ts';
import { batchGet } from './batch-get.ts';
import { isStatusItem, joinAccountEntries } from './account-entries.ts';
import { keys, personIndexAttributes, reviewShardCount } from './keys.ts';
import { outboxPut } from './outbox-items.ts';
import { queryPrefix } from './query-all.ts';

const concurrency = 8;
/** A transaction that collides with another one on the same item is tried again this often. */
const conflictRetries = 5;

/**
 * The survey workflow's items: waves, invitations, their pointers and address markers, contact
 * records and suppressions (docs/data-model.md#surveys). Every write that must happen once is
 * conditional; every mail goes into the outbox in the transaction of the item that causes it.
 */
export class DynamoSurveyStore implements WaveOpeningStore, ReminderStore, SuppressionStore, InvitationLookup {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  // ---- waves

  async createWave(wave: SurveyWave): Promise<{ wave: StoredWave; created: boolean }> {
    const stored: StoredWave = { ...wave, pages: 0, reminders: Object.fromEntries(wave.reminderDays.map((d) => [String(d), { pages: 0, done: false }])) };
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.surveyWave(wave.waveKey), ...stored }, ConditionExpression: 'attribute_not_exists(pk)' }));
      return { wave: stored, created: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.getWave(wave.waveKey);
      if (!existing) throw new Error(`wave ${wave.waveKey} exists and cannot be read`, { cause: error });
      return { wave: existing, created: false };
    }
  }

  async getWave(waveKey: QuarterKey): Promise<StoredWave | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.surveyWave(waveKey), ConsistentRead: true }));
    if (!result.Item) return undefined;
    const { pk: _pk, sk: _sk, ...wave } = result.Item;
    return wave as unknown as StoredWave;
  }

  /** Every wave, oldest first: a handful of items in their own partitions, found through their keys. */
  async waves(waveKeys: readonly QuarterKey[]): Promise<StoredWave[]> {
    const items = await batchGet(this.client, this.tableName, waveKeys.map((q) => keys.surveyWave(q)));
    return items.map(({ pk: _pk, sk: _sk, ...wave }) => wave as unknown as StoredWave).sort((a, b) => a.waveKey.localeCompare(b.waveKey));
  }

  // ---- opening

  /**
   * One shard of the sparse `accounts` index after another (a Query each, never a Scan of the
   * table): the index holds one entry per account profile, so nothing but profiles is read.
   */
  async readAccounts(cursor: PageCursor | undefined, limit: number): Promise<{ accounts: WaveAccount[]; cursor?: PageCursor }> {
    const shard = typeof cursor?.shard === 'number' ? cursor.shard : 0;
    const query = (startKey: Record<string, unknown> | undefined, pageLimit: number) =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'accounts',
          KeyConditionExpression: 'reviewShard = :shard',
          ExpressionAttributeValues: { ':shard': `SHARD#${shard}` },
          ProjectionExpression: 'pk, sk, accountId, managerId, customerType, city, #status',
          ExpressionAttributeNames: { '#status': 'status' },
          Limit: pageLimit,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
    const page = await query(cursor?.key as Record<string, unknown> | undefined, limit);
    const items = page.Items ?? [];
    let lastKey = page.LastEvaluatedKey;
    const last = items.at(-1);
    if (lastKey && last && !isStatusItem(last)) {
      // The status item sorts right after its profile: a page that ends on a profile reads one more.
      const peek = await query(lastKey, 1);
      const following = peek.Items?.[0];
      if (following && isStatusItem(following) && following.pk === last.pk) {
        items.push(following);
        lastKey = peek.LastEvaluatedKey;
      }
    }
    const accounts = joinAccountEntries(items).accounts.map((item) => {
      const status = accountStatusSchema.safeParse(item.status ?? { vip: false });
      return {
        accountId: String(item.accountId),
        managerId: String(item.managerId),
        customerType: item.customerType === 'private' ? 'private' : 'business',
        city: typeof item.city === 'string' ? item.city : '',
        status: status.success ? status.data : { vip: false },
      } satisfies WaveAccount;
    });
    const next = lastKey ? { shard, key: lastKey } : shard + 1 < reviewShardCount ? { shard: shard + 1 } : undefined;
    return { accounts, ...(next && { cursor: next }) };
  }

  async accountContacts(accountIds: readonly string[]): Promise<Map<string, AccountContacts>> {
    const entries = await pMap(
      accountIds,
      async (accountId): Promise<[string, AccountContacts]> => {
        const pk = keys.account(accountId).pk;
        // `CONTACT#` and `CONTACTED#` both begin with CONTACT: the contacts and their survey records in one query.
        const [items, openCases] = await Promise.all([queryPrefix(this.client, this.tableName, pk, 'CONTACT'), this.countOpenCases(accountId)]);
        const history = new Map(items.filter((i) => String(i.sk).startsWith('CONTACTED#')).map((i) => [String(i.contactId), i]));
        const contacts = items
          .filter((i) => String(i.sk).startsWith('CONTACT#'))
          .map((i) => {
            const h = history.get(String(i.contactId));
            return {
              contactId: String(i.contactId),
              role: String(i.role),
              ...(typeof i.email === 'string' && { email: i.email }),
              ...(typeof i.language === 'string' && { language: i.language }),
              consentEmail: i.consentEmail === true,
              active: i.active !== false,
              history: {
                ...(typeof h?.lastMailedOn === 'string' && { lastMailedOn: h.lastMailedOn }),
                ...(typeof h?.lastWaveKey === 'string' && { lastWaveKey: h.lastWaveKey as QuarterKey }),
              },
            };
          });
        return [accountId, { contacts, openCases }];
      },
      { concurrency },
    );
    return new Map(entries);
  }

  async openCases(accountIds: readonly string[]): Promise<Map<string, number>> {
    return new Map(await pMap(accountIds, async (id): Promise<[string, number]> => [id, await this.countOpenCases(id)], { concurrency }));
  }

  /** Cases are written by the answer side; any state other than `resolved` is open for the contact policy. */
  private countOpenCases(accountId: string): Promise<number> {
    return this.count(keys.account(accountId).pk, 'CASE#', { consistent: false }, {
      FilterExpression: '#state <> :resolved',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':resolved': 'resolved' },
    });
  }

  async suppressed(emailHashes: readonly string[]): Promise<Set<string>> {
    if (emailHashes.length === 0) return new Set();
    const items = await batchGet(this.client, this.tableName, emailHashes.map((h) => keys.suppression(h)), { ProjectionExpression: 'emailHash' });
    return new Set(items.map((i) => String(i.emailHash)));
  }

  async invite(invitation: Invitation, mail: OutboxMail, mailedOn: string, queuedAt: string): Promise<InviteOutcome> {
    const hash = emailHash(invitation.email);
    const { waveKey, accountId, contactId, invitationId } = invitation;
    const at = invitation.invitedAt;
    // Found by the contact's key for export and forget; gone by TTL a quarter after the wave's scores are final.
    const held = { ...personIndexAttributes({ contactId }), expiresAt: expiresAfter(invitation.closesAt, retention.invitationDaysAfterClose) };
    const items = [
      { Put: { TableName: this.tableName, Item: { ...keys.invitation(waveKey, accountId, contactId), ...invitation, emailHash: hash, ...held }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.tableName, Item: { ...keys.invitationRef(invitationId), invitationId, waveKey, accountId, contactId, ...held }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.tableName, Item: { ...keys.waveAddress(waveKey, hash), waveKey, accountId, contactId, invitationId, invitedAt: at, ...held }, ConditionExpression: 'attribute_not_exists(pk)' } },
      this.contactRecordUpdate(accountId, contactId, mailedOn, waveKey),
      outboxPut(this.tableName, mail, queuedAt),
    ];
    const cancelled = await this.transact(items);
    if (cancelled === undefined) return 'invited';
    if (cancelled[0] === 'ConditionalCheckFailed') return 'already-invited';
    if (cancelled[2] === 'ConditionalCheckFailed') return 'address-already-invited';
    // The pointer's random id or the mail collided without the invitation: the contact was invited by a run whose write we cannot see yet.
    if (cancelled.every((c) => c === 'None' || c === 'ConditionalCheckFailed')) return 'already-invited';
    throw new Error(`invitation transaction cancelled: ${cancelled.join(', ')}`);
  }

  async advanceOpening(waveKey: QuarterKey, expectedPages: number, cursor: PageCursor | undefined, skipped: Readonly<Record<string, number>>, at: string): Promise<boolean> {
    const names: Record<string, string> = { '#state': 'state' };
    const values: Record<string, unknown> = { ':expected': expectedPages, ':one': 1, ':opening': 'opening', ':at': at };
    const sets = ['pages = pages + :one', 'progressAt = :at'];
    if (Object.keys(skipped).length > 0) values[':zero'] = 0;
    Object.entries(skipped).forEach(([reason, n], i) => {
      names[`#r${i}`] = reason;
      values[`:n${i}`] = n;
      sets.push(`skipped.#r${i} = if_not_exists(skipped.#r${i}, :zero) + :n${i}`);
    });
    names['#cursor'] = 'cursor';
    if (cursor) {
      values[':cursor'] = cursor;
      sets.push('#cursor = :cursor');
    }
    return this.conditionalUpdate({
      Key: keys.surveyWave(waveKey),
      UpdateExpression: `SET ${sets.join(', ')}${cursor ? '' : ' REMOVE #cursor'}`,
      ConditionExpression: 'pages = :expected AND #state = :opening',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
  }

  async completeOpening(waveKey: QuarterKey, at: string): Promise<boolean> {
    const invited = await this.count(keys.surveyWave(waveKey).pk, 'INVITE#', { consistent: true });
    return this.conditionalUpdate({
      Key: keys.surveyWave(waveKey),
      UpdateExpression: 'SET #state = :open, invited = :invited, openCompletedAt = :at',
      ConditionExpression: '#state = :opening',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':open': 'open', ':opening': 'opening', ':invited': invited, ':at': at },
    });
  }

  // ---- reminders and closing

  async readInvitations(waveKey: QuarterKey, cursor: PageCursor | undefined, limit: number): Promise<{ invitations: Invitation[]; cursor?: PageCursor }> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :invite)',
        ExpressionAttributeValues: { ':pk': keys.surveyWave(waveKey).pk, ':invite': 'INVITE#' },
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: cursor as Record<string, unknown> } : {}),
      }),
    );
    return { invitations: (page.Items ?? []).map(toInvitation), ...(page.LastEvaluatedKey && { cursor: page.LastEvaluatedKey }) };
  }

  async remind(invitation: Invitation, day: number, mail: OutboxMail, mailedOn: string, at: string): Promise<boolean> {
    const { waveKey, accountId, contactId } = invitation;
    const cancelled = await this.transact([
      {
        Update: {
          TableName: this.tableName,
          Key: keys.invitation(waveKey, accountId, contactId),
          UpdateExpression: 'SET remindersSent = list_append(remindersSent, :days)',
          ConditionExpression: '#state = :invited AND NOT contains(remindersSent, :day)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':days': [day], ':day': day, ':invited': 'invited' },
        },
      },
      this.contactRecordUpdate(accountId, contactId, mailedOn),
      outboxPut(this.tableName, mail, at),
    ]);
    if (cancelled === undefined) return true;
    if (cancelled[0] === 'ConditionalCheckFailed' || cancelled[2] === 'ConditionalCheckFailed') return false;
    throw new Error(`reminder transaction cancelled: ${cancelled.join(', ')}`);
  }

  advanceReminders(waveKey: QuarterKey, day: number, expectedPages: number, cursor: PageCursor | undefined): Promise<boolean> {
    return this.conditionalUpdate({
      Key: keys.surveyWave(waveKey),
      UpdateExpression: `SET reminders.#d.pages = reminders.#d.pages + :one${cursor ? ', reminders.#d.#cursor = :cursor' : ''}${cursor ? '' : ' REMOVE reminders.#d.#cursor'}`,
      ConditionExpression: 'reminders.#d.pages = :expected AND #state = :open',
      ExpressionAttributeNames: { '#d': String(day), '#cursor': 'cursor', '#state': 'state' },
      ExpressionAttributeValues: { ':one': 1, ':expected': expectedPages, ':open': 'open', ...(cursor && { ':cursor': cursor }) },
    });
  }

  async completeReminders(waveKey: QuarterKey, days: readonly number[]): Promise<void> {
    if (days.length === 0) return;
    const names = Object.fromEntries(days.map((d, i) => [`#d${i}`, String(d)]));
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.surveyWave(waveKey),
        UpdateExpression: `SET ${days.map((_, i) => `reminders.#d${i}.done = :yes`).join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':yes': true },
      }),
    );
  }

  closeWave(waveKey: QuarterKey, at: string): Promise<boolean> {
    return this.conditionalUpdate({
      Key: keys.surveyWave(waveKey),
      UpdateExpression: 'SET #state = :closed, closedAt = :at',
      ConditionExpression: '#state = :open',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':closed': 'closed', ':open': 'open', ':at': at },
    });
  }

  // ---- suppression

  async get(hash: string): Promise<Suppression | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.suppression(hash), ConsistentRead: true }));
    return result.Item ? toSuppression(result.Item) : undefined;
  }

  async add(suppression: Suppression): Promise<boolean> {
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.suppression(suppression.emailHash), ...suppression }, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async remove(hash: string): Promise<boolean> {
    const result = await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.suppression(hash), ReturnValues: 'ALL_OLD' }));
    return result.Attributes !== undefined;
  }

  async list(): Promise<Suppression[]> {
    return (await queryPrefix(this.client, this.tableName, 'SUPPRESSION', 'EMAIL#')).map(toSuppression);
  }

  async invitationsTo(hash: string, waveKeys: readonly QuarterKey[]): Promise<InvitationRef[]> {
    const items = await batchGet(this.client, this.tableName, waveKeys.map((q) => keys.waveAddress(q, hash)));
    return items
      .map((i) => ({ waveKey: i.waveKey as QuarterKey, accountId: String(i.accountId), contactId: String(i.contactId), invitedAt: String(i.invitedAt) }))
      .sort((a, b) => a.waveKey.localeCompare(b.waveKey));
  }

  markInvitation(ref: { waveKey: QuarterKey; accountId: string; contactId: string }, state: 'bounced' | 'complained' | 'unsubscribed', at: string): Promise<boolean> {
    return this.conditionalUpdate({
      Key: keys.invitation(ref.waveKey, ref.accountId, ref.contactId),
      UpdateExpression: 'SET #state = :state, stateAt = :at',
      ConditionExpression: '#state = :invited',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':state': state, ':at': at, ':invited': 'invited' },
    });
  }

  async invitationById(invitationId: string): Promise<Invitation | undefined> {
    const ref = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.invitationRef(invitationId), ConsistentRead: true }));
    if (!ref.Item) return undefined;
    const item = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.invitation(String(ref.Item.waveKey), String(ref.Item.accountId), String(ref.Item.contactId)), ConsistentRead: true }),
    );
    return item.Item ? toInvitation(item.Item) : undefined;
  }

  // ---- helpers

  private contactRecordUpdate(accountId: string, contactId: string, mailedOn: string, waveKey?: QuarterKey) {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.contactRecord(accountId, contactId),
        UpdateExpression: `SET accountId = :a, contactId = :c, lastMailedOn = :on${waveKey ? ', lastWaveKey = :q' : ''}`,
        ExpressionAttributeValues: { ':a': accountId, ':c': contactId, ':on': mailedOn, ...(waveKey && { ':q': waveKey }) },
      },
    };
  }

  /** Runs the transaction; returns undefined on success, or each item's cancellation code. Conflicts are retried. */
  private async transact(items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>): Promise<string[] | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: items }));
        return undefined;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const codes = (error.CancellationReasons ?? []).map((r) => r?.Code ?? 'None');
        if (codes.includes('TransactionConflict') && attempt < conflictRetries) {
          await new Promise((r) => setTimeout(r, 20 * 2 ** attempt + Math.random() * 20));
          continue;
        }
        return codes;
      }
    }
  }

  private async conditionalUpdate(input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>): Promise<boolean> {
    try {
      await this.client.send(new UpdateCommand({ TableName: this.tableName, ...input }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Items of a partition under a key prefix, counted page by page; a filter narrows them. */
  private async count(pk: string, prefix: string, read: { consistent: boolean }, filter?: { FilterExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, unknown> }): Promise<number> {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ...(filter && { FilterExpression: filter.FilterExpression, ExpressionAttributeNames: filter.ExpressionAttributeNames }),
          ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix, ...filter?.ExpressionAttributeValues },
          Select: 'COUNT',
          ConsistentRead: read.consistent,
          ExclusiveStartKey: startKey,
        }),
      );
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return count;
  }
}

export function toInvitation(item: Record<string, unknown>): Invitation {
  const { pk: _pk, sk: _sk, emailHash: _h, stateAt: _a, personKey: _p, expiresAt: _e, ...invitation } = item;
  return invitation as unknown as Invitation;
}

function toSuppression(item: Record<string, unknown>): Suppression {
  return {
    emailHash: String(item.emailHash),
    reason: item.reason as Suppression['reason'],
    at: String(item.at),
    ...(typeof item.email === 'string' && { email: item.email }),
  };
}
