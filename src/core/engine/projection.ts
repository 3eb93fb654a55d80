/**
 * The public view of the internal state: the phase and the snapshot (docs/contract.md §2), derived, never stored.
 *
 * Invariants: the phase is a function of a few facts (`PhaseFacts`), read off the state in one
 * place, and `phaseFrom` applies the precedence table of docs/contract.md ("Phases") to them, first
 * row that holds wins; `in-sync` is reached only when the sides agree by the rule (`agreementOf`),
 * so a disagreement nothing will write is always named (`not-writing`, `not-mapped`, `out-of-sync`).
 */
import { previousTarget } from './history.js';
import type { EngineState } from './state.js';
import { acdWorkCovers } from './work.js';
import { ErrorCode } from '../errors.js';
import { matchPublisher, matchSubscriber, refMatches } from '../rules/match.js';
import type { Rule } from '../rules/types.js';
import type { Phase, PhaseCause, SyncSnapshot } from '../snapshot.js';
import {
  type AcdTarget,
  formatAcd,
  isBusy,
  type SalesforceStatus,
  settableOf,
  showSubscriber,
  showTarget,
  stateIs,
  type UnavailableCode,
} from '../values.js';

/**
 * Problems that mean the sync cannot do its job while they stand, though nothing is misconfigured
 * for good: the phase is `error` until they clear, never "in sync" beside them.
 */
const HALTING: readonly ErrorCode[] = [ErrorCode.statusNotPermitted, ErrorCode.omniUnavailable];

/**
 * Whether the two sides are where the rule puts them, and if not, what the rule says about the
 * side that changed last: its state has no row (`*-unmapped`), or the other side should follow
 * (`needs-*`).
 */
export type Agreement =
  'agree' | 'acd-unmapped' | 'salesforce-unmapped' | 'needs-salesforce' | 'needs-acd';

/** Everything the phase depends on (docs/contract.md, "Phases"). */
export interface PhaseFacts {
  /** `mode="off"`, or paused by the agent. */
  readonly stopped: boolean;
  readonly leader: boolean;
  /** A blocking problem (rules, org, selection), a write that failed for good, or a halting problem. */
  readonly broken: boolean;
  /** The Omni-Channel side is attached and its status read. */
  readonly omni: boolean;
  /** `unknown`: no agent state yet; `not-connected`: the agent side says it cannot sync now. */
  readonly agent: 'unknown' | 'not-connected' | 'known';
  readonly started: boolean;
  readonly shadow: boolean;
  readonly duplicateLogin: boolean;
  /** A write of ours is in flight or queued. */
  readonly writing: boolean;
  /** A subscriber write is held until the contact ends. */
  readonly deferred: boolean;
  readonly agreement: Agreement;
  /** The agent side said it can set the agent state. */
  readonly agentCanWrite: boolean;
}

/** A phase and, where it helps, what it waits for or why the sides differ. */
export interface PhaseView {
  readonly phase: Phase;
  readonly cause?: PhaseCause;
}

/** The precedence table of docs/contract.md ("Phases"): the first row that holds wins. */
export function phaseFrom(facts: PhaseFacts): PhaseView {
  if (facts.stopped) return { phase: 'paused' };
  if (!facts.leader) return { phase: 'follower' };
  if (facts.broken) return { phase: 'error' };
  if (!facts.omni) return { phase: 'waiting', cause: 'omni' };
  if (facts.agent === 'not-connected') return { phase: 'waiting', cause: 'agent-not-connected' };
  if (facts.agent === 'unknown') return { phase: 'waiting', cause: 'agent' };
  if (!facts.started) return { phase: 'starting' };
  if (facts.shadow) return { phase: 'shadow' };
  if (facts.duplicateLogin) return { phase: 'not-writing', cause: 'duplicate-login' };
  if (facts.writing) return { phase: 'syncing' };
  if (facts.deferred) return { phase: 'deferred' };
  const agreement = facts.agreement;
  if (agreement === 'agree') return { phase: 'in-sync' };
  if (agreement === 'needs-acd' && !facts.agentCanWrite)
    return { phase: 'not-writing', cause: 'read-only-agent' };
  if (agreement === 'acd-unmapped' || agreement === 'salesforce-unmapped')
    return { phase: 'not-mapped', cause: agreement };
  return { phase: 'out-of-sync', cause: agreement };
}

/** What the subscriber direction wants on the ACD for this status: a target, "the previous state", or nothing. */
function subscriberWants(
  rule: Rule,
  status: SalesforceStatus,
  codes: readonly UnavailableCode[] | null,
): AcdTarget | 'previous' | null {
  const row = matchSubscriber(rule, status);
  const fallback: AcdTarget | null = rule.skipUnavailableCodeValidation
    ? { state: 'Unavailable', reason: '' }
    : null;
  if (row === null) return fallback;
  if ('previous' in row.acd) return 'previous';
  const target = row.acd;
  if (target.state === 'Unavailable' && target.reason !== '' && codes !== null) {
    const code = codes.find((candidate) => candidate.name === target.reason);
    // The team lacks the code (docs/contract.md §6.3): the default, or nothing.
    if (code === undefined || !code.isActive || code.isAcw) return fallback;
  }
  return target;
}

/** The side whose change the rule follows now: the latest outside change that did not lose, else `startup`'s. */
function leadingSide(state: EngineState): 'acd' | 'salesforce' | null {
  const changes = [state.lastOutside.acd, state.lastOutside.salesforce].filter(
    (change) => change !== undefined && !change.lost,
  );
  const latest = changes.sort((x, y) => (y?.at ?? 0) - (x?.at ?? 0))[0];
  if (latest !== undefined) return latest.side;
  return state.config.startup === 'none' ? null : state.config.startup;
}

/** Whether the sides are where the rule puts them (docs/contract.md, "Phases"). */
export function agreementOf(state: EngineState): Agreement {
  const { rule, salesforce, acd } = state;
  if (rule === null || salesforce === null || acd === null) return 'agree';
  if (rule.acdWork && acdWorkCovers(rule, acd)) {
    // On an acdWork contact Omni-Channel shows the busy status, unless the agent chose another
    // meanwhile or is logged out of Omni-Channel (a contact never logs them in).
    const stands = state.beforeContact?.overridden === true || salesforce.id === null;
    return stands || refMatches(rule.acdWork.salesforce, salesforce) ? 'agree' : 'needs-salesforce';
  }
  if (state.omniWorkActive && rule.omniWork && !isBusy(acd))
    return stateIs(acd, rule.omniWork.acd) ? 'agree' : 'needs-acd';
  const published = matchPublisher(rule, acd);
  if (published !== null && refMatches(published.salesforce, salesforce)) return 'agree';
  const wanted = subscriberWants(rule, salesforce, state.codes);
  // PreviousState restores whatever settable state came before: any settable state may be it.
  if (wanted === 'previous' ? settableOf(acd) !== null : wanted !== null && stateIs(acd, wanted))
    return 'agree';
  const leading = leadingSide(state);
  if (leading === 'salesforce') return wanted === null ? 'salesforce-unmapped' : 'needs-acd';
  if (leading === 'acd') return published === null ? 'acd-unmapped' : 'needs-salesforce';
  // `startup="none"` and nothing changed since: a missing row is named first.
  if (published === null) return 'acd-unmapped';
  return wanted === null ? 'salesforce-unmapped' : 'needs-salesforce';
}

/** The facts the phase depends on, read off the state. */
export function phaseFacts(state: EngineState): PhaseFacts {
  const problems = state.problems.map((problem) => problem.code);
  // A write the side accepted but has not shown yet is still under way: the sides differ until its echo.
  const writing = state.writes.some(
    (w) =>
      !w.superseded &&
      (w.status === 'inflight' || w.status === 'queued' || (w.status === 'done' && !w.echoed)),
  );
  return {
    stopped: state.config.mode === 'off' || state.paused,
    leader: state.leader,
    broken:
      state.blocking.length > 0 || state.failed || problems.some((code) => HALTING.includes(code)),
    omni: state.omniAttached && state.salesforce !== null,
    agent: problems.includes(ErrorCode.agentNotConnected)
      ? 'not-connected'
      : state.acd === null
        ? 'unknown'
        : 'known',
    started: state.started,
    shadow: state.config.mode === 'shadow',
    duplicateLogin: state.duplicateLogin,
    writing,
    deferred: state.deferred !== null,
    agreement: agreementOf(state),
    agentCanWrite: state.agentCanWrite,
  };
}

/** The phase the element shows, derived from the state (never stored). */
export function phaseOf(state: EngineState): Phase {
  return phaseFrom(phaseFacts(state)).phase;
}

/** The public snapshot of a state (docs/contract.md §2). */
export function snapshotOf(state: EngineState): SyncSnapshot {
  const pending = state.writes
    .filter((w) => (w.status === 'inflight' || w.status === 'queued') && !w.superseded)
    .map((w) => ({ side: w.side, target: showTarget(w.target), attempt: w.attempt }));
  const previous = previousTarget(state);
  const { phase, cause } = phaseFrom(phaseFacts(state));
  return {
    phase,
    ...(cause !== undefined ? { cause } : {}),
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
    ...(state.deadlines.length > 0 ? { deadlines: state.deadlines } : {}),
  };
}
