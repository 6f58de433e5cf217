import type { ItemKey, Redaction, StoredItem, Subject } from '../../shared/domain/data-rights/personal-items.ts';
import type { GiftTask } from '../../shared/domain/gifts/gift-task.ts';
import type { DataRightsAuditEntry, ForgetRecord, PersonalDataStore, RetentionStore, TaskCanceller } from '../../shared/ports/personal-data.ts';

const keyOf = (k: ItemKey) => `${k.pk}\u0000${k.sk}`;

/** The table as a map of items, with the `byPerson` index and the conditions of the DynamoDB adapter. */
export class FakeItemTable implements PersonalDataStore, RetentionStore {
  readonly items = new Map<string, StoredItem>();
  writes = 0;

  constructor(items: readonly StoredItem[] = []) {
    for (const item of items) this.items.set(keyOf(item), structuredClone(item));
  }

  all(): StoredItem[] {
    return [...this.items.values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  }

  async partition(pk: string): Promise<StoredItem[]> {
    return this.all().filter((i) => i.pk === pk);
  }
  async aboutPerson(personKey: string): Promise<StoredItem[]> {
    return this.all().filter((i) => i.personKey === personKey);
  }
  async answers(invitations: readonly { waveKey: string; invitationId: string }[]): Promise<StoredItem[]> {
    return this.get(invitations.map((i) => ({ pk: `WAVE#${i.waveKey}#ANSWERS`, sk: `ANSWER#${i.invitationId}` })));
  }
  async taskLinkPointers(linkIds: readonly string[]): Promise<StoredItem[]> {
    return this.get(linkIds.map((id) => ({ pk: `TASKLINK#${id}`, sk: 'REF' })));
  }
  async suppressions(emailHashes: readonly string[]): Promise<StoredItem[]> {
    return this.get(emailHashes.map((h) => ({ pk: 'SUPPRESSION', sk: `EMAIL#${h}` })));
  }
  async accountRecordsElsewhere(accountId: string, refs: { reviewChanges: readonly { reviewKey: string; managerId: string }[]; numbers: readonly string[] }): Promise<StoredItem[]> {
    const found = this.get([
      ...refs.reviewChanges.map((r) => ({ pk: `REVIEW#${r.reviewKey}`, sk: `CHANGE#${r.managerId}#${accountId}` })),
      ...refs.numbers.map((n) => ({ pk: `NUMBER#${n}`, sk: 'OWNER' })),
    ]);
    return found.filter((i) => !i.pk.startsWith('NUMBER#') || i.accountId === accountId);
  }
  async deleteItem(key: ItemKey): Promise<boolean> {
    const existed = this.items.delete(keyOf(key));
    if (existed) this.writes++;
    return existed;
  }
  async redact(key: ItemKey, redaction: Redaction): Promise<boolean> {
    const item = this.items.get(keyOf(key));
    if (!item) return false;
    const next: Record<string, unknown> = { ...item, ...redaction.replace };
    for (const name of redaction.remove) delete next[name];
    this.items.set(keyOf(key), next as StoredItem);
    this.writes++;
    return true;
  }
  async suppressHash(emailHash: string, at: string): Promise<boolean> {
    return this.putIfAbsent({ pk: 'SUPPRESSION', sk: `EMAIL#${emailHash}`, emailHash, reason: 'forgotten', at });
  }
  async forgetRecord(subject: Subject): Promise<ForgetRecord | undefined> {
    return structuredClone(this.items.get(keyOf(forgottenKey(subject)))?.record as ForgetRecord | undefined);
  }
  async saveForgetRecord(record: ForgetRecord): Promise<void> {
    this.items.set(keyOf(forgottenKey(record.subject)), { ...forgottenKey(record.subject), record: structuredClone(record) });
    this.writes++;
  }
  async forgetLog(): Promise<ForgetRecord[]> {
    return (await this.partition('FORGOTTEN')).map((i) => i.record as ForgetRecord).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  }
  async forgottenIds(subject: Subject['kind'], ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const id of ids) {
      const record = await this.forgetRecord(subject === 'contact' ? { kind: 'contact', contactId: id } : { kind: 'account', accountId: id });
      if (record && record.returnedAt === undefined) out.add(id);
    }
    return out;
  }
  async markReturned(subject: Subject['kind'], ids: readonly string[], at: string): Promise<void> {
    for (const id of ids) {
      const s: Subject = subject === 'contact' ? { kind: 'contact', contactId: id } : { kind: 'account', accountId: id };
      const record = await this.forgetRecord(s);
      if (record) await this.saveForgetRecord({ ...record, returnedAt: at });
    }
  }
  async recordAudit(entry: DataRightsAuditEntry): Promise<void> {
    await this.putIfAbsent({ pk: 'AUDIT#DATA-RIGHTS', sk: `${entry.at}#${entry.id}`, entry });
  }
  async resolvedCases(): Promise<StoredItem[]> {
    return this.all().filter((i) => i.sk.startsWith('CASE#') && i.state === 'resolved');
  }
  async closedTasks(): Promise<StoredItem[]> {
    return this.all().filter((i) => i.sk.startsWith('TASK#') && (i.state === 'done' || i.state === 'cancelled'));
  }
  async answersOf(quarter: string): Promise<StoredItem[]> {
    return this.partition(`WAVE#${quarter}#ANSWERS`);
  }

  private get(keys: readonly ItemKey[]): StoredItem[] {
    return keys.map((k) => this.items.get(keyOf(k))).filter((i): i is StoredItem => i !== undefined);
  }
  private async putIfAbsent(item: StoredItem): Promise<boolean> {
    if (this.items.has(keyOf(item))) return false;
    this.items.set(keyOf(item), item);
    this.writes++;
    return true;
  }
}

function forgottenKey(subject: Subject): ItemKey {
  return { pk: 'FORGOTTEN', sk: subject.kind === 'contact' ? `CONTACT#${subject.contactId}` : `ACCOUNT#${subject.accountId}` };
}

/** Cancels tasks in the same fake table, releasing their reservation onto the line item as the gift store does. */
export class FakeTaskCanceller implements TaskCanceller {
  readonly cancelled: string[] = [];
  constructor(private readonly table: FakeItemTable) {}

  async openTasksOfAccount(accountId: string): Promise<GiftTask[]> {
    return (await this.table.partition(`ACCOUNT#${accountId}`)).filter((i) => i.sk.startsWith('TASK#') && (i.state === 'open' || i.state === 'awaiting-budget')) as unknown as GiftTask[];
  }
  async cancelTask(task: GiftTask, reason: string, at: string): Promise<boolean> {
    const key = `ACCOUNT#${task.accountId}\u0000TASK#${task.taskId}`;
    const stored = this.table.items.get(key);
    if (!stored || (stored.state !== 'open' && stored.state !== 'awaiting-budget')) return false;
    const lineKey = `BUDGET#${task.budgetMonth}\u0000LINE#${task.costItem}`;
    const line = this.table.items.get(lineKey)!;
    const reserved = Number(stored.reservedKopecks);
    this.table.items.set(lineKey, { ...line, reservedKopecks: Number(line.reservedKopecks) - reserved, availableKopecks: Number(line.availableKopecks) + reserved });
    this.table.items.set(key, { ...stored, state: 'cancelled', reservedKopecks: 0, closedReason: reason, closedAt: at });
    this.cancelled.push(task.taskId);
    return true;
  }
}
