/** Key shapes of the single table; docs/data-model.md lists the access pattern each serves. */
export const keys = {
  manager: (managerId: string) => ({ pk: `MANAGER#${managerId}`, sk: 'PROFILE' }),
  account: (accountId: string) => ({ pk: `ACCOUNT#${accountId}`, sk: 'PROFILE' }),
  accountNumber: (accountId: string, number: string) => ({ pk: `ACCOUNT#${accountId}`, sk: `NUMBER#${number}` }),
  numberOwner: (number: string) => ({ pk: `NUMBER#${number}`, sk: 'OWNER' }),
  charge: (accountId: string, month: string, number: string | undefined) => ({
    pk: `ACCOUNT#${accountId}`,
    sk: `CHARGE#${month}#${number ?? 'ACCOUNT'}`,
  }),
  payment: (accountId: string, month: string) => ({ pk: `ACCOUNT#${accountId}`, sk: `PAYMENT#${month}` }),
  contact: (accountId: string, contactId: string) => ({ pk: `ACCOUNT#${accountId}`, sk: `CONTACT#${contactId}` }),
  companyDate: (accountId: string, kind: string, date: string) => ({ pk: `ACCOUNT#${accountId}`, sk: `DATE#${kind}#${date}` }),
  /** The account's status and its latest decision: small, so renewing it is one write unit. */
  accountStatus: (accountId: string) => ({ pk: `ACCOUNT#${accountId}`, sk: 'STATUS' }),
  statusHistory: (accountId: string, reviewKey: string) => ({ pk: `ACCOUNT#${accountId}`, sk: `STATUS#${reviewKey}` }),
  override: (accountId: string, at: string) => ({ pk: `ACCOUNT#${accountId}`, sk: `OVERRIDE#${at}` }),
  budgetLine: (month: string, costItem: string) => ({ pk: `BUDGET#${month}`, sk: `LINE#${costItem}` }),
  /** A task lives under its account, so an account's tasks are one query away. */
  giftTask: (accountId: string, taskId: string) => ({ pk: `ACCOUNT#${accountId}`, sk: `TASK#${taskId}` }),
  /** From the opaque id in a task link to the task (a Get, so strongly consistent, unlike an index). */
  taskLinkRef: (linkId: string) => ({ pk: `TASKLINK#${linkId}`, sk: 'REF' }),
  /** A request to a line's owner for more budget, named by the opaque id its links carry. */
  budgetRequest: (ref: string) => ({ pk: `BUDGETREQUEST#${ref}`, sk: 'REQUEST' }),
  giftWatermark: () => ({ pk: 'GIFTS', sk: 'WATERMARK' }),
  giftRun: (day: string) => ({ pk: 'GIFTS', sk: `RUN#${day}` }),
  reviewRun: (reviewKey: string) => ({ pk: `REVIEW#${reviewKey}`, sk: 'RUN' }),
  /** Which review (yearly or admission) holds the turn: they never run at once. */
  reviewTurn: () => ({ pk: 'REVIEWS', sk: 'TURN' }),
  reviewSegment: (reviewKey: string, segment: number) => ({ pk: `REVIEW#${reviewKey}`, sk: `SEGMENT#${String(segment).padStart(4, '0')}` }),
  reviewChange: (reviewKey: string, managerId: string, accountId: string) => ({
    pk: `REVIEW#${reviewKey}`,
    sk: `CHANGE#${managerId}#${accountId}`,
  }),
  /** One per quarter; also the checkpoint of its opening run. */
  surveyWave: (waveKey: string) => ({ pk: `WAVE#${waveKey}`, sk: 'WAVE' }),
  /** One per contact and wave: its conditional Put is the guard against inviting anyone twice. */
  invitation: (waveKey: string, accountId: string, contactId: string) => ({ pk: `WAVE#${waveKey}`, sk: `INVITE#${accountId}#${contactId}` }),
  /** The address's marker in a wave: one invitation per address and wave, and the way from a bounce to its invitation. */
  waveAddress: (waveKey: string, emailHash: string) => ({ pk: `WAVE#${waveKey}`, sk: `INVITEE#${emailHash}` }),
  /** From the opaque id in a link to the invitation (a Get, so strongly consistent, unlike an index). */
  invitationRef: (invitationId: string) => ({ pk: `INVITATION#${invitationId}`, sk: 'REF' }),
  /** Answers live apart from identities: only the invitation id and the segment snapshot. */
  surveyAnswer: (waveKey: string, invitationId: string) => ({ pk: `WAVE#${waveKey}#ANSWERS`, sk: `ANSWER#${invitationId}` }),
  /** A closed-loop case under the client's account, so the contact policy finds open ones with one query. */
  surveyCase: (accountId: string, waveKey: string, invitationId: string) => ({ pk: `ACCOUNT#${accountId}`, sk: `CASE#${waveKey}#${invitationId}` }),
  /**
   * When the programme last mailed a contact a survey (invitation or reminder). Its own item, not
   * an attribute of the contact, because a contacts import replaces the contact item whole.
   * `CONTACTED#` sorts right after `CONTACT#`, so one `begins_with(sk, 'CONTACT')` query reads both.
   */
  contactRecord: (accountId: string, contactId: string) => ({ pk: `ACCOUNT#${accountId}`, sk: `CONTACTED#${contactId}` }),
  /** Keyed by the address's hash (see shared/domain/surveys/suppression.ts), one partition for the operator's list. */
  suppression: (emailHash: string) => ({ pk: 'SUPPRESSION', sk: `EMAIL#${emailHash}` }),
  /** Counters of one segment of a wave (sk `SEG#tier#gold`): a quarter's scores are one query of `SCORES#<q>`. */
  scoreSegment: (quarter: string, segmentId: string) => ({ pk: `SCORES#${quarter}`, sk: `SEG#${segmentId}` }),
  /** Marks an answer as counted; written in the counters' transaction, on condition it is new. */
  scoreCounted: (quarter: string, invitationId: string) => ({ pk: `SCORES#${quarter}#COUNTED`, sk: `ANSWER#${invitationId}` }),
  /** The quarterly standards review, once computed (also the guard against mailing it twice). */
  standardsReview: (quarter: string) => ({ pk: `SCORES#${quarter}`, sk: 'REVIEW' }),
  /** Versions of the service standards, in the order they were recorded. */
  standard: (setAt: string, measure: string, tier: string | undefined) => ({ pk: 'STANDARDS', sk: `SET#${setAt}#${measure}#${tier ?? 'all'}` }),
  mailSent: (idempotencyKey: string) => ({ pk: `MAIL#${idempotencyKey}`, sk: 'SENT' }),
  deadLetter: (at: string, id: string) => ({ pk: 'DEADLETTER', sk: `${at}#${id}` }),
} as const;

/** Index attributes an account profile carries, so the manager and review indexes can find it. */
export const reviewShardCount = 16;
export function accountIndexAttributes(accountId: string, managerId: string) {
  return {
    accountKey: `ACCOUNT#${accountId}`,
    managerKey: `MANAGER#${managerId}`,
    // Spread over several index partitions so a bulk import never makes one of them hot.
    reviewShard: `SHARD#${shardOf(accountId)}`,
  };
}

/**
 * Index attributes of an account's status item: the same review shard as its profile, and a sort
 * key right after the profile's (`#` sorts before every character an id may hold), so the review's
 * Scan of the `accounts` index meets an account's status right after its facts.
 */
export function statusIndexAttributes(accountId: string) {
  return { accountKey: `ACCOUNT#${accountId}#STATUS`, reviewShard: `SHARD#${shardOf(accountId)}` };
}

function shardOf(accountId: string): number {
  let hash = 0;
  for (const char of accountId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % reviewShardCount;
}

/** Index attributes of an occasion (a contact's birthday, a company date) for the month-day index. */
export function occasionIndexAttributes(accountId: string, itemSk: string, date: string | undefined) {
  return date ? { occasionDay: date.slice(5, 10), occasionKey: `ACCOUNT#${accountId}#${itemSk}` } : {};
}
