/**
 * One simulated console tab for the census tests: the parent (same origin) calls `startDay()`; the
 * tab counts its siblings with the real Web Locks and BroadcastChannel of this document (which the
 * browser releases when the frame goes). `crash()` makes the tab go silent first, as a crashed
 * renderer would: nothing more reaches the channel or the record.
 */
import { startConsoleDay, type ConsoleDay } from '../../src/adapters/console-day.js';
import type { ChannelLike } from '../../src/adapters/leader.js';
import { createConsoleTabs } from '../../src/adapters/console-tabs.js';
import { createLeader } from '../../src/adapters/leader.js';
import type { AgentPort, ClockPort, OmniPort } from '../../src/core/ports.js';
import type { AcdTarget } from '../../src/core/values.js';
import { createEngine } from '../../src/create-engine.js';
import { EXAMPLE } from '../core/fixtures.js';

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

/**
 * A console tab with a real engine (idle after one minute, to Away) on the parent's clock, its
 * leader elected with this document's Web Locks, and its part in the day: input here reaches the
 * engines of every tab. The activity reports this tab's engine got are counted.
 */
function startIdleTab(omni: OmniPort, agent: AgentPort, userId: string, clock: ClockPort) {
  // A removed tab runs no code: events reaching its listeners after removal are dropped.
  const alive = () => document.defaultView !== null;
  const tabOmni: OmniPort = Object.assign(Object.create(omni) as OmniPort, {
    subscribe: (listener: Parameters<OmniPort['subscribe']>[0]) =>
      omni.subscribe((event) => alive() && listener(event)),
  });
  const engine = createEngine(
    { rules: EXAMPLE, orgId: '00D5g000004ABCD', userId, idleMinutes: 1, idleStatus: 'Away' },
    { omni: tabOmni, agent, leader: createLeader({ userId }), clock },
  );
  const heard: number[] = [];
  const day = startConsoleDay({
    userId,
    engine: {
      activity: (at) => {
        heard.push(at ?? -1);
        engine.activity(at);
      },
    },
    sessionEnd: null,
    clock,
    tabs: createConsoleTabs({ userId, clock }),
    storage: null,
  });
  return { engine, day, heard };
}

Object.assign(window, { startDay, startIdleTab });
