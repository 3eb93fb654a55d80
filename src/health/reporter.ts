/**
 * The widget's side of sync health (docs/contract.md §7): the leader tab reports its health record
 * when the health changes (a burst coalesced into one report) and at every heartbeat, within the
 * budget, and resyncs once when the answer carries a supervisor's request.
 *
 * Invariants: only the leader reports; at most one report is in flight; every report spends a
 * token of `ReportBudget` (at most 20 in any hour, whatever the snapshots do); the reporter reads
 * snapshots and decisions and never writes to the engine, except the one resync a supervisor asked
 * for; a failed or hung report is logged and retried at the next heartbeat, never thrown.
 */
import type { Observable } from 'rxjs';
import { describeRejection } from '../core/errors.js';
import type { ClockPort } from '../core/ports.js';
import type { Decision, SyncSnapshot } from '../core/snapshot.js';
import { ReportBudget } from './budget.js';
import { healthKey, healthOf, type HealthPort, type HealthRecord } from './health.js';

/** How long a change waits for the rest of its burst (a write and its echo, a flap) before it is reported. */
export const COALESCE_MS = 10_000;

/** How long a report may take before it counts as failed. */
export const REPORT_TIMEOUT_MS = 30_000;

const MINUTE = 60_000;

/** What a reporter needs. */
export interface HealthReporterOptions {
  readonly port: HealthPort;
  readonly clock: ClockPort;
  /** Minutes between heartbeats (at least 1; the element turns reporting off before 0 gets here). */
  readonly heartbeatMin: number;
  readonly version: string;
  /** The contact center when the port does not say (read at each report: the agent side names it). */
  readonly acdKind: string | (() => string);
  readonly mode: string;
  /** Resyncs the engine (a supervisor asked). */
  readonly resync: () => Promise<void>;
  /** Where failed reports and resyncs are told (the console by default). */
  readonly log?: (message: string) => void;
  readonly coalesceMs?: number;
}

/** A running reporter: feed it the engine's snapshots and decisions. */
export interface HealthReporter {
  observe(snapshot: SyncSnapshot): void;
  decided(decision: Decision): void;
  dispose(): void;
}

/** Starts a reporter; nothing is sent until a leader's snapshot arrives. */
export function createHealthReporter(options: HealthReporterOptions): HealthReporter {
  const { port, clock } = options;
  const heartbeatMs = options.heartbeatMin * MINUTE;
  const coalesceMs = options.coalesceMs ?? COALESCE_MS;
  const log =
    options.log ?? ((message: string) => console.warn(`presence-sync health: ${message}`));
  const acdKind = (): string =>
    port.acdKind ?? (typeof options.acdKind === 'function' ? options.acdKind() : options.acdKind);
  const budget = new ReportBudget(clock.now());
  let snapshot: SyncSnapshot | null = null;
  let lastDecision: Decision | null = null;
  let outOfSyncSince: number | null = null;
  let resyncedAt: number | null = null;
  /** The key of the last report the store took; null: nothing reported while this tab leads. */
  let reportedKey: string | null = null;
  /** When the current unreported change was first seen. */
  let changedAt: number | null = null;
  let lastSentAt: number | null = null;
  /** After a failure, nothing goes before the next heartbeat. */
  let retryAt: number | null = null;
  let inFlight = false;
  let timer: unknown = null;
  let disposed = false;

  const record = (): HealthRecord | null =>
    snapshot === null
      ? null
      : healthOf(snapshot, {
          now: clock.now(),
          acdKind: acdKind(),
          heartbeatMin: options.heartbeatMin,
          version: options.version,
          mode: options.mode,
          outOfSyncSince,
          lastDecision,
          resyncedAt,
        });

  const leading = (): boolean => !disposed && snapshot !== null && snapshot.leader;

  const cancel = (): void => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };

  const plan = (): void => {
    cancel();
    if (!leading() || inFlight) return;
    const now = clock.now();
    // The first report of a leadership goes as a change, after its burst settles.
    const beatAt = lastSentAt === null ? Infinity : lastSentAt + heartbeatMs;
    const changeAt = changedAt === null ? Infinity : changedAt + coalesceMs;
    let due = Math.min(beatAt, changeAt);
    if (retryAt !== null) due = Math.max(due, retryAt);
    due = Math.max(due, budget.availableAt(now), now);
    timer = clock.setTimeout(fire, due - now);
  };

  const fire = (): void => {
    timer = null;
    const current = record();
    if (!leading() || inFlight || current === null) return;
    const now = clock.now();
    const key = healthKey(current);
    const beatDue = lastSentAt === null || now >= lastSentAt + heartbeatMs;
    if (key === reportedKey && !beatDue) {
      // The burst settled back where the store already is: nothing to tell.
      changedAt = null;
      plan();
      return;
    }
    if (!budget.take(now)) {
      plan();
      return;
    }
    send(current, key);
  };

  const send = (health: HealthRecord, key: string): void => {
    inFlight = true;
    lastSentAt = health.heartbeatAt;
    let settled = false;
    const done = (outcome: { resyncRequested: boolean } | { error: string }): void => {
      if (settled) {
        // An answer after the timeout: the store has already cleared the request it carries.
        if (!disposed && 'resyncRequested' in outcome && outcome.resyncRequested) {
          resyncOnce();
          plan();
        }
        return;
      }
      settled = true;
      clock.clearTimeout(guard);
      inFlight = false;
      if (disposed) return;
      if ('error' in outcome) {
        log(`report failed, retrying at the next heartbeat: ${outcome.error}`);
        retryAt = clock.now() + heartbeatMs;
      } else {
        retryAt = null;
        reportedKey = key;
        if (snapshot !== null && healthKey(record()!) === key) changedAt = null;
        if (outcome.resyncRequested) resyncOnce();
      }
      plan();
    };
    const guard = clock.setTimeout(
      () => done({ error: `no answer within ${REPORT_TIMEOUT_MS} ms` }),
      REPORT_TIMEOUT_MS,
    );
    let answer: Promise<unknown>;
    try {
      answer = Promise.resolve(port.report(health));
    } catch (error) {
      answer = Promise.reject(error);
    }
    answer.then(
      (value) => {
        const resyncRequested =
          typeof value === 'object' &&
          value !== null &&
          (value as { resyncRequested?: unknown }).resyncRequested === true;
        done({ resyncRequested });
      },
      (error: unknown) => done({ error: describeRejection(error) }),
    );
  };

  const resyncOnce = (): void => {
    resyncedAt = clock.now();
    changedAt ??= resyncedAt;
    options
      .resync()
      .catch((error: unknown) => log(`requested resync failed: ${describeRejection(error)}`));
  };

  return {
    observe: (next) => {
      if (disposed) return;
      const wasLeading = leading();
      snapshot = next;
      const now = clock.now();
      if (next.phase === 'in-sync') outOfSyncSince = null;
      else outOfSyncSince ??= now;
      if (!next.leader) {
        // A follower tab says nothing; when it leads again it reports at once.
        reportedKey = null;
        changedAt = null;
        lastSentAt = null;
        cancel();
        return;
      }
      const current = record()!;
      if (healthKey(current) !== reportedKey) changedAt ??= now;
      if (!wasLeading || timer === null || changedAt === now) plan();
    },
    decided: (decision) => {
      if (!disposed) lastDecision = decision;
    },
    dispose: () => {
      disposed = true;
      cancel();
    },
  };
}

/** What `reportHealth` reads from an engine (the runtime's `Engine` has it). */
export interface HealthSource {
  readonly snapshot$: Observable<SyncSnapshot>;
  readonly decisions$: Observable<Decision>;
  resync(): Promise<void>;
}

/**
 * Reports an engine's health until the returned function is called: the engine's snapshots and
 * decisions feed a reporter, and a supervisor's request resyncs that engine.
 */
export function reportHealth(
  engine: HealthSource,
  options: Omit<HealthReporterOptions, 'resync'>,
): () => void {
  const reporter = createHealthReporter({ ...options, resync: () => engine.resync() });
  const feeds = [
    engine.decisions$.subscribe((decision) => reporter.decided(decision)),
    engine.snapshot$.subscribe((snapshot) => reporter.observe(snapshot)),
  ];
  return () => {
    for (const feed of feeds) feed.unsubscribe();
    reporter.dispose();
  };
}
