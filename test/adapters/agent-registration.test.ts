// The client-events dialect against an agent app that is slow to load, reloads, or goes silent;
// and a post that throws. A fake window and host stand in for the browser (timing is the point
// here, on a manual clock); agent-postmessage.test.ts covers the same dialect across real origins.
import { expect } from '@open-wc/testing';
import { BridgeAgentPort } from '../../src/adapters/agent-bridge.js';
import type { AgentWindow, MessageHost } from '../../src/adapters/agent-channel.js';
import {
  ACK_TIMEOUT_MS,
  ClientEventsAgentPort,
  SILENCE_MS,
} from '../../src/adapters/agent-client-events.js';
import { FactLog } from '../fakes/fact-log.js';
import { ManualClock } from '../fakes/manual-clock.js';

const ORIGIN = 'https://agent.example.com';

/** A window that records what is posted to it; `loaded` false drops posts, as about:blank would. */
class FakeAgentWindow {
  loaded = false;
  throwing: Error | null = null;
  readonly received: unknown[] = [];
  postMessage(data: unknown, targetOrigin: string): void {
    if (this.throwing) throw this.throwing;
    expect(targetOrigin).to.equal(ORIGIN);
    if (this.loaded) this.received.push(data);
  }
  registrations(): number {
    return this.received.filter(
      (data) => (data as { messageType?: string }).messageType === 'RegisterForClientEvents',
    ).length;
  }
}

function world() {
  const clock = new ManualClock();
  const win = new FakeAgentWindow();
  let listener: ((event: MessageEvent) => void) | null = null;
  const host: MessageHost = {
    addEventListener: (_type, handler) => (listener = handler),
    removeEventListener: () => (listener = null),
  };
  const agentWindow = win as unknown as AgentWindow;
  const say = (data: unknown) =>
    listener?.({ data, origin: ORIGIN, source: agentWindow } as unknown as MessageEvent);
  const acknowledge = () => {
    say({
      issuer: 'CXA',
      events: [
        {
          Type: 'AgentState',
          CurrentState: 'Available',
          CurrentOutReason: '',
          IsAcw: 'False',
          StartTimeUTC: '2026-12-01T10:00:00Z',
        },
      ],
    });
    say({ messageType: 'ClientEventSubscriptionAcknowledge', status: 'OK' });
  };
  return { clock, win, host, agentWindow, say, acknowledge };
}

/** A port of `dialect` on the fake window, connected, with the facts it reports. */
function connect<P extends ClientEventsAgentPort | BridgeAgentPort>(
  w: ReturnType<typeof world>,
  dialect: new (options: ConstructorParameters<typeof BridgeAgentPort>[0]) => P,
): { port: P; log: FactLog; disconnect: () => void } {
  const port = new dialect({
    origins: ORIGIN,
    agentWindow: w.agentWindow,
    host: w.host,
    clock: w.clock,
  });
  const log = new FactLog();
  return { port, log, disconnect: port.connect(log.sink) };
}

const codes = (log: FactLog) => log.of('problem.reported').map((fact) => fact.problem.code);

describe('ClientEventsAgentPort registration', () => {
  it('registers again with backoff until the agent app, loaded late, acknowledges', async () => {
    const w = world();
    const { log, disconnect } = connect(w, ClientEventsAgentPort);
    await w.clock.advance(300);
    expect(w.win.registrations()).to.equal(0);
    w.win.loaded = true; // the agent app finished loading: the next registration reaches it
    await w.clock.advance(500);
    expect(w.win.registrations()).to.equal(1);
    w.acknowledge();
    await w.clock.advance(30_000);
    expect(w.win.registrations(), 'no registration after the acknowledgement').to.equal(1);
    expect(log.of('acd.hello')).to.have.length(1);
    expect(codes(log)).to.deep.equal([]);
    disconnect();
  });

  it('backs off to one registration every 5 s and says agent-not-connected when never answered', async () => {
    const w = world();
    w.win.loaded = true;
    const { log, disconnect } = connect(w, ClientEventsAgentPort);
    await w.clock.advance(ACK_TIMEOUT_MS);
    expect(codes(log)).to.deep.equal(['agent-not-connected']);
    const early = w.win.registrations();
    await w.clock.advance(60_000);
    // Bounded: 250, 500, 1000, 2000, then every 5000 ms.
    expect(early).to.equal(5);
    expect(w.win.registrations() - early).to.equal(12);
    expect(codes(log), 'said once').to.deep.equal(['agent-not-connected']);
    w.acknowledge();
    await w.clock.advance(1);
    expect(log.of('problem.cleared').map((fact) => fact.code)).to.deep.equal([
      'agent-not-connected',
    ]);
    disconnect();
  });

  it('registers at once when the agent frame loads again (a CXone re-login reloads it)', async () => {
    const w = world();
    w.win.loaded = true;
    const { port, disconnect } = connect(w, ClientEventsAgentPort);
    w.acknowledge();
    await w.clock.advance(1000);
    expect(w.win.registrations()).to.equal(1);
    port.windowLoaded();
    expect(w.win.registrations()).to.equal(2);
    w.acknowledge();
    await w.clock.advance(10_000);
    expect(w.win.registrations()).to.equal(2);
    disconnect();
  });

  it('probes a silent agent app and reports it when the probe goes unanswered', async () => {
    const w = world();
    w.win.loaded = true;
    const { log, disconnect } = connect(w, ClientEventsAgentPort);
    w.acknowledge();
    await w.clock.advance(SILENCE_MS - 1);
    expect(w.win.registrations()).to.equal(1);
    await w.clock.advance(1);
    expect(w.win.registrations(), 'the probe').to.equal(2);
    w.acknowledge(); // alive: it answers the probe
    await w.clock.advance(ACK_TIMEOUT_MS);
    expect(codes(log)).to.deep.equal([]);
    w.win.loaded = false; // reloading, gone quiet
    await w.clock.advance(SILENCE_MS + ACK_TIMEOUT_MS);
    expect(codes(log)).to.deep.equal(['agent-not-connected']);
    disconnect();
  });
});

describe('AgentChannel post', () => {
  it('reports a post that throws, naming the message, instead of swallowing it', async () => {
    const w = world();
    w.win.loaded = true;
    w.win.throwing = new DOMException('#<Object> could not be cloned.', 'DataCloneError');
    const { log, disconnect } = connect(w, BridgeAgentPort);
    const problems = log.of('problem.reported').map((fact) => fact.problem);
    expect(problems.map((problem) => problem.code)).to.deep.equal(['agent-not-connected']);
    expect(problems[0]?.message).to.contain('hello').and.contain('DataCloneError');
    disconnect();
  });

  it('says hello again when the agent frame loads, after the first went to about:blank', () => {
    const w = world();
    const { port, disconnect } = connect(w, BridgeAgentPort);
    expect(w.win.received).to.deep.equal([]);
    w.win.loaded = true;
    port.windowLoaded();
    expect(w.win.received).to.deep.equal([
      { ns: 'presence-sync', v: 1, type: 'hello', role: 'widget' },
    ]);
    disconnect();
  });

  it('tells the agent side the panel’s language and the org id in its hello, when it has them', () => {
    const w = world();
    w.win.loaded = true;
    const port = new BridgeAgentPort({
      origins: ORIGIN,
      agentWindow: w.agentWindow,
      host: w.host,
      clock: w.clock,
      locale: 'ja',
      orgId: '00D5g000004ABCD',
    });
    const disconnect = port.connect(new FactLog().sink);
    expect(w.win.received).to.deep.equal([
      {
        ns: 'presence-sync',
        v: 1,
        type: 'hello',
        role: 'widget',
        locale: 'ja',
        orgId: '00D5g000004ABCD',
      },
    ]);
    disconnect();
  });

  it('posts nothing to its own frame before the page loads, then to the frame’s window read afresh', () => {
    // Under Lightning Web Security a post to the frame before its load poisons every later post
    // (DataCloneError): the about:blank window here throws to stand for that.
    const w = world();
    const blank = new FakeAgentWindow();
    blank.throwing = new DOMException('#<Object> could not be cloned.', 'DataCloneError');
    let current = blank;
    let loaded = false;
    const port = new BridgeAgentPort({
      origins: ORIGIN,
      agentFrame: {
        window: () => current as unknown as AgentWindow,
        loaded: () => loaded,
      },
      host: w.host,
      clock: w.clock,
    });
    const log = new FactLog();
    const disconnect = port.connect(log.sink);
    expect(codes(log), 'nothing posted before load').to.deep.equal([]);
    current = w.win;
    w.win.loaded = true;
    loaded = true;
    port.windowLoaded();
    expect(w.win.received).to.deep.equal([
      { ns: 'presence-sync', v: 1, type: 'hello', role: 'widget' },
    ]);
    expect(codes(log)).to.deep.equal([]);
    disconnect();
  });

  it('recovers a post that throws when its frame’s window, read again, takes it', () => {
    const w = world();
    const stale = new FakeAgentWindow();
    stale.throwing = new DOMException('#<Object> could not be cloned.', 'DataCloneError');
    let reads = 0;
    w.win.loaded = true;
    const port = new BridgeAgentPort({
      origins: ORIGIN,
      // The first reads give the stale window; a read after the failure, the frame's real one.
      agentFrame: {
        window: () => ((reads += 1) <= 2 ? stale : w.win) as unknown as AgentWindow,
        loaded: () => true,
      },
      host: w.host,
      clock: w.clock,
    });
    const log = new FactLog();
    const disconnect = port.connect(log.sink);
    expect(w.win.received).to.have.length(1);
    expect(codes(log)).to.deep.equal([]);
    disconnect();
  });

  it('shows why the agent side cannot sync, from its hello, until a hello without a problem', () => {
    const w = world();
    const { log, disconnect } = connect(w, BridgeAgentPort);
    const hello = (extra: object) => ({
      ns: 'presence-sync',
      v: 1,
      type: 'hello',
      role: 'agent',
      agent: { agentId: 'x' },
      write: false,
      ...extra,
    });
    w.say(hello({ problem: 'Not connected to CXone: press "Connect CXone" in the agent frame.' }));
    const [problem] = log.of('problem.reported').map((fact) => fact.problem);
    expect(problem?.code).to.equal('agent-not-connected');
    expect(problem?.message).to.contain('Connect CXone');
    w.say(hello({ write: true }));
    expect(log.of('problem.cleared').map((fact) => fact.code)).to.include('agent-not-connected');
    w.say(hello({ problem: 42 }));
    expect(log.of('problem.reported')).to.have.length(1);
    disconnect();
  });
});
