/**
 * The report budget: a token bucket that lets a short burst through and then one report every
 * few minutes, so a flapping agent can never send more than `BUDGET.perHour` reports in any hour.
 *
 * Invariants: in any window of length T the bucket grants at most `capacity + rate × T` tokens
 * (it starts full and refills continuously); with a capacity of 4 and 16 an hour that is 20 in any
 * 60 minutes. Pure: time comes in as an argument.
 */

/** Reports per hour at most, and how the bucket is shaped to keep that promise. */
export const BUDGET = {
  perHour: 20,
  /** A burst this size goes at once (a fault, its repair, a pause, a resync). */
  capacity: 4,
  /** Tokens an hour after the burst: perHour − capacity. */
  refillPerHour: 16,
} as const;

const HOUR = 3_600_000;

/** A token bucket on a caller's clock. */
export class ReportBudget {
  private tokens: number = BUDGET.capacity;
  private at: number;

  constructor(now: number) {
    this.at = now;
  }

  private refill(now: number): void {
    if (now <= this.at) return;
    this.tokens = Math.min(
      BUDGET.capacity,
      this.tokens + ((now - this.at) * BUDGET.refillPerHour) / HOUR,
    );
    this.at = now;
  }

  /** The earliest time at or after `now` when a report may go. */
  availableAt(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) return now;
    return now + Math.ceil(((1 - this.tokens) * HOUR) / BUDGET.refillPerHour);
  }

  /** Spends one token; false (and nothing spent) when none is left. */
  take(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
