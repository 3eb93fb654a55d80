/**
 * The window-message channel both agent dialects share: who may speak for the agent app, and how
 * we answer.
 *
 * Invariants (docs/contract.md §5): a message is handed to the dialect only when its origin is in the
 * allow-list and, once the agent window is known, its source is that window; everything else is
 * dropped and counted, never thrown. Outbound messages always name an exact origin, never `*`
 * (NICE's own messenger posts to `*` and checks nothing: `@nice-devone/acd-sdk@25.1.2:src/lib/event-messenger`). Rejections are
 * counted in batches (one engine input per burst), so a flood of junk cannot flood the engine.
 */
import { isPlain, own } from '../core/guard.js';
import { ErrorCode, SyncError } from '../core/errors.js';
import type { AgentFact } from '../core/inputs.js';
import type { ClockPort } from '../core/ports.js';
import { systemClock } from '../platform/time.js';
import { originProblem, parseOrigins } from '../protocol/origins.js';
import type { WindowLoad, WindowLoadFactory } from './window-load.js';

/** The part of a window the channel listens on (the host page's own window by default). */
export interface MessageHost {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** Where the agent app runs: a window we can post to. */
export type AgentWindow = Pick<Window, 'postMessage'>;

/**
 * The element's own agent frame (`agent-src`). Nothing is posted to it before its page has loaded
 * (nothing there listens yet), and its window is read afresh at each post. Inside Lightning Web
 * Security a post between the cross-origin navigation's commit and `load` reaches the frame's raw
 * `postMessage`, which the sandbox's membrane then keeps: every later post fails with
 * `DataCloneError` (@locker/sandbox@0.28.4 installs its cross-origin distortion on the frame's
 * `load`).
 */
export interface AgentFrame {
  window(): AgentWindow | null;
  loaded(): boolean;
}

/** Options shared by both dialects. */
export interface AgentChannelOptions {
  /** The `agent-origin` allow-list: a space-separated string or a list of exact origins. */
  origins: string | readonly string[];
  /** The agent app's window when the host knows it (the `agentWindow` property or our own iframe). */
  agentWindow?: AgentWindow | null;
  /** The element's own agent frame, when the agent app runs in it. */
  agentFrame?: AgentFrame | null;
  /**
   * Tells when a host-given `agentWindow` has loaded its page (adapters/window-load.ts); nothing is
   * posted to it before. Without one, a host-given window is posted to at once.
   */
  windowLoad?: WindowLoadFactory;
  /** Where messages arrive; the global window by default. */
  host?: MessageHost;
  clock?: ClockPort;
}

/** How many distinct refused origins get their own problem line (the counter counts them all). */
const ORIGINS_REPORTED = 3;

/** What an empty `agent-origin` is told to name. */
const AGENT_ORIGIN_EXAMPLE = 'of the agent app, e.g. https://cxagent.nicecxone.com';

/**
 * Parses the `agent-origin` allow-list (protocol/origins.ts's rules). Throws a `SyncError`
 * (`origin-refused`, path `agent-origin`) naming the first bad entry and why: `*`, `null`, a
 * pattern, a URL with a path, a scheme other than http(s), plain http off loopback. Hosts are
 * lower-cased and default ports dropped, as browsers report them.
 */
export function parseAgentOrigins(value: string | readonly string[]): string[] {
  const { origins, refused } = parseOrigins(value, AGENT_ORIGIN_EXAMPLE);
  const first = refused[0];
  if (first !== undefined) {
    throw new SyncError(ErrorCode.originRefused, `agent-origin ${originProblem(first)}`, {
      path: 'agent-origin',
      recoverable: false,
    });
  }
  return origins;
}

/** What a dialect makes of one message that passed the origin and source checks. */
export type Verdict = 'accepted' | 'rejected' | 'ignored';

/**
 * Listens for messages, applies the origin and source checks, and posts to the peer's exact origin.
 * The dialect decides whether a message from an allowed origin may make its source the agent window.
 */
export class AgentChannel {
  readonly origins: readonly string[];
  private peerWindow: AgentWindow | null;
  private peerOrigin: string | null = null;
  private readonly host: MessageHost;
  readonly clock: ClockPort;
  private listener: ((event: MessageEvent) => void) | null = null;
  private rejected = 0;
  private flushing = false;
  private readonly refusedOrigins = new Set<string>();
  private sink: ((fact: AgentFact) => void) | null = null;
  private readonly waiters = new Set<() => void>();

  private readonly frame: AgentFrame | null;
  /** A host-given window's page load, when it is watched. */
  private readonly load: WindowLoad | null;
  private stopWatching: (() => void) | null = null;
  /** Called when the host-given window's page has loaded (the dialect introduces itself then). */
  onWindowLoad: (() => void) | null = null;

  constructor(options: AgentChannelOptions) {
    this.origins = parseAgentOrigins(options.origins);
    this.frame = options.agentFrame ?? null;
    this.peerWindow = this.frame?.window() ?? options.agentWindow ?? null;
    this.host = options.host ?? (globalThis as unknown as MessageHost);
    this.clock = options.clock ?? systemClock;
    const given = this.frame === null ? (options.agentWindow ?? null) : null;
    this.load =
      given !== null && options.windowLoad
        ? options.windowLoad(given, this.origins, this.clock)
        : null;
  }

  /** True when the agent window is one the host handed us (not our own frame, not learned). */
  get hostGiven(): boolean {
    return this.frame === null && this.peerWindow !== null && this.load !== null;
  }

  /** The agent window, once known. */
  get window(): AgentWindow | null {
    return this.peerWindow;
  }

  /**
   * Starts listening. `handle` sees only messages from an allowed origin and, once the agent
   * window is known, from that window; `adopt` says whether a message may make an unknown sender
   * the agent window (a bridge `hello`).
   */
  open(
    sink: (fact: AgentFact) => void,
    handle: (data: unknown, origin: string) => Verdict,
    adopt: (data: unknown) => boolean,
    looksLikeAgent: (data: unknown) => boolean = adopt,
  ): () => void {
    this.close();
    this.sink = sink;
    const listener = (event: MessageEvent): void => {
      try {
        this.receive(event, handle, adopt, looksLikeAgent);
      } catch {
        // A guard bug must not surface as a page error: the message is simply not used.
        this.reject();
      }
    };
    this.listener = listener;
    this.host.addEventListener('message', listener);
    this.stopWatching = this.load?.watch(() => this.onWindowLoad?.()) ?? null;
    return () => this.close();
  }

  private receive(
    event: MessageEvent,
    handle: (data: unknown, origin: string) => Verdict,
    adopt: (data: unknown) => boolean,
    looksLikeAgent: (data: unknown) => boolean,
  ): void {
    const origin = typeof event.origin === 'string' ? event.origin : '';
    if (!this.origins.includes(origin)) {
      this.refuseOrigin(origin, event.data, looksLikeAgent);
      return;
    }
    const source = event.source as AgentWindow | null;
    if (this.peerWindow === null) {
      // Only a message that introduces the agent app may make its sender the agent window.
      if (source === null || !adopt(event.data)) {
        this.reject();
        return;
      }
      this.peerWindow = source;
    } else if (source !== this.peerWindow) {
      this.reject();
      return;
    }
    if (this.peerOrigin !== null && this.peerOrigin !== origin) {
      // The agent window navigated to another allowed origin (or was replaced): follow it only
      // when it introduces itself again.
      if (!adopt(event.data)) {
        this.reject();
        return;
      }
    }
    const verdict = handle(event.data, origin);
    if (verdict === 'rejected') this.reject();
    else if (verdict === 'accepted') this.peerOrigin = origin;
  }

  /** A foreign origin: counted; when the message looked like the agent app's, one problem per origin says so. */
  private refuseOrigin(
    origin: string,
    data: unknown,
    looksLikeAgent: (data: unknown) => boolean,
  ): void {
    this.reject();
    let looks: boolean;
    try {
      looks = looksLikeAgent(data);
    } catch {
      looks = false;
    }
    if (!looks || this.refusedOrigins.has(origin) || this.refusedOrigins.size >= ORIGINS_REPORTED)
      return;
    this.refusedOrigins.add(origin);
    const shown = origin.length > 100 ? `${origin.slice(0, 100)}…` : origin || '(none)';
    this.sink?.({
      type: 'problem.reported',
      problem: {
        code: ErrorCode.originRefused,
        message: `Ignored an agent-app message from ${shown}: that origin is not in agent-origin (${this.origins.join(' ')}).`,
        recoverable: true,
        path: shown,
      },
    });
  }

  /** Counts one dropped message; the count reaches the engine once per burst. */
  reject(): void {
    this.rejected += 1;
    if (this.flushing) return;
    this.flushing = true;
    queueMicrotask(() => {
      this.flushing = false;
      const count = this.rejected;
      this.rejected = 0;
      if (count > 0) this.sink?.({ type: 'agent.rejected', count });
    });
  }

  /** Hands a fact to the engine. */
  emit(fact: AgentFact): void {
    this.sink?.(fact);
  }

  /**
   * Posts to the agent window at its exact origin; while the origin is unknown (a window the host
   * handed us), once per allowed origin: the browser delivers only the one that matches.
   * Returns false when there is no agent window yet, or when posting threw (then reported as
   * `agent-not-connected`, naming the message).
   */
  post(data: unknown): boolean {
    if (this.frame !== null) {
      // Before its page loads nothing listens in our own frame, and under LWS a post then breaks
      // every later one (see AgentFrame): the dialects speak again on `load`.
      if (!this.frame.loaded()) return false;
      this.peerWindow = this.frame.window() ?? this.peerWindow;
    }
    // A host-given window likewise, until its page has loaded (adapters/window-load.ts).
    if (this.load !== null && !this.load.loaded()) return false;
    const target = this.peerWindow;
    if (target === null) return false;
    let failure = this.postTo(target, data);
    if (failure !== null && this.frame !== null) {
      // Recovered when the frame's window, read again, takes the message.
      const again = this.frame.window();
      if (again !== null && again !== target) {
        this.peerWindow = again;
        failure = this.postTo(again, data);
      }
    }
    if (failure === null) return true;
    // Never swallowed: a message the browser (or a sandbox around it) refused to send is lost, and
    // the admin must see which one and why.
    const type = isPlain(data) ? (own(data, 'type') ?? own(data, 'messageType')) : undefined;
    const what = typeof type === 'string' ? type.slice(0, 40) : 'a message';
    const why = failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure);
    this.sink?.({
      type: 'problem.reported',
      problem: {
        code: ErrorCode.agentNotConnected,
        message: `Sending ${what} to the agent app failed: ${why.slice(0, 200)}`,
        recoverable: true,
      },
    });
    return false;
  }

  private postTo(target: AgentWindow, data: unknown): unknown {
    let failure: unknown = null;
    for (const origin of this.peerOrigin !== null ? [this.peerOrigin] : this.origins) {
      try {
        target.postMessage(data, origin);
      } catch (error) {
        failure = error;
      }
    }
    return failure;
  }

  /**
   * Asks the agent app for its state (`ask`) and resolves when a state arrives (`stateArrived`),
   * when the channel closes, or after `timeoutMs`, whichever is first. Never rejects.
   */
  refresh(timeoutMs: number, ask: () => void): Promise<void> {
    if (this.peerWindow === null) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.waiters.delete(done);
        this.clock.clearTimeout(timer);
        resolve();
      };
      const timer = this.clock.setTimeout(done, timeoutMs);
      this.waiters.add(done);
      ask();
    });
  }

  /** A state (or introduction) arrived: pending refreshes are answered. */
  stateArrived(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Stops listening; pending refreshes resolve. */
  close(): void {
    if (this.listener !== null) this.host.removeEventListener('message', this.listener);
    this.listener = null;
    this.stopWatching?.();
    this.stopWatching = null;
    this.sink = null;
    this.stateArrived();
  }
}
