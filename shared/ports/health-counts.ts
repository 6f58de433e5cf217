/** Counts `vip report health` shows beside the runs; each is one partition or one filtered read. */
export interface HealthCounts {
  /** Events the local bus could not deliver after its retries (on AWS: the dead-letter queues). */
  deadLetters(): Promise<number>;
  /** Outbox mails parked instead of sent (a suppressed address). */
  parkedMails(): Promise<number>;
  /** Addresses on the programme's suppression list (bounces, complaints, unsubscribes, operator blocks). */
  suppressedAddresses(): Promise<number>;
}
