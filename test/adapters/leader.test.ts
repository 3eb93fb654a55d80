import { expect } from '@open-wc/testing';
import { nextTask } from '../../src/platform/time.js';
import { createLeader, type MirroringLeaderPort } from '../../src/adapters/leader.js';
import type { SyncSnapshot } from '../../src/core/snapshot.js';
import { FakeBus } from '../fakes/fake-bus.js';
import { ManualClock } from '../fakes/manual-clock.js';

const ports: MirroringLeaderPort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

function leading(port: MirroringLeaderPort): {
  now: () => boolean;
  next: (value: boolean) => Promise<void>;
} {
  let current = false;
  const waiters: Array<{ value: boolean; done: () => void }> = [];
  port.subscribe((value) => {
    current = value;
    for (const waiter of waiters.filter((candidate) => candidate.value === value)) waiter.done();
  });
  return {
    now: () => current,
    next: (value) =>
      current === value ? Promise.resolve() : new Promise((done) => waiters.push({ value, done })),
  };
}

/** The mirror posts in a later task (not a timer: background tabs throttle those). */
const aTask = () => new Promise<void>((resolve) => nextTask(resolve));

describe('createLeader() with Web Locks', () => {
  const user = `005locks${Date.now().toString(36)}`;

  it('lets one port per user lead and hands over the moment the leader closes', async () => {
    const first = createLeader({ userId: user, channel: null });
    const second = createLeader({ userId: user, channel: null });
    ports.push(first, second);
    expect(first.method).to.equal('locks');
    const a = leading(first);
    const b = leading(second);
    await a.next(true);
    expect(b.now()).to.equal(false);
    first.close();
    await b.next(true);
  });

  it('keeps users apart: each user has a leader', async () => {
    const alice = leading(createLeader({ userId: `${user}a`, channel: null }));
    const bob = leading(createLeader({ userId: `${user}b`, channel: null }));
    await Promise.all([alice.next(true), bob.next(true)]);
  });
});

describe('createLeader() electing over BroadcastChannel (no Web Locks)', () => {
  let clock: ManualClock;
  let bus: FakeBus;
  const tab = () => {
    const port = createLeader({ userId: '005u', locks: null, channel: bus.open, clock });
    ports.push(port);
    return { port, state: leading(port) };
  };
  beforeEach(() => {
    clock = new ManualClock();
    bus = new FakeBus();
  });

  it('makes a lone tab the leader within half a second', async () => {
    const only = tab();
    expect(only.port.method).to.equal('channel');
    await clock.advance(500);
    expect(only.state.now()).to.equal(true);
  });

  it('makes a tab that joins later a follower', async () => {
    const first = tab();
    await clock.advance(1000);
    const second = tab();
    await clock.advance(3000);
    expect([first.state.now(), second.state.now()]).to.deep.equal([true, false]);
  });

  it('elects exactly one leader among tabs that start together, and keeps it', async () => {
    const tabs = [tab(), tab(), tab()];
    for (let step = 0; step < 10; step += 1) {
      await clock.advance(500);
      if (step > 1) expect(tabs.filter((candidate) => candidate.state.now())).to.have.length(1);
    }
  });

  it('hands over within 2 s when the leader closes', async () => {
    const tabs = [tab(), tab()];
    await clock.advance(1000);
    const index = tabs.findIndex((candidate) => candidate.state.now());
    tabs[index]!.port.close();
    await clock.advance(2000);
    expect(tabs[1 - index]!.state.now()).to.equal(true);
  });

  it('hands over within 2 s when the leader crashes without a word', async () => {
    const tabs = [tab(), tab(), tab()];
    await clock.advance(1000);
    const index = tabs.findIndex((candidate) => candidate.state.now());
    bus.cut(index);
    await clock.advance(1999);
    const live = tabs.filter((_, position) => position !== index);
    expect(live.filter((candidate) => candidate.state.now())).to.have.length(1);
  });

  /** Two tabs, once one of them leads. */
  async function leaderAndFollower() {
    const tabs = [tab(), tab()];
    await clock.advance(1000);
    return {
      leader: tabs.find((candidate) => candidate.state.now())!,
      follower: tabs.find((candidate) => !candidate.state.now())!,
    };
  }

  it('mirrors the leader snapshot to followers, and ignores malformed ones', async () => {
    const { leader, follower } = await leaderAndFollower();
    const seen: SyncSnapshot[] = [];
    follower.port.onMirror((snapshot) => seen.push(snapshot));
    leader.port.onMirror(() => expect.fail('the leader mirrors nobody'));
    const snapshot = {
      phase: 'in-sync',
      salesforce: null,
      acd: null,
      rule: 'r',
      leader: true,
      problems: [],
      counters: {
        decisions: 1,
        writes: 0,
        echoes: 0,
        rejected: 0,
        retries: 0,
        driftRepairs: 0,
        partial: 0,
      },
    } as SyncSnapshot;
    leader.port.share(snapshot);
    follower.port.share({ ...snapshot, phase: 'follower' });
    bus
      .open('presence-sync:005u')
      .postMessage({ type: 'snapshot', snapshot: { phase: 'hacked', counters: {}, problems: [] } });
    await aTask();
    await clock.advance(10);
    expect(seen).to.deep.equal([snapshot]);
  });

  it('sends only the newest of the snapshots shared in one task', async () => {
    const { leader, follower } = await leaderAndFollower();
    const seen: number[] = [];
    follower.port.onMirror((snapshot) => seen.push(snapshot.counters.decisions));
    const snapshot = (decisions: number) =>
      ({
        phase: 'in-sync',
        salesforce: null,
        acd: null,
        rule: 'r',
        leader: true,
        problems: [],
        counters: {
          decisions,
          writes: 0,
          echoes: 0,
          rejected: 0,
          retries: 0,
          driftRepairs: 0,
          partial: 0,
        },
      }) as SyncSnapshot;
    for (let decisions = 1; decisions <= 5; decisions += 1) leader.port.share(snapshot(decisions));
    await aTask();
    await clock.advance(10);
    leader.port.share(snapshot(6));
    await aTask();
    await clock.advance(10);
    expect(seen).to.deep.equal([5, 6]);
  });
});
