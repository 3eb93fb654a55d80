/// <reference types="node" />
// One CXone poller across console tabs: bridges in several "tabs" share Node's BroadcastChannel
// (the browser's, same semantics) and a first-come lock manager standing in for Web Locks; time is
// a manual clock.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  BridgeTabs,
  HEARTBEAT_MS,
  LEADER_SILENCE_MS,
  type TabLocks,
  type TabRole,
} from '../../src/bridges/cxone/tabs.js';
import { encodeBridgeMessage } from '../../src/protocol/index.js';
import { ManualClock } from '../fakes/manual-clock.js';

const NAME = 'presence-sync-cxone test';

/** Web Locks' exclusive mode: granted in request order, each held until its callback settles. */
class Locks implements TabLocks {
  private tail: Promise<unknown> = Promise.resolve();
  request(_name: string, callback: () => Promise<void>): Promise<unknown> {
    const granted = this.tail.then(callback);
    this.tail = granted.catch(() => undefined);
    return granted;
  }
}

interface Tab {
  tabs: BridgeTabs;
  widget: Array<Record<string, unknown>>;
  roles: TabRole[];
  channel: BroadcastChannel;
}

const opened: Tab[] = [];
afterEach(() => {
  for (const tab of opened.splice(0)) tab.tabs.close();
});

function tab(clock: ManualClock, locks: TabLocks, id: string): Tab {
  const widget: Array<Record<string, unknown>> = [];
  const roles: TabRole[] = [];
  const channel = new BroadcastChannel(NAME);
  const tabs = new BridgeTabs({
    channel,
    locks,
    lockName: NAME,
    clock,
    tabId: id,
    toWidget: (message) => widget.push(encodeBridgeMessage(message)),
    onRole: (role) => roles.push(role),
  });
  tabs.open();
  const made = { tabs, widget, roles, channel };
  opened.push(made);
  return made;
}

/** A leader's session, by hand: its hello, and the setStates it was given. */
function session(agentId = '1001') {
  const writes: Array<{ id: string; target: unknown }> = [];
  let end: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (end = resolve));
  return {
    writes,
    end,
    leading: {
      hello: () => ({
        type: 'hello' as const,
        role: 'agent' as const,
        agent: { agentId },
        codes: null,
        state: null,
        write: true,
        problem: null,
        locale: null,
        orgId: null,
      }),
      setState: (id: string, target: unknown) => writes.push({ id, target }),
    },
    run: () => ended,
  };
}

/** Lets channel messages (a task each) and lock grants (microtasks) through. */
const settle = async (rounds = 5) => {
  for (let round = 0; round < rounds; round += 1)
    await new Promise((resolve) => setImmediate(resolve));
};

const hello = (message: Record<string, unknown>) => message.type === 'hello';

/** Two tabs, a leading (signed in) and b that has not signed in. */
async function ledByA() {
  const clock = new ManualClock(Date.now());
  const locks = new Locks();
  const a = tab(clock, locks, 'a');
  const b = tab(clock, locks, 'b');
  const first = session();
  void a.tabs.lead(first.leading, first.run);
  await settle();
  return { clock, a, b, first };
}

describe('CXone bridge tabs', () => {
  it('lets one signed-in tab poll; another signed-in tab relays through it until it leaves, then takes over', async () => {
    const clock = new ManualClock(Date.now());
    const locks = new Locks();
    const a = tab(clock, locks, 'a');
    const b = tab(clock, locks, 'b');
    const first = session();
    const second = session('1001');
    let secondRan = false;
    void a.tabs.lead(first.leading, first.run);
    await settle();
    void b.tabs.lead(second.leading, () => {
      secondRan = true;
      return second.run();
    });
    await settle();
    assert.equal(a.tabs.role, 'leader');
    assert.equal(b.tabs.role, 'relay', 'b waits for the lock and relays meanwhile');
    assert.equal(secondRan, false, 'only one tab polls');
    assert.deepEqual(b.widget.filter(hello).at(-1)?.agent, { agentId: '1001' });
    // The leader's state reaches the relaying tab's widget; b's writes reach a's session.
    a.tabs.emit({
      type: 'state',
      state: { state: 'Available', reason: '', isAcw: false, since: 1 },
      seq: 3,
    });
    b.tabs.forward('w1', { state: 'Unavailable', reason: 'Lunch' });
    await settle();
    assert.deepEqual(b.widget.at(-1), {
      ns: 'presence-sync',
      v: 1,
      type: 'state',
      state: { state: 'Available', reason: '', isAcw: false, since: 1 },
      seq: 3,
    });
    assert.equal(first.writes.length, 1);
    assert.deepEqual(first.writes[0]?.target, { state: 'Unavailable', reason: 'Lunch' });
    // a's session answers under its own id; the answer goes to b's widget only, under b's id.
    const routed = a.tabs.emit({ type: 'result', id: first.writes[0]?.id ?? '', ok: true });
    assert.equal(routed, true, 'not for a’s own widget');
    await settle();
    assert.deepEqual(b.widget.at(-1), {
      ns: 'presence-sync',
      v: 1,
      type: 'result',
      id: 'w1',
      ok: true,
    });
    // a's session ends (its tab signs out or closes): b takes the lock and polls.
    first.end();
    await settle(10);
    assert.equal(secondRan, true);
    assert.equal(b.tabs.role, 'leader');
    // And a, signed out now, relays through b.
    assert.deepEqual(a.roles, ['leader', 'alone', 'relay']);
  });

  it('answers what it forwarded with not-connected when the leader falls silent, and says it is alone', async () => {
    const { clock, a, b } = await ledByA();
    assert.equal(b.tabs.role, 'relay', 'a tab that never signed in relays too');
    // The leader's heartbeat keeps b relaying; the widget hears its hello once, not per beat.
    const hellos = b.widget.filter(hello).length;
    await clock.advance(HEARTBEAT_MS);
    await settle();
    await clock.advance(HEARTBEAT_MS);
    await settle();
    assert.equal(b.tabs.role, 'relay');
    assert.equal(b.widget.filter(hello).length, hellos);
    // a's tab is killed: no bye, no heartbeat.
    a.tabs.close = () => undefined;
    a.channel.close();
    b.tabs.forward('w9', { state: 'Available' });
    await settle();
    await clock.advance(LEADER_SILENCE_MS);
    assert.equal(b.tabs.role, 'alone');
    assert.deepEqual(b.widget.at(-1), {
      ns: 'presence-sync',
      v: 1,
      type: 'result',
      id: 'w9',
      ok: false,
      code: 'not-connected',
      message: 'The console tab connected to CXone went away before it answered',
    });
    opened.splice(opened.indexOf(a), 1);
  });

  it('drops channel messages that are not exactly the protocol, and passes on only protocol fields', async () => {
    const { a, b, first } = await ledByA();
    const forger = new BroadcastChannel(NAME);
    const heard = b.widget.length;
    forger.postMessage({ kind: 'emit', from: 'x', message: { type: 'state' } });
    forger.postMessage({ kind: 'steal', from: 'x' });
    forger.postMessage({
      kind: 'setState',
      from: 'x',
      message: { ns: 'presence-sync', v: 1, type: 'setState', id: 'f', target: { state: 'Busy' } },
    });
    forger.postMessage('junk');
    // A state with an extra field (say a token by mistake): the widget gets the state without it.
    forger.postMessage({
      kind: 'emit',
      from: 'x',
      message: {
        ns: 'presence-sync',
        v: 1,
        type: 'state',
        state: { state: 'Available', reason: '', isAcw: false, since: 2 },
        seq: 9,
        token: 'secret',
      },
    });
    await settle();
    forger.close();
    assert.equal(first.writes.length, 0, 'no forged setState reached the session');
    assert.equal(b.widget.length, heard + 1);
    assert.equal(JSON.stringify(b.widget.at(-1)).includes('secret'), false);
    assert.ok(b.tabs.rejected >= 2, 'bad messages are counted');
    assert.ok(a.tabs.rejected >= 2);
  });

  it('leads at once without Web Locks', async () => {
    const clock = new ManualClock(Date.now());
    const widget: Array<Record<string, unknown>> = [];
    const channel = new BroadcastChannel(`${NAME} alone`);
    const tabs = new BridgeTabs({
      channel,
      locks: null,
      lockName: NAME,
      clock,
      tabId: 'solo',
      toWidget: (message) => widget.push(encodeBridgeMessage(message)),
      onRole: () => undefined,
    });
    tabs.open();
    const only = session();
    let ran = false;
    void tabs.lead(only.leading, () => {
      ran = true;
      return only.run();
    });
    await settle();
    assert.equal(ran, true);
    assert.equal(tabs.role, 'leader');
    only.end();
    await settle();
    assert.equal(tabs.role, 'alone');
    tabs.close();
  });
});
