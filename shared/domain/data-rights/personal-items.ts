/**
 * What the programme holds about a person, item kind by item kind, and what a forget does to each
 * (docs/data-rights.md). Pure: items are plain records with their table keys.
 */
export type Subject = { readonly kind: 'contact'; readonly contactId: string } | { readonly kind: 'account'; readonly accountId: string };

export interface StoredItem {
  readonly pk: string;
  readonly sk: string;
  readonly [attribute: string]: unknown;
}

export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

export const itemKinds = [
  'account-profile',
  'account-status',
  'status-history',
  'override-history',
  'number',
  'number-owner',
  'charge',
  'payment',
  'company-date',
  'contact',
  'contact-record',
  'gift-task',
  'task-link-pointer',
  'survey-case',
  'invitation',
  'invitation-pointer',
  'address-marker',
  'survey-answer',
  'outbox-mail',
  'suppression',
  'review-change',
  'other',
] as const;
export type ItemKind = (typeof itemKinds)[number];

const accountChildren: ReadonlyArray<readonly [string, ItemKind]> = [
  ['PROFILE', 'account-profile'],
  ['STATUS#', 'status-history'],
  ['STATUS', 'account-status'],
  ['OVERRIDE#', 'override-history'],
  ['NUMBER#', 'number'],
  ['CHARGE#', 'charge'],
  ['PAYMENT#', 'payment'],
  ['DATE#', 'company-date'],
  ['CONTACTED#', 'contact-record'],
  ['CONTACT#', 'contact'],
  ['TASK#', 'gift-task'],
  ['CASE#', 'survey-case'],
];

export function itemKindOf(key: ItemKey): ItemKind {
  const { pk, sk } = key;
  if (pk.startsWith('ACCOUNT#')) {
    const match = accountChildren.find(([prefix]) => (prefix.endsWith('#') ? sk.startsWith(prefix) : sk === prefix));
    return match ? match[1] : 'other';
  }
  if (pk.startsWith('NUMBER#') && sk === 'OWNER') return 'number-owner';
  if (pk.startsWith('TASKLINK#') && sk === 'REF') return 'task-link-pointer';
  if (pk.startsWith('INVITATION#') && sk === 'REF') return 'invitation-pointer';
  if (pk.startsWith('OUTBOX#') && sk === 'MAIL') return 'outbox-mail';
  if (pk === 'SUPPRESSION') return 'suppression';
  if (pk.startsWith('REVIEW#') && sk.startsWith('CHANGE#')) return 'review-change';
  if (pk.startsWith('WAVE#') && pk.endsWith('#ANSWERS')) return 'survey-answer';
  if (pk.startsWith('WAVE#') && sk.startsWith('INVITE#')) return 'invitation';
  if (pk.startsWith('WAVE#') && sk.startsWith('INVITEE#')) return 'address-marker';
  return 'other';
}

/** Attributes to remove, and required ones (a task's `personName`) to overwrite with a placeholder. */
export interface Redaction {
  readonly remove: readonly string[];
  readonly replace: Readonly<Record<string, string>>;
}

export const forgottenPlaceholder = '(forgotten)';

export type ForgetAction = { readonly do: 'delete' } | { readonly do: 'redact'; readonly redaction: Redaction } | { readonly do: 'keep' };

const deleteAlways: ReadonlySet<ItemKind> = new Set(['contact', 'contact-record', 'invitation', 'invitation-pointer', 'address-marker', 'outbox-mail']);
/** The account's own records: gone with the account, untouched when one of its contacts is forgotten. */
const deleteWithAccount: ReadonlySet<ItemKind> = new Set([
  'account-profile',
  'account-status',
  'status-history',
  'override-history',
  'number',
  'number-owner',
  'charge',
  'payment',
  'company-date',
  'review-change',
]);

/**
 * What a forget does to an item of this kind. Figures stay (a task's money, a case's scores and
 * dates, an answer's scores, the suppression's hash); names, addresses, dates of birth, comments
 * and notes go. An open task is cancelled before (its reservation released), then redacted.
 */
export function forgetActionFor(kind: ItemKind, subject: Subject['kind']): ForgetAction {
  if (deleteAlways.has(kind)) return { do: 'delete' };
  if (deleteWithAccount.has(kind)) return subject === 'account' ? { do: 'delete' } : { do: 'keep' };
  switch (kind) {
    case 'gift-task':
      // personName is required by the task's schema (reports read every task), so it is overwritten.
      return { do: 'redact', redaction: { remove: subject === 'account' ? ['accountName'] : [], replace: { personName: forgottenPlaceholder } } };
    case 'survey-case':
      return { do: 'redact', redaction: { remove: subject === 'account' ? ['contact', 'contactNote', 'resolutionNote', 'accountName'] : ['contact', 'contactNote', 'resolutionNote'], replace: {} } };
    case 'survey-answer':
      return { do: 'redact', redaction: { remove: ['comment'], replace: {} } };
    case 'suppression':
      return { do: 'redact', redaction: { remove: ['email'], replace: {} } };
    case 'task-link-pointer':
      // It holds only the task id, which the kept task carries too; the owner's link to decide an overrun still leads through it.
      return { do: 'keep' };
    default:
      return { do: 'keep' };
  }
}

/** Whether an item of the account's partition is about this contact (a contact forget leaves the rest). */
export function concernsContact(item: StoredItem, contactId: string, invitationIds: ReadonlySet<string>): boolean {
  switch (itemKindOf(item)) {
    case 'contact':
    case 'contact-record':
      return item.contactId === contactId || item.sk.endsWith(`#${contactId}`);
    case 'gift-task':
      return item.sourceId === contactId;
    case 'survey-case': {
      const contact = item.contact as { contactId?: unknown } | undefined;
      return contact?.contactId === contactId || invitationIds.has(String(item.caseId ?? item.sk.slice(item.sk.lastIndexOf('#') + 1)));
    }
    default:
      return false;
  }
}

/** Whether a redaction still has something to change on the item. */
export function needsRedaction(item: StoredItem, redaction: Redaction): boolean {
  return redaction.remove.some((name) => item[name] !== undefined) || Object.entries(redaction.replace).some(([name, value]) => item[name] !== undefined && item[name] !== value);
}

/** Attributes that only serve the table's indexes: left out of an export. */
export const indexAttributes: ReadonlySet<string> = new Set([
  'managerKey',
  'accountKey',
  'reviewShard',
  'occasionDay',
  'occasionKey',
  'giftDue',
  'taskKey',
  'taskManagerKey',
  'taskStateKey',
  'openTaskDate',
  'caseManagerKey',
  'caseKey',
  'caseQueue',
  'caseNextAction',
  'mailDueShard',
  'mailDueAt',
  'personKey',
  'leaseId',
]);

export type RemovedCounts = Partial<Record<ItemKind | 'gift-task-cancelled' | 'suppression-added', number>>;

export function addCounts(a: RemovedCounts, b: RemovedCounts): RemovedCounts {
  const sum: Record<string, number> = { ...a };
  for (const [kind, n] of Object.entries(b)) sum[kind] = (sum[kind] ?? 0) + (n ?? 0);
  return sum;
}
