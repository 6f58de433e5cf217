/**
 * At most `ratePerSecond` sends in any sliding second (strictly: `limit` sends per window of
 * limit / rate seconds, which is one second for whole rates). A token bucket with a burst would
 * let a second hold a full bucket plus its refill, up to twice the rate; this never exceeds it,
 * yet lets a sender that fell behind use the whole window. Pure: the caller passes the time and
 * sleeps as told.
 */
export class SendRateLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  /** Start times of the sends in the current window, oldest first. */
  private readonly recent: number[] = [];

  constructor(ratePerSecond: number) {
    if (!(ratePerSecond > 0)) throw new RangeError(`send rate must be above 0, got ${ratePerSecond}`);
    this.limit = Math.max(1, Math.floor(ratePerSecond));
    this.windowMs = (this.limit / ratePerSecond) * 1000;
  }

  /** Takes a send slot if there is one (returns 0); otherwise returns how long to wait before asking again. */
  take(nowMs: number): number {
    while (this.recent.length > 0 && this.recent[0]! <= nowMs - this.windowMs) this.recent.shift();
    if (this.recent.length < this.limit) {
      this.recent.push(nowMs);
      return 0;
    }
    return Math.max(1, Math.ceil(this.recent[0]! + this.windowMs - nowMs));
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
