/**
 * How long each kind of item is kept (docs/data-model.md, "Retention"). Kinds with a natural end
 * carry the TTL attribute `expiresAt` from their writer; the rest are aged by the monthly
 * retention run (shared/use-cases/data-rights/apply-retention.ts).
 */
const day = 86_400;

export const retention = {
  /** Outbox mail: 30 days after it was sent or parked (the outbox sets it). */
  outboxMailDays: 30,
  /**
   * Invitations, their pointers and address markers (the join between an answer and a person):
   * until the wave's scores are final (its close) plus one quarter.
   */
  invitationDaysAfterClose: 92,
  /** Run records (status reviews, their segments and changes, daily gift runs): 2 years. */
  runRecordDays: 730,
  /** Audit entries of the data-rights commands: 5 years. */
  auditDays: 1826,
  /** Dead letters of the local event bus: 90 days. */
  deadLetterDays: 90,
  /** Monthly run: a resolved case loses the client's contact details and the notes 1 year after it was resolved. */
  resolvedCaseDays: 365,
  /** Monthly run: a closed gift task loses the congratulated person's and the account's names 2 years after its occasion. */
  closedTaskDays: 730,
  /** Monthly run: a survey answer loses its free-text comment 4 quarters after its wave. */
  answerCommentQuarters: 4,
} as const;

/** The TTL value (epoch seconds) `days` after an instant. */
export function expiresAfter(from: string | Date, days: number): number {
  const at = typeof from === 'string' ? Date.parse(from) : from.getTime();
  if (Number.isNaN(at)) throw new Error(`expiresAfter: not an instant: ${String(from)}`);
  return Math.floor(at / 1000) + days * day;
}

/** Whether `at` lies more than `days` before `now`. */
export function olderThan(at: string, days: number, now: Date): boolean {
  const time = Date.parse(at.length === 10 ? `${at}T00:00:00Z` : at);
  return !Number.isNaN(time) && now.getTime() - time > days * day * 1000;
}
