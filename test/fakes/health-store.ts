import type { FleetRow, FleetSource } from '../../src/board/fleet.js';
import type { ClockPort } from '../../src/core/ports.js';
import type { HealthAnswer, HealthPort, HealthRecord } from '../../src/health/health.js';

/**
 * The Salesforce health table in memory, as the Apex controller keeps it: one row per user, updated
 * in place by that user's own reports; a supervisor's resync request is a stamp the user's next
 * report picks up (and clears). Failures are switchable per user.
 */
export class MemoryHealthStore implements FleetSource {
  private readonly rows = new Map<string, FleetRow>();
  private readonly pending = new Map<string, number>();
  /** Users whose reports are refused (the org's API is down for them). */
  readonly failing = new Set<string>();
  /** Every report as it arrived: who, when. */
  readonly log: Array<{ userId: string; at: number }> = [];

  constructor(private readonly clock: ClockPort) {}

  /** The port one user's widget reports through. */
  portFor(userId: string, name: string, acdKind?: string): HealthPort {
    return {
      ...(acdKind ? { acdKind } : {}),
      report: (health: HealthRecord): Promise<HealthAnswer> => {
        if (this.failing.has(userId)) return Promise.reject(new Error('UNABLE_TO_LOCK_ROW'));
        this.log.push({ userId, at: this.clock.now() });
        const requested = this.pending.get(userId);
        this.pending.delete(userId);
        this.rows.set(userId, { ...health, userId, name, resyncRequestedAt: null });
        return Promise.resolve({ resyncRequested: requested !== undefined });
      },
    };
  }

  /** The row as stored (a copy), or undefined. */
  row(userId: string): FleetRow | undefined {
    const row = this.rows.get(userId);
    if (!row) return undefined;
    const requested = this.pending.get(userId);
    return { ...row, resyncRequestedAt: requested ?? null };
  }

  list(): Promise<readonly unknown[]> {
    return Promise.resolve([...this.rows.keys()].map((userId) => this.row(userId)!));
  }

  requestResync(userIds: readonly string[]): Promise<void> {
    for (const userId of userIds)
      if (this.rows.has(userId)) this.pending.set(userId, this.clock.now());
    return Promise.resolve();
  }
}
