/**
 * The supervisor view: a simulated floor of 50 agents (real engines, simulated Omni-Channel and
 * agent apps, `test/fakes/fleet.ts`) and this page's own `<presence-sync>` report into one
 * in-memory store (`test/fakes/health-store.ts`), which the real `<presence-sync-board>` reads.
 * Everything runs on one manual clock moved 30 times faster than real time, so heartbeats, silence
 * and refreshes happen in seconds. `window.supervisor` lets the e2e test drive and read it.
 */
import { createLeader } from '../src/adapters/leader.js';
import '../src/board/define.js';
import type { PresenceSyncBoardElement } from '../src/board/board.js';
import '../src/define.js';
import { MemoryStorage } from '../src/persistence/memory-storage.js';
import { EXAMPLE, STATUSES, acd } from '../test/core/fixtures.js';
import { createFleet, FAULTS, random, SimAgentPort, type FaultKind } from '../test/fakes/fleet.js';
import { FakeOmni } from '../test/fakes/fake-omni.js';
import { MemoryHealthStore } from '../test/fakes/health-store.js';
import { ManualClock } from '../test/fakes/manual-clock.js';

const SPEED = 30;
const TICK_MS = 200;
const OWN_ID = '00500000000DEMO';
const $ = (id: string) => document.getElementById(id)!;

const clock = new ManualClock(Date.now());
const store = new MemoryHealthStore(clock);
const fleet = createFleet({ clock, size: 50, seed: 42, store, meanActivityMs: 8 * 60_000 });

// This page's own agent: the real element, on the same clock and the same store.
const omni = new FakeOmni(STATUSES, 'Away');
const agent = new SimAgentPort(clock, acd('Available'));
const own = document.createElement('presence-sync');
own.setAttribute('agent-origin', 'https://agent.example.com');
own.setAttribute('org-id', EXAMPLE.orgId);
own.setAttribute('user-id', OWN_ID);
own.rules = EXAMPLE;
own.ports = {
  clock,
  agent,
  storage: new MemoryStorage(OWN_ID),
  leader: createLeader({ userId: OWN_ID, locks: null, channel: null }),
};
own.omni = omni;
own.health = store.portFor(OWN_ID, 'You (this page)', 'cxone');
$('own-element').append(own);

$('own-away').addEventListener('click', () => omni.agentSets('Away'));
$('own-available').addEventListener('click', () => omni.agentSets('Available_for_Chats'));
$('own-drift').addEventListener('click', () => {
  // Omni-Channel changes without telling the widget: only a resync finds it.
  omni.current = omni.find(omni.current?.apiName === 'Away' ? 'Available_for_Chats' : 'Away');
});
$('own-down').addEventListener('click', () => {
  agent.down = true;
});
$('own-up').addEventListener('click', () => {
  agent.down = false;
});

const next = random(7);
$('inject').addEventListener('click', () => {
  const kind = ($('fault') as HTMLSelectElement).value as FaultKind;
  const alive = fleet.agents.filter((sim) => sim.alive && sim.fault === null);
  const sim = alive[Math.floor(next() * alive.length)];
  if (!sim) return;
  fleet.inject(sim, kind);
  $('injected').textContent = `${kind} → ${sim.name}`;
});

const board = $('board') as PresenceSyncBoardElement;
board.clock = clock;
board.source = store;

// Time: every 200 ms of real time moves the shared clock by 6 s.
let moving = false;
const format = new Intl.DateTimeFormat('en', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
setInterval(() => {
  if (moving) return;
  moving = true;
  void clock.advance(TICK_MS * SPEED).finally(() => {
    moving = false;
    $('clock').textContent = `${format.format(new Date(clock.now()))} (×${SPEED})`;
  });
}, TICK_MS);

declare global {
  interface Window {
    supervisor: {
      store: MemoryHealthStore;
      fleet: typeof fleet;
      faults: readonly FaultKind[];
      ownId: string;
    };
  }
}
window.supervisor = { store, fleet, faults: FAULTS, ownId: OWN_ID };
