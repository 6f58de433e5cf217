import { indexAttributes, itemKindOf, itemKinds, type ItemKind, type StoredItem, type Subject } from '../../domain/data-rights/personal-items.ts';
import type { AddressHasher } from '../../ports/address-hasher.ts';
import type { PersonalDataStore } from '../../ports/personal-data.ts';
import { gatherPerson } from './gather-person.ts';
import { subjectId, UnknownSubjectError } from './forget-person.ts';

export interface ExportDocument {
  readonly subject: Subject;
  readonly exportedAt: string;
  readonly accountId: string;
  /** How many items of each kind are held. */
  readonly counts: Partial<Record<ItemKind, number>>;
  /** The items, kind by kind, with their table key (`key`) and without index attributes. */
  readonly held: Partial<Record<ItemKind, ReadonlyArray<Record<string, unknown>>>>;
}

/** Mail is exported as who it went to and what it was about, not its whole body. */
const mailFields = ['mailId', 'kind', 'to', 'subject', 'state', 'createdAt', 'sentAt', 'parkedReason', 'about'];

/** Everything held about a contact or an account, read by key and index (docs/data-rights.md). */
export async function exportPerson(subject: Subject, ports: { readonly store: PersonalDataStore; readonly emailHash: AddressHasher; readonly now: () => Date }): Promise<ExportDocument> {
  const held = await gatherPerson(subject, ports.store, ports.emailHash);
  if (held.accountId === undefined || held.items.length === 0) throw new UnknownSubjectError(`no ${subject.kind} ${subjectId(subject)} is held`);
  const byKind: Partial<Record<ItemKind, Array<Record<string, unknown>>>> = {};
  for (const item of [...held.items].sort((a, b) => `${a.pk} ${a.sk}`.localeCompare(`${b.pk} ${b.sk}`))) {
    const kind = itemKindOf(item);
    (byKind[kind] ??= []).push(exported(item, kind));
  }
  const ordered = Object.fromEntries(itemKinds.filter((k) => byKind[k]).map((k) => [k, byKind[k]!]));
  return {
    subject,
    exportedAt: ports.now().toISOString(),
    accountId: held.accountId,
    counts: Object.fromEntries(Object.entries(ordered).map(([k, v]) => [k, v.length])),
    held: ordered,
  };
}

function exported(item: StoredItem, kind: ItemKind): Record<string, unknown> {
  const { pk, sk, ...rest } = item;
  const fields = Object.entries(rest).filter(([name]) => !indexAttributes.has(name) && (kind !== 'outbox-mail' || mailFields.includes(name)));
  return { key: `${pk} / ${sk}`, ...Object.fromEntries(fields.map(([name, value]) => [name, plain(value)])) };
}

/** JSON-safe: sets become arrays, bytes base64 (a decision the store could not decode). */
function plain(value: unknown): unknown {
  if (value instanceof Set) return [...value].map(plain);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
