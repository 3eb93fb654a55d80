/**
 * The ports through which the runtime reaches the outside world: interfaces only. Implementations
 * live in adapters/, persistence/, runtime/timers.ts, or the host.
 */
import type { Problem } from './errors.js';
import type { BeforeContact, Deadline, Decision, DeferredWrite } from './snapshot.js';
import type { AcdState, AcdTarget, AgentIdentity, UnavailableCode } from './values.js';

/** A presence status as the Omni-Channel toolkit returns it. */
export interface OmniStatusResult {
  statusId: string;
  statusName: string;
  statusApiName: string;
}

/** The Aura console events, named exactly as Salesforce names them (docs/contract.md §3). */
export type OmniEventType =
  | 'lightning:omniChannelLoginSuccess'
  | 'lightning:omniChannelStatusChanged'
  | 'lightning:omniChannelLogout'
  | 'lightning:omniChannelConnectionError'
  | 'lightning:omniChannelWorkAssigned'
  | 'lightning:omniChannelWorkAccepted'
  | 'lightning:omniChannelWorkDeclined'
  | 'lightning:omniChannelWorkClosed'
  | 'lightning:omniChannelWorkloadChanged'
  | 'lightning:omniChannelWorkFlagUpdated';

/** One console event as the host forwards it. */
export interface OmniEvent {
  type: OmniEventType;
  detail: Record<string, unknown>;
}

/**
 * The Salesforce side: the same method names, arguments and results as the Aura
 * `lightning:omniToolkitAPI` (https://developer.salesforce.com/docs/service/api-console/guide/sforce-api-console-lightning-getservicepresencestatusid.html and its sibling pages), so a wrapper only forwards.
 */
export interface OmniPort {
  /** Rejects when the agent is logged out of Omni-Channel. */
  getServicePresenceStatusId(): Promise<OmniStatusResult>;
  setServicePresenceStatus(args: {
    statusId: string;
  }): Promise<OmniStatusResult & { channels: string }>;
  login(args: { statusId: string }): Promise<boolean>;
  logout(): Promise<boolean>;
  getAgentWorkload(): Promise<{
    configuredCapacity: number;
    currentWorkload: number;
    configuredInterruptibleCapacity?: number;
    currentInterruptibleWorkload?: number;
  }>;
  getAgentWorks(): Promise<{
    works: string | Array<{ workItemId: string; workId: string; isEngaged: boolean }>;
  }>;
  /** The statuses this user may use (hosts fill it from Apex). */
  listStatuses?(): Promise<Array<{ id: string; apiName: string; label: string; online: boolean }>>;
  /** Console events; returns an unsubscribe function. */
  subscribe(listener: (event: OmniEvent) => void): () => void;
}

/** Facts the agent side reports, already validated (the store stamps the time). */
export type AgentFact =
  | {
      type: 'acd.hello';
      identity: AgentIdentity | null;
      codes: UnavailableCode[] | null;
      state: AcdState | null;
      canWrite: boolean;
    }
  | { type: 'acd.stateChanged'; state: AcdState }
  | { type: 'acd.codes'; codes: UnavailableCode[] }
  | { type: 'agent.rejected'; count: number }
  /** Agent-state events read in part (docs/contract.md §5.2): how many parts were not read. */
  | { type: 'agent.partial'; count: number }
  | { type: 'problem.reported'; problem: Problem }
  | { type: 'problem.cleared'; code: Problem['code'] };

/**
 * One side of the sync as the runtime sees it, whatever is behind it (the Omni-Channel toolkit, an
 * agent app over postMessage): validated facts in, writes out.
 */
export interface SidePort<Target, SideFact> {
  /** Starts listening; facts go to `sink`. Returns a function that stops listening. */
  connect(sink: (fact: SideFact) => void): () => void;
  /** Sets the side to `target`; rejects with a `SyncError` whose code names what failed. */
  write(target: Target, options: { timeoutMs: number }): Promise<void>;
  /** Reads the side's current value again (as a fact); resolves once answered or the time is up. */
  refresh(options: { timeoutMs: number }): Promise<void>;
}

/** The contact-center side, whatever the dialect: `write` rejects with agent-timeout, acd-write-failed or read-only-agent. */
export interface AgentPort extends SidePort<AcdTarget, AgentFact> {
  /**
   * The agent window (re)loaded a page (the element's own `agent-src` frame fired `load`): what the
   * old page was told is gone, so the dialect introduces itself again.
   */
  windowLoaded?(): void;
  /** Which contact center the agent side said it speaks for (`cxone`, `webex`), if it said. */
  platform?(): string | null;
}

/** What must survive a reload (docs/contract.md §6.11). */
export interface StoredState {
  history: AcdTarget[];
  deferred: DeferredWrite | null;
  /** Under `acdWork`, during a contact: the Omni-Channel status to return to (absent: none). */
  beforeContact?: BeforeContact | null;
  /** During a contact: when the agent's Salesforce choice that maps to no ACD state was made (absent: none). */
  standing?: number | null;
  /** Timed and scheduled deadlines, epoch ms (absent: none). */
  deadlines?: Deadline[];
  /** When the idle period last began, epoch ms (absent: not stored). */
  idleFrom?: number | null;
  /** What was found unusable (corrupted or foreign records, storage missing); only from `load()`. */
  problems?: Problem[];
}

/** Per-user persistence. Implementations validate what they read back. */
export interface StoragePort {
  load(): Promise<StoredState>;
  save(state: StoredState): Promise<void>;
  /** Adds or replaces (same id) a decision; keeps only the newest `limit`. */
  putDecision(decision: Decision): Promise<void>;
  /** The newest decisions, oldest first. */
  decisions(limit?: number): Promise<Decision[]>;
  close(): void;
  /**
   * Optional: calls `listener` when the storage stops working mid-session (the problems found when
   * opening come with `load()`); returns the unsubscribe.
   */
  watch?(listener: (problem: Problem) => void): () => void;
}

/** Time, injected so tests never sleep. */
export interface ClockPort {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** One writer per user across tabs. */
export interface LeaderPort {
  /** Calls back with the current leadership at once and on every change; returns unsubscribe. */
  subscribe(listener: (leader: boolean) => void): () => void;
  close(): void;
}
