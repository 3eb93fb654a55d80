/**
 * The public view of the internal state: the phase and the snapshot (docs/contract.md §2), derived, never stored.
 */
import { previousTarget } from './history.js';
import type { EngineState } from './state.js';
import { ErrorCode } from '../errors.js';
import type { Phase, SyncSnapshot } from '../snapshot.js';
import { formatAcd, showSubscriber, showTarget } from '../values.js';

/**
 * Problems that mean the sync cannot do its job while they stand, though nothing is misconfigured
 * for good: the phase is `error` until they clear, never "in sync" beside them.
 */
const HALTING: readonly ErrorCode[] = [
  ErrorCode.statusNotPermitted,
  ErrorCode.agentNotConnected,
  ErrorCode.omniUnavailable,
];

/** The phase the element shows, derived from the state (never stored). */
export function phaseOf(state: EngineState): Phase {
  if (state.config.mode === 'off' || state.paused) return 'paused';
  if (!state.leader) return 'follower';
  if (state.blocking.length > 0 || state.failed) return 'error';
  if (state.problems.some((problem) => HALTING.includes(problem.code))) return 'error';
  if (!state.omniAttached) return 'waiting';
  if (!state.started) return 'starting';
  if (state.config.mode === 'shadow') return 'shadow';
  if (state.deferred !== null) return 'deferred';
  if (state.writes.some((w) => (w.status === 'inflight' || w.status === 'queued') && !w.superseded))
    return 'syncing';
  return 'in-sync';
}

/** The public snapshot of a state (docs/contract.md §2). */
export function snapshotOf(state: EngineState): SyncSnapshot {
  const pending = state.writes
    .filter((w) => (w.status === 'inflight' || w.status === 'queued') && !w.superseded)
    .map((w) => ({ side: w.side, target: showTarget(w.target), attempt: w.attempt }));
  const previous = previousTarget(state);
  return {
    phase: phaseOf(state),
    salesforce: state.salesforce,
    acd: state.acd,
    rule: state.rule?.name ?? null,
    ...(pending.length > 0 ? { pending } : {}),
    ...(state.deferred !== null
      ? { deferred: { target: showSubscriber(state.deferred.target), since: state.deferred.at } }
      : {}),
    ...(previous !== null ? { previousAcd: formatAcd(previous) } : {}),
    leader: state.leader,
    problems: [...state.blocking, ...state.problems],
    counters: state.counters,
  };
}
