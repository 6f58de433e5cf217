import type { AccountFacts, AccountStatus, StatusOverride } from '../domain/account.ts';
import type { ReviewMode } from '../domain/review-key.ts';
import type { StatusDecision } from '../domain/status-decision.ts';

export interface ReviewRun {
  readonly reviewKey: string;
  readonly mode: ReviewMode;
  readonly reviewDate: string;
  readonly scheduledTime: string;
  /** Wall-clock time the run was opened: where the watchdog measures progress from before any page. */
  readonly openedAt?: string;
  readonly totalSegments: number;
  /** Segments whose scan is finished and counted on the run. */
  readonly doneSegments: readonly number[];
  readonly segmentsPublished: boolean;
  readonly state: 'running' | 'completed';
  readonly completedAt?: string;
  readonly summary?: ReviewSummary;
}

export interface ReviewSummary {
  readonly accounts: number;
  readonly outcomes: Readonly<Record<string, number>>;
  /** VIP accounts per tier after the review. */
  readonly tiers: Readonly<Record<string, number>>;
  readonly failedAccounts: number;
}

export interface ReviewSegment {
  readonly cursor?: Record<string, unknown>;
  /** Pages checkpointed so far; the optimistic-lock version of the cursor. */
  readonly pages: number;
  /** The segment's scan reached its end; only the hand-in to the run may be left. */
  readonly scanComplete: boolean;
  readonly processed: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly tiers: Readonly<Record<string, number>>;
  readonly failed: number;
  /** Wall-clock time of the latest checkpoint (the watchdog's sign of life). */
  readonly progressAt?: string;
}

/** An account as the review reads it: its facts, current status and override, from one item. */
export interface ReviewedAccount {
  readonly facts: AccountFacts;
  readonly status: AccountStatus;
  readonly override?: StatusOverride;
  /** The review and outcome that last changed this account. */
  readonly lastDecision?: { readonly reviewKey: string; readonly outcome: string; readonly change?: boolean; readonly previous?: AccountStatus };
}

/** An account whose item could not be read as facts; the review records it and goes on. */
export interface UnreadableAccount {
  readonly accountId: string;
  readonly problem: string;
}

export interface SegmentPage {
  readonly accounts: readonly ReviewedAccount[];
  readonly unreadable: readonly UnreadableAccount[];
  readonly cursor?: Record<string, unknown>;
}

export interface PageProgress {
  readonly processed: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly tiers: Readonly<Record<string, number>>;
  readonly failed: number;
}

/** The review holding the turn, when another asks for it. */
export interface ReviewTurnHolder {
  readonly reviewKey: string;
  readonly scheduledTime: string;
}

export type OpenRunOutcome = { readonly run: ReviewRun; readonly created: boolean } | { readonly busy: ReviewTurnHolder };

export interface ReviewStore {
  /** The most segments a parallel Scan of the accounts can use (their index's partition keys). */
  readonly maxSegments: number;
  /**
   * Accounts counted by the last completed yearly review before this one (the year before for a
   * yearly review, the same year's for an admission pass); undefined if there is none.
   */
  accountsOfLastYearlyReview(reviewKey: string): Promise<number | undefined>;
  /**
   * Creates the run unless it exists, taking the turn in the same transaction: 'busy' if another
   * review holds it (unless that one was scheduled before `staleBefore`: stalled, it is taken
   * over). Returns the stored run when it exists already.
   */
  openRun(run: Omit<ReviewRun, 'doneSegments' | 'segmentsPublished' | 'state'>, turn: { readonly staleBefore: string }): Promise<OpenRunOutcome>;
  getRun(reviewKey: string): Promise<ReviewRun | undefined>;
  /** The review holding the turn (the one running now, at most one), if any. */
  runningReview(): Promise<string | undefined>;
  markSegmentsPublished(reviewKey: string): Promise<void>;
  getSegment(reviewKey: string, segment: number): Promise<ReviewSegment>;
  readSegmentPage(segment: number, totalSegments: number, cursor: Record<string, unknown> | undefined, limit: number): Promise<SegmentPage>;
  /**
   * Applies one decision exactly once per review: the status with its latest decision, and for a
   * change its history entry and change record. `basis` is the review key of the latest decision
   * the account was read with (none: never decided); false if the status is no longer that one,
   * i.e. this review applied it before.
   */
  applyDecision(decision: StatusDecision, decidedAt: string, basis?: string): Promise<boolean>;
  /**
   * Moves the segment's cursor forward, adding the page's counts and stamping `at` (wall clock) as
   * its latest progress; false if another worker moved it first.
   */
  advanceSegment(reviewKey: string, segment: number, expectedPages: number, to: Record<string, unknown> | undefined, page: PageProgress, at: string): Promise<boolean>;
  /**
   * Counts the segment on the run, once: 'completed-all' tells exactly one caller that its
   * segment was the last one; 'already-counted' answers a repeat.
   */
  completeSegment(reviewKey: string, segment: number): Promise<'counted' | 'completed-all' | 'already-counted'>;
  /** Moves the run from running to completed once, and gives up its turn; false if it was already completed. */
  completeRun(reviewKey: string, summary: ReviewSummary, completedAt: string): Promise<boolean>;
  listSegments(reviewKey: string, totalSegments: number): Promise<ReviewSegment[]>;
  listChanges(reviewKey: string): Promise<StatusDecision[]>;
}
