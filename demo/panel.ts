/**
 * The panel in three phases, each driven by in-page fakes: what `scripts/screenshots.mjs`
 * photographs. `window.panelsReady` resolves when all three have reached their phase.
 */
import { filter, firstValueFrom } from 'rxjs';
import { createLeader } from '../src/adapters/leader.js';
import '../src/define.js';
import type { PresenceSyncElement } from '../src/element/presence-sync.js';
import { MemoryStorage } from '../src/persistence/memory-storage.js';
import type { SyncSnapshot } from '../src/core/snapshot.js';
import { CODES, EXAMPLE, STATUSES, acd } from '../test/core/fixtures.js';
import { FakeAgentPort } from '../test/fakes/fake-agent-port.js';
import { FakeOmni } from '../test/fakes/fake-omni.js';

function setUp(id: string, rules: unknown) {
  const el = document.getElementById(id) as PresenceSyncElement;
  const omni = new FakeOmni(STATUSES, 'Away');
  const agent = new FakeAgentPort(acd('Available'), CODES);
  el.setAttribute('agent-origin', 'https://agent.example.com');
  el.setAttribute('org-id', '00D5g000004ABCD');
  el.rules = rules;
  el.ports = {
    agent,
    storage: new MemoryStorage(id),
    leader: createLeader({ userId: id, locks: null, channel: null }),
  };
  el.omni = omni;
  const until = (check: (snapshot: SyncSnapshot) => boolean) =>
    firstValueFrom(el.snapshot$.pipe(filter(check)));
  return { el, omni, agent, until };
}

async function inSync() {
  const { agent, until } = setUp('in-sync', EXAMPLE);
  await until((snapshot) => snapshot.phase === 'in-sync');
  agent.change(acd('Unavailable/Lunch'));
  await until(
    (snapshot) => snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === 'Away',
  );
  agent.change(acd('Available'));
  await until(
    (snapshot) =>
      snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === 'Available_for_Chats',
  );
}

async function deferred() {
  const { omni, agent, until } = setUp('deferred', EXAMPLE);
  await until((snapshot) => snapshot.phase === 'in-sync');
  agent.change(acd('InboundContact'));
  await until(
    (snapshot) => snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === 'Busy_On_Call',
  );
  omni.agentSets('Away');
  await until((snapshot) => snapshot.phase === 'deferred');
}

async function error() {
  // A code the team does not have, as admins type it: codes are case-sensitive in CXone.
  const typo = {
    ...EXAMPLE,
    rules: [
      { ...EXAMPLE.rules[0], subscriber: [{ salesforce: 'Away', acd: 'Unavailable/lunch' }] },
    ],
  };
  const { until } = setUp('error', typo);
  await until((snapshot) => snapshot.phase === 'error');
}

(window as unknown as { panelsReady: Promise<unknown> }).panelsReady = Promise.all([
  inSync(),
  deferred(),
  error(),
]);
