/**
 * The `bridge` dialect (docs/contract.md §5.1) on the widget's side: our own protocol
 * (protocol/bridge.ts), read and write, with a page on the contact-center side that relays the
 * agent state.
 *
 * Invariants: a `state` whose `seq` does not increase is stale and
 * dropped; every `setState` settles, by its `result` or by `agent-timeout`; a `result` settles only
 * the request with its id; we answer an agent `hello` with ours at most once a second.
 */
import { ErrorCode, SyncError } from '../core/errors.js';
import type { AgentFact } from '../core/inputs.js';
import type { AgentPort } from '../core/ports.js';
import { formatAcd, type AcdTarget } from '../core/values.js';
import {
  encodeBridgeMessage,
  HELLO_INTERVAL_MS,
  isPermanentResult,
  parseBridgeMessage,
} from '../protocol/bridge.js';
import { AgentChannel, type AgentChannelOptions } from './agent-channel.js';

/**
 * After the first `hello` to a host-given window, again after these delays until the agent app
 * answers; the last repeats (bounded backoff, as the client-events registration).
 */
export const HELLO_RETRY_MS = [250, 500, 1000, 2000, 5000] as const;

/** True when the data is an agent `hello`: the only message that may introduce the agent window. */
function isAgentHello(data: unknown): boolean {
  const message = parseBridgeMessage(data);
  return message !== null && message.type === 'hello' && message.role === 'agent';
}

interface PendingWrite {
  readonly target: AcdTarget;
  readonly timer: unknown;
  readonly resolve: () => void;
  readonly reject: (error: SyncError) => void;
}

/** The `bridge` dialect as an `AgentPort`. */
export class BridgeAgentPort implements AgentPort {
  private readonly channel: AgentChannel;
  private readonly pending = new Map<string, PendingWrite>();
  private lastSeq: number | null = null;
  private lastHelloSent = Number.NEGATIVE_INFINITY;
  private canWrite = false;
  private named: string | null = null;
  /** The agent side said hello: until then a `state` is not taken (the protocol's first message is hello). */
  private introduced = false;
  /** Whether the agent app has said hello on this connection. */
  private heard = false;
  private retryTimer: unknown = null;
  private nextId = 1;
  private readonly prefix = Math.random().toString(36).slice(2, 10);

  /** The session-end target the widget armed (null: disarmed), said again after each agent hello. */
  private sessionEnd: AcdTarget | null = null;

  private readonly locale: string | undefined;
  private readonly orgId: string | undefined;

  /** Throws a `SyncError` (`origin-refused`) for a bad allow-list. */
  constructor(options: AgentChannelOptions & { locale?: string; orgId?: string }) {
    this.channel = new AgentChannel(options);
    this.channel.onWindowLoad = () => this.windowLoaded();
    this.locale = options.locale;
    this.orgId = options.orgId;
  }

  connect(sink: (fact: AgentFact) => void): () => void {
    const close = this.channel.open(sink, (data) => this.handle(data), isAgentHello);
    this.heard = false;
    this.sayHello();
    this.retryHello();
    return () => {
      this.stopRetrying();
      close();
      this.failAll(
        new SyncError(
          ErrorCode.acdWriteFailed,
          'The agent app was disconnected before it answered',
        ),
      );
    };
  }

  platform(): string | null {
    return this.named;
  }

  armSessionEnd(target: AcdTarget | null): void {
    const same =
      target === null || this.sessionEnd === null
        ? target === this.sessionEnd
        : formatAcd(target) === formatAcd(this.sessionEnd);
    this.sessionEnd = target;
    if (!same && this.introduced) this.saySessionEnd();
  }

  private saySessionEnd(): void {
    this.channel.post(encodeBridgeMessage({ type: 'sessionEnd', target: this.sessionEnd }));
  }

  windowLoaded(): void {
    // The first hello may have gone to the frame's about:blank, and a reloaded page knows nothing.
    this.sayHello();
    this.retryHello();
  }

  /**
   * A host-given window: hello again with backoff until the agent app answers. Its page may load
   * its listener late (an SDK that starts after `load`), and nothing else would say hello again.
   */
  private retryHello(): void {
    this.stopRetrying();
    if (this.heard || !this.channel.hostGiven) return;
    const next = (attempt: number): void => {
      const delay = HELLO_RETRY_MS[Math.min(attempt, HELLO_RETRY_MS.length - 1)] as number;
      this.retryTimer = this.channel.clock.setTimeout(() => {
        this.retryTimer = null;
        if (this.heard) return;
        this.sayHello();
        next(attempt + 1);
      }, delay);
    };
    next(0);
  }

  private stopRetrying(): void {
    if (this.retryTimer !== null) this.channel.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private sayHello(): void {
    const hello = encodeBridgeMessage({
      type: 'hello',
      role: 'widget',
      platform: null,
      agent: null,
      codes: null,
      state: null,
      write: false,
      problem: null,
      locale: this.locale ?? null,
      orgId: this.orgId ?? null,
    });
    if (this.channel.post(hello)) this.lastHelloSent = this.channel.clock.now();
  }

  private handle(data: unknown): 'accepted' | 'rejected' | 'ignored' {
    const message = parseBridgeMessage(data);
    if (message === null) return 'rejected';
    switch (message.type) {
      case 'hello': {
        if (message.role !== 'agent') return 'ignored';
        this.heard = true;
        this.stopRetrying();
        // A new hello starts a new sequence (the agent app reloaded).
        this.lastSeq = null;
        this.canWrite = message.write;
        this.introduced = true;
        this.named = message.platform ?? this.named;
        // The agent side says why it cannot sync (not signed in, misconfigured): a problem until
        // a hello without one.
        if (message.problem !== null) {
          this.channel.emit({
            type: 'problem.reported',
            problem: {
              code: ErrorCode.agentNotConnected,
              message: `The agent app says: ${message.problem}`,
              recoverable: true,
            },
          });
        } else this.channel.emit({ type: 'problem.cleared', code: ErrorCode.agentNotConnected });
        this.channel.emit({
          type: 'acd.hello',
          identity: message.agent,
          codes: message.codes,
          state: message.state,
          canWrite: message.write,
        });
        if (this.channel.clock.now() - this.lastHelloSent >= HELLO_INTERVAL_MS) this.sayHello();
        // A (re)loaded agent side knows nothing of what was armed: said again to each hello.
        if (this.sessionEnd !== null) this.saySessionEnd();
        this.channel.stateArrived();
        return 'accepted';
      }
      case 'state':
        // Before its hello the agent side has not said who the agent is: a rule chosen from a bare
        // state would be chosen for nobody. Its hello carries the state anyway.
        if (!this.introduced) return 'ignored';
        if (this.lastSeq !== null && message.seq <= this.lastSeq) return 'rejected';
        this.lastSeq = message.seq;
        this.channel.emit({ type: 'acd.stateChanged', state: message.state });
        this.channel.stateArrived();
        return 'accepted';
      case 'codes':
        this.channel.emit({ type: 'acd.codes', codes: message.codes });
        return 'accepted';
      case 'result': {
        const write = this.pending.get(message.id);
        // A late result (after its timeout) or another widget's: nothing waits for it.
        if (write === undefined) return 'ignored';
        this.settle(message.id);
        if (message.ok) write.resolve();
        else {
          write.reject(
            new SyncError(
              ErrorCode.acdWriteFailed,
              `The agent app refused ${formatAcd(write.target)}: ${message.message} (${message.code})`,
              {
                recoverable: !isPermanentResult(message.code),
                // A throttled write says how long to wait: the engine's retry waits that long.
                ...(message.retryAfterMs !== null ? { retryAfterMs: message.retryAfterMs } : {}),
              },
            ),
          );
        }
        return 'accepted';
      }
      default:
        // A widget → agent message coming back at us.
        return 'ignored';
    }
  }

  write(target: AcdTarget, options: { timeoutMs: number }): Promise<void> {
    if (this.channel.window === null) {
      return Promise.reject(
        new SyncError(
          ErrorCode.acdWriteFailed,
          'The agent app has not introduced itself yet (no hello from an allowed origin)',
        ),
      );
    }
    if (!this.canWrite) {
      return Promise.reject(
        new SyncError(
          ErrorCode.readOnlyAgent,
          'The agent app said it cannot set the agent state (hello with write: false)',
          { recoverable: false },
        ),
      );
    }
    const id = `${this.prefix}-${this.nextId++}`;
    return new Promise<void>((resolve, reject) => {
      const timer = this.channel.clock.setTimeout(() => {
        if (!this.pending.has(id)) return;
        this.pending.delete(id);
        reject(
          new SyncError(
            ErrorCode.agentTimeout,
            `The agent app did not answer setting ${formatAcd(target)} within ${options.timeoutMs} ms`,
          ),
        );
      }, options.timeoutMs);
      this.pending.set(id, { target, timer, resolve, reject });
      this.channel.post(encodeBridgeMessage({ type: 'setState', id, target }));
    });
  }

  refresh(options: { timeoutMs: number }): Promise<void> {
    return this.channel.refresh(options.timeoutMs, () => this.sayHello());
  }

  private settle(id: string): void {
    const write = this.pending.get(id);
    if (write === undefined) return;
    this.channel.clock.clearTimeout(write.timer);
    this.pending.delete(id);
  }

  private failAll(error: SyncError): void {
    for (const [id, write] of [...this.pending]) {
      this.settle(id);
      write.reject(error);
    }
  }
}
