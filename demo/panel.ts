/**
 * The panel in each phase an agent meets, each driven by in-page fakes: what
 * `scripts/screenshots.mjs` photographs. `window.panelsReady` resolves when every one has reached
 * its phase.
 */
import { filter, firstValueFrom } from 'rxjs';
import { createLeader } from '../src/adapters/leader.js';
import type { AgentPort } from '../src/core/ports.js';
import '../src/define.js';
import type { PresenceSyncElement } from '../src/element/presence-sync.js';
import { MemoryStorage } from '../src/persistence/memory-storage.js';
import type { SyncSnapshot } from '../src/core/snapshot.js';
import { CODES, EXAMPLE, STATUSES, acd } from '../test/core/fixtures.js';
import { FakeAgentPort } from '../test/fakes/fake-agent-port.js';
import { FakeOmni } from '../test/fakes/fake-omni.js';

function setUp(
  id: string,
  rules: unknown,
  options: { acd?: string; agent?: AgentPort; sf?: string } = {},
) {
  const el = document.getElementById(id) as PresenceSyncElement;
  const omni = new FakeOmni(STATUSES, options.sf ?? 'Away');
  const fake = new FakeAgentPort(acd(options.acd ?? 'Available'), CODES);
  el.setAttribute('agent-origin', 'https://agent.example.com');
  el.setAttribute('org-id', '00D5g000004ABCD');
  el.rules = rules;
  el.ports = {
    agent: options.agent ?? fake,
    storage: new MemoryStorage(id),
    leader: createLeader({ userId: id, locks: null, channel: null }),
  };
  el.omni = omni;
  const until = (check: (snapshot: SyncSnapshot) => boolean) =>
    firstValueFrom(el.snapshot$.pipe(filter(check)));
  return { el, omni, agent: fake, until };
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

/** Omni-Channel opened elsewhere, then a CXone change this tab may not write. */
async function notWriting() {
  const { omni, agent, until } = setUp('not-writing', EXAMPLE);
  await until((snapshot) => snapshot.phase === 'in-sync');
  omni.loggedOut('DuplicateLogin');
  agent.change(acd('Unavailable/Lunch'));
  await until((snapshot) => snapshot.phase === 'not-writing' && snapshot.acd?.reason === 'Lunch');
}

/** A first load with an ACD state no row maps. */
async function notMapped() {
  const { until } = setUp('not-mapped', EXAMPLE, { acd: 'Unavailable' });
  await until((snapshot) => snapshot.phase === 'not-mapped');
}

/** The CXone bridge before "Connect CXone": no agent, no state, and why. */
async function waiting() {
  const signedOut: AgentPort = {
    connect: (sink) => {
      sink({
        type: 'problem.reported',
        problem: {
          code: 'agent-not-connected',
          message:
            'The agent app says: Not connected to CXone: press "Connect CXone" in the agent frame.',
          recoverable: true,
        },
      });
      sink({ type: 'acd.hello', identity: null, codes: null, state: null, canWrite: false });
      return () => undefined;
    },
    write: () => Promise.reject(new Error('not connected')),
    refresh: () => Promise.resolve(),
    platform: () => 'cxone',
  };
  const { until } = setUp('waiting', EXAMPLE, { agent: signedOut });
  await until((snapshot) => snapshot.cause === 'agent-not-connected');
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
  notWriting(),
  notMapped(),
  waiting(),
  error(),
]);
