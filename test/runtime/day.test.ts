// The agent's day in the running engine (docs/contract.md §6.12): the clock anchored on a monotonic
// clock, wakes at warnings and deadlines, scheduleState's checks, and a wall-clock jump of ±1 h
// that moves nothing.
import { expect } from '@open-wc/testing';
import type { ClockPort } from '../../src/core/ports.js';
import { SyncError } from '../../src/core/errors.js';
import { createEngine } from '../../src/runtime/engine.js';
import { anchoredNow } from '../../src/runtime/timers.js';
import { CODES, STATUSES, acd } from '../core/fixtures.js';
import { TIMED } from '../core/day.js';
import { FakeAgentPort } from '../fakes/fake-agent-port.js';
import { FakeOmni } from '../fakes/fake-omni.js';
import { ManualClock, settle } from '../fakes/manual-clock.js';
import { MemoryStorage, type MemoryBacking } from '../../src/persistence/memory-storage.js';

const USER = '005000000000001';

const MIN = 60_000;
const HOUR = 3_600_000;

describe('anchoredNow()', () => {
  it('moves with the monotonic clock only, whatever the wall clock does after the start', () => {
    let wall = 1_700_000_000_000;
    let monotonic = 5_000.25;
    const now = anchoredNow(
      () => wall,
      () => monotonic,
    );
    expect(now()).to.equal(1_700_000_000_000);
    monotonic += 1_000;
    wall += 1_000;
    expect(now()).to.equal(1_700_000_001_000);
    wall += HOUR;
    expect(now()).to.equal(1_700_000_001_000);
    wall -= 2 * HOUR;
    monotonic += 500;
    expect(now()).to.equal(1_700_000_001_500);
  });

  it('is the wall clock where there is no monotonic clock', () => {
    let wall = 10;
    const now = anchoredNow(() => wall, null);
    wall = 20;
    expect(now()).to.equal(20);
  });
});

/** A manual clock whose `now()` is anchored like the system clock, beside a wall clock tests jump. */
function anchored(manual: ManualClock, wall: { value: number }): ClockPort {
  const start = manual.now();
  const now = anchoredNow(
    () => wall.value,
    () => manual.now() - start,
  );
  return {
    now,
    setTimeout: (callback, ms) => manual.setTimeout(callback, ms),
    clearTimeout: (handle) => manual.clearTimeout(handle),
  };
}

function setup(wallStart = 1_700_000_000_000) {
  const manual = new ManualClock();
  const wall = { value: wallStart };
  const clock = anchored(manual, wall);
  const omni = new FakeOmni(STATUSES, 'Available_for_Chats');
  const agent = new FakeAgentPort(acd('Available'), CODES);
  const engine = createEngine(
    { rules: TIMED, startup: 'none', orgId: '00D5g000004ABCD' },
    { omni, agent, clock },
  );
  /** Time passes: the wall clock moves with it (unless a test jumps it). */
  const pass = async (ms: number) => {
    wall.value += ms;
    await manual.advance(ms);
  };
  return { clock, wall, omni, agent, engine, pass };
}

describe('idle settings', () => {
  for (const [option, value, attribute] of [
    ['idleMinutes', 481, 'idle-minutes'],
    ['idleMinutes', 2.5, 'idle-minutes'],
    ['idleMinutes', '-1', 'idle-minutes'],
    ['idleStatus', 'Offline', 'idle-status'],
    ['idleStatus', 'Away now', 'idle-status'],
  ] as const) {
    it(`throws config-invalid naming ${attribute} for ${JSON.stringify(value)}`, () => {
      let thrown: unknown;
      try {
        createEngine({ [option]: value } as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).to.be.instanceOf(SyncError);
      expect((thrown as SyncError).path).to.equal(attribute);
    });
  }

  it('takes whole minutes as a number or digits, and a status API name', () => {
    const engine = createEngine({ idleMinutes: '15' as never, idleStatus: 'Away' });
    engine.dispose();
    const off = createEngine({ idleMinutes: 0 });
    off.dispose();
  });
});

describe('the running engine: deadlines', () => {
  it('wakes itself at the warning and at the deadline of a timed state', async () => {
    const { omni, agent, engine, pass } = setup();
    await settle();
    omni.agentSets('Away');
    await settle();
    expect(agent.calls).to.deep.equal(['Unavailable/Lunch']);
    expect(engine.snapshot.deadlines?.[0]?.warning).to.equal(false);
    await pass(28 * MIN);
    expect(engine.snapshot.deadlines?.[0]?.warning).to.equal(true);
    await pass(2 * MIN - 1);
    expect(omni.calls).to.deep.equal([]);
    await pass(1);
    expect(omni.calls).to.deep.equal(['set:Available_for_Chats']);
    expect(agent.calls).to.deep.equal(['Unavailable/Lunch', 'Available']);
    expect(engine.decisions().some((decision) => decision.why === 'timed-out')).to.equal(true);
    engine.dispose();
  });

  for (const jump of [HOUR, -HOUR]) {
    it(`moves no deadline when the wall clock jumps ${jump > 0 ? '+' : '-'}1 h`, async () => {
      const { omni, wall, engine, pass } = setup();
      await settle();
      omni.agentSets('Away');
      await settle();
      const at = engine.snapshot.deadlines?.[0]?.at;
      await pass(10 * MIN);
      wall.value += jump;
      omni.agentSets('Away');
      await pass(19 * MIN);
      expect(engine.snapshot.deadlines?.[0]?.at).to.equal(at);
      expect(omni.calls).to.deep.equal([]);
      await pass(MIN);
      expect(omni.calls).to.deep.equal(['set:Available_for_Chats']);
      engine.dispose();
    });
  }

  it('applies a scheduled state and brings the state before back at its end', async () => {
    const { clock, omni, agent, engine, pass } = setup();
    await settle();
    const at = clock.now() + 5 * MIN;
    engine.scheduleState({
      id: 'wfm-1',
      at,
      target: { side: 'salesforce', target: 'Away' },
      until: at + 15 * MIN,
    });
    await settle();
    expect(engine.snapshot.deadlines?.map((deadline) => deadline.id)).to.deep.equal([
      'scheduled:wfm-1',
    ]);
    await pass(5 * MIN);
    expect(omni.calls).to.deep.equal(['set:Away']);
    expect(agent.calls).to.deep.equal(['Unavailable/Lunch']);
    await pass(15 * MIN);
    expect(omni.calls).to.deep.equal(['set:Away', 'set:Available_for_Chats']);
    expect(agent.calls).to.deep.equal(['Unavailable/Lunch', 'Available']);
    engine.dispose();
  });

  const bad: Array<[string, unknown]> = [
    ['entry', null],
    ['id', { id: '', at: 1, target: { side: 'acd', target: 'Available' } }],
    ['at', { id: 'x', at: 'soon', target: { side: 'acd', target: 'Available' } }],
    ['until', { id: 'x', at: 5, until: 5, target: { side: 'acd', target: 'Available' } }],
    ['target', { id: 'x', at: 5, target: { side: 'omni', target: 'Away' } }],
    ['target.target', { id: 'x', at: 5, target: { side: 'acd', target: 'InboundContact' } }],
    ['target.target', { id: 'x', at: 5, target: { side: 'salesforce', target: 'Not a name' } }],
  ];
  for (const [path, entry] of bad) {
    it(`scheduleState throws config-invalid naming ${path} for ${JSON.stringify(entry)}`, () => {
      const { engine } = setup();
      let thrown: unknown;
      try {
        engine.scheduleState(entry as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).to.be.instanceOf(SyncError);
      expect((thrown as SyncError).code).to.equal('config-invalid');
      expect((thrown as SyncError).path).to.equal(path);
      engine.dispose();
    });
  }

  it('keeps a timed state over a reload mid-lunch: the new page writes at the same deadline', async () => {
    const manual = new ManualClock();
    const backing: MemoryBacking = { decisions: new Map() };
    const page = (omni: FakeOmni, agent: FakeAgentPort) =>
      createEngine(
        { rules: TIMED, startup: 'none', orgId: '00D5g000004ABCD', userId: USER },
        { omni, agent, clock: manual, storage: new MemoryStorage(USER, backing) },
      );
    const omni = new FakeOmni(STATUSES, 'Available_for_Chats');
    const agent = new FakeAgentPort(acd('Available'), CODES);
    const first = page(omni, agent);
    await settle();
    omni.agentSets('Away');
    await manual.advance(12 * MIN);
    const deadline = first.snapshot.deadlines?.[0]?.at;
    first.dispose();
    const reloaded = page(
      new FakeOmni(STATUSES, 'Away'),
      new FakeAgentPort(acd('Unavailable/Lunch'), CODES),
    );
    await settle();
    expect(reloaded.snapshot.deadlines?.map((d) => d.at)).to.deep.equal([deadline]);
    await manual.advance(18 * MIN);
    expect(reloaded.decisions().filter((d) => d.why === 'timed-out').length).to.equal(2);
    reloaded.dispose();
  });

  it('counts idle from the latest activity and reports an unclean end', async () => {
    const manual = new ManualClock();
    const omni = new FakeOmni(STATUSES, 'Available_for_Chats');
    const agent = new FakeAgentPort(acd('Available'), CODES);
    const engine = createEngine(
      {
        rules: TIMED,
        startup: 'none',
        orgId: '00D5g000004ABCD',
        idleMinutes: 10,
        idleStatus: 'Away',
      },
      { omni, agent, clock: manual },
    );
    await settle();
    await manual.advance(6 * MIN);
    engine.activity();
    await manual.advance(9 * MIN);
    expect(omni.calls).to.deep.equal([]);
    await manual.advance(MIN);
    expect(omni.calls).to.deep.equal(['set:Away']);
    engine.uncleanEnd(manual.now() - HOUR);
    await settle();
    expect(engine.decisions().at(-1)?.why).to.equal('unclean-end');
    engine.dispose();
  });
});
