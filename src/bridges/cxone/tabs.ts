/**
 * One CXone poller per agent across console tabs. Every Salesforce console tab frames its own
 * bridge, and all of them share one storage partition (the bridge's origin under Lightning's
 * site), so they see the same Web Locks and BroadcastChannel. The bridge that is signed in and
 * holds the lock polls CXone: the leader. The others relay. They forward their widget's
 * `setState` to the leader, and the leader's `hello`, `state`, `codes` and the `result`s meant for
 * them to their widget (https://developer.mozilla.org/en-US/docs/Web/API/Web_Locks_API,
 * https://developer.mozilla.org/en-US/docs/Web/API/BroadcastChannel).
 *
 * Invariants:
 * - No token is ever put on the channel: a relaying tab has none, and needs none.
 * - Every message heard on the channel is checked (its kind, its ids, and any protocol message
 *   inside it with the protocol's own guard) before use; anything else is dropped and counted.
 * - A relaying tab that stops hearing its leader (a `bye`, or no heartbeat for `LEADER_SILENCE_MS`)
 *   answers what it forwarded with `not-connected`, and says it is alone.
 * - Only a signed-in bridge asks for the lock. While it waits, it relays through the leader, if
 *   there is one.
 */
import {
  encodeBridgeMessage,
  name,
  own,
  isPlain,
  parseBridgeMessage,
  resultMessage,
  type AcdTarget,
  type BridgeMessage,
  type ClockPort,
} from '../../protocol/index.js';

/** How often a leader says it is there. */
export const HEARTBEAT_MS = 20_000;
/** How long a relaying tab waits for a heartbeat before it takes the leader for gone. */
export const LEADER_SILENCE_MS = 65_000;

/** The Web Locks API, as far as the tabs need it. */
export interface TabLocks {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
}

/** A BroadcastChannel, as far as the tabs need it. */
export interface TabChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface BridgeTabsOptions {
  readonly channel: TabChannel;
  readonly locks: TabLocks | null;
  /** The lock's name: one poller per CXone application and issuer. */
  readonly lockName: string;
  readonly clock: ClockPort;
  /** This tab's id on the channel (random). */
  readonly tabId: string;
  /** A message from the leader for this tab's widget. */
  readonly toWidget: (message: BridgeMessage) => void;
  /** The role changed from `was` (the page shows it). */
  readonly onRole: (role: TabRole, was: TabRole) => void;
}

/** `alone`: nobody polls for this tab; `relay`: another tab does; `leader`: this tab does. */
export type TabRole = 'alone' | 'relay' | 'leader';

type Leading = {
  /** What the leader's session says to a widget that says hello. */
  hello(): BridgeMessage;
  setState(id: string, target: AcdTarget): void;
};

const KINDS = ['who', 'leader', 'emit', 'setState', 'result', 'bye'] as const;
type Kind = (typeof KINDS)[number];

/** Protocol messages a leader may pass to relaying tabs: what the guard accepted, nothing else. */
function rebuild(data: unknown): BridgeMessage | null {
  const message = parseBridgeMessage(data);
  if (message === null || message.type === 'setState') return null;
  return message.type === 'hello' && message.role !== 'agent' ? null : message;
}

export class BridgeTabs {
  /** Channel messages dropped: unknown kind, bad ids, or a protocol message the guard refused. */
  rejected = 0;
  role: TabRole = 'alone';
  /** The leader's latest hello, while relaying. */
  leaderHello: BridgeMessage | null = null;
  private leading: Leading | null = null;
  private silence: unknown = null;
  private heartbeat: unknown = null;
  private nextId = 1;
  /** Leader: internal id → the relaying tab and its widget's id. */
  private readonly remote = new Map<string, { tab: string; id: string }>();
  /** Relay: ids forwarded to the leader and not yet answered. */
  private readonly forwarded = new Set<string>();
  private release: (() => void) | null = null;
  private readonly listener = (event: MessageEvent) => this.receive(event.data);

  constructor(private readonly options: BridgeTabsOptions) {}

  /** Listens, and asks whether some tab leads. */
  open(): void {
    this.options.channel.addEventListener('message', this.listener);
    this.send('who', {});
  }

  close(): void {
    this.resign();
    this.stopSilence();
    this.options.channel.removeEventListener('message', this.listener);
    this.options.channel.close();
  }

  /**
   * Asks for the lock (a signed-in bridge); `run` starts polling once it is held and resolves when
   * the session ends, which gives the lock up. Without Web Locks the tab simply leads.
   */
  async lead(leading: Leading, run: () => Promise<void>): Promise<void> {
    const hold = async () => {
      this.leading = leading;
      this.stopSilence();
      this.setRole('leader');
      this.announce();
      try {
        await new Promise<void>((resolve) => {
          this.release = resolve;
          run().then(resolve, resolve);
        });
      } finally {
        this.resign();
      }
    };
    if (this.options.locks === null) await hold();
    else await this.options.locks.request(this.options.lockName, hold);
  }

  /** Leader: a message of this tab's session, for every relaying tab too. */
  emit(message: BridgeMessage): boolean {
    if (this.role !== 'leader') return false;
    if (message.type === 'result') {
      const to = this.remote.get(message.id);
      if (to === undefined) return false;
      this.remote.delete(message.id);
      this.send('result', { to: to.tab, message: encodeBridgeMessage({ ...message, id: to.id }) });
      return true;
    }
    if (message.type === 'hello') this.send('leader', { hello: encodeBridgeMessage(message) });
    else this.send('emit', { message: encodeBridgeMessage(message) });
    return false;
  }

  /** Relay: the widget's setState goes to the leader. */
  forward(id: string, target: AcdTarget): void {
    this.forwarded.add(id);
    this.send('setState', { message: encodeBridgeMessage({ type: 'setState', id, target }) });
  }

  // ── internals ──

  private receive(data: unknown): void {
    const kind = isPlain(data) ? own(data, 'kind') : undefined;
    const from = isPlain(data) ? name(own(data, 'from'), 64) : undefined;
    if (!KINDS.includes(kind as Kind) || from === undefined || from === this.options.tabId) {
      if (from !== this.options.tabId) this.rejected += 1;
      return;
    }
    const body = data as Record<string, unknown>;
    switch (kind as Kind) {
      case 'who':
        if (this.role === 'leader') this.announce();
        return;
      case 'leader': {
        if (this.role === 'leader') return;
        const hello = rebuild(own(body, 'hello'));
        if (hello === null || hello.type !== 'hello') return this.refuse();
        this.listenFor();
        this.setRole('relay');
        // The heartbeat repeats it: the widget hears a hello only when it says something new.
        if (JSON.stringify(hello) !== JSON.stringify(this.leaderHello))
          this.options.toWidget(hello);
        this.leaderHello = hello;
        return;
      }
      case 'emit': {
        if (this.role !== 'relay') return;
        const message = rebuild(own(body, 'message'));
        if (message === null || message.type === 'result') return this.refuse();
        this.options.toWidget(message);
        this.listenFor();
        return;
      }
      case 'result': {
        if (this.role !== 'relay' || own(body, 'to') !== this.options.tabId) return;
        const message = rebuild(own(body, 'message'));
        if (message === null || message.type !== 'result') return this.refuse();
        if (!this.forwarded.delete(message.id)) return;
        this.options.toWidget(message);
        return;
      }
      case 'setState': {
        if (this.role !== 'leader' || this.leading === null) return;
        const message = parseBridgeMessage(own(body, 'message'));
        if (message === null || message.type !== 'setState') return this.refuse();
        const id = `relay-${this.nextId++}`;
        this.remote.set(id, { tab: from, id: message.id });
        this.leading.setState(id, message.target);
        return;
      }
      case 'bye':
        if (this.role === 'relay') this.leaderGone();
        return;
    }
  }

  private refuse(): void {
    this.rejected += 1;
  }

  private announce(): void {
    if (this.leading === null) return;
    this.send('leader', { hello: encodeBridgeMessage(this.leading.hello()) });
    this.options.clock.clearTimeout(this.heartbeat);
    this.heartbeat = this.options.clock.setTimeout(() => this.announce(), HEARTBEAT_MS);
  }

  private resign(): void {
    if (this.role !== 'leader') return;
    this.options.clock.clearTimeout(this.heartbeat);
    this.leading = null;
    this.remote.clear();
    this.release?.();
    this.release = null;
    this.send('bye', {});
    this.setRole('alone');
  }

  /** Relay: (re)starts the wait for the leader's next word. */
  private listenFor(): void {
    this.stopSilence();
    this.silence = this.options.clock.setTimeout(() => this.leaderGone(), LEADER_SILENCE_MS);
  }

  private stopSilence(): void {
    if (this.silence !== null) this.options.clock.clearTimeout(this.silence);
    this.silence = null;
  }

  private leaderGone(): void {
    this.stopSilence();
    this.leaderHello = null;
    for (const id of this.forwarded)
      this.options.toWidget(
        resultMessage(id, {
          ok: false,
          code: 'not-connected',
          message: 'The console tab connected to CXone went away before it answered',
        }),
      );
    this.forwarded.clear();
    this.setRole('alone');
  }

  private setRole(role: TabRole): void {
    const was = this.role;
    if (role === was) return;
    this.role = role;
    this.options.onRole(role, was);
  }

  private send(kind: Kind, fields: Record<string, unknown>): void {
    try {
      this.options.channel.postMessage({ kind, from: this.options.tabId, ...fields });
    } catch {
      // A closed channel: this tab is going away.
    }
  }
}
