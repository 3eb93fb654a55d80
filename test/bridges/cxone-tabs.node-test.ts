/// <reference types="node" />
// One CXone poller across console tabs: bridges in several "tabs" share Node's BroadcastChannel
// (the browser's, same semantics) and a first-come lock manager standing in for Web Locks (each tab
// its own client id, as `navigator.locks.query()` reports them); time is a manual clock.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  BridgeTabs,
  HEARTBEAT_MS,
  LEADER_SILENCE_MS,
  type TabLocks,
  type TabRole,
} from '../../src/bridges/cxone/tabs.js';
import {
  encodeBridgeMessage,
  parseBridgeMessage,
  type BridgeMessage,
} from '../../src/protocol/index.js';
import { ManualClock } from '../fakes/manual-clock.js';

const NAME = 'presence-sync-cxone test';

/**
 * Web Locks' exclusive mode: per name, granted in request order, each held until its callback
 * settles; `view(client)` is one document's `navigator.locks`.
 */
class Locks {
  private readonly tails = new Map<string, Promise<unknown>>();
  readonly held: Array<{ name: string; clientId: string }> = [];
  view(clientId: string): TabLocks {
    return {
      request: (name, callback) => {
        const granted = (this.tails.get(name) ?? Promise.resolve()).then(async () => {
          const entry = { name, clientId };
          this.held.push(entry);
          try {
            return await callback();
          } finally {
            this.held.splice(this.held.indexOf(entry), 1);
          }
        });
        this.tails.set(
          name,
          granted.catch(() => undefined),
        );
        return granted;
      },
      query: async () => ({ held: this.held.map((entry) => ({ ...entry })) }),
    };
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

/** A bridge tab; its widget passed the origin check unless `checked` is false. */
function tab(clock: ManualClock, locks: Locks, id: string, checked = true): Tab {
  const widget: Array<Record<string, unknown>> = [];
  const roles: TabRole[] = [];
  const channel = new BroadcastChannel(NAME);
  const tabs = new BridgeTabs({
    channel,
    locks: locks.view(`client-${id}`),
    lockName: NAME,
    clock,
    tabId: id,
    toWidget: (message) => widget.push(encodeBridgeMessage(message)),
    onRole: (role) => roles.push(role),
  });
  tabs.open();
  if (checked) tabs.widgetChecked();
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
        platform: 'cxone' as const,
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
async function ledByA(bChecked = true) {
  const clock = new ManualClock(Date.now());
  const locks = new Locks();
  const a = tab(clock, locks, 'a');
  const b = tab(clock, locks, 'b', bChecked);
  const first = session();
  void a.tabs.lead(first.leading, first.run);
  await settle();
  return { clock, a, b, first, locks };
}

const state = (seq: number, what = 'Available') => ({
  ns: 'presence-sync',
  v: 1,
  type: 'state',
  state: { state: what, reason: '', isAcw: false, since: 1 },
  seq,
});
/** A wire message as the session hands it to the tabs (parsed). */
function parsed(wire: unknown): BridgeMessage {
  const message = parseBridgeMessage(wire);
  assert.ok(message !== null);
  return message;
}
const agentHello = {
  ns: 'presence-sync',
  v: 1,
  type: 'hello',
  role: 'agent',
  agent: { agentId: 'forged' },
  write: true,
};

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
    // A state with an extra field from the leader (say a token by mistake): the widget gets the
    // state without it.
    a.tabs.emit({ ...parsed(state(9)), token: 'secret' } as unknown as BridgeMessage);
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

  it('follows no leader that the election did not choose: a claim and messages under an id no lock holds are refused', async () => {
    const clock = new ManualClock(Date.now());
    const locks = new Locks();
    const b = tab(clock, locks, 'b');
    const forger = new BroadcastChannel(NAME);
    forger.postMessage({ kind: 'leader', from: 'x', hello: agentHello });
    forger.postMessage({ kind: 'emit', from: 'x', message: state(9e15, 'LoggedOut') });
    await settle(10);
    assert.equal(b.tabs.role, 'alone');
    assert.deepEqual(b.widget, [], 'the widget heard nothing forged');
    assert.ok(b.tabs.rejected >= 2);
    // A forger that takes a lock named after its id still holds no election lock.
    void locks.view('client-x').request(`${NAME} tab x`, () => new Promise(() => undefined));
    forger.postMessage({ kind: 'leader', from: 'x', hello: agentHello });
    await settle(10);
    assert.equal(b.tabs.role, 'alone');
    forger.close();
  });

  it('keeps following the elected leader while a forger claims to lead, and hears state from the leader only', async () => {
    const { a, b } = await ledByA();
    const forger = new BroadcastChannel(NAME);
    forger.postMessage({ kind: 'leader', from: 'x', hello: agentHello });
    forger.postMessage({ kind: 'emit', from: 'x', message: state(9e15, 'LoggedOut') });
    forger.postMessage({ kind: 'bye', from: 'x' });
    await settle(10);
    assert.equal(b.tabs.role, 'relay');
    assert.equal(
      JSON.stringify(b.widget).includes('forged') || JSON.stringify(b.widget).includes('LoggedOut'),
      false,
    );
    a.tabs.emit(parsed(state(4)));
    await settle();
    assert.deepEqual(b.widget.at(-1), state(4));
    forger.close();
  });

  it('writes a relayed setState only for a tab whose widget passed the origin check, never for an id no lock holds', async () => {
    const { b, first } = await ledByA(false);
    const forger = new BroadcastChannel(NAME);
    const setState = (id: string) => ({
      ns: 'presence-sync',
      v: 1,
      type: 'setState',
      id,
      target: { state: 'Available' },
    });
    forger.postMessage({ kind: 'widget', from: 'x' });
    await settle(10);
    forger.postMessage({ kind: 'setState', from: 'x', message: setState('f1') });
    b.tabs.forward('w1', { state: 'Available' });
    await settle(10);
    assert.equal(first.writes.length, 0, 'neither the forger nor an unchecked tab writes');
    b.tabs.widgetChecked();
    await settle(10);
    b.tabs.forward('w2', { state: 'Available' });
    await settle(10);
    assert.deepEqual(
      first.writes.map((write) => write.target),
      [{ state: 'Available' }],
    );
    forger.close();
  });

  it('runs one relayed write per tab and keeps only the newest waiting one; the others are answered throttled', async () => {
    const { a, b, first } = await ledByA();
    await settle(10);
    for (const [id, reason] of [
      ['w1', 'Lunch'],
      ['w2', 'Chat'],
      ['w3', 'Break'],
      ['w4', 'Training'],
    ] as const)
      b.tabs.forward(id, { state: 'Unavailable', reason });
    await settle(10);
    assert.deepEqual(
      first.writes.map((write) => write.target),
      [{ state: 'Unavailable', reason: 'Lunch' }],
    );
    const answers = () =>
      b.widget
        .filter((message) => message.type === 'result')
        .map((message) => `${String(message.id)}:${String(message.code ?? 'ok')}`);
    assert.deepEqual(answers(), ['w2:throttled', 'w3:throttled']);
    a.tabs.emit({ type: 'result', id: first.writes[0]?.id ?? '', ok: true });
    await settle(10);
    assert.deepEqual(
      first.writes.map((write) => write.target),
      [
        { state: 'Unavailable', reason: 'Lunch' },
        { state: 'Unavailable', reason: 'Training' },
      ],
    );
    assert.deepEqual(answers(), ['w2:throttled', 'w3:throttled', 'w1:ok']);
  });

  it('bounds the leader’s own widget’s writes as a relayed tab’s: one runs, the newest waits, the others are answered throttled', async () => {
    const { a, first } = await ledByA();
    for (const [id, reason] of [
      ['o1', 'Lunch'],
      ['o2', 'Chat'],
      ['o3', 'Break'],
      ['o4', 'Training'],
    ] as const)
      a.tabs.write(id, { state: 'Unavailable', reason });
    assert.deepEqual(
      first.writes.map((write) => write.target),
      [{ state: 'Unavailable', reason: 'Lunch' }],
    );
    const answers = () =>
      a.widget
        .filter((message) => message.type === 'result')
        .map((message) => `${String(message.id)}:${String(message.code ?? 'ok')}`);
    assert.deepEqual(answers(), ['o2:throttled', 'o3:throttled']);
    a.tabs.emit({ type: 'result', id: first.writes[0]?.id ?? '', ok: true });
    assert.deepEqual(
      first.writes.map((write) => write.target),
      [
        { state: 'Unavailable', reason: 'Lunch' },
        { state: 'Unavailable', reason: 'Training' },
      ],
    );
    assert.deepEqual(answers(), ['o2:throttled', 'o3:throttled', 'o1:ok']);
    a.tabs.emit({ type: 'result', id: first.writes[1]?.id ?? '', ok: true });
    assert.deepEqual(answers(), ['o2:throttled', 'o3:throttled', 'o1:ok', 'o4:ok']);
  });

  it('gives every write its own id: a widget’s id cannot settle another tab’s write', async () => {
    const { a, b, first } = await ledByA();
    await settle(10);
    b.tabs.forward('w1', { state: 'Unavailable', reason: 'Lunch' });
    await settle(10);
    // The leader's own widget picks, by chance or on purpose, the id the session knows b's write by.
    const taken = first.writes[0]?.id ?? '';
    a.tabs.write(taken, { state: 'Available' });
    assert.equal(first.writes.length, 2);
    assert.notEqual(first.writes[1]?.id, taken, 'the session knows each write by an id of its own');
    // a's own write is answered first: only a's widget hears it; b's write is still open.
    a.tabs.emit({
      type: 'result',
      id: first.writes[1]?.id ?? '',
      ok: false,
      code: 'conflict',
      message: 'no',
      retryAfterMs: null,
    });
    await settle(10);
    const results = (widget: Array<Record<string, unknown>>) =>
      widget
        .filter((message) => message.type === 'result')
        .map((m) => `${String(m.id)}:${String(m.ok)}`);
    assert.deepEqual(results(a.widget), [`${taken}:false`]);
    assert.deepEqual(results(b.widget), []);
    a.tabs.emit({ type: 'result', id: first.writes[0]?.id ?? '', ok: true });
    await settle(10);
    assert.deepEqual(results(b.widget), ['w1:true']);
    assert.deepEqual(results(a.widget), [`${taken}:false`]);
  });

  it('answers the leader’s own waiting write not-connected when its session ends, and its running one when it settles', async () => {
    const { a, first } = await ledByA();
    a.tabs.write('o1', { state: 'Available' });
    a.tabs.write('o2', { state: 'Unavailable', reason: 'Lunch' });
    first.end();
    await settle(10);
    assert.equal(a.tabs.role, 'alone');
    a.tabs.emit({ type: 'result', id: first.writes[0]?.id ?? '', ok: true });
    const answers = a.widget
      .filter((message) => message.type === 'result')
      .map((message) => `${String(message.id)}:${String(message.code ?? 'ok')}`);
    assert.deepEqual(answers, ['o2:not-connected', 'o1:ok']);
    assert.equal(first.writes.length, 1, 'nothing is written once the session ended');
  });
});
