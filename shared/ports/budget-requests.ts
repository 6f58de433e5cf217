import type { BudgetRequest } from '../domain/gifts/budget-request.ts';
import type { OutboxMail } from './outbox.ts';

/** A line owner's requests and their decisions. */
export interface BudgetRequests {
  /** Stores the request and queues its mail in one transaction; false when it was stored before (a retried run). */
  open(request: BudgetRequest, mail: OutboxMail, at: string): Promise<boolean>;
  get(ref: string): Promise<BudgetRequest | undefined>;
  /** pending -> raised, and the line's allocation grows by the missing amount, in one transaction. */
  raise(request: BudgetRequest, at: string): Promise<'raised' | 'decided' | 'no-line'>;
  /** pending -> declined; what the request is now when it was not pending. */
  decline(request: BudgetRequest, at: string): Promise<'declined' | 'was-declined' | 'was-raised'>;
  /** The owner of the nearest earlier line of the cost item (for a month that has none yet). */
  ownerBefore(month: string, costItem: string): Promise<string | undefined>;
  /** Queues a mail once (by its id). */
  notify(mail: OutboxMail, at: string): Promise<boolean>;
}
