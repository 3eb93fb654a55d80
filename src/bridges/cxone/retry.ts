/**
 * The CXone bridge's one retry policy: how long to wait after a failed call to CXone, for each
 * kind of call (discovery, token, join, poll, write), each with its own count of failures in a row.
 *
 * Invariants:
 * - Never less than `FLOOR_MS` between two attempts, whatever the server says: `Retry-After: 0`
 *   (or a date in the past) on every answer backs off like no header at all, never a tight loop.
 * - A positive `Retry-After` (RFC 9110 §10.2.3) is honoured, plus up to a quarter of jitter, capped
 *   at `retryAfterCapMs` (a server asking for an hour is not obeyed for an hour: the agent would
 *   be left out of sync that long). Jitter never shortens a wait below what the server asked.
 * - Without one (or with 0) the policy's own backoff doubles from `firstMs` to `capMs` with ± a
 *   quarter of jitter, so bridges that failed together do not retry together.
 * - Each failure counts, on the `Retry-After` path too; one success resets the count.
 */

/** The shortest wait between two attempts of any call. */
export const FLOOR_MS = 1000;

/** The longest wait a `Retry-After` can impose. */
export const RETRY_AFTER_CAP_MS = 120_000;

/** One kind of call's waiting times. */
export interface RetryLimits {
  /** The first wait after a failure without `Retry-After`. */
  readonly firstMs: number;
  /** The longest backoff of the policy's own. */
  readonly capMs: number;
  /** The longest wait a server's `Retry-After` can ask for (default `RETRY_AFTER_CAP_MS`). */
  readonly retryAfterCapMs?: number;
}

/** The waiting times of each kind of call the bridge makes. */
export const RETRY_LIMITS = {
  /** OpenID and tenant discovery. */
  discovery: { firstMs: 5000, capMs: 60_000 },
  /** The token endpoint (a refresh that could not reach it). */
  token: { firstMs: 1000, capMs: 30_000 },
  /** `agent-sessions/join`: no session yet, or CXone not answering. */
  join: { firstMs: 5000, capMs: 60_000 },
  /** `get-next-event`. */
  poll: { firstMs: 1000, capMs: 30_000 },
  /**
   * `get-next-event` answered (304, or 200 with nothing new) in less than half its timeout: CXone
   * (or a gateway before it) did not hold the poll, so the next one waits like after a failure.
   */
  quickPoll: { firstMs: 1000, capMs: 30_000 },
  /** The state POST: the delay a throttled write tells the widget to wait. */
  write: { firstMs: 1000, capMs: 30_000 },
} as const satisfies Record<string, RetryLimits>;

/** A failing kind of call: how long to wait before the next attempt. */
export class RetryPolicy {
  private count = 0;

  constructor(
    private readonly limits: RetryLimits,
    /** 0 ≤ x < 1 (tests pass a fixed one). */
    private readonly random: () => number = Math.random,
  ) {}

  /** Failures in a row so far. */
  get failures(): number {
    return this.count;
  }

  /** Counts a failure and says how long to wait; `retryAfterMs` is the server's `Retry-After`. */
  failed(retryAfterMs?: number): number {
    const own = Math.min(this.limits.capMs, this.limits.firstMs * 2 ** this.count);
    this.count += 1;
    if (retryAfterMs !== undefined && retryAfterMs > 0) {
      const cap = this.limits.retryAfterCapMs ?? RETRY_AFTER_CAP_MS;
      return Math.max(FLOOR_MS, Math.round(Math.min(cap, retryAfterMs * (1 + this.random() / 4))));
    }
    return Math.max(FLOOR_MS, Math.round(own * (0.75 + this.random() / 2)));
  }

  /** The call worked: the next failure starts from the first wait again. */
  succeeded(): void {
    this.count = 0;
  }
}

/**
 * `Retry-After` in ms from now: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); undefined when
 * missing or unreadable, 0 for a date in the past.
 */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An IMF-fixdate (or the obsolete forms Date.parse also reads); a bare number was handled above.
  if (!/[a-z]/i.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}
