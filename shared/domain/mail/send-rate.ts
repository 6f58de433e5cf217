/**
 * A token bucket: at most `ratePerSecond` mails per second on average, with a burst of one
 * second's worth. Pure: the caller passes the time and sleeps as told.
 */
export class TokenBucket {
  private tokens: number;
  private readonly capacity: number;
  private lastMs: number | undefined;

  constructor(private readonly ratePerSecond: number) {
    if (!(ratePerSecond > 0)) throw new RangeError(`send rate must be above 0, got ${ratePerSecond}`);
    // A burst above one token would let the first second exceed the rate SES counts per second.
    this.capacity = Math.max(1, Math.floor(ratePerSecond));
    this.tokens = 1;
  }

  /** Takes a token if there is one (returns 0); otherwise returns how long to wait before asking again. */
  take(nowMs: number): number {
    if (this.lastMs !== undefined) this.tokens = Math.min(this.capacity, this.tokens + ((nowMs - this.lastMs) * this.ratePerSecond) / 1000);
    this.lastMs = nowMs;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond);
  }
}

/** The rate the sender keeps: the configured one if set and lower, else the account's quota. */
export function effectiveSendRate(accountMaxSendRate: number | undefined, configured: number | undefined): number {
  const candidates = [accountMaxSendRate, configured].filter((r): r is number => r !== undefined && r > 0);
  if (candidates.length === 0) throw new Error('no send rate: SES GetAccount gave no MaxSendRate and mail.maxSendRate is not configured');
  return Math.min(...candidates);
}

/** Exponential backoff with full jitter (attempt 1 = first retry): random in [0, min(cap, base * 2^attempt)]. */
export function throttleBackoffMs(attempt: number, random: number, baseMs = 100, capMs = 5_000): number {
  return Math.round(random * Math.min(capMs, baseMs * 2 ** attempt));
}
