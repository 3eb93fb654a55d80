/**
 * One simulated console tab for the census tests: the parent (same origin) calls `startDay()`; the
 * tab counts its siblings with the real Web Locks and BroadcastChannel of this document (which the
 * browser releases when the frame goes). `crash()` makes the tab go silent first, as a crashed
 * renderer would: nothing more reaches the channel or the record.
 */
import { startConsoleDay, type ConsoleDay } from '../../src/adapters/console-day.js';
import type { ChannelLike } from '../../src/adapters/leader.js';
import { createConsoleTabs } from '../../src/adapters/console-tabs.js';
import type { AcdTarget } from '../../src/core/values.js';

interface DayTab {
  day: ConsoleDay;
  activity: number[];
  unclean: number[];
  armed: Array<AcdTarget | null>;
  crash(): void;
}

function startDay(userId: string, sessionEnd: AcdTarget | null): DayTab {
  let silent = false;
  const channel = (name: string): ChannelLike => {
    const real = new BroadcastChannel(name);
    return {
      postMessage: (message) => !silent && real.postMessage(message),
      addEventListener: (type, listener) => real.addEventListener(type, listener),
      close: () => real.close(),
    };
  };
  const storage = {
    getItem: (key: string) => localStorage.getItem(key),
    setItem: (key: string, value: string) => !silent && localStorage.setItem(key, value),
  };
  const activity: number[] = [];
  const unclean: number[] = [];
  const armed: Array<AcdTarget | null> = [];
  const day = startConsoleDay({
    userId,
    engine: {
      activity: (at) => activity.push(at ?? -1),
      uncleanEnd: (lastSeen) => unclean.push(lastSeen),
    },
    sessionEnd,
    tabs: createConsoleTabs({ userId, channel }),
    storage,
  });
  day.agentChanged({
    connect: () => () => undefined,
    write: () => Promise.resolve(),
    refresh: () => Promise.resolve(),
    armSessionEnd: (target) => armed.push(target),
  });
  return {
    day,
    activity,
    unclean,
    armed,
    crash: () => {
      silent = true;
    },
  };
}

(window as unknown as { startDay: typeof startDay }).startDay = startDay;
