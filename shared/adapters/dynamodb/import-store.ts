import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import type { GiftDueWritten, ImportStore, RefreshResult } from '../../ports/import-store.ts';
import type { ImportBatch, ImportRow } from '../../import/import-schemas.ts';
import { firstKeptMonth, keepNewestMonths, monthFactsFrom, type ChargeLine, type PaymentLine } from '../../domain/account-facts.ts';
import { queryAll } from './query-all.ts';
import { batchGet } from './batch-get.ts';
import { accountIndexAttributes, keys, occasionIndexAttributes, personIndexAttributes } from './keys.ts';
import { batchWrite, type WriteRequest } from './batch-write.ts';
import { updateExpression } from './update-expression.ts';
import { DynamoBudgetStore } from './budget-store.ts';
import { toBudgetLine } from './money-moves.ts';
import { isSuspectDate } from '../../domain/gifts/suspect-dates.ts';
import { giftTagOf } from '../../domain/gifts/gift-due.ts';
import type { GiftTasksConfig } from '../../schemas/programme-config.ts';
import { accountsForTags, giftTagAttributes, retagAccounts, toOccasion } from './gift-tags.ts';
import { overrunOf } from '../../domain/gifts/budget-line.ts';

const concurrency = 16;

export class DynamoImportStore implements ImportStore {
  /** Accounts a number moved away from during this import; their facts need refreshing too. */
  private readonly movedFrom = new Set<string>();

  /** Per account, the months of the charge and payment rows written since the last refresh. */
  private readonly importedMonths = new Map<string, Set<string>>();

  private readonly budgets: DynamoBudgetStore;

  /**
   * `keptMonths`: how many months a profile keeps (`keptMonthCount` of the programme's rules);
   * `gifts`: the gift rules, which decide the due-index tag an imported occasion carries.
   */
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly keptMonths: number,
    private readonly gifts: GiftTasksConfig,
  ) {
    this.budgets = new DynamoBudgetStore(client, tableName);
  }

  async existingIds(kind: 'managers' | 'accounts', ids: readonly string[]): Promise<Set<string>> {
    const keyOf = kind === 'managers' ? keys.manager : keys.account;
    const items = await batchGet(this.client, this.tableName, ids.map((id) => keyOf(id)), { ProjectionExpression: 'pk' });
    return new Set(items.map((item) => String(item.pk).split('#')[1]!));
  }

  async committedOnLines(lines: readonly { month: string; costItem: string }[]): Promise<Map<string, number>> {
    const items = await batchGet(this.client, this.tableName, lines.map((l) => keys.budgetLine(l.month, l.costItem)));
    return new Map(items.map(toBudgetLine).map((l) => [`${l.month} ${l.costItem}`, l.reservedKopecks + l.spentKopecks - overrunOf(l)]));
  }

  async writeRows(batch: ImportBatch): Promise<readonly GiftDueWritten[]> {
    return (await this.write(batch)) ?? [];
  }

  /** Occasions say which of them got a due-index tag; the other kinds have none. */
  private async write(batch: ImportBatch): Promise<readonly GiftDueWritten[] | void> {
    switch (batch.kind) {
      case 'managers':
        return this.updateEach(batch.rows, (r) => ({
          key: keys.manager(r.manager_id),
          set: { managerId: r.manager_id, fullName: r.full_name, email: r.email, language: r.language, region: r.region },
        }));
      case 'accounts':
        return this.writeAccounts(batch.rows);
      case 'budgets':
        // Only the allocation is imported; reserved and spent belong to the gift workflow.
        await pMap(batch.rows, (r) => this.budgets.setAllocation(r.month, r.cost_item, r.amount_rub, r.owner_email), { concurrency });
        return;
      case 'numbers':
        return this.writeNumbers(batch.rows);
      case 'charges':
        this.noteMonths(batch.rows);
        return batchWrite(
          this.client,
          this.tableName,
          batch.rows.map((r) => put({ ...keys.charge(r.account_id, r.month, r.number), month: r.month, number: r.number, amountKopecks: r.amount_rub })),
        );
      case 'payments':
        this.noteMonths(batch.rows);
        return batchWrite(
          this.client,
          this.tableName,
          batch.rows.map((r) =>
            put({ ...keys.payment(r.account_id, r.month), month: r.month, dueKopecks: r.due_rub, paidKopecks: r.paid_rub, paidOn: r.paid_on }),
          ),
        );
      case 'contacts':
        return this.writeOccasions(
          batch.rows.map((r) =>
            ({
              ...keys.contact(r.account_id, r.contact_id),
              ...occasionIndexAttributes(r.account_id, keys.contact(r.account_id, r.contact_id).sk, r.birth_date),
              ...personIndexAttributes({ contactId: r.contact_id }),
              active: r.active,
              contactId: r.contact_id,
              accountId: r.account_id,
              role: r.role,
              fullName: r.full_name,
              email: r.email,
              birthDate: r.birth_date,
              language: r.language,
              consentEmail: r.consent_email,
              ...(isSuspectDate(r.birth_date) && !r.date_confirmed && { suspectDate: true }),
            }),
          ),
        );
      case 'company-dates':
        return this.writeOccasions(
          batch.rows.map((r) =>
            ({
              ...keys.companyDate(r.account_id, r.kind, r.date),
              ...occasionIndexAttributes(r.account_id, keys.companyDate(r.account_id, r.kind, r.date).sk, r.date),
              accountId: r.account_id,
              kind: r.kind,
              date: r.date,
              description: r.description,
              ...(isSuspectDate(r.date) && !r.date_confirmed && { suspectDate: true }),
            }),
          ),
        );
    }
  }

  async refreshAccounts(accountIds: readonly string[]): Promise<RefreshResult> {
    const all = new Set([...accountIds, ...this.movedFrom]);
    this.movedFrom.clear();
    const dropped: { accountId: string; months: string[] }[] = [];
    await pMap(
      all,
      async (accountId) => {
        const months = await this.refreshAccount(accountId);
        if (months.length) dropped.push({ accountId, months });
      },
      { concurrency },
    );
    this.importedMonths.clear();
    return { dropped: dropped.sort((a, b) => a.accountId.localeCompare(b.accountId)), keptMonths: this.keptMonths };
  }

  /**
   * Rolls up the kept window only: it reads the charges and payments from the window's first
   * month on, the window ending at the newest month this import brought (or, for a numbers
   * import, the newest on the profile). A newer month already stored moves the window on.
   * Returns the imported months that fell before it.
   */
  private async refreshAccount(accountId: string): Promise<string[]> {
    const imported = this.importedMonths.get(accountId);
    const newestKnown = imported?.size ? [...imported].sort().at(-1) : await this.newestMonthOnProfile(accountId);
    const from = newestKnown ? firstKeptMonth(newestKnown, this.keptMonths) : '';
    const pk = keys.account(accountId).pk;
    const [chargesToNumbers, paymentItems] = await Promise.all([
      // Charges from the window on, then (they sort between) contacts, dates and numbers.
      queryAll(this.client, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': pk, ':from': `CHARGE#${from}`, ':to': 'NUMBER#~' },
      }),
      queryAll(this.client, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': pk, ':from': `PAYMENT#${from}`, ':to': 'PAYMENT#~' },
      }),
    ]);
    const charges: ChargeLine[] = [];
    const payments: PaymentLine[] = [];
    const registered = new Set<string>();
    for (const item of [...chargesToNumbers, ...paymentItems]) {
      const sk = String(item.sk);
      if (sk.startsWith('CHARGE#')) charges.push({ month: String(item.month), number: item.number as string | undefined, amountKopecks: Number(item.amountKopecks) });
      else if (sk.startsWith('PAYMENT#'))
        payments.push({
          month: String(item.month),
          dueKopecks: Number(item.dueKopecks),
          paidKopecks: item.paidKopecks as number | undefined,
          paidOn: item.paidOn as string | undefined,
        });
      else if (sk.startsWith('NUMBER#')) registered.add(sk.slice('NUMBER#'.length));
    }
    const { kept } = keepNewestMonths(monthFactsFrom(charges, payments), this.keptMonths);
    const keptFrom = Object.keys(kept)[0] ?? from;
    const keptCharges = charges.filter((c) => c.month >= keptFrom);
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.account(accountId),
        ConditionExpression: 'attribute_exists(pk)',
        ...updateExpression({
          months: kept,
          registeredNumbers: registered.size,
          // Charged here but registered elsewhere (or nowhere): the review notes it in the decision.
          foreignNumbers: registered.size ? nonEmpty([...new Set(keptCharges.flatMap((c) => (c.number && !registered.has(c.number) ? [c.number] : [])))].sort()) : undefined,
        }),
      }),
    );
    return [...(imported ?? [])].filter((m) => m < keptFrom).sort();
  }

  private async newestMonthOnProfile(accountId: string): Promise<string | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.account(accountId), ProjectionExpression: 'months' }));
    return Object.keys((result.Item?.months as Record<string, unknown> | undefined) ?? {}).sort().at(-1);
  }

  private noteMonths(rows: ReadonlyArray<{ readonly account_id: string; readonly month: string }>): void {
    for (const r of rows) {
      const months = this.importedMonths.get(r.account_id) ?? new Set<string>();
      months.add(r.month);
      this.importedMonths.set(r.account_id, months);
    }
  }

  /** One read of the chunk's current owners, then one batched write: a moved number leaves its old account. */
  private async writeNumbers(rows: readonly ImportRow<'numbers'>[]): Promise<void> {
    const owners = await batchGet(this.client, this.tableName, rows.map((r) => keys.numberOwner(r.number)));
    const ownerOf = new Map(owners.map((item) => [String(item.pk).slice('NUMBER#'.length), item.accountId as string]));
    const requests: WriteRequest[] = [];
    for (const r of rows) {
      requests.push(
        put({ ...keys.numberOwner(r.number), accountId: r.account_id, registeredOn: r.registered_on }),
        put({ ...keys.accountNumber(r.account_id, r.number), number: r.number, registeredOn: r.registered_on }),
      );
      const previous = ownerOf.get(r.number);
      if (previous && previous !== r.account_id) {
        // The number moved: it now counts for its new account only.
        this.movedFrom.add(previous);
        requests.push({ DeleteRequest: { Key: keys.accountNumber(previous, r.number) } });
      }
    }
    await batchWrite(this.client, this.tableName, requests);
  }


  /**
   * Profiles are updated in place; an account whose manager or name changed has its occasions'
   * due-index tags rewritten, since the daily run issues and mails from the tag alone.
   */
  private async writeAccounts(rows: Extract<ImportBatch, { kind: 'accounts' }>['rows']): Promise<void> {
    const changed: string[] = [];
    await pMap(
      rows,
      async (r) => {
        const set = {
          accountId: r.account_id,
          customerType: r.customer_type,
          name: r.name,
          city: r.city,
          managerId: r.manager_id,
          openedOn: r.opened_on,
          tariff: r.tariff,
          ...accountIndexAttributes(r.account_id, r.manager_id),
        };
        const result = await this.client.send(new UpdateCommand({ TableName: this.tableName, Key: keys.account(r.account_id), ...updateExpression(set), ReturnValues: 'UPDATED_OLD' }));
        const old = result.Attributes;
        if (old && (old.managerId !== r.manager_id || old.name !== r.name)) changed.push(r.account_id);
      },
      { concurrency },
    );
    if (changed.length) await retagAccounts(this.client, this.tableName, changed, this.gifts);
  }

  /** Contacts and company dates, each with the due-index tag its account's status, manager and name give it now. */
  private async writeOccasions(items: readonly Record<string, unknown>[]): Promise<GiftDueWritten[]> {
    const accounts = await accountsForTags(this.client, this.tableName, items.map((item) => String(item.accountId)));
    const tagged: GiftDueWritten[] = [];
    await batchWrite(
      this.client,
      this.tableName,
      items.map((item) => {
        const account = accounts.get(String(item.accountId));
        const occasion = toOccasion(item)[0];
        const tag = account && occasion ? giftTagOf(occasion, account, this.gifts) : undefined;
        if (tag) tagged.push({ accountId: String(item.accountId), due: tag.due });
        return put(dropUndefined({ ...item, ...giftTagAttributes(tag) }));
      }),
    );
    return tagged;
  }

  private async updateEach<R>(rows: readonly R[], toUpdate: (row: R) => { key: Record<string, string>; set: Record<string, unknown> }) {
    await pMap(
      rows,
      async (row) => {
        const { key, set } = toUpdate(row);
        await this.client.send(new UpdateCommand({ TableName: this.tableName, Key: key, ...updateExpression(set) }));
      },
      { concurrency },
    );
  }
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length ? list : undefined;
}

function dropUndefined(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined));
}

function put(item: Record<string, unknown>): WriteRequest {
  return { PutRequest: { Item: item } };
}
