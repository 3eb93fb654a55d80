/**
 * The engine's internal state: everything `transition()` needs, nothing it does not. Not public API:
 * hosts see `SyncSnapshot` (core/snapshot.ts).
 *
 * Invariants: plain data; `transition()` never mutates a state it was given, it returns a new one.
 */
import type { EngineConfig } from '../config.js';
import type { Problem } from '../errors.js';
import type { Rule, RuleDocument } from '../rules/types.js';
import type { BeforeContact, Counters, Deadline, Decision, DeferredWrite } from '../snapshot.js';
import type {
  AcdState,
  AcdTarget,
  AgentIdentity,
  OmniTarget,
  SalesforceStatus,
  StatusInfo,
  UnavailableCode,
} from '../values.js';

/** A write the engine issued and still remembers (for echo matching, retries and results). */
export interface WriteRecord {
  readonly id: number;
  readonly side: 'salesforce' | 'acd';
  readonly target: OmniTarget | AcdTarget;
  readonly issuedAt: number;
  /** When its result arrived: the echo window runs from the later of this and `issuedAt`. */
  readonly settledAt?: number;
  readonly attempt: number;
  /**
   * `queued`: decided while an earlier write to the same side was still in flight; it is sent when
   * that one settles (or after the echo window, if it never does). A newer write replaces it, so a
   * burst of outside changes costs at most one write in flight and one waiting per side.
   */
  readonly status: 'queued' | 'inflight' | 'done' | 'failed';
  readonly echoed: boolean;
  /** A newer write or outside change on the same side replaced it: its result no longer matters. */
  readonly superseded: boolean;
  readonly decision: Decision;
}

/** The latest outside (not caused by us) change on one side, for conflicts and resync. */
export interface OutsideChange {
  readonly at: number;
  readonly side: 'salesforce' | 'acd';
  readonly salesforce?: SalesforceStatus;
  readonly acd?: AcdState;
  /** It lost a conflict: it must not be propagated or re-asserted. */
  readonly lost: boolean;
  /** A write of ours to its side came after it: ours is the intent there now, so it no longer competes. */
  readonly replaced?: boolean;
  /**
   * An ACD change that began or ended an `acdWork` contact: where it sent Omni-Channel instead of a
   * publisher row's status (null: nowhere, the agent's choice stood), so a repair re-asserts that.
   */
  readonly acdWork?: { readonly target: OmniTarget | null };
  /**
   * A Salesforce choice made during a contact: the ACD state it resolved to when chosen (null: none,
   * it stands), so a repair re-asserts that rather than resolving its row again later.
   */
  readonly resolved?: { readonly target: AcdTarget | null };
}

/** An outside change that raced an open write of ours on the same side, waiting for that write to settle. */
export interface HeldChange {
  readonly at: number;
  readonly trigger: Decision['trigger'];
}

/** The whole engine state: everything `transition()` needs, nothing it does not. */
export interface EngineState {
  readonly config: EngineConfig;
  readonly document: RuleDocument | null;
  readonly rule: Rule | null;
  /** Problems that stop the engine from writing (rules, org, selection). */
  readonly blocking: readonly Problem[];
  /** Problems that do not stop it (a failed write, storage, a refused message). */
  readonly problems: readonly Problem[];
  readonly omniAttached: boolean;
  /** The host lists statuses (`OmniPort.listStatuses`): wait for the list before starting. */
  readonly statusesExpected: boolean;
  readonly salesforce: SalesforceStatus | null;
  readonly statuses: readonly StatusInfo[] | null;
  /** Statuses learned from events when `listStatuses()` is absent. */
  readonly learned: readonly StatusInfo[];
  readonly acd: AcdState | null;
  readonly identity: AgentIdentity | null;
  readonly codes: readonly UnavailableCode[] | null;
  readonly agentCanWrite: boolean;
  readonly workload: { readonly capacity: number; readonly current: number } | null;
  readonly omniWorkActive: boolean;
  readonly duplicateLogin: boolean;
  readonly started: boolean;
  /** Stored state is being read: nothing starts until it is in (a reload must not lose a deferred write). */
  readonly restoring: boolean;
  readonly paused: boolean;
  readonly leader: boolean;
  readonly history: readonly AcdTarget[];
  readonly deferred: DeferredWrite | null;
  /**
   * While the ACD is busy: when the agent's newest Salesforce choice mapped to no ACD state. Nothing
   * is held for it, and the contact's return is not published over it (docs/contract.md §6.5).
   */
  readonly standing: number | null;
  /** Under `acdWork`, while the ACD is on a contact: the Omni-Channel status to return to. */
  readonly beforeContact: BeforeContact | null;
  readonly writes: readonly WriteRecord[];
  readonly lastOutside: { readonly salesforce?: OutsideChange; readonly acd?: OutsideChange };
  readonly held: { readonly salesforce?: HeldChange; readonly acd?: HeldChange };
  readonly failed: boolean;
  /** Times at which the engine will act by itself, soonest first (idle's derived each step). */
  readonly deadlines: readonly Deadline[];
  /** When the idle period began: the latest input, contact, choice or return to available; null before the first step. */
  readonly idleFrom: number | null;
  /** `idleFrom` as last persisted (it is saved at most once a minute). */
  readonly idleSaved: number | null;
  readonly nextId: number;
  readonly counters: Counters;
}

/** A fresh engine: nothing known, nothing written. */
export function initialState(config: EngineConfig, leader = true): EngineState {
  return {
    config,
    document: null,
    rule: null,
    blocking: [],
    problems: [],
    omniAttached: false,
    statusesExpected: false,
    salesforce: null,
    statuses: null,
    learned: [],
    acd: null,
    identity: null,
    codes: null,
    agentCanWrite: false,
    workload: null,
    omniWorkActive: false,
    duplicateLogin: false,
    started: false,
    restoring: false,
    paused: false,
    leader,
    history: [],
    deferred: null,
    standing: null,
    beforeContact: null,
    writes: [],
    lastOutside: {},
    held: {},
    failed: false,
    deadlines: [],
    idleFrom: null,
    idleSaved: null,
    nextId: 1,
    counters: {
      decisions: 0,
      writes: 0,
      echoes: 0,
      rejected: 0,
      retries: 0,
      driftRepairs: 0,
      partial: 0,
    },
  };
}
