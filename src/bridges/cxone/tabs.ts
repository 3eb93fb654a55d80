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
 * - A leader is only who the election chose: a relaying tab follows a tab only once Web Locks show
 *   that one document holds both the election lock and that tab's own lock (every tab holds a lock
 *   named after its id), and then takes `emit`, `result` and `bye` only when they carry that tab's
 *   id. A message cannot prove its sender, though: a document in the same partition that copies the
 *   ids it overhears is not stopped by this check, only one that claims an id nobody's lock holds.
 * - The leader writes a relayed `setState` only for a tab that holds its own lock and whose widget
 *   passed this bridge's origin check; per tab one write runs and one waits (a newer one replaces
 *   the waiting one, which is answered `throttled`), and at most `MAX_TABS` tabs are served. Its
 *   own widget's writes (`write`) are bounded the same way.
 * - Every write reaches the session under an id of this object's own, never a widget's, and its
 *   `result` is mapped back to the one widget that asked: a widget's id, whatever it is, cannot
 *   settle another tab's write.
 * - Without Web Locks (storage blocked) there is no election: the tab uses no channel and polls
 *   for itself.
 * - So the channel trusts the bridge's origin, as the kept refresh token in `sessionStorage` must:
 *   any script on that origin could read the token as well as speak as a tab. The bridge is hosted
 *   on an origin of its own (README), where no other script runs; a document of another site is in
 *   another storage partition and hears nothing.
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
  /** The held locks, each with the document that holds it (`clientId`). */
  query(): Promise<{ held?: ReadonlyArray<{ name?: string; clientId?: string }> }>;
}

/** How many relaying tabs a leader serves at once. */
const MAX_TABS = 32;
/** How many forwarded writes a relaying tab waits for at once (its widget has one in flight). */
const MAX_FORWARDED = 4;

/** A BroadcastChannel, as far as the tabs need it. */
export interface TabChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** The tabs' options; `channel` and `locks` are null where the browser blocks storage. */
export interface BridgeTabsOptions {
  readonly channel: TabChannel | null;
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

const KINDS = ['who', 'leader', 'emit', 'setState', 'result', 'bye', 'widget'] as const;
type Kind = (typeof KINDS)[number];

/** Protocol messages a leader may pass to relaying tabs, rebuilt from what the guard accepted. */
function rebuild(data: unknown): BridgeMessage | null {
  const message = parseBridgeMessage(data);
  if (message === null || message.type === 'setState') return null;
  return message.type === 'hello' && message.role !== 'agent' ? null : message;
}

/** A relaying tab, as its leader serves it: the write running for it, and the one waiting. */
interface Served {
  running: string | null;
  waiting: { id: string; target: AcdTarget } | null;
}

/** The tabs of one agent's console: who polls CXone, and the channel between them. */
export class BridgeTabs {
  /** Channel messages dropped: unknown kind, bad ids, no lock behind them, or refused by the guard. */
  rejected = 0;
  role: TabRole = 'alone';
  /** The leader's latest hello, while relaying. */
  leaderHello: BridgeMessage | null = null;
  private leading: Leading | null = null;
  /** Relay: the tab the election chose, once the locks showed it. */
  private leaderTab: string | null = null;
  /** Relay: a claim being checked against the locks, and what it sent meanwhile. */
  private claim: { tab: string; held: Record<string, unknown>[] } | null = null;
  private silence: unknown = null;
  private heartbeat: unknown = null;
  private nextId = 1;
  /**
   * Leader: the session's id of each write → whose it is (a relaying tab, or `null` for this tab's
   * own widget) and the id its widget gave it.
   */
  private readonly remote = new Map<string, { tab: string | null; id: string }>();
  /** Leader: this tab's own widget's writes. */
  private readonly own: Served = { running: null, waiting: null };
  /** Leader: the relaying tabs whose widget passed the origin check and that hold their lock. */
  private readonly served = new Map<string, Served>();
  /** Relay: ids forwarded to the leader and not yet answered. */
  private readonly forwarded = new Set<string>();
  /** This tab's widget passed the origin check. */
  private widgetOk = false;
  private release: (() => void) | null = null;
  private releaseOwn: (() => void) | null = null;
  private readonly listener = (event: MessageEvent) => this.receive(event.data);

  constructor(private readonly options: BridgeTabsOptions) {}

  /** Takes this tab's own lock, listens, and asks whether some tab leads. */
  open(): void {
    const { channel, locks } = this.options;
    if (channel === null || locks === null) return;
    void locks
      .request(
        this.ownLock(this.options.tabId),
        () => new Promise<void>((resolve) => (this.releaseOwn = resolve)),
      )
      .catch(() => undefined);
    channel.addEventListener('message', this.listener);
    this.send('who', {});
  }

  close(): void {
    this.resign();
    this.stopSilence();
    this.releaseOwn?.();
    this.options.channel?.removeEventListener('message', this.listener);
    this.options.channel?.close();
  }

  /** This tab's widget passed the origin check: the leader may write for it. */
  widgetChecked(): void {
    if (this.widgetOk) return;
    this.widgetOk = true;
    if (this.role === 'relay') this.send('widget', {});
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

  /**
   * A message of this tab's session, for every relaying tab too while leading. Whether it was
   * handled here: a `result` always is (it goes to the widget whose write it answers, or nowhere).
   */
  emit(message: BridgeMessage): boolean {
    if (message.type === 'result') {
      const to = this.remote.get(message.id);
      if (to === undefined) return true;
      this.remote.delete(message.id);
      const answer = { ...message, id: to.id };
      if (to.tab === null) this.options.toWidget(answer);
      else this.send('result', { to: to.tab, message: encodeBridgeMessage(answer) });
      const served = to.tab === null ? this.own : this.served.get(to.tab);
      if (served !== undefined && served.running === message.id) {
        served.running = null;
        const next = served.waiting;
        served.waiting = null;
        if (next !== null) this.start(to.tab, served, next);
      }
      return true;
    }
    if (this.role !== 'leader') return false;
    if (message.type === 'hello') this.send('leader', { hello: encodeBridgeMessage(message) });
    else this.send('emit', { message: encodeBridgeMessage(message) });
    return false;
  }

  /**
   * Leader: this tab's own widget's setState, bounded as a relayed tab's: one write runs and one
   * waits; a newer one replaces the waiting one, which is answered `throttled`.
   */
  write(id: string, target: AcdTarget): void {
    const own = this.own;
    if (own.running === null) return this.start(null, own, { id, target });
    if (own.waiting !== null) this.superseded(null, own.waiting.id);
    own.waiting = { id, target };
  }

  /** Relay: the widget's setState goes to the leader. */
  forward(id: string, target: AcdTarget): void {
    // The widget has one write in flight; more waiting here means the leader is not answering.
    for (const old of [...this.forwarded].slice(
      0,
      Math.max(0, this.forwarded.size - MAX_FORWARDED + 1),
    )) {
      this.forwarded.delete(old);
      this.options.toWidget(
        resultMessage(old, {
          ok: false,
          code: 'not-connected',
          message: 'The console tab connected to CXone has not answered',
        }),
      );
    }
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
      case 'leader':
        if (this.role === 'leader') return;
        if (from === this.leaderTab) return this.follow(body);
        // A new claim: followed only once the locks show the election chose it.
        if (this.claim?.tab !== from) {
          this.claim = { tab: from, held: [] };
          void this.elected(from).then((chosen) => this.decide(from, chosen));
        }
        this.claim.held = [...this.claim.held, body].slice(-20);
        return;
      case 'emit':
      case 'result':
      case 'bye':
        if (from === this.leaderTab) return this.fromLeader(kind as Kind, body);
        if (from === this.claim?.tab) {
          this.claim.held = [...this.claim.held, body].slice(-20);
          return;
        }
        return this.refuse();
      case 'widget':
        if (this.role === 'leader' && !this.served.has(from)) void this.serve(from);
        return;
      case 'setState': {
        if (this.role !== 'leader' || this.leading === null) return;
        const tab = this.served.get(from);
        const message = parseBridgeMessage(own(body, 'message'));
        if (tab === undefined || message === null || message.type !== 'setState')
          return this.refuse();
        const write = { id: message.id, target: message.target };
        if (tab.running === null) return this.start(from, tab, write);
        // One write runs per tab; of those that wait, the newest target is the one that matters.
        if (tab.waiting !== null) this.superseded(from, tab.waiting.id);
        tab.waiting = write;
        return;
      }
    }
  }

  /** Relay: the leader's own messages. */
  private fromLeader(kind: Kind, body: Record<string, unknown>): void {
    if (kind === 'leader') return this.follow(body);
    if (kind === 'bye') {
      if (this.role === 'relay') this.leaderGone();
      return;
    }
    if (this.role !== 'relay') return;
    const message = rebuild(own(body, 'message'));
    if (kind === 'emit') {
      if (message === null || message.type === 'result') return this.refuse();
      this.options.toWidget(message);
      this.listenFor();
      return;
    }
    if (own(body, 'to') !== this.options.tabId) return;
    if (message === null || message.type !== 'result') return this.refuse();
    if (!this.forwarded.delete(message.id)) return;
    this.options.toWidget(message);
  }

  /** Relay: the chosen leader's hello. */
  private follow(body: Record<string, unknown>): void {
    if (this.role === 'leader') return;
    const hello = rebuild(own(body, 'hello'));
    if (hello === null || hello.type !== 'hello') return this.refuse();
    this.listenFor();
    const joined = this.role !== 'relay';
    this.setRole('relay');
    if (joined && this.widgetOk) this.send('widget', {});
    // The heartbeat repeats it: the widget hears a hello only when it says something new.
    if (JSON.stringify(hello) !== JSON.stringify(this.leaderHello)) this.options.toWidget(hello);
    this.leaderHello = hello;
  }

  /** Whether one document holds both the election lock and `tab`'s own lock. */
  private async elected(tab: string): Promise<boolean> {
    const held = await this.held();
    const leader = held.find((lock) => lock.name === this.options.lockName)?.clientId;
    return (
      leader !== undefined &&
      held.some((lock) => lock.name === this.ownLock(tab) && lock.clientId === leader)
    );
  }

  private decide(tab: string, chosen: boolean): void {
    const claim = this.claim;
    if (claim?.tab !== tab) return;
    this.claim = null;
    if (!chosen || this.role === 'leader') {
      this.rejected += claim.held.length;
      return;
    }
    this.leaderTab = tab;
    for (const body of claim.held) this.fromLeader(own(body, 'kind') as Kind, body);
  }

  /** Leader: serves a relaying tab that holds its own lock. */
  private async serve(tab: string): Promise<void> {
    const held = await this.held();
    if (!held.some((lock) => lock.name === this.ownLock(tab))) return this.refuse();
    if (this.role !== 'leader' || this.served.has(tab)) return;
    if (this.served.size >= MAX_TABS) return this.refuse();
    this.served.set(tab, { running: null, waiting: null });
  }

  /** Leader: hands a write to the session under a new id of its own (`tab` null: this tab's). */
  private start(
    tab: string | null,
    served: Served,
    write: { id: string; target: AcdTarget },
  ): void {
    if (this.leading === null) {
      return this.answer(
        tab,
        resultMessage(write.id, {
          ok: false,
          code: 'not-connected',
          message: 'Not connected to CXone',
        }),
      );
    }
    const id = `write-${this.nextId++}`;
    served.running = id;
    this.remote.set(id, { tab, id: write.id });
    this.leading.setState(id, write.target);
  }

  private superseded(tab: string | null, id: string): void {
    this.answer(
      tab,
      resultMessage(id, {
        ok: false,
        code: 'throttled',
        message: 'A newer change from this tab replaced it',
      }),
    );
  }

  /** A `result` for this tab's widget (`tab` null) or a relaying tab's. */
  private answer(tab: string | null, result: BridgeMessage): void {
    if (tab === null) this.options.toWidget(result);
    else this.send('result', { to: tab, message: encodeBridgeMessage(result) });
  }

  private async held(): Promise<ReadonlyArray<{ name?: string; clientId?: string }>> {
    try {
      return (await this.options.locks?.query())?.held ?? [];
    } catch {
      return [];
    }
  }

  private ownLock(tab: string): string {
    return `${this.options.lockName} tab ${tab}`;
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
    // This tab's running write is still answered when it settles; relaying tabs hear `bye`.
    for (const [id, to] of this.remote) if (to.tab !== null) this.remote.delete(id);
    this.served.clear();
    const waiting = this.own.waiting;
    this.own.waiting = null;
    if (waiting !== null)
      this.answer(
        null,
        resultMessage(waiting.id, {
          ok: false,
          code: 'not-connected',
          message: 'The CXone session ended before this change was sent',
        }),
      );
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
    this.leaderTab = null;
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
      this.options.channel?.postMessage({ kind, from: this.options.tabId, ...fields });
    } catch {
      // A closed channel: this tab is going away.
    }
  }
}
