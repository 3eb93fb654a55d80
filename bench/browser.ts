/**
 * Browser benchmarks (issue 8), run by `bench/run.mjs` in headless Chromium: the simulated agent
 * app on a second loopback origin, the real engine with the bridge adapter, an Omni fake that
 * stamps each call. Times are `performance.timeOrigin + performance.now()`, comparable across frames.
 */
import { filter, firstValueFrom } from 'rxjs';
import { BridgeAgentPort } from '../src/adapters/agent-bridge.js';
import type { SyncSnapshot } from '../src/core/state.js';
import { createEngine } from '../src/store.js';
import { EXAMPLE, STATUSES } from '../test/core/fixtures.js';
import { loopbackOrigins, openAgentFrame } from '../test/fakes/agent-frame.js';
import { FakeOmni } from '../test/fakes/fake-omni.js';

const now = () => performance.timeOrigin + performance.now();

async function run(changes: number) {
  const origins = await loopbackOrigins();
  const agent = await openAgentFrame(origins.agent, 'bridge');

  // The floor: a bare postMessage round trip between the same two frames. Chromium coarsens
  // performance.now() to 0.1 ms without cross-origin isolation, so each sample is the mean of a
  // batch of 10 back-to-back round trips.
  const floor: number[] = [];
  const BATCH = 10;
  for (let id = 0; id < changes; id += 1) {
    if (id % BATCH === 0) floor.push(-now());
    await new Promise<void>((resolve) => {
      const listener = (event: MessageEvent) => {
        if (event.origin === origins.agent && (event.data as { ns?: string; id?: number })?.ns === 'bench-pong' && (event.data as { id: number }).id === id) {
          window.removeEventListener('message', listener);
          resolve();
        }
      };
      window.addEventListener('message', listener);
      agent.window.postMessage({ ns: 'bench-ping', id }, origins.agent);
    });
    if (id % BATCH === BATCH - 1) floor.push((floor.pop() as number) + now());
  }
  for (let index = 0; index < floor.length; index += 1) floor[index] = (floor[index] as number) / BATCH;

  await agent.run({ cmd: 'set', state: 'Available' });
  const omni = new FakeOmni(STATUSES, 'Away');
  const calls: number[] = [];
  const set = omni.setServicePresenceStatus.bind(omni);
  omni.setServicePresenceStatus = (args) => {
    calls.push(now());
    return set(args);
  };
  const connectedAt = now();
  const engine = createEngine({ rules: EXAMPLE, orgId: '00D5g000004ABCD' }, { omni, agent: new BridgeAgentPort({ origins: origins.agent, agentWindow: agent.window }) });
  const until = (check: (snapshot: SyncSnapshot) => boolean) => firstValueFrom(engine.snapshot$.pipe(filter(check)));
  await until((snapshot) => snapshot.phase === 'in-sync');
  const firstSync = (calls[0] ?? NaN) - connectedAt;

  // Agent → Omni: from the agent frame's postMessage to setServicePresenceStatus.
  const publish: number[] = [];
  for (let index = 0; index < changes; index += 1) {
    const lunch = index % 2 === 0;
    const report = await agent.run(lunch ? { cmd: 'set', state: 'Unavailable', reason: 'Lunch' } : { cmd: 'set', state: 'Available' });
    const target = lunch ? 'Away' : 'Available_for_Chats';
    await until((snapshot) => snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === target);
    publish.push((calls.at(-1) as number) - report.postedAt);
  }

  // Omni → agent: from the Omni event to the agent app receiving setState.
  const subscribe: number[] = [];
  for (let index = 0; index < changes; index += 1) {
    const away = index % 2 === 0;
    const started = now();
    omni.agentSets(away ? 'Away' : 'Available_for_Chats');
    const report = await agent.run({ cmd: 'received', count: index + 1 });
    await until((snapshot) => snapshot.phase === 'in-sync' && (away ? snapshot.acd?.reason === 'Lunch' : snapshot.acd?.state === 'Available'));
    subscribe.push((report.setStateAt[index] as number) - started);
  }
  engine.dispose();
  return { floor, publish, subscribe, firstSync };
}

(window as unknown as { bench: typeof run }).bench = run;
