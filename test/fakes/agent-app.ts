/**
 * A simulated CXone agent app, speaking both dialects of docs/contract.md §5 from its own window: what
 * the cross-origin tests and the demo talk to. It behaves like the agent app is documented to
 * (https://developer.niceincontact.com/API/AgentAPI): only Available and Unavailable(+code) can be set, ACW codes only during a
 * contact, a state set during a contact becomes the next state, codes are case-sensitive.
 * It checks the widget's origin too: the fake is as careful as we ask real agent apps to be.
 */
import type { AcdBase } from '../../src/core/values.js';

export type Protocol = 'bridge' | 'cxone-client-events';

export interface FakeState {
  state: AcdBase;
  reason: string;
  isAcw: boolean;
  since: number;
  next?: { state: AcdBase; reason: string };
}

export interface FakeCode {
  name: string;
  isAcw: boolean;
  isActive: boolean;
}

/** What a test or the demo tells the fake to do (over a MessagePort, never over window messages). */
export type Command =
  | { cmd: 'get' }
  | { cmd: 'set'; state: 'Available' | 'Unavailable'; reason?: string }
  | { cmd: 'call' }
  | { cmd: 'hangup'; acw?: string }
  | { cmd: 'endAcw' }
  | { cmd: 'logout' }
  | { cmd: 'behaviour'; silent?: boolean; refuse?: string | null; retryAfterMs?: number | null }
  | { cmd: 'hello' }
  /** Answers once the widget has sent at least `count` setState requests. */
  | { cmd: 'received'; count: number }
  | { cmd: 'post'; data: unknown[]; targetOrigin?: string }
  /** `count` state changes back to back (Unavailable/Lunch, Available, … so an even count ends Available). */
  | { cmd: 'storm'; count: number };

export interface Report {
  state: FakeState;
  protocol: Protocol;
  /** Every setState the widget sent, as "Available" or "Unavailable/<code>". */
  setStates: string[];
  registered: boolean;
  /** When the last state message was posted, and when each setState arrived (epoch ms, sub-ms). */
  postedAt: number;
  setStateAt: number[];
  /** Widget messages that arrived before the page's load event (a widget must wait for it). */
  earlyMessages: number;
  /** Whether this frame's clock has fine steps (it is cross-origin isolated), so the stamps above are comparable to the page's. */
  isolated: boolean;
}

export const DEFAULT_CODES: FakeCode[] = [
  { name: 'Lunch', isAcw: false, isActive: true },
  { name: 'Chat', isAcw: false, isActive: true },
  { name: 'Meeting', isAcw: false, isActive: true },
  { name: 'Wrap', isAcw: true, isActive: true },
];

const NS = 'presence-sync';

/** The agent app's logic; the page wires it to `window` and to a UI. */
export class AgentApp {
  state: FakeState;
  readonly setStates: string[] = [];
  readonly setStateAt: number[] = [];
  private postedAt = 0;
  silent = false;
  /** Set by the page on its load event. */
  loaded = false;
  private earlyMessages = 0;
  refuse: string | null = null;
  /** With `refuse`: the wait the refusal asks for (a throttled write). */
  retryAfterMs: number | null = null;
  private seq = 0;
  private widget: MessageEventSource | null = null;
  private registered: MessageEventSource | null = null;
  private beforeCall: FakeState | null = null;
  onChange: (state: FakeState) => void = () => undefined;
  private receivedWaiters: Array<{ count: number; done: (report: Report) => void }> = [];

  constructor(
    readonly protocol: Protocol,
    readonly widgetOrigin: string,
    private readonly parent: Window,
    readonly codes: FakeCode[] = DEFAULT_CODES,
    readonly agent = { agentId: '1001', teamId: '7', teamName: 'Tier 1' },
    private readonly now: () => number = () => Date.now(),
  ) {
    this.state = { state: 'Unavailable', reason: '', isAcw: false, since: now() };
  }

  report(): Report {
    return {
      state: { ...this.state },
      protocol: this.protocol,
      setStates: [...this.setStates],
      registered: this.registered !== null,
      postedAt: this.postedAt,
      setStateAt: [...this.setStateAt],
      earlyMessages: this.earlyMessages,
      isolated: globalThis.crossOriginIsolated === true,
    };
  }

  /** A message from some window: only the widget's origin is heard. */
  receive(event: MessageEvent): void {
    if (event.origin !== this.widgetOrigin || event.source === null) return;
    const data = event.data as Record<string, unknown> | null;
    if (typeof data !== 'object' || data === null) return;
    if (!this.loaded) this.earlyMessages += 1;
    if (data.ns === 'bench-ping') {
      // The bare round trip the benchmarks compare the sync against; the stamp splits it into its
      // two one-way deliveries (both frames' clocks are comparable when isolated).
      const at = performance.timeOrigin + performance.now();
      (event.source as Window).postMessage(
        { ns: 'bench-pong', id: data.id, at },
        this.widgetOrigin,
      );
      return;
    }
    if (this.protocol === 'bridge' && data.ns === NS && data.v === 1) {
      if (data.type === 'hello' && data.role === 'widget') {
        this.widget = event.source;
        this.hello();
      } else if (
        data.type === 'setState' &&
        typeof data.id === 'string' &&
        event.source === this.widget
      ) {
        this.apply(data.id, data.target as { state: string; reason?: string });
      }
    } else if (this.protocol === 'cxone-client-events') {
      if (data.messageType === 'RegisterForClientEvents') {
        this.registered = event.source;
        // The agent app answers with the current state, then the acknowledgement (`@nice-devone/acd-sdk@25.1.2:src/lib/event-messenger`).
        this.toWidget(this.agentEvent());
        this.toWidget({ messageType: 'ClientEventSubscriptionAcknowledge', status: 'OK' });
      } else if (
        data.messageType === 'UnregisterFromClientEvents' &&
        event.source === this.registered
      ) {
        this.registered = null;
      }
    }
  }

  /** Introduces the agent app (the widget may have loaded first or later). */
  hello(): void {
    if (this.protocol !== 'bridge') return;
    this.seq = 0;
    this.toWidget({
      ns: NS,
      v: 1,
      type: 'hello',
      role: 'agent',
      agent: this.agent,
      codes: this.codes,
      state: this.state,
      write: true,
    });
  }

  private apply(id: string, target: { state: string; reason?: string }): void {
    const label =
      target.state === 'Unavailable' && target.reason
        ? `Unavailable/${target.reason}`
        : target.state;
    this.setStates.push(label);
    this.setStateAt.push(performance.timeOrigin + performance.now());
    this.receivedWaiters = this.receivedWaiters.filter((waiter) => {
      if (this.setStates.length < waiter.count) return true;
      waiter.done(this.report());
      return false;
    });
    if (this.silent) return;
    const fail = (code: string, message: string) =>
      this.toWidget({
        ns: NS,
        v: 1,
        type: 'result',
        id,
        ok: false,
        code,
        message,
        ...(this.retryAfterMs !== null ? { retryAfterMs: this.retryAfterMs } : {}),
      });
    if (this.refuse !== null) return fail(this.refuse, 'refused by the test');
    const reason = target.state === 'Unavailable' ? (target.reason ?? '') : '';
    const code = this.codes.find((candidate) => candidate.name === reason);
    if (reason !== '' && (code === undefined || !code.isActive))
      return fail('invalid-reason', `no active code "${reason}"`);
    const busy = this.busy();
    if (code?.isAcw && !busy)
      return fail('acw-without-contact', 'ACW codes need an active contact');
    const next = { state: target.state as AcdBase, reason };
    if (busy) this.change({ ...this.state, next });
    else this.change({ state: next.state, reason, isAcw: false, since: this.now() });
    this.toWidget({ ns: NS, v: 1, type: 'result', id, ok: true });
  }

  busy(): boolean {
    return (
      this.state.isAcw || !['Available', 'Unavailable', 'LoggedOut'].includes(this.state.state)
    );
  }

  /** The agent (or the platform) changes the state. */
  change(state: FakeState): void {
    this.state = state;
    this.onChange(state);
    if (this.protocol === 'bridge') {
      this.seq += 1;
      this.postedAt = performance.timeOrigin + performance.now();
      this.toWidget({ ns: NS, v: 1, type: 'state', state, seq: this.seq });
    } else if (this.registered !== null) this.toWidget(this.agentEvent());
  }

  run(command: Command): Report | Promise<Report> {
    switch (command.cmd) {
      case 'received':
        if (this.setStates.length >= command.count) break;
        return new Promise((done) => this.receivedWaiters.push({ count: command.count, done }));
      case 'set':
        if (!this.busy())
          this.change({
            state: command.state,
            reason: command.state === 'Unavailable' ? (command.reason ?? '') : '',
            isAcw: false,
            since: this.now(),
          });
        break;
      case 'call':
        if (!this.busy()) this.beforeCall = this.state;
        this.change({
          state: 'InboundContact',
          reason: '',
          isAcw: false,
          since: this.now(),
          ...(this.state.next ? { next: this.state.next } : {}),
        });
        break;
      case 'hangup':
        if (command.acw !== undefined)
          this.change({
            state: 'Unavailable',
            reason: command.acw,
            isAcw: true,
            since: this.now(),
            ...(this.state.next ? { next: this.state.next } : {}),
          });
        else this.leaveContact();
        break;
      case 'endAcw':
        this.leaveContact();
        break;
      case 'logout':
        this.change({ state: 'LoggedOut', reason: '', isAcw: false, since: this.now() });
        break;
      case 'behaviour':
        if (command.silent !== undefined) this.silent = command.silent;
        if (command.refuse !== undefined) this.refuse = command.refuse;
        if (command.retryAfterMs !== undefined) this.retryAfterMs = command.retryAfterMs;
        break;
      case 'hello':
        this.hello();
        break;
      case 'post':
        for (const data of command.data)
          this.parent.postMessage(data, command.targetOrigin ?? this.widgetOrigin);
        break;
      case 'storm':
        for (let index = 0; index < command.count; index += 1) {
          const lunch = index % 2 === 0;
          this.change({
            state: lunch ? 'Unavailable' : 'Available',
            reason: lunch ? 'Lunch' : '',
            isAcw: false,
            since: this.now(),
          });
        }
        break;
      case 'get':
        break;
    }
    return this.report();
  }

  /** After a contact: the next state if one was set, else what the agent had before. */
  private leaveContact(): void {
    const next = this.state.next ??
      this.beforeCall ?? { state: 'Unavailable' as const, reason: '' };
    this.beforeCall = null;
    this.change({ state: next.state, reason: next.reason, isAcw: false, since: this.now() });
  }

  private agentEvent(): unknown {
    const { state } = this;
    return {
      issuer: 'CXA',
      events: [
        {
          Type: 'AgentState',
          CurrentState: state.state,
          CurrentOutReason: state.reason,
          IsAcw: state.isAcw ? 'True' : 'False',
          StartTimeUTC: new Date(state.since).toISOString(),
          NextStates: state.next ? [{ State: state.next.state, OutReason: state.next.reason }] : [],
        },
      ],
    };
  }

  private toWidget(data: unknown): void {
    const target = (this.protocol === 'bridge' ? this.widget : this.registered) ?? this.parent;
    (target as Window).postMessage(data, this.widgetOrigin);
  }
}
