/**
 * The engine's state and the public snapshot and decision shapes (CONTRACT.md §2).
 *
 * Invariants: every value here is plain data (structured-cloneable, JSON-safe) so it can be
 * persisted, mirrored to follower tabs and exported as diagnostics; nothing here is mutated after
 * it is handed out: `transition()` always builds new objects.
 */
import type { Problem } from './errors.js';
import type { Rule, RuleDocument } from './rules.js';

/** The contact-center base states the engine knows (CXone `CurrentState`, research/cxone.md §1.1). */
export type AcdBase =
  | 'Available'
  | 'Unavailable'
  | 'InboundContact'
  | 'OutboundContact'
  | 'InboundConsult'
  | 'OutboundConsult'
  | 'Dialer'
  | 'LoggedOut';

/** All base states, for guards. */
export const ACD_BASES: readonly AcdBase[] = [
  'Available',
  'Unavailable',
  'InboundContact',
  'OutboundContact',
  'InboundConsult',
  'OutboundConsult',
  'Dialer',
  'LoggedOut',
];

/** The base states that mean "handling a contact": subscriber writes wait while one holds. */
export const CONTACT_BASES: readonly AcdBase[] = [
  'InboundContact',
  'OutboundContact',
  'InboundConsult',
  'OutboundConsult',
  'Dialer',
];

/** The agent's current contact-center state, normalised. */
export interface AcdState {
  readonly state: AcdBase;
  /** The unavailable (or ACW) code name; `""` is the system default unavailable state. */
  readonly reason: string;
  /** True while in after-contact work (CXone models ACW as Unavailable with an ACW code). */
  readonly isAcw: boolean;
  /** Epoch ms the state started, when the agent app says. */
  readonly since?: number;
  /** The state CXone will move to next, when it says. */
  readonly next?: { readonly state: AcdBase; readonly reason: string };
}

/** The only states the contact center lets anyone set (research/cxone.md §0.1). */
export type AcdTarget =
  { readonly state: 'Available' } | { readonly state: 'Unavailable'; readonly reason: string };

/** An Omni-Channel presence status; `id === null` means logged out of Omni-Channel (`Offline`). */
export interface SalesforceStatus {
  /** The status id, normalised to its first 15 characters; null when Offline. */
  readonly id: string | null;
  readonly apiName: string;
  readonly label: string;
}

/** The Offline pseudo-status. */
export const OFFLINE: SalesforceStatus = Object.freeze({
  id: null,
  apiName: 'Offline',
  label: 'Offline',
});

/** What the engine writes to Omni-Channel: a status, or a logout. */
export type OmniTarget =
  | { readonly statusId: string; readonly apiName: string; readonly label: string }
  | { readonly logout: true };

/** One unavailable code of the agent's team. */
export interface UnavailableCode {
  readonly name: string;
  readonly isAcw: boolean;
  readonly isActive: boolean;
}

/** Who the agent is, as far as rule selection needs. */
export interface AgentIdentity {
  readonly agentId?: string;
  readonly teamId?: string;
  readonly teamName?: string;
  readonly userId?: string;
}

/** A status the user may use, from `OmniPort.listStatuses()` or learned from events. */
export interface StatusInfo {
  readonly id: string;
  readonly apiName: string;
  readonly label: string;
  readonly online?: boolean;
}

/** The phases the element shows (CONTRACT.md §2). */
export type Phase =
  | 'waiting'
  | 'starting'
  | 'in-sync'
  | 'syncing'
  | 'deferred'
  | 'shadow'
  | 'paused'
  | 'follower'
  | 'error';

/** Why a decision came out the way it did: stable codes, listed in the README's contract notes. */
export type DecisionWhy =
  | 'mapped'
  | 'echo'
  | 'unmapped'
  | 'in-sync'
  | 'deferred-on-contact'
  | 'deferred-applied'
  | 'previous-state'
  | 'no-previous-state'
  | 'default-unavailable'
  | 'omni-work'
  | 'omni-work-ended'
  | 'conflict-lost'
  | 'overridden'
  | 'startup'
  | 'drift-repaired'
  | 'shadow'
  | 'paused'
  | 'not-leader'
  | 'duplicate-login'
  | 'read-only-agent'
  | 'unknown-status'
  | 'retry'
  | 'write-failed';

/** One entry of the decision log (CONTRACT.md §2). */
export interface Decision {
  /** Increasing per engine; an update of a decision (its write settled) keeps the id. */
  readonly id: number;
  readonly at: number;
  readonly trigger: {
    readonly side: 'salesforce' | 'acd';
    readonly from: string;
    readonly to: string;
    readonly reason?: string;
  };
  readonly rule: string | null;
  readonly row: {
    readonly direction: 'publisher' | 'subscriber' | 'omniWork';
    readonly index: number;
    readonly text: string;
  } | null;
  readonly action: { readonly side: 'salesforce' | 'acd'; readonly target: string } | 'none';
  readonly why: DecisionWhy;
  readonly result: 'ok' | 'failed' | 'pending' | 'skipped';
  /** Trigger to write issued, in ms (0 when issued in the same step; the hold time for deferred writes). */
  readonly ms: number;
}

/** Monotone counters shown in the snapshot and in diagnostics. */
export interface Counters {
  readonly decisions: number;
  readonly writes: number;
  readonly echoes: number;
  readonly rejected: number;
  readonly retries: number;
  readonly driftRepairs: number;
}

/** What a host sees of the engine (CONTRACT.md §2). */
export interface SyncSnapshot {
  readonly phase: Phase;
  readonly salesforce: SalesforceStatus | null;
  readonly acd: AcdState | null;
  readonly rule: string | null;
  readonly pending?: ReadonlyArray<{
    readonly side: 'salesforce' | 'acd';
    readonly target: string;
    readonly attempt: number;
  }>;
  readonly deferred?: { readonly target: string; readonly since: number };
  readonly previousAcd?: string;
  readonly leader: boolean;
  readonly problems: readonly Problem[];
  readonly counters: Counters;
}

/** Engine settings that come from the element's attributes. */
export interface EngineConfig {
  readonly mode: 'active' | 'shadow' | 'off';
  readonly authority: 'latest' | 'salesforce' | 'acd';
  readonly startup: 'acd' | 'salesforce' | 'none';
  readonly echoWindowMs: number;
  readonly userId?: string;
  readonly orgId?: string;
}

/** Defaults for every `EngineConfig` field (CONTRACT.md §2). */
export const DEFAULT_CONFIG: EngineConfig = Object.freeze({
  mode: 'active',
  authority: 'latest',
  startup: 'acd',
  echoWindowMs: 5000,
});

/** A target the subscriber direction wants on the ACD: a state, or "the previous one". */
export type SubscriberTarget = AcdTarget | { readonly previous: true };

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
}

/** An outside change that raced an open write of ours on the same side, waiting for that write to settle. */
export interface HeldChange {
  readonly at: number;
  readonly trigger: Decision['trigger'];
  readonly previousAcd: AcdState | null;
}

/** A subscriber write held until the agent's contact or ACW ends. */
export interface DeferredWrite {
  readonly target: SubscriberTarget;
  readonly at: number;
  readonly decision: Decision;
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
  readonly writes: readonly WriteRecord[];
  readonly lastOutside: { readonly salesforce?: OutsideChange; readonly acd?: OutsideChange };
  readonly held: { readonly salesforce?: HeldChange; readonly acd?: HeldChange };
  readonly failed: boolean;
  readonly nextId: number;
  readonly counters: Counters;
}
