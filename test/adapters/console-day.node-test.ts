/// <reference types="node" />
// The agent's day in one console tab, on a manual clock: input coalesced to one report per 10 s,
// session-end armed only while this is the last tab (and disarmed by a signalled reload), the
// agent side's keeper applying it only as the page goes for good, the `sessionEnd` message's guard,
// and the console record that tells a start about an unclean end.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACTIVITY_GAP_MS, watchActivity } from '../../src/adapters/activity.js';
import { startConsoleDay, type DayWindow } from '../../src/adapters/console-day.js';
import { parseRecord, recordKey } from '../../src/adapters/console-record.js';
import { createConsoleTabs, type ConsoleTabs } from '../../src/adapters/console-tabs.js';
import type { AgentPort } from '../../src/core/ports.js';
import type { AcdState, AcdTarget } from '../../src/core/values.js';
import {
  encodeBridgeMessage,
  parseBridgeMessage,
  RESTORE_MS,
  restoreTarget,
  SessionEndKeeper,
  takeRestore,
} from '../../src/protocol/index.js';
import { ManualClock, settle } from '../fakes/manual-clock.js';

/** A window as far as the day needs: events, a document with a visibility state. */
function fakeWindow(): DayWindow & {
  fire(type: string, init?: Record<string, unknown>): void;
  doc: EventTarget & { visibilityState: DocumentVisibilityState };
} {
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as const });
  return Object.assign(win, {
    document: doc as unknown as DayWindow['document'],
    doc: doc as EventTarget & { visibilityState: DocumentVisibilityState },
    fire(type: string, init: Record<string, unknown> = {}) {
      win.dispatchEvent(Object.assign(new Event(type), init));
    },
  }) as never;
}

/** A census whose count the test sets. */
function fakeTabs(start: number | null) {
  let count = start;
  const listeners = new Set<(count: number | null) => void>();
  const reported: number[] = [];
  let left = 0;
  const tabs: ConsoleTabs & { set(next: number | null): void; reported: number[]; left(): number } =
    {
      tabId: 'tab-1',
      get count() {
        return count;
      },
      subscribe(listener) {
        listeners.add(listener);
        listener(count);
        return () => listeners.delete(listener);
      },
      reportActivity: (at) => reported.push(at),
      onActivity: () => () => undefined,
      shareDeadline: () => undefined,
      onDeadline: () => () => undefined,
      recount: () => Promise.resolve(),
      leaving: () => {
        left += 1;
        return count === 1;
      },
      returned: () => undefined,
      close: () => undefined,
      set(next) {
        count = next;
        for (const listener of [...listeners]) listener(next);
      },
      reported,
      left: () => left,
    };
  return tabs;
}

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    items,
  };
}

function recordingAgent(): AgentPort & { armed: Array<AcdTarget | null> } {
  const armed: Array<AcdTarget | null> = [];
  return {
    armed,
    connect: () => () => undefined,
    write: () => Promise.resolve(),
    refresh: () => Promise.resolve(),
    armSessionEnd: (target) => armed.push(target),
  };
}

const END: AcdTarget = { state: 'Unavailable', reason: 'EndOfShift' };

describe('input activity in one tab', () => {
  it('reports the first input at once, then at most once per gap with the latest time', async () => {
    const clock = new ManualClock(0);
    const win = fakeWindow();
    const reports: number[] = [];
    const stop = watchActivity(win, (at) => reports.push(at), clock);
    win.fire('pointerdown');
    assert.deepEqual(reports, [0]);
    await clock.advance(1000);
    win.fire('keydown');
    await clock.advance(4000);
    win.fire('wheel');
    assert.deepEqual(reports, [0], 'nothing more inside the gap');
    await clock.advance(ACTIVITY_GAP_MS - 5000);
    assert.deepEqual(reports, [0, 5000], 'the gap ends with the latest input');
    await clock.advance(ACTIVITY_GAP_MS);
    assert.deepEqual(reports, [0, 5000], 'a quiet gap reports nothing');
    win.fire('touchstart');
    assert.deepEqual(reports, [0, 5000, 20_000]);
    // Visible again counts; hidden does not.
    await clock.advance(ACTIVITY_GAP_MS);
    win.doc.visibilityState = 'hidden';
    win.doc.dispatchEvent(new Event('visibilitychange'));
    assert.deepEqual(reports, [0, 5000, 20_000]);
    win.doc.visibilityState = 'visible';
    win.doc.dispatchEvent(new Event('visibilitychange'));
    assert.deepEqual(reports, [0, 5000, 20_000, 30_000]);
    stop();
    await clock.advance(ACTIVITY_GAP_MS);
    win.fire('pointerdown');
    assert.equal(reports.length, 4, 'stopped: nothing heard');
  });
});

describe('session-end armed by the last console tab', () => {
  it('arms only while this tab is the only one, and a signalled reload disarms until the next input', async () => {
    const clock = new ManualClock(0);
    const win = fakeWindow();
    const tabs = fakeTabs(2);
    const agent = recordingAgent();
    const activity: number[] = [];
    const day = startConsoleDay({
      userId: 'u',
      engine: { activity: (at) => activity.push(at ?? -1) },
      sessionEnd: END,
      clock,
      win,
      tabs,
      storage: memoryStorage(),
    });
    day.agentChanged(agent);
    assert.deepEqual(agent.armed, [], 'two tabs: not armed');
    tabs.set(1);
    assert.deepEqual(agent.armed, [END], 'the last tab arms');
    tabs.set(3);
    assert.deepEqual(agent.armed, [END, null], 'another tab opened: disarmed');
    tabs.set(1);
    win.fire('keydown', { key: 'F5' });
    assert.deepEqual(agent.armed, [END, null, END, null], 'F5 disarms');
    win.fire('pointerdown');
    assert.deepEqual(agent.armed.at(-1), END, 'the next input re-arms: no reload came');
    win.fire('keydown', { key: 'r', ctrlKey: true });
    win.fire('keydown', { key: 'a' });
    win.fire('keydown', { key: 'r', metaKey: true });
    assert.deepEqual(agent.armed.slice(-3), [null, END, null]);
    // Input reaches this tab's engine and the other tabs (coalesced).
    assert.deepEqual(activity, [0]);
    assert.deepEqual(tabs.reported, [0]);
    // A new agent side (the agent window changed) hears what is armed.
    win.fire('pointerdown');
    const fresh = recordingAgent();
    day.agentChanged(fresh);
    assert.deepEqual(fresh.armed, [END]);
    day.dispose();
    assert.deepEqual(fresh.armed, [END, null], 'disposed: disarmed');
  });

  it('never arms without a census (no way to count) or without a target', () => {
    const agent = recordingAgent();
    for (const [count, target] of [
      [null, END],
      [1, null],
    ] as const) {
      const day = startConsoleDay({
        userId: 'u',
        engine: {},
        sessionEnd: target,
        clock: new ManualClock(0),
        win: fakeWindow(),
        tabs: fakeTabs(count),
        storage: null,
      });
      day.agentChanged(agent);
      day.dispose();
    }
    assert.deepEqual(agent.armed, []);
  });
});

describe('the console record and an unclean end', () => {
  const key = recordKey('u');
  const start = (storage: ReturnType<typeof memoryStorage>, count: number) => {
    const unclean: number[] = [];
    const win = fakeWindow();
    const tabs = fakeTabs(count);
    const day = startConsoleDay({
      userId: 'u',
      engine: { uncleanEnd: (lastSeen) => unclean.push(lastSeen) },
      sessionEnd: null,
      clock: new ManualClock(5_000_000),
      win,
      tabs,
      storage,
    });
    return { day, unclean, win, tabs };
  };

  it('a start alone that finds the console open reports when it was last seen, then records it open', async () => {
    const storage = memoryStorage({ [key]: JSON.stringify({ open: true, lastSeen: 4_000_000 }) });
    const { day, unclean } = start(storage, 1);
    await settle();
    assert.deepEqual(unclean, [4_000_000]);
    assert.deepEqual(parseRecord(storage.items.get(key) ?? null), {
      open: true,
      lastSeen: 5_000_000,
    });
    day.dispose();
  });

  it('no report with another console tab alive, after a clean close, or from a junk record', async () => {
    for (const [raw, count] of [
      [JSON.stringify({ open: true, lastSeen: 4_000_000 }), 2],
      [JSON.stringify({ open: false, closedAt: 4_000_000 }), 1],
      ['{"open":true,"lastSeen":"yesterday"}', 1],
      ['not json', 1],
    ] as const) {
      const { day, unclean } = start(memoryStorage({ [key]: raw }), count);
      await settle();
      assert.deepEqual(unclean, [], `${raw} with ${count} tab(s)`);
      day.dispose();
    }
  });

  it('the last tab going records a clean close; one of two going does not, nor a page kept for back/forward', async () => {
    const storage = memoryStorage();
    const { day, win, tabs } = start(storage, 2);
    await settle();
    win.fire('pagehide', { persisted: false });
    assert.equal(parseRecord(storage.items.get(key) ?? null)?.open, true, 'one of two went');
    tabs.set(1);
    win.fire('pagehide', { persisted: true });
    assert.equal(parseRecord(storage.items.get(key) ?? null)?.open, true, 'kept for back/forward');
    win.fire('pagehide', { persisted: false });
    assert.deepEqual(parseRecord(storage.items.get(key) ?? null), {
      open: false,
      closedAt: 5_000_000,
    });
    assert.equal(tabs.left(), 3, 'every pagehide says bye');
    day.dispose();
  });

  it('an element stopped in the last tab (removed, or restarted) records a clean close; with another tab alive it does not', async () => {
    for (const [count, open] of [
      [1, false],
      [2, true],
    ] as const) {
      const storage = memoryStorage();
      const { day } = start(storage, count);
      await settle();
      day.dispose();
      assert.equal(parseRecord(storage.items.get(key) ?? null)?.open, open, `${count} tab(s)`);
      const again = start(storage, 1);
      await settle();
      assert.deepEqual(again.unclean, open ? [5_000_000] : [], `restart after ${count} tab(s)`);
      again.day.dispose();
    }
  });
});

describe('a deadline changed in one console tab', () => {
  /** Two tabs of one user on a real BroadcastChannel (Node's), each with an engine that records. */
  function twoTabs() {
    const userId = `u-${Math.random().toString(36).slice(2)}`;
    const heard: Array<{ tab: string; call: string; value: unknown }> = [];
    const day = (tab: string, refuse = false) =>
      startConsoleDay({
        userId,
        engine: {
          scheduleState: (entry: unknown) => {
            if (refuse) throw new Error('refused');
            heard.push({ tab, call: 'schedule', value: entry });
          },
          cancelDeadline: (id) => heard.push({ tab, call: 'cancel', value: id }),
        },
        sessionEnd: null,
        clock: new ManualClock(5_000_000),
        win: null,
        storage: null,
        tabs: createConsoleTabs({ userId, locks: null, tabId: tab }),
      });
    return { userId, heard, day };
  }
  const entry = {
    id: 'wfm-1',
    at: 6_000_000,
    target: { side: 'acd', target: 'Unavailable/Lunch' },
  };
  const heardBy = async (heard: unknown[], count: number) => {
    for (let round = 0; round < 200 && heard.length < count; round += 1)
      await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it('reaches every other tab’s engine (the leader’s among them), not its own again', async () => {
    const { heard, day } = twoTabs();
    const a = day('a');
    const b = day('b');
    try {
      a.shareDeadline({ op: 'schedule', entry });
      b.shareDeadline({ op: 'cancel', id: 'scheduled:wfm-1' });
      await heardBy(heard, 2);
      // Two channels' messages arrive in either order.
      assert.deepEqual(
        [...heard].sort((x, y) => x.tab.localeCompare(y.tab)),
        [
          { tab: 'a', call: 'cancel', value: 'scheduled:wfm-1' },
          { tab: 'b', call: 'schedule', value: entry },
        ],
      );
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('drops junk on the channel, and an entry the engine refuses breaks nothing', async () => {
    const { userId, heard, day } = twoTabs();
    const a = day('a');
    const b = day('b', true);
    const channel = new BroadcastChannel(`presence-sync:${userId}`);
    try {
      for (const command of [
        { op: 'schedule', entry: 'Lunch at noon' },
        { op: 'schedule', entry: [entry] },
        { op: 'cancel', id: '' },
        { op: 'cancel', id: 42 },
        { op: 'delete', id: 'scheduled:wfm-1' },
      ])
        channel.postMessage({ type: 'tabs', tab: 'x', op: 'deadline', command });
      a.shareDeadline({ op: 'schedule', entry });
      b.shareDeadline({ op: 'cancel', id: 'scheduled:wfm-1' });
      await heardBy(heard, 1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(heard, [{ tab: 'a', call: 'cancel', value: 'scheduled:wfm-1' }]);
    } finally {
      channel.close();
      a.dispose();
      b.dispose();
    }
  });
});

describe('the sessionEnd message', () => {
  const envelope = { ns: 'presence-sync', v: 1, type: 'sessionEnd' };

  it('carries a settable target or null, and survives encoding', () => {
    for (const target of [
      { state: 'Available' },
      END,
      { state: 'Unavailable', reason: '' },
      null,
    ]) {
      const message = parseBridgeMessage({ ...envelope, target });
      assert.deepEqual(message, { type: 'sessionEnd', target });
      assert.deepEqual(parseBridgeMessage(encodeBridgeMessage(message!)), message);
    }
    // A missing reason is the default unavailable state, as in setState.
    assert.deepEqual(parseBridgeMessage({ ...envelope, target: { state: 'Unavailable' } }), {
      type: 'sessionEnd',
      target: { state: 'Unavailable', reason: '' },
    });
  });

  it('refuses anything else', () => {
    for (const target of [
      undefined,
      { state: 'LoggedOut' },
      { state: 'InboundContact' },
      { state: 'Unavailable', reason: 7 },
      { state: 'Unavailable', reason: 'x'.repeat(101) },
      'Unavailable',
    ])
      assert.equal(parseBridgeMessage({ ...envelope, target }), null, JSON.stringify(target));
    assert.equal(parseBridgeMessage({ ...envelope, v: 2, target: null }), null);
  });
});

describe('the agent side’s keeper', () => {
  const setup = () => {
    const applied: AcdTarget[] = [];
    const keeper = new SessionEndKeeper((target) => {
      applied.push(target);
      return target;
    });
    const win = fakeWindow();
    keeper.listen(win);
    return { keeper, applied, win };
  };

  it('applies what is armed once, only as the page goes for good', () => {
    const { keeper, applied, win } = setup();
    win.fire('pagehide', { persisted: false });
    assert.deepEqual(applied, [], 'nothing armed');
    keeper.arm(END);
    win.fire('pagehide', { persisted: true });
    assert.deepEqual(applied, [], 'kept for back/forward: not gone');
    win.fire('pagehide', { persisted: false });
    win.fire('pagehide', { persisted: false });
    assert.deepEqual(applied, [END], 'once');
  });

  it('a reload key in its own frame, or a disarm, stops it; another input or a new arm restores it', () => {
    const disarmed = setup();
    disarmed.keeper.arm(END);
    disarmed.keeper.arm(null);
    disarmed.win.fire('pagehide', { persisted: false });
    assert.deepEqual(disarmed.applied, []);

    const reloaded = setup();
    reloaded.keeper.arm(END);
    reloaded.win.fire('keydown', { key: 'F5' });
    reloaded.win.fire('pagehide', { persisted: false });
    assert.deepEqual(reloaded.applied, []);

    const stayed = setup();
    stayed.keeper.arm(END);
    stayed.win.fire('keydown', { key: 'R', ctrlKey: true });
    stayed.win.fire('pointerdown');
    stayed.win.fire('pagehide', { persisted: false });
    assert.deepEqual(stayed.applied, [END]);
  });
});

describe('a session end that a reload applied', () => {
  const storage = () => {
    const items = new Map<string, string>();
    return {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
      items,
    };
  };
  const available = { state: 'Available', reason: '', isAcw: false, since: 1 } as const;

  it('is remembered with the state before, and restored by a start within a minute that finds it still applied', () => {
    const kept = storage();
    let now = 1_000_000;
    const keeper = new SessionEndKeeper((target) => target, {
      storage: () => kept,
      now: () => now,
      current: () => available,
    });
    keeper.arm(END);
    keeper.pageGoes();
    now += RESTORE_MS - 1;
    const restore = takeRestore(kept, now);
    assert.deepEqual(restore, { applied: END, before: { state: 'Available' } });
    assert.equal(takeRestore(kept, now), null, 'read once');
    const ended = { state: 'Unavailable', reason: 'EndOfShift', isAcw: false } as const;
    assert.deepEqual(restoreTarget(restore, ended), { state: 'Available' });
    // The agent (or a supervisor) changed it meanwhile: that stands.
    assert.equal(restoreTarget(restore, { ...ended, reason: 'Lunch' }), null);
    assert.equal(restoreTarget(restore, available), null);
  });

  it('remembers the state as the contact center shows it (the default code by its name)', () => {
    const kept = storage();
    const keeper = new SessionEndKeeper(() => ({ state: 'Unavailable', reason: 'Break' }), {
      storage: () => kept,
      now: () => 0,
      current: () => available,
    });
    keeper.arm({ state: 'Unavailable', reason: '' });
    keeper.pageGoes();
    const restore = takeRestore(kept, 1);
    const shown = { state: 'Unavailable', reason: 'Break', isAcw: false } as const;
    assert.deepEqual(restoreTarget(restore, shown), { state: 'Available' });
  });

  it('is not restored after a minute, from junk, or when nothing was sent or the state before was not settable', () => {
    const kept = storage();
    let now = 0;
    const remember = (current: AcdState | null, sent = true) => {
      const keeper = new SessionEndKeeper((target) => (sent ? target : null), {
        storage: () => kept,
        now: () => now,
        current: () => current,
      });
      keeper.arm(END);
      keeper.pageGoes();
    };
    remember(available);
    now = RESTORE_MS;
    assert.equal(takeRestore(kept, now), null, 'a minute later');
    remember({ state: 'InboundContact', reason: '', isAcw: false });
    assert.equal(kept.items.size, 0, 'on a contact: nothing to go back to');
    remember({ state: 'Unavailable', reason: 'Wrap', isAcw: true });
    assert.equal(kept.items.size, 0, 'in after-contact work: nothing to go back to');
    remember(available, false);
    assert.equal(kept.items.size, 0, 'nothing sent: nothing to undo');
    kept.setItem('presence-sync-session-end', '{"at":0,"applied":{"state":"Dialer"},"before":{}}');
    assert.equal(takeRestore(kept, 1), null);
  });
});
