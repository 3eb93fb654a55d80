/**
 * Inputs to the engine: facts that happened, each stamped with the time it was seen (`at`, from the
 * ClockPort). Adapters produce them after validation; nothing else reaches `transition()`.
 */
import type { Problem } from './errors.js';
import type { RuleDocument } from './rules/types.js';
import type { BeforeContact, Deadline, DeferredWrite, ScheduledState } from './snapshot.js';
import type {
  AcdState,
  AcdTarget,
  AgentIdentity,
  SalesforceStatus,
  StatusInfo,
  UnavailableCode,
} from './values.js';

/** Every input `transition()` understands. */
export type Input =
  | { readonly type: 'rules.loaded'; readonly at: number; readonly document: RuleDocument }
  | { readonly type: 'rules.invalid'; readonly at: number; readonly problems: readonly Problem[] }
  | { readonly type: 'omni.attached'; readonly at: number; readonly listsStatuses: boolean }
  | { readonly type: 'omni.detached'; readonly at: number }
  | {
      readonly type: 'omni.statuses';
      readonly at: number;
      readonly statuses: readonly StatusInfo[];
    }
  /** A status read (`getServicePresenceStatusId`, at start and on resync), not an event. */
  | { readonly type: 'omni.statusRead'; readonly at: number; readonly status: SalesforceStatus }
  | {
      readonly type: 'omni.statusChanged';
      readonly at: number;
      readonly status: SalesforceStatus;
      readonly reason?: string;
    }
  | { readonly type: 'omni.loginSucceeded'; readonly at: number; readonly statusId: string }
  | { readonly type: 'omni.loggedOut'; readonly at: number; readonly reason?: string }
  | {
      readonly type: 'omni.workloadChanged';
      readonly at: number;
      readonly capacity: number;
      readonly current: number;
    }
  | { readonly type: 'omni.connectionError'; readonly at: number; readonly message: string }
  | {
      readonly type: 'acd.hello';
      readonly at: number;
      readonly identity: AgentIdentity | null;
      readonly codes: readonly UnavailableCode[] | null;
      readonly state: AcdState | null;
      readonly canWrite: boolean;
    }
  | { readonly type: 'acd.stateChanged'; readonly at: number; readonly state: AcdState }
  | { readonly type: 'acd.codes'; readonly at: number; readonly codes: readonly UnavailableCode[] }
  | { readonly type: 'write.succeeded'; readonly at: number; readonly id: number }
  | {
      readonly type: 'write.failed';
      readonly at: number;
      readonly id: number;
      readonly problem: Problem;
      readonly permanent: boolean;
      /** How long the side asked to wait before trying again (a throttled write). */
      readonly retryAfterMs?: number;
    }
  | { readonly type: 'write.retry'; readonly at: number; readonly id: number }
  | { readonly type: 'control.pause'; readonly at: number }
  | { readonly type: 'control.resume'; readonly at: number }
  | { readonly type: 'control.resync'; readonly at: number }
  /** Both sides were re-read after a resync: repair any drift now. */
  | { readonly type: 'control.repair'; readonly at: number }
  /** Time passed (the store wakes the engine when an open write's echo window ends). */
  | { readonly type: 'clock.tick'; readonly at: number }
  | { readonly type: 'leader.changed'; readonly at: number; readonly leader: boolean }
  /** Storage is attached: wait for `storage.restored` before starting. */
  | { readonly type: 'storage.attached'; readonly at: number }
  /** The stored state: read at start, or read again when this tab took the lead (`takeover`). */
  | {
      readonly type: 'storage.restored';
      readonly at: number;
      readonly history: readonly AcdTarget[];
      readonly deferred: DeferredWrite | null;
      readonly beforeContact?: BeforeContact | null;
      readonly standing?: number | null;
      /** The timed and scheduled deadlines the leader stored (absent: none). */
      readonly deadlines?: readonly Deadline[];
      /** When the idle period last began (absent: not stored). */
      readonly idleFrom?: number | null;
      readonly takeover?: boolean;
    }
  /** Input was seen in some console tab (pointer, key, wheel, touch, the tab shown), coalesced. */
  | { readonly type: 'activity.seen'; readonly at: number }
  /** A host scheduled a state (validated: `entry.target` names a status or a settable ACD state). */
  | { readonly type: 'schedule.added'; readonly at: number; readonly entry: ScheduledState }
  /** The agent (the panel) or the host cancelled a deadline. */
  | { readonly type: 'deadline.cancelled'; readonly at: number; readonly id: string }
  /** The previous console session ended without a close being seen (a crash, a killed browser). */
  | { readonly type: 'session.uncleanEnd'; readonly at: number; readonly lastSeen: number }
  | { readonly type: 'problem.reported'; readonly at: number; readonly problem: Problem }
  | { readonly type: 'problem.cleared'; readonly at: number; readonly code: Problem['code'] }
  | { readonly type: 'agent.rejected'; readonly at: number; readonly count: number }
  | { readonly type: 'agent.partial'; readonly at: number; readonly count: number };
