import { expect } from '@open-wc/testing';
import { filter, firstValueFrom } from 'rxjs';
import { BridgeAgentPort } from '../src/adapters/agent-bridge.js';
import { ClientEventsAgentPort } from '../src/adapters/agent-client-events.js';
import { createLeader } from '../src/adapters/leader.js';
import { CHOICES, DEFAULT_CONFIG } from '../src/core/config.js';
import type { ClockPort, LeaderPort } from '../src/core/ports.js';
import { ZERO_COUNTERS, type Decision } from '../src/core/snapshot.js';
import { OFFLINE } from '../src/core/values.js';
import { MemoryStorage } from '../src/persistence/memory-storage.js';
import { agentPortFor, createSession, diagnostics, type SessionConfig } from '../src/session.js';
import { CODES, EXAMPLE, STATUSES, acd } from './core/fixtures.js';
import { FakeAgentPort } from './fakes/fake-agent-port.js';
import { FakeOmni } from './fakes/fake-omni.js';
import { ManualClock, settle } from './fakes/manual-clock.js';

const config = (protocol: SessionConfig['protocol'], origins = ['https://agent.example.com']) => ({
  engine: DEFAULT_CONFIG,
  rules: null,
  origins,
  protocol,
  agentSrc: null,
  sessionEnd: null,
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

describe('Session.exportDiagnostics()', () => {
  const checked: SessionConfig = {
    engine: { ...DEFAULT_CONFIG, userId: '005000000000001', orgId: '00D5g000004ABCD' },
    rules: EXAMPLE,
    origins: ['https://agent.example.com'],
    protocol: 'bridge',
    agentSrc: 'https://agent.example.com/app?token=s3cret#x',
    sessionEnd: null,
    locale: 'fr',
  };

  it('gives the checked configuration without URL secrets, the rule document, the decisions in memory and in storage, and the counters, at the session clock’s time', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9, 30));
    const storage = new MemoryStorage('005000000000001');
    const session = createSession({
      config: checked,
      omni: new FakeOmni(STATUSES, 'Away'),
      agentWindow: null,
      ports: {
        clock,
        storage,
        agent: new FakeAgentPort(acd('Available'), CODES),
        leader: createLeader({ userId: 'diagnostics', locks: null, channel: null }),
      },
    });
    try {
      await firstValueFrom(session.engine.snapshot$.pipe(filter((s) => s.phase === 'in-sync')));
      const exported = await session.exportDiagnostics();
      const config = exported.config as Record<string, unknown>;
      expect(JSON.stringify(exported)).to.not.contain('s3cret');
      expect(exported.generatedAt).to.equal('2026-01-05T09:30:00.000Z');
      expect(config.agentSrc).to.equal('https://agent.example.com/app?…');
      expect(config).to.include({
        userId: '005000000000001',
        agentProtocol: 'bridge',
        locale: 'fr',
      });
      expect((config.rules as { orgId: string }).orgId).to.equal('00D5g000004ABCD');
      const decisions = exported.decisions as Decision[];
      expect(decisions.map((decision) => decision.why)).to.include('startup');
      expect((exported.storedDecisions as Decision[]).map((decision) => decision.id)).to.deep.equal(
        (await storage.decisions()).map((decision) => decision.id),
      );
      expect(exported.storedDecisions).to.not.deep.equal([]);
      expect(exported.counters).to.deep.equal(session.engine.snapshot.counters);
      expect(session.engine.snapshot.counters.decisions).to.be.greaterThan(0);
    } finally {
      session.dispose();
    }
  });

  it('without a session, gives the configuration and the snapshot shown, and no rules or decisions', () => {
    const snapshot = {
      phase: 'error' as const,
      salesforce: null,
      acd: null,
      rule: null,
      leader: false,
      problems: [{ code: 'config-invalid' as const, message: 'mode: "fast"', recoverable: false }],
      counters: ZERO_COUNTERS,
    };
    const exported = diagnostics(checked, snapshot);
    expect(exported).to.include({ kind: 'presence-sync-diagnostics', snapshot });
    expect(exported.problems).to.deep.equal(snapshot.problems);
    expect((exported.config as Record<string, unknown>).rules).to.equal(null);
    expect(exported.decisions).to.deep.equal([]);
    expect(exported.storedDecisions).to.deep.equal([]);
  });
});
