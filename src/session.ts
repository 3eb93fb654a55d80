/**
 * One element's sync session, the composition root: it builds the leader election, the storage,
 * the agent side for the configured dialect, and the engine, and mirrors the leader's snapshot to
 * follower tabs (docs/contract.md §6.9).
 *
 * Invariants: a session is built from a checked configuration only (the element refuses to start
 * on a bad attribute); every port a caller passes replaces the one built here; `dispose()` leaves
 * nothing running (engine, leader, storage, subscriptions).
 */
import { Subject, type Observable, type Subscription } from 'rxjs';
import { BridgeAgentPort } from './adapters/agent-bridge.js';
import type { AgentFrame } from './adapters/agent-channel.js';
import { ClientEventsAgentPort } from './adapters/agent-client-events.js';
import { observeWindowLoad } from './adapters/window-load.js';
import { createLeader, type MirroringLeaderPort } from './adapters/leader.js';
import type { EngineConfig } from './core/config.js';
import type { AgentPort, ClockPort, OmniPort, StoragePort } from './core/ports.js';
import type { Decision, SyncSnapshot } from './core/snapshot.js';
import { IdbStorage } from './persistence/idb-storage.js';
import { createEngine, type Engine, type EnginePorts } from './runtime/engine.js';

/** A checked configuration a session can start from (the element's attributes, checked). */
export interface SessionConfig {
  readonly engine: EngineConfig;
  readonly rules: unknown;
  /** The exact origins allowed to speak for the agent app. */
  readonly origins: readonly string[];
  readonly protocol: 'bridge' | 'cxone-client-events';
  /** The agent app URL the element renders, resolved against the page. */
  readonly agentSrc: string | null;
  /** The panel's language, which a bridge's page may show its own words in. */
  readonly locale?: string;
}

/** What a session is built from. */
export interface SessionOptions {
  readonly config: SessionConfig;
  readonly omni: OmniPort | null;
  /** The agent app's window when the host knows it (the `agentWindow` property). */
  readonly agentWindow: Window | null;
  /** The element's own `agent-src` frame, when the agent app runs in it. */
  readonly agentFrame?: AgentFrame | null;
  /** Replacements for the ports the session would build (tests, hosts with their own). */
  readonly ports?: Partial<EnginePorts> | null;
}

/** A running session. */
export interface Session {
  readonly engine: Engine;
  /** The leader tab's snapshots, as a follower tab hears them. */
  readonly mirror$: Observable<SyncSnapshot>;
  /** Connects a new agent side for this configuration (the agent window changed). */
  attachAgent(agentWindow: Window | null, agentFrame?: AgentFrame | null): void;
  /** The element's own agent frame loaded a page: the agent side introduces itself again. */
  agentFrameLoaded(): void;
  /** The decisions kept in storage, newest last (for diagnostics); empty when storage fails. */
  storedDecisions(): Promise<Decision[]>;
  dispose(): void;
}

/** The agent side for a configuration: a new port per attach, so no state leaks between. */
export function agentPortFor(
  config: SessionConfig,
  agentWindow: Window | null,
  clock?: ClockPort,
  agentFrame: AgentFrame | null = null,
): AgentPort | null {
  if (config.origins.length === 0) return null;
  const options = {
    origins: [...config.origins],
    agentWindow,
    agentFrame,
    windowLoad: observeWindowLoad,
    ...(clock ? { clock } : {}),
  };
  return config.protocol === 'bridge'
    ? new BridgeAgentPort({
        ...options,
        ...(config.locale ? { locale: config.locale } : {}),
        ...(config.engine.orgId ? { orgId: config.engine.orgId } : {}),
      })
    : new ClientEventsAgentPort(options);
}

/** Builds and starts a session. Throws only what `createEngine` throws for a bad config. */
export function createSession(options: SessionOptions): Session {
  const { config } = options;
  const ports = options.ports ?? {};
  const clock = ports.clock;
  const userKey = config.engine.userId ?? 'anonymous';
  const leader =
    (ports.leader as MirroringLeaderPort | undefined) ??
    createLeader({ userId: userKey, ...(clock ? { clock } : {}) });
  const storage: StoragePort = ports.storage ?? new IdbStorage(userKey);
  let agent =
    ports.agent ?? agentPortFor(config, options.agentWindow, clock, options.agentFrame ?? null);
  const engine = createEngine(
    { ...config.engine, rules: config.rules },
    {
      storage,
      leader,
      ...(clock ? { clock } : {}),
      ...(options.omni ? { omni: options.omni } : {}),
      ...(agent ? { agent } : {}),
    },
  );
  const mirror$ = new Subject<SyncSnapshot>();
  const stopMirror =
    typeof leader.onMirror === 'function'
      ? leader.onMirror((snapshot) => mirror$.next(snapshot))
      : () => undefined;
  const sharing: Subscription = engine.snapshot$.subscribe((snapshot) => {
    if (snapshot.leader && typeof leader.share === 'function') leader.share(snapshot);
  });
  return {
    engine,
    mirror$: mirror$.asObservable(),
    attachAgent: (agentWindow, agentFrame = null) => {
      agent = ports.agent ?? agentPortFor(config, agentWindow, clock, agentFrame);
      engine.attachAgent(agent);
    },
    agentFrameLoaded: () => agent?.windowLoaded?.(),
    storedDecisions: () => storage.decisions().catch(() => []),
    dispose: () => {
      sharing.unsubscribe();
      stopMirror();
      mirror$.complete();
      engine.dispose();
    },
  };
}
