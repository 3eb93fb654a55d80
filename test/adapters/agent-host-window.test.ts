// A window the host hands the element (`agentWindow`): nothing is posted to it before its page has
// loaded (under Lightning Web Security such a post breaks every later one, adapters/window-load.ts),
// then hello is said and said again with backoff until the agent app answers. The timing runs on a
// manual clock with a controllable load; the load detection itself runs on real frames across
// origins.
import { expect } from '@open-wc/testing';
import { BridgeAgentPort, HELLO_RETRY_MS } from '../../src/adapters/agent-bridge.js';
import type { AgentWindow, MessageHost } from '../../src/adapters/agent-channel.js';
import { LOAD_FALLBACK_MS, observeWindowLoad } from '../../src/adapters/window-load.js';
import { loopbackOrigins } from '../fakes/agent-frame.js';
import { FactLog } from '../fakes/fact-log.js';
import { ManualClock } from '../fakes/manual-clock.js';

const ORIGIN = 'https://agent.example.com';
const WIDGET_HELLO = { ns: 'presence-sync', v: 1, type: 'hello', role: 'widget' };
const AGENT_HELLO = {
  ns: 'presence-sync',
  v: 1,
  type: 'hello',
  role: 'agent',
  agent: { agentId: '1001' },
  codes: [],
  state: { state: 'Available', reason: '', isAcw: false, since: 1 },
  write: true,
};

/** A host-given window whose load the test decides, and the hellos it received. */
function world() {
  const clock = new ManualClock();
  const received: unknown[] = [];
  const agentWindow: AgentWindow = {
    postMessage: (data: unknown) => {
      received.push(data);
    },
  };
  let listener: ((event: MessageEvent) => void) | null = null;
  const host: MessageHost = {
    addEventListener: (_type, handler) => (listener = handler),
    removeEventListener: () => (listener = null),
  };
  let loaded = false;
  let onLoad: () => void = () => undefined;
  const port = new BridgeAgentPort({
    origins: ORIGIN,
    agentWindow,
    host,
    clock,
    windowLoad: () => ({
      loaded: () => loaded,
      watch: (callback) => {
        onLoad = callback;
        return () => (onLoad = () => undefined);
      },
    }),
  });
  const log = new FactLog();
  const disconnect = port.connect(log.sink);
  return {
    clock,
    received,
    log,
    disconnect,
    load: () => {
      loaded = true;
      onLoad();
    },
    answer: () =>
      listener?.({ data: AGENT_HELLO, origin: ORIGIN, source: agentWindow } as MessageEvent),
  };
}

describe('BridgeAgentPort with a host-given window', () => {
  it('posts nothing before the window’s page loads, then says hello', async () => {
    const w = world();
    await w.clock.advance(60_000);
    expect(w.received, 'nothing before load').to.deep.equal([]);
    w.load();
    expect(w.received).to.deep.equal([WIDGET_HELLO]);
    w.disconnect();
  });

  it('says hello again with backoff until the agent app answers, then stops', async () => {
    const w = world();
    w.load();
    const hellos = () => w.received.length;
    // 250, 500, 1,000, 2,000 ms, then every 5 s.
    for (const [step, delay] of HELLO_RETRY_MS.entries()) {
      await w.clock.advance(delay - 1);
      expect(hellos(), `before retry ${step + 1}`).to.equal(step + 1);
      await w.clock.advance(1);
      expect(hellos(), `retry ${step + 1}`).to.equal(step + 2);
    }
    await w.clock.advance(5000);
    expect(hellos()).to.equal(HELLO_RETRY_MS.length + 2);
    w.answer();
    // The agent's hello is answered once (at most once a second), then no more retries.
    const answered = hellos();
    await w.clock.advance(60_000);
    expect(hellos()).to.equal(answered);
    expect(w.log.of('acd.hello')).to.have.length(1);
    expect(w.log.of('problem.reported')).to.deep.equal([]);
    w.disconnect();
  });

  it('stops retrying when disconnected', async () => {
    const w = world();
    w.load();
    w.disconnect();
    await w.clock.advance(60_000);
    expect(w.received).to.have.length(1);
  });
});

describe('observeWindowLoad', () => {
  it('takes a stand-in that is not a window as loaded', () => {
    const load = observeWindowLoad({ postMessage: () => undefined }, [ORIGIN], new ManualClock());
    expect(load.loaded()).to.equal(true);
  });

  it('waits for a cross-origin frame handed over while still about:blank, and hears its load', async () => {
    const { agent } = await loopbackOrigins();
    const iframe = document.createElement('iframe');
    iframe.src = `${agent}/test/fakes/agent-app.html?protocol=bridge`;
    document.body.append(iframe);
    const load = observeWindowLoad(iframe.contentWindow, [agent], new ManualClock());
    expect(load.loaded(), 'about:blank is not loaded').to.equal(false);
    const frameLoaded = new Promise((resolve) => iframe.addEventListener('load', resolve));
    const heard = new Promise<number>((resolve) => load.watch(() => resolve(performance.now())));
    await frameLoaded;
    const loadedAt = performance.now();
    expect(await heard).to.be.at.least(loadedAt);
    expect(load.loaded()).to.equal(true);
    // Handed over once loaded: loaded at once (the page's timeline holds the frame's load).
    expect(observeWindowLoad(iframe.contentWindow, [agent], new ManualClock()).loaded()).to.equal(
      true,
    );
    iframe.remove();
  });

  it('is not fooled by a frame of another origin, and falls back for a window without an entry', async () => {
    const { agent, third } = await loopbackOrigins();
    const clock = new ManualClock();
    const iframe = document.createElement('iframe');
    iframe.src = `${third}/test/fakes/agent-app.html?protocol=bridge`;
    document.body.append(iframe);
    // Allowed origins that are not the frame's: its load is not the agent page's.
    const load = observeWindowLoad(iframe.contentWindow, [agent], clock);
    let heard = 0;
    load.watch(() => (heard += 1));
    // An observer registered after the one under test is called after it for the same entry.
    await new Promise<void>((resolve) => {
      const after = new PerformanceObserver((list) => {
        if (list.getEntries().some((entry) => entry.name.startsWith(third))) {
          after.disconnect();
          resolve();
        }
      });
      after.observe({ type: 'resource' });
    });
    expect(heard).to.equal(0);
    expect(load.loaded()).to.equal(false);
    // Still unannounced after the fallback delay, and cross-origin by now: taken as loaded, once.
    await clock.advance(LOAD_FALLBACK_MS);
    expect(heard).to.equal(1);
    expect(load.loaded()).to.equal(true);
    await clock.advance(LOAD_FALLBACK_MS * 3);
    expect(heard).to.equal(1);
    iframe.remove();
  });
});
