// The census of console tabs with real documents (same-origin iframes, each its own Web Locks
// client and BroadcastChannel), as the browser keeps them: a tab that closes says bye, a tab that
// dies silently stops counting once its lock is gone, activity in any tab reaches every tab, and
// only the last tab arms session-end.
import { expect, waitUntil } from '@open-wc/testing';
import type { ConsoleDay } from '../../src/adapters/console-day.js';
import { recordKey } from '../../src/adapters/console-record.js';
import type { AgentPort, ClockPort, OmniPort } from '../../src/core/ports.js';
import { formatAcd, type AcdTarget } from '../../src/core/values.js';
import type { Engine } from '../../src/runtime/engine.js';
import { CODES, STATUSES, acd } from '../core/fixtures.js';
import { FakeAgentPort } from '../fakes/fake-agent-port.js';
import { FakeOmni } from '../fakes/fake-omni.js';
import { ManualClock } from '../fakes/manual-clock.js';

interface DayTab {
  day: ConsoleDay;
  activity: number[];
  unclean: number[];
  armed: Array<AcdTarget | null>;
  crash(): void;
}
type StartDay = (userId: string, sessionEnd: AcdTarget | null) => DayTab;

const END: AcdTarget = { state: 'Unavailable', reason: 'EndOfShift' };

async function openFrame(): Promise<HTMLIFrameElement> {
  const iframe = document.createElement('iframe');
  iframe.src = '/test/adapters/day-tab-page.html';
  await new Promise<void>((resolve) => {
    iframe.addEventListener('load', () => resolve(), { once: true });
    document.body.append(iframe);
  });
  return iframe;
}

async function openTab(
  userId: string,
  sessionEnd: AcdTarget | null = END,
): Promise<{ iframe: HTMLIFrameElement; tab: DayTab }> {
  const iframe = document.createElement('iframe');
  iframe.src = '/test/adapters/day-tab-page.html';
  await new Promise<void>((resolve) => {
    iframe.addEventListener('load', () => resolve(), { once: true });
    document.body.append(iframe);
  });
  const start = (iframe.contentWindow as unknown as { startDay: StartDay }).startDay;
  return { iframe, tab: start(userId, sessionEnd) };
}

const counted = (tab: DayTab, count: number) =>
  waitUntil(() => tab.day.tabs.count === count, `counted ${count}, not ${tab.day.tabs.count}`, {
    timeout: 5000,
  });

describe('console tabs of one user', () => {
  it('each knows how many are alive; a closed tab says bye, a dead one stops counting with its lock', async () => {
    const user = `005census${Date.now().toString(36)}`;
    const a = await openTab(user);
    await counted(a.tab, 1);
    await waitUntil(() => a.tab.armed.at(-1) === END, 'the only tab arms');
    const b = await openTab(user);
    await counted(a.tab, 2);
    await counted(b.tab, 2);
    expect(a.tab.armed.at(-1)).to.equal(null, 'a second tab: disarmed');
    expect(b.tab.armed).to.deep.equal([]);
    // Another user's tab is not counted.
    const other = await openTab(`${user}x`);
    await counted(other.tab, 1);
    expect(a.tab.day.tabs.count).to.equal(2);
    other.iframe.remove();

    // B closes (its pagehide says bye): A is the last, and arms.
    b.iframe.remove();
    await counted(a.tab, 1);
    expect(a.tab.armed.at(-1)).to.deep.equal(END);

    // C dies without a word: A counts it until it counts again, and the lock is gone by then.
    const c = await openTab(user);
    await counted(a.tab, 2);
    c.tab.crash();
    c.iframe.remove();
    await waitUntil(
      async () => {
        await a.tab.day.tabs.recount();
        return a.tab.day.tabs.count === 1;
      },
      'the dead tab no longer counts',
      { timeout: 5000 },
    );
    expect(a.tab.armed.at(-1)).to.deep.equal(END);
    a.iframe.remove();
  });

  it('input in either tab reaches both tabs’ engines', async () => {
    const user = `005activity${Date.now().toString(36)}`;
    const a = await openTab(user, null);
    const b = await openTab(user, null);
    await counted(a.tab, 2);
    b.iframe.contentWindow!.dispatchEvent(new PointerEvent('pointerdown'));
    expect(b.tab.activity).to.have.length(1);
    await waitUntil(() => a.tab.activity.length === 1, 'A heard B’s input');
    expect(a.tab.activity).to.deep.equal(b.tab.activity);
    a.iframe.contentWindow!.dispatchEvent(new KeyboardEvent('keydown', { key: 'x' }));
    await waitUntil(() => b.tab.activity.length === 2, 'B heard A’s input');
    expect(a.tab.activity).to.have.length(2);
    a.iframe.remove();
    b.iframe.remove();
  });

  it('a start alone after a console that died reports an unclean end; after a clean close it does not', async () => {
    const user = `005record${Date.now().toString(36)}`;
    const first = await openTab(user, null);
    await waitUntil(() => localStorage.getItem(recordKey(user)) !== null, 'recorded open');
    await counted(first.tab, 1);
    first.iframe.remove();
    await waitUntil(
      () => JSON.parse(localStorage.getItem(recordKey(user)) ?? '{}').open === false,
      'the last tab closed cleanly',
    );
    const second = await openTab(user, null);
    await waitUntil(
      () => JSON.parse(localStorage.getItem(recordKey(user)) ?? '{}').open === true,
      'recorded open again',
    );
    expect(second.tab.unclean).to.deep.equal([]);
    await counted(second.tab, 1);
    const lastSeen = JSON.parse(localStorage.getItem(recordKey(user))!).lastSeen as number;
    second.tab.crash();
    second.iframe.remove();
    const third = await openTab(user, null);
    await waitUntil(() => third.tab.unclean.length === 1, 'the unclean end is reported');
    expect(third.tab.unclean).to.deep.equal([lastSeen]);
    third.iframe.remove();
    localStorage.removeItem(recordKey(user));
  });
});

type StartIdleTab = (
  omni: OmniPort,
  agent: AgentPort,
  userId: string,
  clock: ClockPort,
) => { engine: Engine; day: ConsoleDay; heard: number[] };

describe('idle across two console tabs', () => {
  it('input in either tab starts the idle period again; only the leader writes the idle state, once', async () => {
    const user = `005idle${Date.now().toString(36)}`;
    const clock = new ManualClock(Date.now());
    const omni = new FakeOmni(STATUSES, 'Available_for_Chats');
    const agents = [
      new FakeAgentPort(acd('Available'), CODES),
      new FakeAgentPort(acd('Available'), CODES),
    ];
    const frames = await Promise.all([openFrame(), openFrame()]);
    const tabs = frames.map((frame, index) =>
      (frame.contentWindow as unknown as { startIdleTab: StartIdleTab }).startIdleTab(
        omni,
        agents[index]!,
        user,
        clock,
      ),
    );
    await waitUntil(
      () =>
        tabs.some((tab) => tab.engine.snapshot.leader && tab.engine.snapshot.phase === 'in-sync'),
      'a leader in sync',
    );
    const leader = tabs.findIndex((tab) => tab.engine.snapshot.leader);
    const follower = 1 - leader;
    // Input in the follower's tab at 50 s: both engines hear it.
    await clock.advance(50_000);
    frames[follower]!.contentWindow!.dispatchEvent(new PointerEvent('pointerdown'));
    await waitUntil(
      () => tabs[leader]!.heard.length === 1,
      'the leader heard the follower’s input',
    );
    // 60 s after the start, but not after the input: nothing.
    await clock.advance(50_000);
    expect(omni.calls).to.deep.equal([]);
    // Input in the leader's tab at 100 s.
    frames[leader]!.contentWindow!.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    await waitUntil(
      () => tabs[follower]!.heard.length === 2,
      'the follower heard the leader’s input',
    );
    await clock.advance(50_000);
    expect(omni.calls).to.deep.equal([], '50 s after the last input');
    // A minute after the last input: the idle state, written once, by the leader.
    await clock.advance(15_000);
    await waitUntil(() => omni.calls.length > 0, 'idle written');
    await clock.advance(60_000);
    expect(omni.calls).to.deep.equal(['set:Away']);
    // The ACD follows by the rule's subscriber row, through the leader's agent side only.
    const writes = (agent: FakeAgentPort) =>
      agent.calls.filter((call) => call === formatAcd({ state: 'Unavailable', reason: 'Lunch' }));
    expect(writes(agents[leader]!)).to.have.length(1);
    expect(writes(agents[follower]!)).to.deep.equal([]);
    for (const tab of tabs) tab.day.dispose();
    for (const frame of frames) frame.remove();
  });
});
