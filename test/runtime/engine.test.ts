import { expect } from '@open-wc/testing';
import { ErrorCode, SyncError, type Problem } from '../../src/core/errors.js';
import type { LeaderPort } from '../../src/core/ports.js';
import { MemoryStorage, type MemoryBacking } from '../../src/persistence/memory-storage.js';
import { createEngine } from '../../src/create-engine.js';
import type { Decision, SyncSnapshot } from '../../src/core/snapshot.js';
import { CODES, EXAMPLE, STATUSES, acd } from '../core/fixtures.js';
import { FakeAgentPort } from '../fakes/fake-agent-port.js';
import { FakeOmni } from '../fakes/fake-omni.js';
import { ManualClock, settle } from '../fakes/manual-clock.js';

function setup(
  options: {
    sf?: string | null;
    acd?: string;
    startup?: 'acd' | 'salesforce' | 'none';
    lists?: boolean;
  } = {},
) {
  const clock = new ManualClock();
  const omni = new FakeOmni(STATUSES, options.sf === undefined ? 'Away' : options.sf, {
    lists: options.lists ?? true,
  });
  const agent = new FakeAgentPort(acd(options.acd ?? 'Available'), CODES);
  const engine = createEngine(
    { rules: JSON.stringify(EXAMPLE), startup: options.startup ?? 'acd', orgId: '00D5g000004ABCD' },
    { omni, agent, clock },
  );
  return { clock, omni, agent, engine };
}

describe('createEngine()', () => {
  for (const [option, value, attribute] of [
    ['mode', 'fast', 'mode'],
    ['authority', 'me', 'authority'],
    ['startup', 'both', 'startup'],
    ['echoWindowMs', 50, 'echo-window-ms'],
  ] as const) {
    it(`throws config-invalid naming ${attribute} for ${option} ${JSON.stringify(value)}`, () => {
      let thrown: unknown;
      try {
        createEngine({ [option]: value } as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).to.be.instanceOf(SyncError);
      expect((thrown as SyncError).code).to.equal('config-invalid');
      expect((thrown as SyncError).path).to.equal(attribute);
      expect((thrown as SyncError).message).to.contain(String(value));
    });
  }

  it('names its own code when the host cannot subscribe or list statuses', async () => {
    const omni = new FakeOmni(STATUSES, 'Away');
    omni.subscribe = () => {
      throw new Error('no console');
    };
    omni.listStatuses = () => Promise.reject(new Error('no Apex access'));
    const engine = createEngine({ rules: EXAMPLE }, { omni, clock: new ManualClock() });
    await settle();
    const codes = engine.snapshot.problems.map((problem) => problem.code);
    expect(codes).to.include.members(['omni-unavailable', 'status-list-failed']);
    expect(codes).not.to.include('omni-write-failed');
    expect(codes).not.to.include('status-not-permitted');
  });

  it('copies the ACD to Omni-Channel once at start and settles in sync', async () => {
    const { omni, engine } = setup();
    await settle();
    expect(omni.calls).to.deep.equal(['set:Available_for_Chats']);
    expect(engine.snapshot.phase).to.equal('in-sync');
    expect(engine.snapshot.salesforce?.apiName).to.equal('Available_for_Chats');
    expect(engine.snapshot.counters.echoes).to.equal(1);
  });

  it('logs in through setServicePresenceStatus when the agent starts logged out, and takes the login echo as its own', async () => {
    const { omni, engine } = setup({ sf: null });
    await settle();
    expect(omni.calls).to.deep.equal(['set:Available_for_Chats']);
    expect(engine.snapshot.phase).to.equal('in-sync');
    expect(engine.snapshot.counters.writes).to.equal(1);
  });

  it('syncs both ways without a loop', async () => {
    const { omni, agent, engine } = setup();
    await settle();
    omni.agentSets('Away');
    await settle();
    agent.change(acd('InboundContact'));
    await settle();
    expect(agent.calls).to.deep.equal(['Unavailable/Lunch']);
    expect(omni.calls).to.deep.equal(['set:Available_for_Chats', 'set:Busy_On_Call']);
    expect(engine.snapshot.counters.writes).to.equal(3);
    expect(engine.snapshot.phase).to.equal('in-sync');
  });

  it('retries a rejected Omni write on the injected clock, then succeeds', async () => {
    const { clock, omni, agent, engine } = setup({ startup: 'none' });
    await settle();
    omni.failNext = 2;
    agent.change(acd('InboundContact'));
    await settle();
    expect(omni.calls).to.deep.equal(['set:Busy_On_Call']);
    await clock.advance(249);
    expect(omni.calls.length).to.equal(1);
    await clock.advance(1);
    expect(omni.calls).to.deep.equal(['set:Busy_On_Call', 'set:Busy_On_Call']);
    await clock.advance(750);
    expect(omni.calls).to.deep.equal(['set:Busy_On_Call', 'set:Busy_On_Call', 'set:Busy_On_Call']);
    expect(engine.snapshot.phase).to.equal('in-sync');
    expect(engine.snapshot.counters.retries).to.equal(2);
  });

  it('waits as long as a throttled agent write asks before its retry', async () => {
    const { clock, omni, agent, engine } = setup();
    await settle();
    agent.throttleNext = { count: 1, retryAfterMs: 4000 };
    omni.agentSets('Away');
    await settle();
    expect(agent.calls).to.deep.equal(['Unavailable/Lunch']);
    await clock.advance(3999);
    expect(agent.calls.length, 'not after the usual 250 ms').to.equal(1);
    await clock.advance(1);
    expect(agent.calls).to.deep.equal(['Unavailable/Lunch', 'Unavailable/Lunch']);
    expect(engine.snapshot.phase).to.equal('in-sync');
  });

  it('fails a write at once when the agent side asks to wait past the retry budget', async () => {
    const { clock, omni, agent, engine } = setup();
    await settle();
    agent.throttleNext = { count: 1, retryAfterMs: 45_000 };
    omni.agentSets('Away');
    await settle();
    await clock.advance(60_000);
    expect(agent.calls).to.deep.equal(['Unavailable/Lunch']);
    expect(engine.snapshot.phase).to.equal('error');
    expect(engine.snapshot.problems.map((problem) => problem.code)).to.include('acd-write-failed');
  });

  it('reports a status the user may not use without retrying, with an error phase and event', async () => {
    const { omni, agent, engine } = setup({ startup: 'none' });
    const problems: string[] = [];
    engine.problems$.subscribe((problem) => problems.push(problem.code));
    await settle();
    omni.forbidden.add('Busy_On_Call');
    agent.change(acd('InboundContact'));
    await settle();
    expect(omni.calls).to.deep.equal(['set:Busy_On_Call']);
    expect(engine.snapshot.phase).to.equal('error');
    expect(problems).to.include('status-not-permitted');
  });

  it('times out an Omni call that never answers and retries it', async () => {
    const { clock, omni, agent, engine } = setup({ startup: 'none' });
    await settle();
    const original = omni.setServicePresenceStatus.bind(omni);
    let hang = true;
    omni.setServicePresenceStatus = (args) =>
      hang ? ((hang = false), new Promise(() => undefined)) : original(args);
    agent.change(acd('InboundContact'));
    await settle();
    expect(engine.snapshot.phase).to.equal('syncing');
    await clock.advance(5_000 + 250);
    expect(engine.snapshot.phase).to.equal('in-sync');
    expect(engine.snapshot.salesforce?.apiName).to.equal('Busy_On_Call');
  });

  it('emits snapshots and decisions, and keeps at most 1,000 decisions', async () => {
    const { omni, engine } = setup({ startup: 'none' });
    const phases: string[] = [];
    const decisions: Decision[] = [];
    engine.snapshot$.subscribe((snapshot: SyncSnapshot) => phases.push(snapshot.phase));
    engine.decisions$.subscribe((decision) => decisions.push(decision));
    await settle();
    for (let i = 0; i < 1_100; i += 1) {
      omni.agentSets(i % 2 === 0 ? 'Training' : 'Away');
      await settle(4);
    }
    expect(phases).to.include('in-sync');
    expect(decisions.length).to.be.greaterThan(1000);
    expect(engine.decisions().length).to.equal(1000);
    expect(engine.decisions()[999]!.id).to.equal(decisions[decisions.length - 1]!.id);
  });

  it('survives a port that throws synchronously: the throw becomes a failed write and the stream goes on', async () => {
    const { omni, agent, engine } = setup({ startup: 'none' });
    await settle();
    omni.setServicePresenceStatus = () => {
      throw new Error('boom');
    };
    agent.change(acd('InboundContact'));
    await settle();
    expect(engine.snapshot.counters.retries).to.equal(1);
    const before = engine.decisions().length;
    agent.change(acd('Unavailable/Meeting'));
    await settle();
    expect(engine.decisions().length).to.equal(before + 1);
    expect(engine.decisions().at(-1)?.why).to.equal('unmapped');
  });

  it('repairs on resync the drift a permanent failure left', async () => {
    const { omni, agent, engine } = setup({ startup: 'none' });
    await settle();
    omni.forbidden.add('Busy_On_Call');
    agent.change(acd('InboundContact'));
    await settle();
    expect(engine.snapshot.phase).to.equal('error');
    omni.forbidden.clear();
    await engine.resync();
    await settle();
    expect(omni.calls).to.deep.equal(['set:Busy_On_Call', 'set:Busy_On_Call']);
    expect(engine.snapshot.counters.driftRepairs).to.equal(1);
    expect(engine.snapshot.phase).to.equal('in-sync');
    engine.dispose();
  });

  it('waits for stored state before starting, but not for a storage that never answers', async () => {
    const clock = new ManualClock();
    const omni = new FakeOmni(STATUSES, 'Away');
    const agent = new FakeAgentPort(acd('Available'), CODES);
    const stuck = {
      load: () => new Promise<never>(() => undefined),
      save: async () => undefined,
      putDecision: async () => undefined,
      decisions: async () => [],
      close: () => undefined,
    };
    const engine = createEngine(
      { rules: JSON.stringify(EXAMPLE), orgId: '00D5g000004ABCD' },
      { omni, agent, clock, storage: stuck },
    );
    await settle();
    expect(engine.snapshot.phase).to.equal('starting');
    expect(omni.calls).to.deep.equal([]);
    await clock.advance(5000);
    expect(omni.calls).to.deep.equal(['set:Available_for_Chats']);
    expect(engine.snapshot.problems.map((problem) => problem.code)).to.include(
      'storage-unavailable',
    );
    engine.dispose();
  });

  it('reports a storage lost mid-session, and stops listening when disposed', async () => {
    const clock = new ManualClock();
    const omni = new FakeOmni(STATUSES, 'Away');
    const agent = new FakeAgentPort(acd('Available'), CODES);
    const listeners = new Set<(problem: Problem) => void>();
    const storage = {
      load: async () => ({ history: [], deferred: null }),
      save: async () => undefined,
      putDecision: async () => undefined,
      decisions: async () => [],
      close: () => undefined,
      watch: (listener: (problem: Problem) => void) => {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    };
    const engine = createEngine(
      { rules: JSON.stringify(EXAMPLE), orgId: '00D5g000004ABCD' },
      { omni, agent, clock, storage },
    );
    await settle();
    expect(engine.snapshot.phase).to.equal('in-sync');
    const lost = {
      code: ErrorCode.storageUnavailable,
      message: 'IndexedDB was lost (test)',
      recoverable: true,
    };
    for (const listener of listeners) listener(lost);
    expect(engine.snapshot.problems.map((problem) => problem.message)).to.include(
      'IndexedDB was lost (test)',
    );
    // Still syncing.
    omni.agentSets('Away');
    await settle();
    expect(agent.calls.at(-1)).to.contain('Lunch');
    engine.dispose();
    expect(listeners.size).to.equal(0);
  });
});

/** Leadership a test hands out (the Web Locks election is tested in adapters/leader*.test.ts). */
class TestLeader implements LeaderPort {
  private listener: ((leader: boolean) => void) | null = null;
  constructor(private leading: boolean) {}
  subscribe(listener: (leader: boolean) => void): () => void {
    this.listener = listener;
    listener(this.leading);
    return () => void (this.listener = null);
  }
  set(leading: boolean): void {
    this.leading = leading;
    this.listener?.(leading);
  }
  close(): void {}
}

describe('two tabs of one user', () => {
  const USER = '005000000000001';
  /** One Omni-Channel and one agent app, seen from two tabs, each with its engine; one stored state. */
  function tabs() {
    const clock = new ManualClock();
    const omni = new FakeOmni(STATUSES, 'Away');
    const agent = new FakeAgentPort(acd('Available'), CODES);
    const backing: MemoryBacking = { decisions: new Map() };
    const tab = (leading: boolean) => {
      const leader = new TestLeader(leading);
      const storage = new MemoryStorage(USER, backing);
      const engine = createEngine(
        { rules: JSON.stringify(EXAMPLE), orgId: '00D5g000004ABCD', userId: USER },
        { omni, agent, clock, leader, storage },
      );
      return { leader, engine };
    };
    return { clock, omni, agent, backing, first: tab(true), second: tab(false) };
  }

  it('hands a Salesforce choice held during a contact to the tab that takes the lead', async () => {
    const { omni, agent, backing, first, second } = tabs();
    await settle();
    expect([omni.current?.apiName, second.engine.snapshot.phase]).to.deep.equal([
      'Available_for_Chats',
      'follower',
    ]);
    agent.change(acd('InboundContact'));
    await settle();
    omni.agentSets('Away');
    await settle();
    expect(first.engine.snapshot.phase).to.equal('deferred');
    expect((backing.state as { deferred?: { target?: unknown } }).deferred?.target).to.deep.equal({
      state: 'Unavailable',
      reason: 'Lunch',
    });

    // The leading tab closes during the call; the other takes the lead.
    first.engine.dispose();
    second.leader.set(true);
    await settle();
    agent.change(acd('Available'));
    await settle();
    // The agent's choice is applied when the call ends, not overwritten by the ACD's return.
    expect(agent.calls).to.deep.equal(['Unavailable/Lunch']);
    expect(omni.current?.apiName).to.equal('Away');
    expect(second.engine.snapshot.phase).to.equal('in-sync');
    expect((backing.state as { deferred?: unknown }).deferred).to.equal(null);
    second.engine.dispose();
  });

  it('applies a handed-over choice at once when the call ended while no tab led', async () => {
    const { omni, agent, first, second } = tabs();
    await settle();
    agent.change(acd('InboundContact'));
    await settle();
    omni.agentSets('Away');
    await settle();
    first.engine.dispose();
    agent.change(acd('Available'));
    await settle();
    second.leader.set(true);
    await settle();
    expect(agent.calls).to.deep.equal(['Unavailable/Lunch']);
    expect(omni.current?.apiName).to.equal('Away');
    second.engine.dispose();
  });

  it('lets only the leading tab write the stored state', async () => {
    const { agent, backing, first, second } = tabs();
    await settle();
    const stored = () => JSON.stringify(backing.state);
    const before = stored();
    // With the leader gone and no tab leading yet, the follower's own history is not written.
    first.engine.dispose();
    agent.change(acd('Unavailable/Lunch'));
    await settle();
    expect(stored()).to.equal(before);
    second.leader.set(true);
    await settle();
    agent.change(acd('Available'));
    await settle();
    expect((backing.state as { history?: unknown }).history).to.deep.equal([
      { state: 'Available' },
      { state: 'Unavailable', reason: 'Lunch' },
      { state: 'Available' },
    ]);
    second.engine.dispose();
  });
});
