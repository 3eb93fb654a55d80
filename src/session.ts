/**
 * One element's sync session, the composition root: it builds the leader election, the storage,
 * the Omni side over the host's `OmniPort`, the agent side for the configured dialect, and the
 * engine, and mirrors the leader's snapshot to follower tabs (docs/contract.md §6.9).
 *
 * Invariants: a session is built from a checked configuration only (the element refuses to start
 * on a bad attribute); every port a caller passes replaces the one built here; `dispose()` leaves
 * nothing running (engine, leader, storage, the sides' timers, subscriptions).
 */
import { Subject, type Observable, type Subscription } from 'rxjs';
import { BridgeAgentPort } from './adapters/agent-bridge.js';
import type { AgentChannelOptions, AgentFrame } from './adapters/agent-channel.js';
import { ClientEventsAgentPort } from './adapters/agent-client-events.js';
import { observeWindowLoad } from './adapters/window-load.js';
import { createLeader, type MirroringLeaderPort } from './adapters/leader.js';
import { startConsoleDay } from './adapters/console-day.js';
import type { ChoiceOf, EngineConfig } from './core/config.js';
import { checkRules, type RuleCheck } from './core/rules/check.js';
import type { AgentPort, ClockPort, OmniPort, StoragePort } from './core/ports.js';
import type { Decision, ScheduledState, SyncSnapshot } from './core/snapshot.js';
import { omniSide, type EnginePorts } from './create-engine.js';
import type { AcdTarget } from './core/values.js';
import { PRODUCT_VERSION, type HealthPort } from './health/health.js';
import { reportHealth } from './health/reporter.js';
import { IdbStorage } from './persistence/idb-storage.js';
import { systemClock, timerSet } from './platform/time.js';
import { startEngine, type Engine } from './runtime/engine.js';

/** What the element takes from below the session: its `ports`, its own agent frame, the engine. */
export type { AgentFrame, Engine, EnginePorts };

/** A checked configuration a session can start from (the element's attributes, checked). */
export interface SessionConfig {
  readonly engine: EngineConfig;
  readonly rules: unknown;
  /** The exact origins allowed to speak for the agent app. */
  readonly origins: readonly string[];
  /** Which agent side speaks for the agent app: a key of `DIALECTS`, a value of `agent-protocol`. */
  readonly protocol: keyof typeof DIALECTS;
  /** The agent app URL the element renders, resolved against the page. */
  readonly agentSrc: string | null;
  /** The panel's language, which a bridge's page may show its own words in. */
  readonly locale?: string;
  /** Minutes between health reports (docs/contract.md §7); 0: no reports. Absent: the default, 5. */
  readonly heartbeatMin?: number;
  /**
   * What the agent side sets when the agent's last console tab closes (`session-end`,
   * docs/contract.md §6.12); null (`none`): nothing.
   */
  readonly sessionEnd: AcdTarget | null;
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
  /** Where the leader reports sync health (the `health` property); none: no reports. */
  readonly health?: HealthPort | null;
}

/** A running session. */
export interface Session {
  readonly engine: Engine;
  /** The leader tab's snapshots, as a follower tab hears them. */
  readonly mirror$: Observable<SyncSnapshot>;
  /** Connects (or with null disconnects) the Omni side over a new host toolkit. */
  attachOmni(port: OmniPort | null): void;
  /** Connects a new agent side for this configuration (the agent window changed). */
  attachAgent(agentWindow: Window | null, agentFrame?: AgentFrame | null): void;
  /** The element's own agent frame loaded a page: the agent side introduces itself again. */
  agentFrameLoaded(): void;
  /**
   * Adds a scheduled state here and in every other console tab of the user (the leader's engine
   * acts on it); throws the engine's `config-invalid` for a bad entry, which no tab is told of.
   */
  scheduleState(entry: ScheduledState): void;
  /** Cancels a deadline here and in every other console tab of the user. */
  cancelDeadline(id: string): void;
  /** Which contact center the agent side said it speaks for, if it said (the panel names it so). */
  agentPlatform(): string | null;
  /** Reports health to another port (or none) every `heartbeatMin` minutes, keeping the engine running. */
  setHealth(port: HealthPort | null, heartbeatMin?: number): void;
  /** The decisions kept in storage, newest last (for diagnostics); empty when storage fails. */
  storedDecisions(): Promise<Decision[]>;
  /** Everything support needs about this session, secrets removed (see `diagnostics`). */
  exportDiagnostics(): Promise<Record<string, unknown>>;
  dispose(): void;
}

/** What a dialect's port may use besides the channel: the panel's language and the org. */
interface DialectContext {
  readonly locale?: string;
  readonly orgId?: string;
}

/**
 * The agent side for each `agent-protocol` value (core/config.ts `CHOICES`, docs/contract.md §2):
 * a protocol added to the settings schema does not compile until it has a port here.
 */
const DIALECTS = {
  bridge: (options, context) => new BridgeAgentPort({ ...options, ...context }),
  'cxone-client-events': (options) => new ClientEventsAgentPort(options),
} satisfies Record<
  ChoiceOf<'agentProtocol'>,
  (options: AgentChannelOptions, context: DialectContext) => AgentPort
>;

/** The agent side for a configuration: a new port per attach, so no state leaks between. */
export function agentPortFor(
  config: SessionConfig,
  agentWindow: Window | null,
  clock?: ClockPort,
  agentFrame: AgentFrame | null = null,
): AgentPort | null {
  if (config.origins.length === 0) return null;
  return DIALECTS[config.protocol](
    {
      origins: [...config.origins],
      agentWindow,
      agentFrame,
      windowLoad: observeWindowLoad,
      ...(clock ? { clock } : {}),
    },
    {
      ...(config.locale ? { locale: config.locale } : {}),
      ...(config.engine.orgId ? { orgId: config.engine.orgId } : {}),
    },
  );
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
  // The engine clears these when disposed: the Omni sides built here run their deadlines on them.
  const timers = timerSet(clock ?? systemClock);
  const engine = startEngine(
    { ...config.engine, rules: config.rules },
    {
      storage,
      leader,
      timers,
      ...(clock ? { clock } : {}),
      ...(options.omni ? { omni: omniSide(options.omni, timers) } : {}),
      ...(agent ? { agent } : {}),
    },
  );
  // The census of console tabs, activity for the idle timer, session end and the unclean-end record.
  const day = startConsoleDay({
    userId: userKey,
    engine,
    sessionEnd: config.sessionEnd,
    ...(clock ? { clock } : {}),
  });
  day.agentChanged(agent);
  const mirror$ = new Subject<SyncSnapshot>();
  const stopMirror =
    typeof leader.onMirror === 'function'
      ? leader.onMirror((snapshot) => mirror$.next(snapshot))
      : () => undefined;
  const sharing: Subscription = engine.snapshot$.subscribe((snapshot) => {
    if (snapshot.leader && typeof leader.share === 'function') leader.share(snapshot);
  });
  let stopHealth: (() => void) | null = null;
  const setHealth = (port: HealthPort | null, heartbeatMin = config.heartbeatMin ?? 5): void => {
    stopHealth?.();
    stopHealth = null;
    if (port === null || heartbeatMin === 0) return;
    // The reporter only reads the engine: its one write is the resync a supervisor asks for.
    stopHealth = reportHealth(engine, {
      port,
      clock: clock ?? systemClock,
      heartbeatMin,
      version: PRODUCT_VERSION,
      // The agent side's own word (`platform` in its hello: cxone, webex), else the dialect.
      acdKind: () =>
        agent?.platform?.() ??
        (config.protocol === 'cxone-client-events' ? 'cxone' : config.protocol),
      mode: config.engine.mode,
    });
  };
  setHealth(options.health ?? null);
  return {
    engine,
    mirror$: mirror$.asObservable(),
    attachOmni: (port) => engine.attachOmni(port === null ? null : omniSide(port, timers)),
    attachAgent: (agentWindow, agentFrame = null) => {
      agent = ports.agent ?? agentPortFor(config, agentWindow, clock, agentFrame);
      engine.attachAgent(agent);
      day.agentChanged(agent);
    },
    scheduleState: (entry) => {
      engine.scheduleState(entry);
      day.shareDeadline({ op: 'schedule', entry: { ...entry } });
    },
    cancelDeadline: (id) => {
      engine.cancelDeadline(id);
      day.shareDeadline({ op: 'cancel', id });
    },
    agentFrameLoaded: () => agent?.windowLoaded?.(),
    agentPlatform: () => agent?.platform?.() ?? null,
    setHealth,
    storedDecisions: () => storage.decisions().catch(() => []),
    exportDiagnostics: async () =>
      diagnostics(config, engine.snapshot, {
        engine,
        stored: await storage.decisions().catch(() => []),
        at: (clock ?? systemClock).now(),
      }),
    dispose: () => {
      day.dispose();
      setHealth(null);
      sharing.unsubscribe();
      stopMirror();
      mirror$.complete();
      engine.dispose();
    },
  };
}

/**
 * Checks a rule document with no session running: the document alone, and against the org when
 * one is given; nothing is known yet of the user's statuses, the agent or the team's codes.
 */
export function checkRulesAlone(rules: unknown, orgId?: string): RuleCheck {
  return checkRules(rules, {
    identity: null,
    selectable: false,
    statuses: null,
    codes: null,
    ...(orgId ? { orgId } : {}),
  });
}

/** A URL without its query or fragment, which may carry tokens; null when it is not a URL. */
function withoutSecrets(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}${parsed.search ? '?…' : ''}`;
  } catch {
    return null;
  }
}

/**
 * Everything support needs, with secrets removed (no tokens from URLs; ids are kept): the checked
 * configuration, the snapshot, the counters and problems, and, while a session runs, its rule
 * document and last decisions (memory and storage). Without one (an attribute is wrong, or before
 * the first start), the configuration and the snapshot the element shows.
 */
export function diagnostics(
  config: SessionConfig | null,
  snapshot: SyncSnapshot,
  running: {
    readonly engine: Pick<Engine, 'document' | 'decisions'>;
    readonly stored: readonly Decision[];
    readonly at: number;
  } | null = null,
): Record<string, unknown> {
  return {
    kind: 'presence-sync-diagnostics',
    generatedAt: new Date(running?.at ?? Date.now()).toISOString(),
    config: {
      mode: config?.engine.mode ?? null,
      authority: config?.engine.authority ?? null,
      startup: config?.engine.startup ?? null,
      agentProtocol: config?.protocol ?? null,
      agentOrigin: config?.origins ?? [],
      agentSrc: withoutSecrets(config?.agentSrc ?? null),
      userId: config?.engine.userId ?? null,
      orgId: config?.engine.orgId ?? null,
      echoWindowMs: config?.engine.echoWindowMs ?? null,
      locale: config?.locale ?? null,
      rules: running?.engine.document ?? null,
    },
    snapshot,
    counters: snapshot.counters,
    problems: snapshot.problems,
    decisions: running?.engine.decisions() ?? [],
    storedDecisions: running?.stored ?? [],
    userAgent: typeof navigator === 'undefined' ? null : navigator.userAgent,
  };
}
