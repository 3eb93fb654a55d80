/**
 * What a host sees of the engine (docs/contract.md §2): the snapshot, the decision log entry, the phase, and
 * the stored shape of a held subscriber write.
 *
 * Invariants: plain data only, so snapshots can be persisted, mirrored to follower tabs and
 * exported as diagnostics; these types are public API, the engine's internal state is not.
 */
import type { Problem } from './errors.js';
import type { AcdState, SalesforceStatus, SubscriberTarget } from './values.js';

/**
 * The phases the element shows (docs/contract.md §2 and its "Phases" table), in a list for guards.
 * `in-sync` only when both sides are where the rule puts them; when they differ and nothing will
 * be written, `not-writing`, `not-mapped` or `out-of-sync` says which.
 */
export const PHASES = [
  'waiting',
  'starting',
  'in-sync',
  'syncing',
  'deferred',
  'shadow',
  'paused',
  'follower',
  'error',
  'not-writing',
  'not-mapped',
  'out-of-sync',
] as const;

/** One of the phases. */
export type Phase = (typeof PHASES)[number];

/**
 * What a phase is waiting for, or why the sides differ (docs/contract.md, "Phases"):
 * - `omni`: no Omni-Channel side yet, or its status is not read yet (`waiting`);
 * - `agent`: the agent side has said nothing of the agent's state yet (`waiting`);
 * - `agent-not-connected`: the agent side says it cannot sync now, e.g. nobody signed in (`waiting`);
 * - `duplicate-login`: Omni-Channel was opened elsewhere; this tab writes nothing to it (`not-writing`);
 * - `read-only-agent`: the ACD should follow Omni-Channel, but the agent side cannot be written to (`not-writing`);
 * - `acd-unmapped`: no row maps the ACD state; Omni-Channel stays where it is (`not-mapped`);
 * - `salesforce-unmapped`: no row maps the Omni-Channel status (or its code is not the team's); the ACD stays (`not-mapped`);
 * - `needs-salesforce` / `needs-acd`: the rule maps the latest change, but that side is elsewhere
 *   and no write is under way (`out-of-sync`; Resync repairs it).
 */
export const PHASE_CAUSES = [
  'omni',
  'agent',
  'agent-not-connected',
  'duplicate-login',
  'read-only-agent',
  'acd-unmapped',
  'salesforce-unmapped',
  'needs-salesforce',
  'needs-acd',
] as const;

/** One of the phase causes. */
export type PhaseCause = (typeof PHASE_CAUSES)[number];

/** The two sides, as decisions name them. */
export const SIDES = ['salesforce', 'acd'] as const;

/** A decision's outcome. */
export const RESULTS = ['ok', 'failed', 'pending', 'skipped'] as const;

/** Where a decision's row comes from. */
export const DIRECTIONS = ['publisher', 'subscriber', 'omniWork', 'acdWork'] as const;

/**
 * Why a decision came out the way it did: stable codes, listed in docs/contract.md (§2 and Details
 * 12) (a list, so a stored decision is read back only with a code this version knows).
 */
export const DECISION_WHYS = [
  'mapped',
  'echo',
  'unmapped',
  'in-sync',
  'deferred-on-contact',
  'deferred-applied',
  'previous-state',
  'no-previous-state',
  'default-unavailable',
  'omni-work',
  'omni-work-ended',
  'conflict-lost',
  'overridden',
  'startup',
  'drift-repaired',
  'shadow',
  'paused',
  'not-leader',
  'duplicate-login',
  'read-only-agent',
  'unknown-status',
  'already-writing',
  'acd-work',
  'acd-work-ended',
  'omni-offline',
  'timed-out',
  'timeout-notify',
  'idle',
  'scheduled',
  'schedule-ended',
  'deadline-cancelled',
  'unclean-end',
] as const;

/** One of the decision codes. */
export type DecisionWhy = (typeof DECISION_WHYS)[number];

/** One entry of the decision log (docs/contract.md §2). */
export interface Decision {
  /** Increasing per engine; an update of a decision (its write settled) keeps the id. */
  readonly id: number;
  readonly at: number;
  readonly trigger: {
    readonly side: (typeof SIDES)[number];
    readonly from: string;
    readonly to: string;
    readonly reason?: string;
  };
  readonly rule: string | null;
  readonly row: {
    readonly direction: (typeof DIRECTIONS)[number];
    readonly index: number;
    readonly text: string;
  } | null;
  readonly action: { readonly side: (typeof SIDES)[number]; readonly target: string } | 'none';
  readonly why: DecisionWhy;
  readonly result: (typeof RESULTS)[number];
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
  /**
   * Agent-state events kept in part: a state the ACD sent that the engine does not know (kept as
   * `Other`), or a start time or flag that could not be read (left out).
   */
  readonly partial: number;
}

/** The counters before anything happened: a fresh engine's, and the element's before one runs. */
export const ZERO_COUNTERS: Counters = Object.freeze({
  decisions: 0,
  writes: 0,
  echoes: 0,
  rejected: 0,
  retries: 0,
  driftRepairs: 0,
  partial: 0,
});

/** What a host sees of the engine (docs/contract.md §2). */
export interface SyncSnapshot {
  readonly phase: Phase;
  /** What the phase waits for, or why the sides differ; absent when the phase says it all. */
  readonly cause?: PhaseCause;
  readonly salesforce: SalesforceStatus | null;
  readonly acd: AcdState | null;
  readonly rule: string | null;
  readonly pending?: ReadonlyArray<{
    readonly side: (typeof SIDES)[number];
    readonly target: string;
    readonly attempt: number;
  }>;
  readonly deferred?: { readonly target: string; readonly since: number };
  readonly previousAcd?: string;
  readonly leader: boolean;
  readonly problems: readonly Problem[];
  readonly counters: Counters;
  /** Times at which the engine will act by itself, soonest first; absent when there are none. */
  readonly deadlines?: readonly Deadline[];
}

/** What a deadline does when it comes (docs/contract.md §6.12). */
export const DEADLINE_KINDS = ['timeout', 'scheduled', 'idle'] as const;

/** One of the deadline kinds. */
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** How long before a deadline the panel warns. */
export const WARN_BEFORE_MS = 120_000;

/** A time at which the engine will act by itself (docs/contract.md §6.12). */
export interface Deadline {
  /** Stable while it lasts: `timeout:salesforce:Away:<setAt>`, `scheduled:<host id>`, `idle:<since>`. */
  readonly id: string;
  readonly kind: DeadlineKind;
  /** Epoch ms on the engine's clock. */
  readonly at: number;
  /** `at` less two minutes, not before `setAt`. */
  readonly warnAt: number;
  /** The engine's clock has passed `warnAt`: the panel warns. */
  readonly warning: boolean;
  /** Where `target` is written; null for a timeout that only tells the agent. */
  readonly side: (typeof SIDES)[number] | null;
  /** A status API name (or `Offline`), an ACD state (`Unavailable/Lunch`), or `notify`. */
  readonly target: string;
  /** Timeout: the state it times; scheduled, after `at`: the scheduled state whose end it waits for. */
  readonly source?: string;
  /** Scheduled: when the state held before comes back. */
  readonly until?: number;
  /** When it was set: a change the agent makes after this cancels it (docs/contract.md, Details). */
  readonly setAt: number;
  /** Due, but held until the agent's contact (or ACW) ends. */
  readonly held?: true;
}

/** A state a host scheduled (`el.scheduleState`): `target` on its side at `at`, until `until`. */
export interface ScheduledState {
  /** The host's id for it (at most 100 characters); the deadline's id is `scheduled:<id>`. */
  readonly id: string;
  readonly at: number;
  readonly target: { readonly side: (typeof SIDES)[number]; readonly target: string };
  readonly until?: number;
}

/** A subscriber write held until the agent's contact or ACW ends. */
export interface DeferredWrite {
  readonly target: SubscriberTarget;
  readonly at: number;
  readonly decision: Decision;
}

/**
 * The Omni-Channel status the agent had when an ACD contact began under `acdWork`: restored when
 * the contact ends, unless the agent chose another Salesforce status meanwhile (`overridden`).
 * Stored, so a reload mid-call still restores it.
 */
export interface BeforeContact {
  readonly status: SalesforceStatus;
  readonly at: number;
  readonly overridden: boolean;
}
