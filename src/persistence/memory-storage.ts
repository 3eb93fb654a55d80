/**
 * In-memory storage: the fallback when IndexedDB is missing or blocked (docs/contract.md §6.11), and a
 * stand-in for tests. Same contract as the IndexedDB one, so the same suite runs against both.
 *
 * Invariants: records are copied in and validated out, exactly as if they had been serialised; the
 * decision ring never holds more than its limit; decision keys carry a per-instance session so a
 * reloaded engine, whose ids restart, never overwrites the previous page's decisions.
 */
import type { StoragePort, StoredState } from '../core/ports.js';
import type { Decision } from '../core/snapshot.js';
import { toDecision } from './records.js';
import { readStateRecord, stateRecord, unreadableDecisions } from './stored-state.js';

/** The raw data behind memory storage; share one between instances to simulate a reload. */
export interface MemoryBacking {
  state?: unknown;
  decisions: Map<string, { order: number; decision: unknown }>;
  /** The last place handed out, shared by every instance on this backing (as two tabs share a database). */
  last?: number;
}

/** Default decision ring size (docs/contract.md §6.11). */
export const RING_LIMIT = 1000;

/** A fresh session key prefix for one storage instance. */
export function sessionKey(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Storage in memory: what `IdbStorage` falls back to, and what tests and hosts without IndexedDB
 * use. Instances that share a backing behave like tabs sharing one database.
 */
export class MemoryStorage implements StoragePort {
  private readonly session = sessionKey();

  constructor(
    private readonly userId: string,
    private readonly backing: MemoryBacking = { decisions: new Map() },
    private readonly limit = RING_LIMIT,
  ) {
    backing.last ??= Math.max(
      0,
      ...[...backing.decisions.values()].map((entry) =>
        Number.isFinite(entry.order) ? entry.order : 0,
      ),
    );
  }

  async load(): Promise<StoredState> {
    const state = readStateRecord(
      this.backing.state === undefined ? undefined : structuredClone(this.backing.state),
      this.userId,
    );
    const unreadable = [...this.backing.decisions.values()].filter(
      (entry) => toDecision(entry.decision) === null,
    ).length;
    return { ...state, problems: [...(state.problems ?? []), ...unreadableDecisions(unreadable)] };
  }

  async save(state: StoredState): Promise<void> {
    this.backing.state = structuredClone(stateRecord(this.userId, state));
  }

  async putDecision(decision: Decision): Promise<void> {
    const key = `${this.session}:${decision.id}`;
    const existing = this.backing.decisions.get(key);
    const order = existing?.order ?? (this.backing.last = (this.backing.last ?? 0) + 1);
    this.backing.decisions.set(key, { order, decision: structuredClone(decision) });
    if (this.backing.decisions.size > this.limit) {
      const oldest = [...this.backing.decisions.entries()]
        .sort((a, b) => a[1].order - b[1].order)
        .slice(0, this.backing.decisions.size - this.limit);
      for (const [old] of oldest) this.backing.decisions.delete(old);
    }
  }

  async decisions(limit = this.limit): Promise<Decision[]> {
    return [...this.backing.decisions.values()]
      .sort((a, b) => a.order - b.order)
      .map((entry) => toDecision(entry.decision))
      .filter((decision): decision is Decision => decision !== null)
      .slice(-limit);
  }

  close(): void {
    // Nothing to release.
  }
}
