/**
 * The table's keys, indexes, TTL and stream: pure data, read by the CDK stack and the local stack
 * (through infra/topology.ts) and by the adapter that creates the local table, which may not
 * import infra (test/unit/import-rules.test.ts).
 */
export interface IndexSpec {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  /**
   * Attributes copied into the index besides the keys; absent means all of them. Every write to
   * an item rewrites its index entries, so a small projection makes each entry 1 write unit.
   */
  readonly include?: readonly string[];
  /** Only the table and index keys: the reader fetches the item itself (a conditional update). */
  readonly keysOnly?: boolean;
}

export const table = {
  logicalName: 'VipTable',
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Time-to-live attribute for idempotency records and expired links. */
  ttlAttribute: 'expiresAt',
  /**
   * The table's stream: keys only, which is all the outbox sender needs to wake up, and keeps
   * mail content and personal data out of the stream and its failure records.
   */
  streamView: 'KEYS_ONLY',
  indexes: [
    /**
     * Accounts of a manager: MANAGER#id / ACCOUNT#id, with what a status report shows of the
     * profile (not the monthly facts); the report reads the statuses from the status items.
     */
    {
      name: 'byManager',
      partitionKey: 'managerKey',
      sortKey: 'accountKey',
      include: ['accountId', 'name', 'customerType', 'managerId', 'openedOn', 'tariff', 'override'],
    },
    /**
     * Sparse: account profiles and status items carry `reviewShard`; the review scans it in
     * parallel segments. It holds what the rules read: the profile's facts and override, the
     * status and a summary of the latest decision (not the decision itself, nor the city).
     */
    {
      name: 'accounts',
      partitionKey: 'reviewShard',
      sortKey: 'accountKey',
      include: ['accountId', 'name', 'customerType', 'managerId', 'city', 'openedOn', 'tariff', 'registeredNumbers', 'months', 'foreignNumbers', 'override', 'status', 'lastDecision'],
    },
    /** Every occasion by month-day (MM-DD): the yearly budget plan scans it whole. */
    { name: 'byOccasionDay', partitionKey: 'occasionDay', sortKey: 'occasionKey' },
    /**
     * Sparse: only the occasions that get a task (a VIP account's, celebrated for its tier, active,
     * consented), keyed `<MM-DD>#<lead days>`, with what the task needs of the occasion and its
     * account: the daily run reads the keys whose issue day has come, and nothing else.
     */
    {
      name: 'giftsDue',
      partitionKey: 'giftDue',
      sortKey: 'occasionKey',
      include: ['accountId', 'contactId', 'role', 'fullName', 'birthDate', 'consentEmail', 'active', 'suspectDate', 'kind', 'date', 'description', 'giftTier', 'giftManagerId', 'giftAccountName'],
    },
    /** Sparse: open gift tasks by the date of their occasion, for reminders and escalations. */
    { name: 'openTasksByDate', partitionKey: 'openTaskDate', sortKey: 'taskKey' },
    /** Gift tasks of a manager by state. */
    { name: 'tasksByManager', partitionKey: 'taskManagerKey', sortKey: 'taskStateKey' },
    /** Sparse: closed-loop cases only, by the client's manager (digest, report). */
    { name: 'casesByManager', partitionKey: 'caseManagerKey', sortKey: 'caseKey' },
    /** Sparse: open cases that still owe a reminder or an escalation, by the day it is owed (daily run). */
    { name: 'openCasesByAction', partitionKey: 'caseQueue', sortKey: 'caseNextAction' },
    /**
     * Sparse: pending and leased outbox mail by the time it is due, over a few shards
     * (MAILDUE#0..7) so a wave of 20,000 invitations never makes one index partition hot.
     */
    { name: 'mailDue', partitionKey: 'mailDueShard', sortKey: 'mailDueAt', keysOnly: true },
    /**
     * Sparse: what is held about a person outside their account's partition (contact item,
     * invitations, pointers, address markers, outbox mail), so export and forget read by key.
     */
    { name: 'byPerson', partitionKey: 'personKey', keysOnly: true },
  ] as const satisfies readonly IndexSpec[],
} as const;
