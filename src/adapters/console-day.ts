/**
 * The agent's day as one console tab takes part in it (docs/contract.md §6.12): the census of the
 * user's console tabs, input activity for the idle timer (this tab's and the others'), arming the
 * agent side's `session-end` while this is the last tab, and the record that lets the next start
 * notice an unclean end.
 *
 * Invariants:
 * - The agent side is armed only while the census counts exactly one live console tab (this one),
 *   `session-end` is set and no reload is signalled; otherwise it is disarmed (null). A tab that
 *   cannot count its siblings never arms.
 * - Every tab's engine hears every tab's activity (its own at once, the others' over the channel),
 *   so the tab that leads, now or after a handover, knows when the agent was last there; only the
 *   leader's engine writes.
 * - A start reports an unclean end only when the record says "open" and no other console tab of
 *   the user is alive; it then records "open" itself. The last tab's `pagehide` records "closed".
 * - `dispose()` removes every listener and timer and leaves the census; as the last tab it records
 *   "closed", since the element stopped cleanly.
 */
import type { AgentPort, ClockPort } from '../core/ports.js';
import type { AcdTarget } from '../core/values.js';
import { systemClock, timerSet } from '../platform/time.js';
import { watchActivity, type ActivityTarget } from './activity.js';
import {
  ConsoleRecordStore,
  pageStorage,
  recordKey,
  type RecordStorage,
} from './console-record.js';
import { createConsoleTabs, type ConsoleTabs, type DeadlineCommand } from './console-tabs.js';
import { watchReload } from './reload-signal.js';

/** What the console day needs of the engine (docs/contract.md §6.12). */
export interface DayEngine {
  /** Input seen in some console tab at `at`. */
  activity?(at?: number): void;
  /** The previous console session ended without a close; it was last seen at `lastSeen`. */
  uncleanEnd?(lastSeen: number): void;
  /** A scheduled state (checked by the engine: a bad entry throws). */
  scheduleState?(entry: never): void;
  /** Cancels a deadline by id. */
  cancelDeadline?(id: string): void;
}

/** The window a console day listens on. */
export type DayWindow = ActivityTarget &
  Pick<Window, 'addEventListener' | 'removeEventListener'> & { navigation?: unknown };

/** How a console day is built (tests pass their own census, storage, clock and window). */
export interface ConsoleDayOptions {
  readonly userId: string;
  readonly engine: DayEngine;
  /** The `session-end` target; null: nothing is armed. */
  readonly sessionEnd: AcdTarget | null;
  readonly clock?: ClockPort;
  /** The page's window; null: no input, reload or page-lifecycle events are watched. */
  readonly win?: DayWindow | null;
  readonly tabs?: ConsoleTabs;
  /** Where the console record lives (`localStorage` by default; null: nowhere). */
  readonly storage?: RecordStorage | null;
}

/** One console tab's part in the agent's day. */
export interface ConsoleDay {
  readonly tabs: ConsoleTabs;
  /** The target the agent side is armed with now (null: disarmed). */
  readonly armed: AcdTarget | null;
  /** A new agent side was attached: it is told what is armed. */
  agentChanged(agent: AgentPort | null): void;
  /**
   * A scheduled state added (`schedule`) or a deadline cancelled (`cancel`) in this tab: every
   * other console tab's engine is told, so the leader's has it whichever tab it came from.
   */
  shareDeadline(command: DeadlineCommand): void;
  dispose(): void;
}

/** How often an open console refreshes "last seen" without input. */
export const SEEN_MS = 60_000;

/** Starts this tab's part in the agent's day. */
export function startConsoleDay(options: ConsoleDayOptions): ConsoleDay {
  const clock = options.clock ?? systemClock;
  const win =
    options.win !== undefined
      ? options.win
      : typeof window === 'undefined'
        ? null
        : (window as unknown as DayWindow);
  const tabs = options.tabs ?? createConsoleTabs({ userId: options.userId, clock });
  const record = new ConsoleRecordStore(
    options.storage !== undefined ? options.storage : pageStorage(),
    recordKey(options.userId),
  );
  const timers = timerSet(clock);
  const stops: Array<() => void> = [];
  const { engine } = options;
  let agent: AgentPort | null = null;
  let armed: AcdTarget | null = null;
  let reloading = false;
  let disposed = false;

  const desired = (): AcdTarget | null =>
    options.sessionEnd !== null && tabs.count === 1 && !reloading ? options.sessionEnd : null;
  const arm = (): void => {
    const next = desired();
    if (next === armed) return;
    armed = next;
    agent?.armSessionEnd?.(next);
  };

  stops.push(tabs.subscribe(() => arm()));
  stops.push(tabs.onActivity((at) => engine.activity?.(at)));
  stops.push(
    tabs.onDeadline((command) => {
      try {
        if (command.op === 'schedule') engine.scheduleState?.(command.entry as never);
        else engine.cancelDeadline?.(command.id);
      } catch {
        // The engine refused the entry (another version's tab sent it): the tab that took it
        // told its caller; nothing here to add.
      }
    }),
  );
  const seen = (): void => {
    if (disposed) return;
    record.seen(clock.now());
    timers.after(SEEN_MS, seen);
  };
  void tabs.recount().then(() => {
    if (disposed) return;
    const previous = record.read();
    if (previous?.open === true && tabs.count === 1) engine.uncleanEnd?.(previous.lastSeen);
    seen();
  });

  if (win !== null) {
    stops.push(
      watchActivity(
        win,
        (at) => {
          engine.activity?.(at);
          tabs.reportActivity(at);
          record.seen(at);
        },
        clock,
      ),
    );
    stops.push(
      watchReload(win, (value) => {
        reloading = value;
        arm();
      }),
    );
    const hide = (event: Event): void => {
      const last = tabs.leaving();
      if (!(event as PageTransitionEvent).persisted && last) record.closed(clock.now());
    };
    const show = (event: Event): void => {
      if (!(event as PageTransitionEvent).persisted) return;
      tabs.returned();
      record.seen(clock.now());
    };
    win.addEventListener('pagehide', hide);
    win.addEventListener('pageshow', show);
    stops.push(() => {
      win.removeEventListener('pagehide', hide);
      win.removeEventListener('pageshow', show);
    });
  }

  return {
    tabs,
    get armed() {
      return armed;
    },
    shareDeadline(command) {
      if (!disposed) tabs.shareDeadline(command);
    },
    agentChanged(next) {
      agent = next;
      if (armed !== null) agent?.armSessionEnd?.(armed);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const stop of stops.splice(0)) stop();
      timers.clear();
      if (armed !== null) agent?.armSessionEnd?.(null);
      // The element stopped (removed, or restarted for a new attribute): a clean end, so the next
      // start in this page does not take it for a crash.
      if (tabs.count === 1) record.closed(clock.now());
      tabs.close();
    },
  };
}
