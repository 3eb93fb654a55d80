/**
 * The `cxone-client-events` dialect (docs/contract.md §5.2): NICE's documented `RegisterForClientEvents`
 * and the raw ACD `AgentState` events the agent app then posts. Read only.
 *
 * Invariants: `parseClientEventsMessage` is total and returns only documented types and sizes;
 * CXone's raw states are normalised here, not in the engine, by the one parser
 * (protocol/cxone-events.ts), which keeps what it can: each part it could not read is counted
 * (`agent.partial`, the snapshot's `counters.partial`); `write` always rejects with `read-only-agent`.
 */
import { ErrorCode, SyncError } from '../core/errors.js';
import type { AgentFact } from '../core/inputs.js';
import type { AgentPort } from '../core/ports.js';
import { formatAcd, type AcdState, type AcdTarget } from '../core/values.js';
import { AgentChannel, type AgentChannelOptions } from './agent-channel.js';
import { isPlain, list, own, text } from '../core/guard.js';
import { readAgentStateEvent } from '../protocol/cxone-events.js';

/** What we call ourselves to the agent app. */
export const CLIENT_EVENTS_ISSUER = 'presence-sync';

const LIMITS = { events: 200 } as const;

/** A `cxone-client-events` message that passed the guard. */
export type ClientEventsMessage =
  | { readonly type: 'acknowledge'; readonly ok: boolean; readonly reason: string }
  /**
   * `states` holds the batch's AgentState events in order (other event types are dropped);
   * `partial` counts what they carried that could not be read.
   */
  | { readonly type: 'events'; readonly states: AcdState[]; readonly partial: number };

/** Parses one message of the dialect; null for anything else (including our own register message). */
export function parseClientEventsMessage(data: unknown): ClientEventsMessage | null {
  if (!isPlain(data)) return null;
  if (own(data, 'messageType') === 'ClientEventSubscriptionAcknowledge') {
    const status = own(data, 'status');
    if (status !== 'OK' && status !== 'ERROR') return null;
    return {
      type: 'acknowledge',
      ok: status === 'OK',
      reason: text(own(data, 'reason'), 300) ?? '',
    };
  }
  const issuer = own(data, 'issuer');
  if (issuer !== 'CXA' && issuer !== 'MAX') return null;
  const events = list(own(data, 'events'), LIMITS.events);
  if (events === undefined) return null;
  const states: AcdState[] = [];
  let partial = 0;
  for (const event of events) {
    if (!isPlain(event) || typeof own(event, 'Type') !== 'string') return null;
    if (own(event, 'Type') !== 'AgentState') continue;
    const read = readAgentStateEvent(event);
    // An AgentState with no state at all refuses the batch: its order with the others cannot be trusted.
    if (read === null) return null;
    states.push(read.state);
    partial += read.partial.length;
  }
  return { type: 'events', states, partial };
}

function isClientEvents(data: unknown): boolean {
  return parseClientEventsMessage(data) !== null;
}

/** The first re-registration delays while unacknowledged; the last repeats (bounded backoff). */
export const REGISTER_BACKOFF_MS = [250, 500, 1000, 2000, 5000] as const;
/** Unacknowledged this long after connecting (or a probe), the agent app is not connected. */
export const ACK_TIMEOUT_MS = 5000;
/** Silent this long, the agent app is probed with a registration (it answers with its state). */
export const SILENCE_MS = 60_000;

/**
 * The `cxone-client-events` dialect as a read-only `AgentPort`. Needs the agent window up front.
 *
 * NICE's messenger drops a registration that arrives before the agent app has loaded, and forgets
 * it when the app reloads (a CXone re-login reloads Agent Embedded), so registering once is not
 * enough: it registers until acknowledged (bounded backoff), again on every load of the agent
 * frame, and probes a silent app with a registration, which the app answers with its current
 * AgentState. An app that does not answer is reported `agent-not-connected` (a problem, not "in
 * sync") until it is heard again.
 */
export class ClientEventsAgentPort implements AgentPort {
  private readonly channel: AgentChannel;
  private introduced = false;
  private acknowledged = false;
  private attempt = 0;
  private retryTimer: unknown = null;
  private ackTimer: unknown = null;
  private silenceTimer: unknown = null;
  private silent = false;

  /** Throws a `SyncError` (`origin-refused`) for a bad allow-list. */
  constructor(options: AgentChannelOptions) {
    this.channel = new AgentChannel(options);
    this.channel.onWindowLoad = () => this.windowLoaded();
  }

  connect(sink: (fact: AgentFact) => void): () => void {
    // NICE's messenger answers only the window that registered (`@nice-devone/acd-sdk@25.1.2:src/lib/event-messenger`), so the
    // sender is never learned from an unsolicited message.
    const close = this.channel.open(
      sink,
      (data) => this.handle(data),
      () => false,
      isClientEvents,
    );
    this.introduced = false;
    if (this.channel.window === null) {
      sink({
        type: 'problem.reported',
        problem: {
          code: ErrorCode.agentNotConnected,
          message:
            'cxone-client-events needs the agent window: set agent-src or the agentWindow property.',
          recoverable: true,
          path: 'agent-protocol',
        },
      });
    } else this.startRegistering();
    return () => {
      this.stopTimers();
      this.channel.post({
        messageType: 'UnregisterFromClientEvents',
        issuer: CLIENT_EVENTS_ISSUER,
      });
      close();
    };
  }

  windowLoaded(): void {
    if (this.channel.window !== null) this.startRegistering();
  }

  /** Registers now, and again with backoff until an acknowledgement arrives. */
  private startRegistering(): void {
    this.acknowledged = false;
    this.attempt = 0;
    this.stopTimers();
    this.ackTimer = this.channel.clock.setTimeout(() => this.notConnected(), ACK_TIMEOUT_MS);
    this.registerAgain();
  }

  private registerAgain(): void {
    this.register();
    const delay = REGISTER_BACKOFF_MS[Math.min(this.attempt, REGISTER_BACKOFF_MS.length - 1)];
    this.attempt += 1;
    this.retryTimer = this.channel.clock.setTimeout(() => {
      this.retryTimer = null;
      if (!this.acknowledged) this.registerAgain();
    }, delay as number);
  }

  private notConnected(): void {
    this.ackTimer = null;
    if (this.acknowledged || this.silent) return;
    this.silent = true;
    this.channel.emit({
      type: 'problem.reported',
      problem: {
        code: ErrorCode.agentNotConnected,
        message: `The agent app did not answer its client-event registration within ${ACK_TIMEOUT_MS / 1000} s: is it loaded and signed in?`,
        recoverable: true,
      },
    });
  }

  /** The agent app was heard: the silence clock starts again. */
  private heard(): void {
    // Any answer counts: NICE's app replays the AgentState before it acknowledges.
    this.acknowledged = true;
    if (this.silent) {
      this.silent = false;
      this.channel.emit({ type: 'problem.cleared', code: ErrorCode.agentNotConnected });
    }
    if (this.silenceTimer !== null) this.channel.clock.clearTimeout(this.silenceTimer);
    this.silenceTimer = this.channel.clock.setTimeout(() => {
      this.silenceTimer = null;
      // A probe: a live app acknowledges and replays its state; a reloaded one registers us again.
      this.startRegistering();
    }, SILENCE_MS);
  }

  private stopTimers(): void {
    for (const timer of [this.retryTimer, this.ackTimer, this.silenceTimer]) {
      if (timer !== null) this.channel.clock.clearTimeout(timer);
    }
    this.retryTimer = null;
    this.ackTimer = null;
    this.silenceTimer = null;
  }

  private register(): boolean {
    // "all", not "agent": NICE notes a subscription bug with narrower types (beside https://help.nicecxone.com/content/agent/agentapplicationadministration/max/maxpostmessageintegration.htm).
    return this.channel.post({
      messageType: 'RegisterForClientEvents',
      subscriptionTypes: ['all'],
      issuer: CLIENT_EVENTS_ISSUER,
    });
  }

  private introduce(state: AcdState | null): void {
    this.introduced = true;
    this.channel.emit({ type: 'acd.hello', identity: null, codes: null, state, canWrite: false });
  }

  private handle(data: unknown): 'accepted' | 'rejected' | 'ignored' {
    const message = parseClientEventsMessage(data);
    if (message === null) return 'rejected';
    this.heard();
    if (message.type === 'acknowledge') {
      if (!message.ok) {
        this.channel.emit({
          type: 'problem.reported',
          problem: {
            code: ErrorCode.agentNotConnected,
            message: `The agent app refused the client-event subscription: ${message.reason || 'no reason given'}`,
            recoverable: true,
          },
        });
        return 'accepted';
      }
      if (!this.introduced) this.introduce(null);
      return 'accepted';
    }
    for (const state of message.states) {
      if (!this.introduced) this.introduce(state);
      else this.channel.emit({ type: 'acd.stateChanged', state });
    }
    if (message.states.length > 0) this.channel.stateArrived();
    if (message.partial > 0) this.channel.emit({ type: 'agent.partial', count: message.partial });
    return 'accepted';
  }

  write(target: AcdTarget): Promise<void> {
    return Promise.reject(
      new SyncError(
        ErrorCode.readOnlyAgent,
        `cxone-client-events cannot set the agent state (${formatAcd(target)})`,
        { recoverable: false },
      ),
    );
  }

  refresh(options: { timeoutMs: number }): Promise<void> {
    return this.channel.refresh(options.timeoutMs, () => {
      // Registering again makes the agent app replay the current AgentState (`@nice-devone/acd-sdk@25.1.2:src/lib/event-messenger`).
      this.channel.post({
        messageType: 'UnregisterFromClientEvents',
        issuer: CLIENT_EVENTS_ISSUER,
      });
      this.register();
    });
  }
}
