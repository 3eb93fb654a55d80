/**
 * Browser benchmarks, run by `bench/run.mjs` in headless Chromium: the simulated agent
 * app on a second loopback origin, the element as deployed (bridge adapter, IndexedDB, leader), an Omni fake that
 * stamps each call. Times are `performance.timeOrigin + performance.now()`, comparable across frames.
 */
import { filter, firstValueFrom, type Observable } from 'rxjs';
import type { SyncSnapshot } from '../src/core/snapshot.js';
import '../src/define.js';
import type { PresenceSyncElement } from '../src/element/presence-sync.js';
import { MemoryStorage } from '../src/persistence/memory-storage.js';
import { CODES, EXAMPLE, STATUSES, acd } from '../test/core/fixtures.js';
import { loopbackOrigins, openAgentFrame, type AgentFrame } from '../test/fakes/agent-frame.js';
import { FakeAgentPort } from '../test/fakes/fake-agent-port.js';
import { FakeOmni } from '../test/fakes/fake-omni.js';

const now = () => performance.timeOrigin + performance.now();

/** The latency runs, then the storms unless `skipStorm` (bench/profile.mjs profiles the latency runs alone). */
async function run(changes: number, skipStorm = false) {
  const origins = await loopbackOrigins();
  const agent = await openAgentFrame(origins.agent, 'bridge');

  // The floor: a bare postMessage round trip between the same two frames, one sample per round
  // trip like the sync's own samples. The bench page is cross-origin isolated (bench/run.mjs), so
  // performance.now() has 5 µs steps; without isolation Chromium coarsens it to 0.1 ms and a single
  // round trip would read 0, so each sample is then the mean of a batch of 10.
  const floor: number[] = [];
  const BATCH = window.crossOriginIsolated ? 1 : 10;
  for (let id = 0; id < changes; id += 1) {
    if (id % BATCH === 0) floor.push(-now());
    await new Promise<void>((resolve) => {
      const listener = (event: MessageEvent) => {
        if (
          event.origin === origins.agent &&
          (event.data as { ns?: string; id?: number })?.ns === 'bench-pong' &&
          (event.data as { id: number }).id === id
        ) {
          window.removeEventListener('message', listener);
          resolve();
        }
      };
      window.addEventListener('message', listener);
      agent.window.postMessage({ ns: 'bench-ping', id }, origins.agent);
    });
    if (id % BATCH === BATCH - 1) floor.push((floor.pop() as number) + now());
  }
  for (let index = 0; index < floor.length; index += 1)
    floor[index] = (floor[index] as number) / BATCH;

  const agentClock = await agent.run({ cmd: 'set', state: 'Available' });
  // When the page receives each agent state message, stamped by a listener registered before the
  // element's (so it runs first): splits the publish latency into the browser's delivery and the
  // element's own processing up to the Omni call.
  const arrivals: number[] = [];
  window.addEventListener(
    'message',
    (event) => {
      if (
        event.origin === origins.agent &&
        (event.data as { type?: unknown } | null)?.type === 'state'
      )
        arrivals.push(now());
    },
    true,
  );
  const omni = new FakeOmni(STATUSES, 'Away');
  const calls: number[] = [];
  const set = omni.setServicePresenceStatus.bind(omni);
  omni.setServicePresenceStatus = (args) => {
    calls.push(now());
    return set(args);
  };
  // The element as deployed: IndexedDB storage, the leader election, the panel; the bridge adapter
  // to the agent frame on the second origin; the Omni fake stamping each call.
  const element = document.createElement('presence-sync') as PresenceSyncElement;
  element.setAttribute('agent-origin', origins.agent);
  element.setAttribute('user-id', `005bench${Date.now().toString(36)}`.slice(0, 15));
  element.setAttribute('org-id', '00D5g000004ABCD');
  element.rules = EXAMPLE;
  element.agentWindow = agent.window;
  element.omni = omni;
  const connectedAt = now();
  document.body.append(element);
  const until = (check: (snapshot: SyncSnapshot) => boolean) => first(element.snapshot$, check);
  // Started: in sync, or `not-mapped` when the agent's first state has no row (docs/contract.md
  // Details 46); either way nothing is left to write.
  await until((snapshot) => ['in-sync', 'not-mapped'].includes(snapshot.phase));
  const firstSync = (calls[0] ?? NaN) - connectedAt;

  // The floor interleaved with the changes: after each sample, the same one-way postMessage
  // delivery between the same two frames, each way, in the same run (machine load hits both alike).
  const oneWay: number[] = [];
  const measureDelivery = async () => {
    const [toAgent, toPage] = await deliveries(agent, origins.agent);
    oneWay.push(toAgent, toPage);
  };

  // Agent → Omni: from the agent frame's postMessage to setServicePresenceStatus.
  const publish: number[] = [];
  const delivery: number[] = [];
  const processing: number[] = [];
  for (let index = 0; index < changes; index += 1) {
    const lunch = index % 2 === 0;
    const report = await agent.run(
      lunch
        ? { cmd: 'set', state: 'Unavailable', reason: 'Lunch' }
        : { cmd: 'set', state: 'Available' },
    );
    const target = lunch ? 'Away' : 'Available_for_Chats';
    await until(
      (snapshot) => snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === target,
    );
    publish.push((calls.at(-1) as number) - report.postedAt);
    delivery.push((arrivals.at(-1) as number) - report.postedAt);
    processing.push((calls.at(-1) as number) - (arrivals.at(-1) as number));
    await measureDelivery();
  }

  // Omni → agent: from the Omni event to the agent app receiving setState.
  const subscribe: number[] = [];
  for (let index = 0; index < changes; index += 1) {
    const away = index % 2 === 0;
    const started = now();
    omni.agentSets(away ? 'Away' : 'Available_for_Chats');
    const report = await agent.run({ cmd: 'received', count: index + 1 });
    await until(
      (snapshot) =>
        snapshot.phase === 'in-sync' &&
        (away ? snapshot.acd?.reason === 'Lunch' : snapshot.acd?.state === 'Available'),
    );
    subscribe.push((report.setStateAt[index] as number) - started);
    await measureDelivery();
  }
  const storm = skipStorm
    ? null
    : await storms(element.snapshot$, omni, agent, origins.agent, calls, 10_000);
  element.remove();
  // Isolated: both frames' clocks have 5 µs steps, so stamps taken in one and read in the other compare.
  return {
    floor,
    oneWay,
    publish,
    delivery,
    processing,
    subscribe,
    firstSync,
    storm,
    isolated: window.crossOriginIsolated && agentClock.isolated,
  };
}

/** Resolves on the first snapshot that passes `check`. */
const first = (snapshot$: Observable<SyncSnapshot>, check: (snapshot: SyncSnapshot) => boolean) =>
  firstValueFrom(snapshot$.pipe(filter(check)));

/** One bare ping to the agent frame and its pong: the page → agent and agent → page deliveries, ms. */
function deliveries(agent: AgentFrame, agentOrigin: string): Promise<[number, number]> {
  const id = Math.random();
  const sentAt = now();
  return new Promise((resolve) => {
    const listener = (event: MessageEvent) => {
      const data = event.data as { ns?: string; id?: number; at?: number } | null;
      if (event.origin !== agentOrigin || data?.ns !== 'bench-pong' || data.id !== id) return;
      window.removeEventListener('message', listener);
      const at = data.at as number;
      resolve([at - sentAt, now() - at]);
    };
    window.addEventListener('message', listener);
    agent.window.postMessage({ ns: 'bench-ping', id }, agentOrigin);
  });
}

/** A bare round trip to the agent frame: every message it posted before the pong has been delivered. */
function drained(agent: AgentFrame, agentOrigin: string): Promise<void> {
  const id = Math.random();
  return new Promise((resolve) => {
    const listener = (event: MessageEvent) => {
      if (
        event.origin === agentOrigin &&
        (event.data as { ns?: string; id?: number })?.ns === 'bench-pong' &&
        (event.data as { id: number }).id === id
      ) {
        window.removeEventListener('message', listener);
        resolve();
      }
    };
    window.addEventListener('message', listener);
    agent.window.postMessage({ ns: 'bench-ping', id }, agentOrigin);
  });
}

/**
 * Event storms: `count` agent state changes posted back to back by the agent frame, then `count`
 * Omni-Channel changes back to back, each until both sides are settled and agree. Consistent means:
 * the final states agree on both sides and in the snapshot, nothing is pending, and no side got
 * more writes than there were outside changes.
 */
async function storms(
  snapshot$: Observable<SyncSnapshot>,
  omni: FakeOmni,
  agent: AgentFrame,
  agentOrigin: string,
  omniCalls: number[],
  count: number,
) {
  const settled = (sf: string, acdState: string) => (snapshot: SyncSnapshot) =>
    snapshot.phase === 'in-sync' &&
    !snapshot.pending?.length &&
    snapshot.salesforce?.apiName === sf &&
    snapshot.acd?.state === acdState &&
    (acdState !== 'Available' || snapshot.acd.reason === '');
  await first(snapshot$, settled('Available_for_Chats', 'Available'));

  // Agent side: count changes (an even count ends on Available → Available_for_Chats).
  let omniBefore = omniCalls.length;
  let agentBefore = (await agent.run({ cmd: 'get' })).setStates.length;
  let started = now();
  await agent.run({ cmd: 'storm', count });
  await drained(agent, agentOrigin);
  let final = await first(snapshot$, settled('Available_for_Chats', 'Available'));
  const acdMs = now() - started;
  let report = await agent.run({ cmd: 'get' });
  const acdStorm = {
    ms: acdMs,
    omniWrites: omniCalls.length - omniBefore,
    agentWrites: report.setStates.length - agentBefore,
    agree:
      omni.current?.apiName === 'Available_for_Chats' &&
      report.state.state === 'Available' &&
      final.salesforce?.apiName === 'Available_for_Chats',
  };

  // Omni side: count changes (an even count ends on Available_for_Chats → Available).
  omniBefore = omniCalls.length;
  agentBefore = report.setStates.length;
  started = now();
  for (let index = 0; index < count; index += 1)
    omni.agentSets(index % 2 === 0 ? 'Away' : 'Available_for_Chats');
  await first(snapshot$, settled('Available_for_Chats', 'Available'));
  await drained(agent, agentOrigin);
  final = await first(snapshot$, settled('Available_for_Chats', 'Available'));
  const omniMs = now() - started;
  report = await agent.run({ cmd: 'get' });
  const omniStorm = {
    ms: omniMs,
    omniWrites: omniCalls.length - omniBefore,
    agentWrites: report.setStates.length - agentBefore,
    agree:
      omni.current?.apiName === 'Available_for_Chats' &&
      report.state.state === 'Available' &&
      report.state.reason === '' &&
      final.acd?.state === 'Available',
  };
  const writesBounded =
    acdStorm.omniWrites + acdStorm.agentWrites <= count &&
    omniStorm.omniWrites + omniStorm.agentWrites <= count;
  return {
    count,
    acd: acdStorm,
    omni: omniStorm,
    consistent: acdStorm.agree && omniStorm.agree && writesBounded,
  };
}

/**
 * Heap: the element with in-page sides (no postMessage, memory storage) driven through `target`
 * decisions; the caller collects garbage and reads the heap between calls (bench/run.mjs, CDP).
 */
let heapRig: {
  element: PresenceSyncElement;
  omni: FakeOmni;
  agent: FakeAgentPort;
  turn: number;
} | null = null;
async function decide(target: number): Promise<number> {
  if (heapRig === null) {
    const omni = new FakeOmni(STATUSES, 'Away');
    const agent = new FakeAgentPort(acd('Available'), CODES);
    const element = document.createElement('presence-sync') as PresenceSyncElement;
    element.setAttribute('agent-origin', 'https://agent.example.com');
    element.setAttribute('user-id', '005000000000001');
    element.rules = EXAMPLE;
    element.ports = { agent, storage: new MemoryStorage('005000000000001') };
    element.omni = omni;
    document.body.append(element);
    heapRig = { element, omni, agent, turn: 0 };
    await first(element.snapshot$, (snapshot) =>
      ['in-sync', 'not-mapped'].includes(snapshot.phase),
    );
  }
  const rig = heapRig;
  while (rig.element.snapshot.counters.decisions < target) {
    const lunch = rig.turn % 2 === 0;
    rig.turn += 1;
    if (rig.turn % 4 < 2) rig.agent.change(lunch ? acd('Unavailable/Lunch') : acd('Available'));
    else rig.omni.agentSets(lunch ? 'Away' : 'Available_for_Chats');
    const sf = lunch ? 'Away' : 'Available_for_Chats';
    // The fakes log every call for tests; that log is not the product's memory.
    rig.omni.calls.length = 0;
    rig.agent.calls.length = 0;
    await first(
      rig.element.snapshot$,
      (snapshot) =>
        snapshot.phase === 'in-sync' &&
        !snapshot.pending?.length &&
        snapshot.salesforce?.apiName === sf,
    );
  }
  return rig.element.snapshot.counters.decisions;
}

Object.assign(window, { bench: run, decide });
