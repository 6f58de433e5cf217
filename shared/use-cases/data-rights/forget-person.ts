import { addCounts, forgetActionFor, itemKindOf, needsRedaction, type ItemKind, type RemovedCounts, type StoredItem, type Subject } from '../../domain/data-rights/personal-items.ts';
import type { ForgetDigests, ForgetRecord, PersonalDataStore, TaskCanceller } from '../../ports/personal-data.ts';
import { gatherPerson } from './gather-person.ts';

export class UnknownSubjectError extends Error {
  override readonly name = 'UnknownSubjectError';
}

export interface ForgetCommand {
  readonly subject: Subject;
  readonly reason: string;
  readonly by: string;
}

export interface ForgetReport {
  readonly subject: Subject;
  /** Nothing was left to remove: an earlier run had completed. */
  readonly alreadyForgotten: boolean;
  /** An earlier run had stopped halfway; this one completed it. */
  readonly resumed: boolean;
  /** What this run changed, kind by kind (deleted items, redacted items, cancelled tasks, suppressed hashes). */
  readonly removed: RemovedCounts;
  /** Over every run of this forget. */
  readonly removedInAll: RemovedCounts;
  readonly auditId: string;
}

export const forgetPhases = ['gathered', 'tasks-cancelled', 'redacted', 'suppressed', 'deleted-elsewhere', 'done'] as const;

/**
 * Forgets a contact or an account (docs/data-rights.md). Every step is idempotent and the record
 * `FORGOTTEN/<subject>` keeps the progress, so a run that dies halfway is completed by running it
 * again, and a second run finds nothing left to change. Order matters for that: answers and cases
 * are redacted while the invitations that lead to them still exist, and the contact item, the
 * way to the account, goes last (the record keeps the account and the address hashes besides).
 */
export async function forgetPerson(
  command: ForgetCommand,
  ports: ForgetDigests & { readonly store: PersonalDataStore; readonly tasks: TaskCanceller; readonly now: () => Date },
  options: { readonly known?: ForgetRecord } = {},
): Promise<ForgetReport> {
  const { store, tasks } = ports;
  const reason = command.reason.trim();
  const by = command.by.trim();
  if (!reason) throw new Error('a forget needs a reason (--reason)');
  if (!by) throw new Error('a forget needs who asks for it (--by)');

  const earlier = (await store.forgetRecord(command.subject)) ?? options.known;
  const held = await gatherPerson(command.subject, store, ports.emailHash, earlier);
  if (held.accountId === undefined) throw new UnknownSubjectError(`no ${command.subject.kind} ${subjectId(command.subject)} is held (nothing was changed)`);

  const renewed = earlier === undefined || earlier.state === 'done';
  const wasDone = earlier?.state === 'done' && earlier.returnedAt === undefined;
  const isNew = renewed && !wasDone;
  const openTasks = (await tasks.openTasksOfAccount(held.accountId)).filter((t) => command.subject.kind === 'account' || t.sourceId === command.subject.contactId);
  const planned = held.items.map((item) => ({ item, kind: itemKindOf(item), action: forgetActionFor(itemKindOf(item), command.subject.kind) }));
  const emailHashes = [...new Set([...(earlier?.emailHashes ?? []), ...held.emailHashes])];
  let record: ForgetRecord = {
    subject: command.subject,
    state: 'running',
    accountId: held.accountId,
    contactIds: command.subject.kind === 'account' ? [...new Set([...(earlier?.contactIds ?? []), ...held.contactIds])] : [],
    emailHashes,
    reason: isNew ? reason : earlier!.reason,
    by: isNew ? by : earlier!.by,
    startedAt: isNew ? ports.now().toISOString() : earlier!.startedAt,
    phase: 'gathered',
    // What the forget removes, counted once when it starts: a resumed run completes the same list.
    removed: isNew ? plannedCounts(planned, openTasks.length, emailHashes, held.items) : earlier!.removed,
    ...(wasDone && earlier.completedAt !== undefined && { completedAt: earlier.completedAt }),
  };
  let removed: RemovedCounts = {};
  const progress = async (phase: (typeof forgetPhases)[number], counts: RemovedCounts) => {
    removed = addCounts(removed, counts);
    record = { ...record, phase };
    // A repeat of a completed forget that found nothing writes nothing.
    if (!(wasDone && Object.keys(removed).length === 0)) await store.saveForgetRecord(record);
  };
  await progress('gathered', {});

  // Open tasks first: cancelled through the gift store, so the reservation goes back to its line.
  const at = ports.now().toISOString();
  let cancelled = 0;
  for (const task of openTasks) if (await tasks.cancelTask(task, 'client data forgotten', at)) cancelled++;
  await progress('tasks-cancelled', cancelled ? { 'gift-task-cancelled': cancelled } : {});

  const counts: Partial<Record<ItemKind, number>> = {};
  const count = (kind: ItemKind) => (counts[kind] = (counts[kind] ?? 0) + 1);
  for (const { item, kind, action } of planned)
    if (action.do === 'redact' && needsRedaction(item, action.redaction) && (await store.redact(item, action.redaction))) count(kind);
  await progress('redacted', drain(counts));

  let suppressed = 0;
  for (const hash of record.emailHashes) if (await store.suppressHash(hash, at)) suppressed++;
  await progress('suppressed', suppressed ? { 'suppression-added': suppressed } : {});

  const deletes = planned.filter((p) => p.action.do === 'delete');
  for (const { item, kind } of deletes.filter((p) => !p.item.pk.startsWith('ACCOUNT#'))) if (await store.deleteItem(item)) count(kind);
  await progress('deleted-elsewhere', drain(counts));
  // The account's partition last, its contact items at the very end.
  const inAccount = deletes.filter((p) => p.item.pk.startsWith('ACCOUNT#')).sort((a, b) => Number(a.kind === 'contact') - Number(b.kind === 'contact'));
  for (const { item, kind } of inAccount) if (await store.deleteItem(item)) count(kind);
  const { returnedAt: _returned, ...withoutReturn } = record;
  record = { ...withoutReturn, state: 'done', completedAt: wasDone && record.completedAt ? record.completedAt : ports.now().toISOString() };
  await progress('done', drain(counts));

  const auditId = ports.refOfKey(`forget ${command.subject.kind} ${subjectId(command.subject)} ${record.startedAt}`);
  await store.recordAudit({
    id: auditId,
    at: record.completedAt!,
    action: 'forget',
    subject: { kind: command.subject.kind, idHash: ports.idHash(subjectId(command.subject)) },
    by: record.by,
    reason: record.reason,
    removed: record.removed,
  });
  return {
    subject: command.subject,
    alreadyForgotten: wasDone && Object.keys(removed).length === 0,
    resumed: earlier?.state === 'running',
    removed,
    removedInAll: record.removed,
    auditId,
  };
}

export function subjectId(subject: Subject): string {
  return subject.kind === 'contact' ? subject.contactId : subject.accountId;
}

/** Items to delete, redactions still to make, tasks to cancel, addresses not yet suppressed. */
function plannedCounts(planned: ReadonlyArray<{ item: StoredItem; kind: ItemKind; action: ReturnType<typeof forgetActionFor> }>, openTasks: number, emailHashes: readonly string[], items: readonly StoredItem[]): RemovedCounts {
  const counts: Record<string, number> = {};
  for (const { item, kind, action } of planned)
    if (action.do === 'delete' || (action.do === 'redact' && needsRedaction(item, action.redaction))) counts[kind] = (counts[kind] ?? 0) + 1;
  if (openTasks) counts['gift-task-cancelled'] = openTasks;
  const suppressed = new Set(items.filter((i) => itemKindOf(i) === 'suppression').map((i) => String(i.emailHash)));
  const added = emailHashes.filter((h) => !suppressed.has(h)).length;
  if (added) counts['suppression-added'] = added;
  return counts;
}

function drain(counts: Partial<Record<ItemKind, number>>): RemovedCounts {
  const copy = { ...counts };
  for (const key of Object.keys(counts) as ItemKind[]) delete counts[key];
  return copy;
}

export type { StoredItem };
