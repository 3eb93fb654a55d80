/// <reference types="node" />
// The Webex relay on the real @wxcc-desktop/sdk under a simulated Agent Desktop, in Node. The relay
// and the simulated Desktop share one manual clock (a request's latency, the AQM layer's timeout,
// the relay's bounds pass when a test moves it); the SDK runs as shipped.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { WebexRelay, WRITE_TAG } from '../../src/bridges/webex/relay.js';
import { encodeBridgeMessage } from '../../src/protocol/index.js';
import { ManualClock } from '../fakes/manual-clock.js';
import { createDesktopSim, type DesktopSim } from '../fakes/webex-desktop/service.js';
import { loadSdk } from '../fakes/webex-desktop/sdk-node.js';

type Message = Record<string, unknown> & { type: string };

const CODES = [
  { id: 'c-lunch', name: 'Lunch', isSystem: false, isDefault: false },
  { id: 'c-chat', name: 'Chat', isSystem: false, isDefault: false },
  { id: 'c-break', name: 'Break', isSystem: false, isDefault: true },
  { id: 'c-rona', name: 'RONA', isSystem: true, isDefault: false },
];
const LATENCY = 100;
const AQM_TIMEOUT = 20_000;
const SETTLE = 25_000;
const START = 15_000;

interface World {
  sim: DesktopSim;
  clock: ManualClock;
  relay: WebexRelay;
  posted: Message[];
  warnings: string[];
  /** Moves time and lets the SDK's own event-loop work run. */
  step(ms?: number): Promise<void>;
  states(): Array<Record<string, unknown>>;
  results(): Message[];
}

const worlds: World[] = [];
afterEach(() => {
  // A Desktop that never started keeps the SDK polling `isInited`: let it finish.
  for (const w of worlds.splice(0)) {
    w.sim.finishInit();
    w.relay.close();
  }
});

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function world(
  options: { write?: boolean; startCode?: string; inits?: boolean; agentId?: string | null } = {},
): Promise<World> {
  const clock = new ManualClock(Date.UTC(2026, 11, 1, 9));
  const sim = createDesktopSim({
    agentId: 'agent-7',
    idleCodes: CODES.map((code) => ({ ...code })),
    startCode: options.startCode ?? 'c-lunch',
    latencyMs: LATENCY,
    aqmTimeoutMs: AQM_TIMEOUT,
    now: () => clock.now(),
    setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
    inits: options.inits ?? true,
  });
  const posted: Message[] = [];
  const warnings: string[] = [];
  const relay = new WebexRelay(loadSdk(sim.service), clock, {
    write: options.write ?? true,
    agentId: options.agentId === undefined ? 'agent-7' : options.agentId,
    startMs: START,
    settleMs: SETTLE,
    post: (message) => posted.push(encodeBridgeMessage(message) as Message),
    warn: (message) => warnings.push(message),
  });
  const step = async (ms = 0) => {
    await turn();
    await clock.advance(ms);
    await turn();
  };
  let started = false;
  void relay.start().then(() => (started = true));
  for (let round = 0; round < 400 && !started && options.inits !== false; round += 1)
    await step(10);
  if (options.inits !== false) assert.ok(started, 'the relay started');
  const made: World = {
    sim,
    clock,
    relay,
    posted,
    warnings,
    step,
    states: () =>
      posted
        .filter((message) => message.type === 'state')
        .map((message) => message.state as Record<string, unknown>),
    results: () => posted.filter((message) => message.type === 'result'),
  };
  worlds.push(made);
  return made;
}

const lastState = (w: World) => {
  const { since: _since, ...state } = w.states().at(-1) ?? {};
  return state;
};

describe('the Webex relay on the real Desktop SDK', () => {
  it('introduces the agent with the idle codes and the state, by code name', async () => {
    const w = await world();
    const hello = w.posted.filter((message) => message.type === 'hello').at(-1);
    assert.deepEqual(hello?.agent, { agentId: 'agent-7' });
    assert.equal(hello?.write, true);
    assert.equal(hello?.problem, undefined);
    assert.deepEqual(
      (hello?.codes as Array<{ name: string }>).map((code) => code.name),
      ['Lunch', 'Chat', 'Break', 'RONA'],
    );
    assert.deepEqual(lastState(w), { state: 'Unavailable', reason: 'Lunch', isAcw: false });
    const seqs = w.posted.filter((m) => m.type === 'state').map((m) => m.seq as number);
    assert.ok(
      seqs.every((seq) => seq > Date.UTC(2026, 11, 1) * 1000),
      'seq survives a reload',
    );
  });

  it('says no state before the Desktop has said one, not LoggedOut', async () => {
    const w = await world({ inits: false });
    const hello = w.posted.find((message) => message.type === 'hello');
    assert.equal(hello?.state, undefined);
    assert.equal(hello?.write, false);
    await w.step(START);
    const late = w.posted.filter((message) => message.type === 'hello').at(-1);
    assert.match(String(late?.problem), /did not start its widget services/);
    assert.equal(w.states().length, 0);
  });

  it('starts when a slow Desktop finishes starting, and clears the problem', async () => {
    const w = await world({ inits: false });
    await w.step(START);
    w.sim.finishInit();
    for (let round = 0; round < 400 && w.states().length === 0; round += 1) await w.step(10);
    assert.deepEqual(lastState(w), { state: 'Unavailable', reason: 'Lunch', isAcw: false });
    assert.equal(w.posted.filter((m) => m.type === 'hello').at(-1)?.problem, undefined);
  });

  it('follows the agent’s and a supervisor’s changes in the Desktop', async () => {
    const w = await world();
    w.sim.agentSets('Available');
    await w.step();
    assert.deepEqual(lastState(w), { state: 'Available', reason: '', isAcw: false });
    w.sim.supervisorSets('Break');
    await w.step();
    assert.deepEqual(lastState(w), { state: 'Unavailable', reason: 'Break', isAcw: false });
    assert.deepEqual(w.sim.requests, [], 'observing writes nothing');
  });

  it('sets an idle code by id, tagged, and answers ok only once the Desktop shows it', async () => {
    const w = await world();
    w.relay.setState('w1', { state: 'Unavailable', reason: 'Chat' });
    await w.step(LATENCY - 1);
    assert.deepEqual(w.sim.requests, [
      { state: 'Idle', auxCodeIdArray: 'c-chat', lastStateChangeReason: WRITE_TAG },
    ]);
    assert.deepEqual(w.results(), [], 'no answer before the state event');
    await w.step(1);
    assert.deepEqual(w.results(), [
      { ns: 'presence-sync', v: 1, type: 'result', id: 'w1', ok: true },
    ]);
    assert.deepEqual(lastState(w), { state: 'Unavailable', reason: 'Chat', isAcw: false });
  });

  it('sets Available as id "0" and the default reason as the default idle code', async () => {
    const w = await world();
    w.relay.setState('w1', { state: 'Available' });
    await w.step(LATENCY);
    w.relay.setState('w2', { state: 'Unavailable', reason: '' });
    await w.step(LATENCY);
    assert.deepEqual(
      w.sim.requests.map((request) => request.auxCodeIdArray),
      ['0', 'c-break'],
    );
    assert.deepEqual(
      w.results().map((result) => result.ok),
      [true, true],
    );
  });

  it('refuses unknown and system idle codes without calling the Desktop', async () => {
    const w = await world();
    w.relay.setState('w1', { state: 'Unavailable', reason: 'Lnch' });
    w.relay.setState('w2', { state: 'Unavailable', reason: 'RONA' });
    await w.step(LATENCY);
    assert.deepEqual(
      w.results().map((result) => [result.code, result.message]),
      [
        ['invalid-reason', 'No Webex idle code is named "Lnch"'],
        ['forbidden', '"RONA" is a system idle code: Webex sets it itself'],
      ],
    );
    assert.deepEqual(w.sim.requests, []);
  });

  it('answers a state already shown at once, without a request', async () => {
    const w = await world();
    w.relay.setState('w1', { state: 'Unavailable', reason: 'Lunch' });
    await w.step();
    assert.equal(w.results()[0]?.ok, true);
    assert.deepEqual(w.sim.requests, []);
  });

  it('takes an AQM timeout whose change landed as ok, and does not ask again', async () => {
    const w = await world();
    w.sim.setMode('timeout-after-landing');
    w.relay.setState('w1', { state: 'Available' });
    await w.step(AQM_TIMEOUT);
    assert.deepEqual(w.results(), [], 'the timeout alone is not an answer');
    await w.step(LATENCY);
    assert.equal(w.results()[0]?.ok, true);
    assert.equal(w.sim.requests.length, 1);
  });

  it('answers timeout when the change never shows, after its bound', async () => {
    const w = await world();
    w.sim.setMode('timeout-lost');
    w.relay.setState('w1', { state: 'Available' });
    await w.step(SETTLE - 1);
    assert.deepEqual(w.results(), []);
    await w.step(1);
    assert.equal(w.results()[0]?.code, 'timeout');
    assert.equal(w.sim.requests.length, 1);
  });

  it('answers a pending or refused request as a conflict, with Webex’s reason', async () => {
    const w = await world();
    w.sim.setMode('pending');
    w.relay.setState('w1', { state: 'Available' });
    await w.step();
    w.sim.setMode('fails');
    w.relay.setState('w2', { state: 'Available' });
    await w.step(LATENCY);
    assert.deepEqual(
      w.results().map((result) => [result.code, result.message]),
      [
        ['conflict', 'The Webex Desktop is still busy with another state change'],
        ['conflict', 'Webex refused the state change: AGENT_BUSY'],
      ],
    );
  });

  it('keeps one write in flight: the next request waits for the first to settle', async () => {
    const w = await world();
    w.relay.setState('w1', { state: 'Available' });
    w.relay.setState('w2', { state: 'Unavailable', reason: 'Chat' });
    await w.step(LATENCY - 1);
    assert.equal(w.sim.requests.length, 1);
    await w.step(1);
    assert.equal(w.sim.requests.length, 2);
    await w.step(LATENCY);
    assert.deepEqual(
      w.results().map((result) => [result.id, result.ok]),
      [
        ['w1', true],
        ['w2', true],
      ],
    );
  });

  it('keeps at most one request waiting: a newer one replaces it, which is answered at once', async () => {
    const w = await world();
    w.relay.setState('w1', { state: 'Available' });
    w.relay.setState('w2', { state: 'Unavailable', reason: 'Chat' });
    w.relay.setState('w3', { state: 'Unavailable', reason: 'Lunch' });
    assert.deepEqual(
      w.results().map((result) => [result.id, result.code]),
      [['w2', 'throttled']],
    );
    await w.step(LATENCY);
    await w.step(LATENCY);
    assert.equal(w.sim.requests.length, 2, 'w2 never reached the Desktop');
    assert.deepEqual(
      w.results().map((result) => [result.id, result.ok]),
      [
        ['w2', false],
        ['w1', true],
        ['w3', true],
      ],
    );
  });

  it('answers each id once: a request reusing the id of one in flight or waiting is refused, not run', async () => {
    const w = await world();
    w.relay.setState('w1', { state: 'Available' });
    w.relay.setState('w2', { state: 'Unavailable', reason: 'Chat' });
    // Another script in the console window (another tab's widget, or a forger) reuses both ids.
    w.relay.setState('w1', { state: 'Unavailable', reason: 'Lunch' });
    w.relay.setState('w2', { state: 'Unavailable', reason: 'Lunch' });
    for (let round = 0; round < 4; round += 1) await w.step(LATENCY);
    assert.deepEqual(
      w.results().map((result) => [result.id, result.ok]),
      [
        ['w1', true],
        ['w2', true],
      ],
      'one answer per id, each the outcome of the write that id was first given to',
    );
    assert.equal(w.sim.requests.length, 2, 'the reused ids reached nothing');
    assert.deepEqual(lastState(w), { state: 'Unavailable', reason: 'Chat', isAcw: false });
    assert.equal(w.relay.rejected, 2);
  });

  it('maps voice calls, consults, the dialer and wrap-up, first match wins', async () => {
    const w = await world();
    const seen = () => {
      const { state, isAcw } = lastState(w) as { state: string; isAcw: boolean };
      return isAcw ? `${state}+ACW` : state;
    };
    w.sim.offerCall('call-1');
    await w.step();
    assert.equal(seen(), 'Unavailable', 'an offer is not a call yet');
    w.sim.answer('call-1');
    await w.step();
    assert.equal(seen(), 'InboundContact');
    w.sim.consult('call-1');
    await w.step();
    assert.equal(seen(), 'OutboundConsult');
    w.sim.consultEnded('call-1');
    await w.step();
    assert.equal(seen(), 'InboundContact');
    w.sim.endCall('call-1');
    await w.step();
    assert.equal(seen(), 'Unavailable+ACW');
    w.sim.wrappedUp('call-1');
    await w.step();
    assert.deepEqual(lastState(w), { state: 'Unavailable', reason: 'Lunch', isAcw: false });
    w.sim.answer('call-2', { outbound: true });
    await w.step();
    assert.equal(seen(), 'OutboundContact');
    w.sim.endCall('call-2', { wrapUp: false });
    w.sim.answer('call-3', { campaign: true });
    await w.step();
    assert.equal(seen(), 'Dialer');
    w.sim.endCall('call-3', { wrapUp: false });
    w.sim.offerConsult('call-4');
    w.sim.acceptConsult('call-4');
    await w.step();
    assert.equal(seen(), 'InboundConsult');
    w.sim.consultEnded('call-4');
    await w.step();
    assert.equal(seen(), 'Unavailable');
  });

  it('leaves digital tasks out (the setting is about voice calls)', async () => {
    const w = await world();
    const before = w.states().length;
    w.sim.answer('chat-1', { media: 'chat' });
    await w.step();
    assert.equal(w.states().length, before);
  });

  it('says RONA by the system idle code’s name', async () => {
    const w = await world({ startCode: '0' });
    w.sim.offerCall('call-9');
    w.sim.rona('call-9', 'c-rona');
    await w.step();
    assert.deepEqual(lastState(w), { state: 'Unavailable', reason: 'RONA', isAcw: false });
  });

  it('refuses a malformed contact event, never throws, and changes nothing', async () => {
    const w = await world();
    const before = w.states().length;
    w.sim.junkContact('eAgentContactAssigned', { data: { interactionId: 'x' } });
    w.sim.junkContact('eAgentContactAssigned', null);
    await w.step();
    assert.equal(w.states().length, before);
    assert.equal(w.relay.rejected, 2);
    assert.deepEqual(w.warnings, [
      'eAgentContactAssigned: data.interaction is missing',
      'eAgentContactAssigned: the event is not an object',
    ]);
  });

  it('stops writing on multi-login: LoggedOut, write false, and why', async () => {
    const w = await world();
    w.sim.multiLogin();
    await w.step();
    assert.deepEqual(lastState(w), { state: 'LoggedOut', reason: '', isAcw: false });
    const hello = w.posted.filter((message) => message.type === 'hello').at(-1);
    assert.equal(hello?.write, false);
    assert.match(String(hello?.problem), /another window or tab/);
    w.relay.setState('w1', { state: 'Available' });
    await w.step(LATENCY);
    assert.equal(w.results()[0]?.code, 'not-connected');
    assert.deepEqual(w.sim.requests, []);
  });

  it('says LoggedOut on logout and writes again after the next station login', async () => {
    const w = await world();
    w.sim.logout();
    await w.step();
    assert.deepEqual(lastState(w), { state: 'LoggedOut', reason: '', isAcw: false });
    w.relay.setState('w1', { state: 'Available' });
    await w.step();
    assert.equal(w.results()[0]?.code, 'no-session');
    w.sim.stationLogin('Break');
    await w.step();
    assert.deepEqual(lastState(w), { state: 'Unavailable', reason: 'Break', isAcw: false });
    assert.equal(w.posted.filter((m) => m.type === 'hello').at(-1)?.write, true);
  });

  it('only observes with write="false"', async () => {
    const w = await world({ write: false });
    assert.equal(w.posted.filter((m) => m.type === 'hello').at(-1)?.write, false);
    w.relay.setState('w1', { state: 'Available' });
    await w.step();
    assert.equal(w.results()[0]?.code, 'forbidden');
    assert.deepEqual(w.sim.requests, []);
  });

  it('learns the agent id from the Desktop’s events when the layout does not pass it', async () => {
    const w = await world({ agentId: null });
    w.sim.answer('call-1');
    await w.step();
    w.sim.endCall('call-1', { wrapUp: false });
    await w.step();
    assert.deepEqual(encodeBridgeMessage(w.relay.hello()).agent, { agentId: 'agent-7' });
  });
});
