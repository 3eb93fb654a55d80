/**
 * One writer per user across console tabs (docs/contract.md §6.9): Web Locks when the browser has them,
 * an election over BroadcastChannel when it does not, and the leader's snapshot mirrored to the
 * followers over BroadcastChannel.
 *
 * Invariants: a tab is leader only while it holds the user's lock (or won the election and keeps
 * hearing no lower id); closing releases leadership at once (`resign`), a crashed leader is replaced
 * within 2 s (heartbeat timeout 1 s, checked every 200 ms, claims settle in 200 ms); mirrored
 * snapshots are shape-checked before use and never feed a decision.
 */
import { isPlain, oneOf, own } from '../core/guard.js';
import type { ClockPort, LeaderPort } from '../core/ports.js';
import { nextTask, systemClock, timerSet } from '../platform/time.js';
import { PHASES, type SyncSnapshot } from '../core/snapshot.js';

/** The part of BroadcastChannel used here (injectable for tests). */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** The part of the Web Locks API used here. */
export interface LocksLike {
  request(
    name: string,
    options: { signal?: AbortSignal },
    callback: () => Promise<void>,
  ): Promise<unknown>;
}

/** How `createLeader` elects: tests pass their own clock, locks and channel (null: none). */
export interface LeaderOptions {
  /** Scopes the lock, the channel and therefore leadership to one Salesforce user. */
  userId: string;
  /** `navigator.locks` by default; null forces the BroadcastChannel election. */
  locks?: LocksLike | null;
  /** Opens a channel by name; BroadcastChannel by default, null when there is none. */
  channel?: ((name: string) => ChannelLike) | null;
  clock?: ClockPort;
}

/** A leader port that also mirrors the leader's snapshot to followers. */
export interface MirroringLeaderPort extends LeaderPort {
  /** The leader calls this with each snapshot; followers receive it through `onMirror`. */
  share(snapshot: SyncSnapshot): void;
  /** Calls back with each snapshot the leader shares; returns unsubscribe. */
  onMirror(listener: (snapshot: SyncSnapshot) => void): () => void;
  /** How leadership is decided here: `locks`, `channel`, or `alone` (no way to coordinate). */
  readonly method: 'locks' | 'channel' | 'alone';
}

export const HEARTBEAT_MS = 400;
export const LEADER_TIMEOUT_MS = 1000;
const WATCH_MS = 200;
const CLAIM_MS = 200;

function mirrored(data: unknown): SyncSnapshot | null {
  if (!isPlain(data) || own(data, 'type') !== 'snapshot') return null;
  const snapshot = own(data, 'snapshot');
  if (!isPlain(snapshot)) return null;
  const phase = own(snapshot, 'phase');
  const counters = own(snapshot, 'counters');
  const problems = own(snapshot, 'problems');
  if (
    typeof phase !== 'string' ||
    !oneOf(phase, PHASES) ||
    !isPlain(counters) ||
    !Array.isArray(problems)
  )
    return null;
  return snapshot as unknown as SyncSnapshot;
}

type Vote = { type: 'heartbeat' | 'claim' | 'resign'; id: string } | { type: 'who' };

function vote(data: unknown): Vote | null {
  if (!isPlain(data)) return null;
  const type = own(data, 'type');
  if (type === 'who') return { type };
  const id = own(data, 'id');
  if (
    (type === 'heartbeat' || type === 'claim' || type === 'resign') &&
    typeof id === 'string' &&
    id.length <= 64
  )
    return { type, id };
  return null;
}

/** The page's `navigator.locks`, or null where the browser has none. */
export function pageLocks<T>(): T | null {
  return (globalThis.navigator as unknown as { locks?: T } | undefined)?.locks ?? null;
}

/** The given channel opener, else BroadcastChannel where the browser has it, else null. */
export function channelOpener(
  given: ((name: string) => ChannelLike) | null | undefined,
): ((name: string) => ChannelLike) | null {
  if (given !== undefined) return given;
  return typeof BroadcastChannel === 'function'
    ? (channelName: string) => new BroadcastChannel(channelName) as ChannelLike
    : null;
}

/** Creates the leader port for a user. */
export function createLeader(options: LeaderOptions): MirroringLeaderPort {
  const clock = options.clock ?? systemClock;
  const name = `presence-sync:${options.userId}`;
  const locks = options.locks !== undefined ? options.locks : pageLocks<LocksLike>();
  const open = channelOpener(options.channel);
  const channel = open === null ? null : open(name);
  const listeners = new Set<(leader: boolean) => void>();
  const mirrors = new Set<(snapshot: SyncSnapshot) => void>();
  const timers = timerSet(clock);
  let leader = false;
  let closed = false;

  const set = (value: boolean): void => {
    if (closed || value === leader) return;
    leader = value;
    for (const listener of [...listeners]) listener(value);
  };
  const after = (ms: number, callback: () => void): unknown => timers.after(ms, callback);
  const post = (message: unknown): void => {
    try {
      channel?.postMessage(message);
    } catch {
      // A closed channel: the election's timeouts cover it.
    }
  };

  let shared: SyncSnapshot | null = null;
  let stop: () => void = () => undefined;
  let onVote: (message: Vote) => void = () => undefined;
  const method: MirroringLeaderPort['method'] =
    locks !== null ? 'locks' : channel !== null ? 'channel' : 'alone';

  if (locks !== null) {
    const abort = new AbortController();
    let release: (() => void) | null = null;
    locks
      .request(`${name}:leader`, { signal: abort.signal }, () => {
        set(true);
        return new Promise<void>((resolve) => {
          release = resolve;
          if (closed) resolve();
        });
      })
      .catch(() => undefined);
    stop = () => {
      abort.abort();
      (release as (() => void) | null)?.();
    };
  } else if (channel !== null) {
    // Bully election: the lowest id among live candidates leads; the leader's heartbeat keeps it.
    const id = `${clock.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    let lastHeard = Number.NEGATIVE_INFINITY;
    let claiming = false;
    const heartbeat = (): void => {
      if (!leader || closed) return;
      post({ type: 'heartbeat', id });
      after(HEARTBEAT_MS, heartbeat);
    };
    const claim = (): void => {
      if (claiming || leader || closed) return;
      claiming = true;
      post({ type: 'claim', id });
      after(CLAIM_MS, () => {
        if (!claiming) return;
        claiming = false;
        set(true);
        heartbeat();
      });
    };
    const watch = (): void => {
      if (closed) return;
      if (!leader && clock.now() - lastHeard > LEADER_TIMEOUT_MS) claim();
      after(WATCH_MS, watch);
    };
    onVote = (message) => {
      if (message.type === 'who') {
        if (leader) post({ type: 'heartbeat', id });
        return;
      }
      if (message.id === id) return;
      if (message.type === 'heartbeat') {
        if (leader && message.id > id) return;
        lastHeard = clock.now();
        claiming = false;
        set(false);
      } else if (message.type === 'claim') {
        if (leader) post({ type: 'heartbeat', id });
        else if (claiming && message.id < id) {
          claiming = false;
          lastHeard = clock.now();
        }
      } else {
        lastHeard = Number.NEGATIVE_INFINITY;
        claim();
      }
    };
    post({ type: 'who' });
    // A leader answers `who` at once; silence for one claim window means there is none.
    lastHeard = clock.now() - LEADER_TIMEOUT_MS;
    watch();
    stop = () => {
      if (leader) post({ type: 'resign', id });
    };
  } else {
    // Nothing to coordinate with (no locks, no channels): this tab is the only writer it can know of.
    set(true);
  }

  channel?.addEventListener('message', (event: MessageEvent) => {
    if (closed) return;
    const snapshot = mirrored(event.data);
    if (snapshot !== null) {
      if (!leader) for (const mirror of [...mirrors]) mirror(snapshot);
      return;
    }
    const message = vote(event.data);
    if (message !== null) onVote(message);
  });

  return {
    method,
    subscribe(listener) {
      listeners.add(listener);
      listener(leader);
      return () => listeners.delete(listener);
    },
    share(snapshot) {
      // The newest snapshot once per task, not each of the several a change makes: posting clones it,
      // on the thread the agent app's frame shares (the bench's profile: ~6% of main-thread time).
      if (!leader) return;
      const first = shared === null;
      shared = snapshot;
      // A task, not setTimeout(0): background tabs throttle timers (platform/time.ts nextTask).
      if (first)
        nextTask(() => {
          const latest = shared;
          shared = null;
          if (leader && latest !== null) post({ type: 'snapshot', snapshot: latest });
        });
    },
    onMirror(listener) {
      mirrors.add(listener);
      return () => mirrors.delete(listener);
    },
    close() {
      if (closed) return;
      stop();
      closed = true;
      leader = false;
      timers.clear();
      listeners.clear();
      mirrors.clear();
      channel?.close();
    },
  };
}
