import { concernsContact, itemKindOf, type StoredItem, type Subject } from '../../domain/data-rights/personal-items.ts';
import type { AddressHasher } from '../../ports/address-hasher.ts';
import type { ForgetRecord, PersonalDataStore } from '../../ports/personal-data.ts';

/** Everything held about a person, found by key and index; `accountId` undefined when nothing is known. */
export interface HeldAboutPerson {
  readonly accountId?: string;
  readonly contactIds: readonly string[];
  readonly emailHashes: readonly string[];
  readonly items: readonly StoredItem[];
}

/**
 * Reads what is held about a contact or an account: the account's partition (all of it for an
 * account, the contact's own items for a contact), the `byPerson` index (invitations, pointers,
 * address markers, mail), the answers of those invitations, the link pointers of the tasks, the
 * suppressions of the addresses, and for an account its review changes and number owners. `known` is an earlier forget's
 * record: a resumed run finds the account and the addresses again after the contact item is gone.
 */
export async function gatherPerson(subject: Subject, store: PersonalDataStore, emailHash: AddressHasher, known?: ForgetRecord): Promise<HeldAboutPerson> {
  const held = subject.kind === 'contact' ? await gatherContact(subject.contactId, store, known) : await gatherAccount(subject.accountId, store, known);
  return complete(held, store, emailHash, known);
}

async function gatherContact(contactId: string, store: PersonalDataStore, known: ForgetRecord | undefined): Promise<Found> {
  const about = await store.aboutPerson(`CONTACT#${contactId}`);
  const accountId = stringOf(about.find((i) => itemKindOf(i) === 'contact')?.accountId) ?? stringOf(about.find((i) => i.accountId !== undefined)?.accountId) ?? known?.accountId;
  const invitationIds = new Set(about.map((i) => stringOf(i.invitationId)).filter((id): id is string => id !== undefined));
  const own = accountId ? (await store.partition(`ACCOUNT#${accountId}`)).filter((i) => concernsContact(i, contactId, invitationIds)) : [];
  return { accountId, contactIds: [contactId], items: [...own, ...about] };
}

async function gatherAccount(accountId: string, store: PersonalDataStore, known: ForgetRecord | undefined): Promise<Found> {
  const account = await store.partition(`ACCOUNT#${accountId}`);
  const contactIds = unique([...account.filter((i) => itemKindOf(i) === 'contact').map((i) => String(i.contactId)), ...(known?.contactIds ?? [])]);
  const about = (await Promise.all([`ACCOUNT#${accountId}`, ...contactIds.map((c) => `CONTACT#${c}`)].map((key) => store.aboutPerson(key)))).flat();
  const profile = account.find((i) => itemKindOf(i) === 'account-profile');
  const status = account.find((i) => itemKindOf(i) === 'account-status');
  const managerId = stringOf(profile?.managerId);
  const reviewKeys = unique([
    ...account.filter((i) => itemKindOf(i) === 'status-history').map((i) => i.sk.slice('STATUS#'.length)),
    ...(typeof (status?.lastDecision as { reviewKey?: unknown } | undefined)?.reviewKey === 'string' ? [String((status!.lastDecision as { reviewKey: string }).reviewKey)] : []),
  ]);
  const numbers = account.filter((i) => itemKindOf(i) === 'number').map((i) => i.sk.slice('NUMBER#'.length));
  const elsewhere = await store.accountRecordsElsewhere(accountId, { reviewChanges: managerId ? reviewKeys.map((reviewKey) => ({ reviewKey, managerId })) : [], numbers });
  const found = account.length > 0 || about.length > 0 || known !== undefined;
  return { accountId: found ? accountId : undefined, contactIds, items: [...account, ...about, ...elsewhere] };
}

/** What the key reads found, before the answers and suppressions they lead to. */
interface Found {
  readonly accountId: string | undefined;
  readonly contactIds: readonly string[];
  readonly items: readonly StoredItem[];
}

async function complete({ accountId, contactIds, items }: Found, store: PersonalDataStore, emailHash: AddressHasher, known: ForgetRecord | undefined): Promise<HeldAboutPerson> {
  const invitations = items
    .filter((i) => ['invitation', 'invitation-pointer', 'address-marker'].includes(itemKindOf(i)))
    .map((i) => ({ waveKey: String(i.waveKey), invitationId: String(i.invitationId) }));
  const answers = await store.answers(uniqueBy(invitations, (i) => `${i.waveKey} ${i.invitationId}`));
  const linkIds = unique(items.filter((i) => itemKindOf(i) === 'gift-task').map((i) => stringOf(i.linkId)).filter((id): id is string => id !== undefined));
  const pointers = linkIds.length ? await store.taskLinkPointers(linkIds) : [];
  const emailHashes = unique([
    ...items
      .filter((i) => itemKindOf(i) === 'contact' || itemKindOf(i) === 'invitation')
      .map((i) => stringOf(i.email))
      .filter((e): e is string => e !== undefined)
      .map(emailHash),
    ...items.map((i) => stringOf(i.emailHash)).filter((h): h is string => h !== undefined),
    ...(known?.emailHashes ?? []),
  ]);
  const suppressions = await store.suppressions(emailHashes);
  return { ...(accountId !== undefined && { accountId }), contactIds, emailHashes, items: uniqueBy([...items, ...answers, ...pointers, ...suppressions], (i) => `${i.pk} ${i.sk}`) };
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function uniqueBy<T>(values: readonly T[], key: (value: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const value of values) if (!seen.has(key(value))) seen.set(key(value), value);
  return [...seen.values()];
}
