import type { CaseOutcome } from '../domain/scores/closed-loop-figures.ts';
import type { ProgrammeFigures, StandardsReview } from '../domain/scores/standards-review.ts';
import type { OutboxMail } from './outbox.ts';

export interface ClosedLoopSource {
  /** The quarter's cases of these managers (the managers with answers in it), through the case index. */
  casesOf(quarter: string, managerIds: readonly string[]): Promise<CaseOutcome[]>;
}

export interface ProgrammeSource {
  figures(year: number): Promise<ProgrammeFigures>;
}

export interface ReviewArchive {
  saved(quarter: string): Promise<StandardsReview | undefined>;
  /** The review and its mail in one transaction, once per quarter. */
  save(review: StandardsReview, mail: OutboxMail, at: string): Promise<'saved' | 'already-saved'>;
}
