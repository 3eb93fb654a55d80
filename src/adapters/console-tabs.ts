/**
 * The census of one user's console tabs, and their input activity, over the leader's channel
 * (`presence-sync:<user>`, docs/contract.md §6.9 and §6.12): each tab knows how many of the
 * user's console tabs are alive, and hears every tab's activity reports.
 *
 * Invariants:
 * - A tab counts only once heard (its `here`, or its `answer` to ours) and only while it holds its
 *   own Web Lock (`presence-sync:<user>:tab:<id>`, held for the document's life): the browser
 *   releases it when the document goes, crashed or not, so a tab that died without a `bye` stops
 *   counting at the next recount (https://w3c.github.io/web-locks/#lock-lifetime); a document
 *   being unloaded (the page before a reload) may still hold its lock for a moment, but answers
 *   nobody, so it is not counted. A `bye` takes its tab out at once.
 * - A tab announces itself only once it holds its lock, so every tab that hears it can see it; its
 *   count is unknown (null) until the others had `ANSWER_MS` to answer.
 * - Without Web Locks the census trusts `here` / `answer` / `bye` alone; without a channel it
 *   cannot count (`count` null): nobody can tell this tab is the last.
 * - Every channel message is checked (kind, id length, a finite time) before use; the leader's own
 *   messages on the same channel are not ours and are left alone.
 */
import { finite, isPlain, name, own } from '../core/guard.js';
import type { ClockPort } from '../core/ports.js';
import { systemClock, timerSet } from '../platform/time.js';
import { channelOpener, pageLocks, type ChannelLike } from './leader.js';

/** The part of the Web Locks API the census uses. */
export interface CensusLocks {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
  query(): Promise<{ held?: ReadonlyArray<{ name?: string }> }>;
}

/** How a census is built: tests pass their own channel, locks and clock (null: none). */
export interface ConsoleTabsOptions {
  /** Scopes the census to one Salesforce user (the leader's channel and lock names). */
  readonly userId: string;
  /** `navigator.locks` by default; null counts by the channel alone. */
  readonly locks?: CensusLocks | null;
  /** Opens a channel by name; BroadcastChannel by default, null when there is none. */
  readonly channel?: ((name: string) => ChannelLike) | null;
  readonly clock?: ClockPort;
  /** This tab's id (random by default). */
  readonly tabId?: string;
}

/** One user's console tabs, as this tab sees them. */
export interface ConsoleTabs {
  /** This tab's id on the channel. */
  readonly tabId: string;
  /**
   * Live console tabs of the user, this one included; null until first counted, and when the
   * browser gives no way to count.
   */
  readonly count: number | null;
  /** Calls back with the count at once and whenever it changes; returns unsubscribe. */
  subscribe(listener: (count: number | null) => void): () => void;
  /** Tells every other tab of input seen in this one at `at` (already coalesced by the caller). */
  reportActivity(at: number): void;
  /** Calls back with each activity report heard from another tab; returns unsubscribe. */
  onActivity(listener: (at: number) => void): () => void;
  /**
   * Tells every other tab of a scheduled state added or a deadline cancelled in this one, so the
   * leader's engine has it whichever tab the host or the agent used.
   */
  shareDeadline(command: DeadlineCommand): void;
  /** Calls back with each deadline command heard from another tab; returns unsubscribe. */
  onDeadline(listener: (command: DeadlineCommand) => void): () => void;
  /**
   * Counts again now (after a crash no `bye` says so); resolves once counted. A new tab's first
   * count waits for the others' answers.
   */
  recount(): Promise<void>;
  /** This tab is going (`pagehide`): says `bye`, and whether it was the last (false when unknown). */
  leaving(): boolean;
  /** This tab is back from the back/forward cache (`pageshow` persisted): says `here` again. */
  returned(): void;
  close(): void;
}

/** How often the census counts again without being asked: a crashed tab says no `bye`. */
export const RECOUNT_MS = 30_000;
/** How long a new tab waits for the others' answers before its first count. */
export const ANSWER_MS = 500;

/**
 * A deadline change to pass on: a scheduled state's entry as plain data (the receiving engine checks
 * it, as it checks the host's), or the id of a deadline to cancel.
 */
export type DeadlineCommand =
  | { readonly op: 'schedule'; readonly entry: Readonly<Record<string, unknown>> }
  | { readonly op: 'cancel'; readonly id: string };

type CensusMessage =
  | { readonly op: 'here' | 'answer' | 'bye'; readonly tab: string }
  | { readonly op: 'activity'; readonly tab: string; readonly at: number }
  | { readonly op: 'deadline'; readonly tab: string; readonly command: DeadlineCommand };

function deadlineCommand(data: unknown): DeadlineCommand | null {
  if (!isPlain(data)) return null;
  const op = own(data, 'op');
  if (op === 'cancel') {
    const id = name(own(data, 'id'), 200);
    return id === undefined ? null : { op, id };
  }
  const entry = own(data, 'entry');
  return op === 'schedule' && isPlain(entry) ? { op, entry } : null;
}

function censusMessage(data: unknown): CensusMessage | null {
  if (!isPlain(data) || own(data, 'type') !== 'tabs') return null;
  const op = own(data, 'op');
  const tab = name(own(data, 'tab'), 64);
  if (tab === undefined) return null;
  if (op === 'here' || op === 'answer' || op === 'bye') return { op, tab };
  if (op === 'deadline') {
    const command = deadlineCommand(own(data, 'command'));
    return command === null ? null : { op, tab, command };
  }
  if (op !== 'activity') return null;
  const at = finite(own(data, 'at'));
  return at === undefined ? null : { op, tab, at };
}

function randomId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Starts the census for a user in this tab. */
export function createConsoleTabs(options: ConsoleTabsOptions): ConsoleTabs {
  const clock = options.clock ?? systemClock;
  const base = `presence-sync:${options.userId}`;
  const prefix = `${base}:tab:`;
  const tabId = options.tabId ?? randomId();
  const locks = options.locks !== undefined ? options.locks : pageLocks<CensusLocks>();
  const open = channelOpener(options.channel);
  let channel: ChannelLike | null = null;
  try {
    channel = open === null ? null : open(base);
  } catch {
    channel = null;
  }
  const timers = timerSet(clock);
  const listeners = new Set<(count: number | null) => void>();
  const activity = new Set<(at: number) => void>();
  const deadlines = new Set<(command: DeadlineCommand) => void>();
  /** Other tabs heard on the channel (without locks, the whole census). */
  const heard = new Set<string>();
  /** Tabs that said `bye`: not counted even while their lock is still being released. */
  const gone = new Set<string>();
  // Unknown until first counted: a new tab must not take itself for the last before it looked.
  let count: number | null = null;
  let closed = false;
  let announced = false;
  /** The others had their time to answer: counts are taken from now on. */
  let settled = false;
  let settle: () => void = () => undefined;
  /** Resolves once the first count can be taken (at once where nothing can be counted). */
  const settling =
    channel === null ? Promise.resolve() : new Promise<void>((resolve) => (settle = resolve));
  let release: (() => void) | null = null;

  const post = (message: Record<string, unknown>): void => {
    try {
      channel?.postMessage({ type: 'tabs', tab: tabId, ...message });
    } catch {
      // A closed channel: this tab is going away.
    }
  };
  const set = (next: number | null): void => {
    if (closed || next === count) return;
    count = next;
    for (const listener of [...listeners]) listener(next);
  };
  let counting: Promise<void> | null = null;
  let again = false;
  const countNow = async (): Promise<void> => {
    if (channel === null || !settled) return;
    if (locks === null) {
      set(1 + [...heard].filter((tab) => !gone.has(tab)).length);
      return;
    }
    let held: ReadonlyArray<{ name?: string }>;
    try {
      held = (await locks.query()).held ?? [];
    } catch {
      return;
    }
    const alive = new Set(
      held
        .map((lock) => lock.name)
        .filter((lockName): lockName is string => lockName?.startsWith(prefix) === true)
        .map((lockName) => lockName.slice(prefix.length))
        .filter((tab) => heard.has(tab) && !gone.has(tab)),
    );
    alive.add(tabId);
    set(alive.size);
  };
  const recountNow = (): Promise<void> => {
    // One count at a time; a request while one runs counts once more after it.
    if (counting !== null) {
      again = true;
      return counting;
    }
    counting = countNow().finally(() => {
      counting = null;
      if (again && !closed) {
        again = false;
        void recountNow();
      }
    });
    return counting;
  };
  const recount = (): Promise<void> => settling.then(recountNow);
  const periodic = (): void => {
    if (closed) return;
    void recount();
    timers.after(RECOUNT_MS, periodic);
  };
  const announce = (): void => {
    announced = true;
    post({ op: 'here' });
    timers.after(ANSWER_MS, () => {
      settled = true;
      settle();
      void recount();
    });
  };

  channel?.addEventListener('message', (event: MessageEvent) => {
    if (closed) return;
    const message = censusMessage(event.data);
    if (message === null || message.tab === tabId) return;
    switch (message.op) {
      case 'here':
      case 'answer':
        gone.delete(message.tab);
        heard.add(message.tab);
        if (message.op === 'here' && announced) post({ op: 'answer' });
        void recount();
        return;
      case 'bye':
        heard.delete(message.tab);
        gone.add(message.tab);
        void recount();
        return;
      case 'activity':
        for (const listener of [...activity]) listener(message.at);
        return;
      case 'deadline':
        for (const listener of [...deadlines]) listener(message.command);
        return;
    }
  });

  if (channel !== null && locks !== null) {
    locks
      .request(
        `${prefix}${tabId}`,
        () =>
          new Promise<void>((resolve) => {
            release = resolve;
            if (closed) resolve();
            else announce();
          }),
      )
      .catch(() => {
        // Locks refused (storage blocked): the channel alone counts.
        if (!closed && !announced) announce();
      });
    periodic();
  } else if (channel !== null) {
    announce();
  }

  return {
    tabId,
    get count() {
      return count;
    },
    subscribe(listener) {
      listeners.add(listener);
      listener(count);
      return () => listeners.delete(listener);
    },
    reportActivity(at) {
      if (!closed) post({ op: 'activity', at });
    },
    onActivity(listener) {
      activity.add(listener);
      return () => activity.delete(listener);
    },
    shareDeadline(command) {
      if (!closed) post({ op: 'deadline', command });
    },
    onDeadline(listener) {
      deadlines.add(listener);
      return () => deadlines.delete(listener);
    },
    recount,
    leaving() {
      post({ op: 'bye' });
      return count === 1;
    },
    returned() {
      if (closed) return;
      announce();
    },
    close() {
      if (closed) return;
      post({ op: 'bye' });
      closed = true;
      timers.clear();
      listeners.clear();
      activity.clear();
      deadlines.clear();
      (release as (() => void) | null)?.();
      channel?.close();
    },
  };
}
