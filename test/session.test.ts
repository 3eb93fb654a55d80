import { expect } from '@open-wc/testing';
import { BridgeAgentPort } from '../src/adapters/agent-bridge.js';
import { ClientEventsAgentPort } from '../src/adapters/agent-client-events.js';
import { CHOICES, DEFAULT_CONFIG } from '../src/core/config.js';
import type { ClockPort, LeaderPort } from '../src/core/ports.js';
import { OFFLINE } from '../src/core/values.js';
import { MemoryStorage } from '../src/persistence/memory-storage.js';
import { agentPortFor, createSession, type SessionConfig } from '../src/session.js';
import { STATUSES } from './core/fixtures.js';
import { FakeOmni } from './fakes/fake-omni.js';
import { ManualClock, settle } from './fakes/manual-clock.js';

const config = (protocol: SessionConfig['protocol'], origins = ['https://agent.example.com']) => ({
  engine: DEFAULT_CONFIG,
  rules: null,
  origins,
  protocol,
  agentSrc: null,
});

describe('the session picks the agent side by agent-protocol', () => {
  it('reads and writes over the bridge protocol for bridge, reads client events for cxone-client-events', () => {
    expect(agentPortFor(config('bridge'), null)).to.be.instanceOf(BridgeAgentPort);
    expect(agentPortFor(config('cxone-client-events'), null)).to.be.instanceOf(
      ClientEventsAgentPort,
    );
  });

  it('has an agent side for every value the settings schema allows, and none without an origin', () => {
    for (const protocol of CHOICES.agentProtocol.values) {
      expect(agentPortFor(config(protocol), null), protocol).to.not.equal(null);
      expect(agentPortFor(config(protocol, []), null), protocol).to.equal(null);
    }
  });
});

/** The system clock's part a test moves by hand, counting the timers still pending. */
class CountingClock implements ClockPort {
  readonly clock = new ManualClock();
  private readonly pending = new Set<unknown>();
  now(): number {
    return this.clock.now();
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.clock.setTimeout(() => {
      this.pending.delete(handle);
      callback();
    }, ms);
    this.pending.add(handle);
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle);
    this.clock.clearTimeout(handle);
  }
  get size(): number {
    return this.pending.size;
  }
}

/** A toolkit that never answers a status read (a console that hangs). */
class SilentOmni extends FakeOmni {
  override getServicePresenceStatusId(): Promise<never> {
    return new Promise(() => undefined);
  }
}

const leading: LeaderPort = {
  subscribe: (listener) => (listener(true), () => undefined),
  close() {},
};

describe('the session builds the Omni side as it builds the agent side', () => {
  const start = (omni: FakeOmni, clock: ClockPort) =>
    createSession({
      config: { ...config('bridge', []), engine: { ...DEFAULT_CONFIG, echoWindowMs: 1000 } },
      omni,
      agentWindow: null,
      ports: { clock, leader: leading, storage: new MemoryStorage('005000000000001') },
    });

  it('over the host toolkit it is given, and over a new one: the old toolkit is heard no more', async () => {
    const clock = new ManualClock();
    const first = new FakeOmni(STATUSES, 'Away');
    const session = start(first, clock);
    await settle();
    expect(session.engine.snapshot.salesforce?.apiName).to.equal('Away');

    const second = new FakeOmni(STATUSES, 'Training');
    session.attachOmni(second);
    await settle();
    expect(session.engine.snapshot.salesforce?.apiName).to.equal('Training');
    first.agentSets('Chat_Done');
    await settle();
    expect(session.engine.snapshot.salesforce?.apiName).to.equal('Training');
    second.agentSets('Busy_On_Call');
    await settle();
    expect(session.engine.snapshot.salesforce?.apiName).to.equal('Busy_On_Call');
    session.dispose();
  });

  it('waits the echo window, no longer, for the toolkit’s first read, and leaves no timer after dispose', async () => {
    const clock = new CountingClock();
    const session = start(new SilentOmni(STATUSES, 'Away'), clock);
    await clock.clock.advance(999);
    expect(session.engine.snapshot.salesforce).to.equal(null);
    await clock.clock.advance(1);
    expect(session.engine.snapshot.salesforce).to.deep.equal(OFFLINE);

    session.attachOmni(new SilentOmni(STATUSES, 'Away'));
    await settle();
    expect(clock.size).to.be.greaterThan(0);
    session.dispose();
    expect(clock.size).to.equal(0);
  });
});
