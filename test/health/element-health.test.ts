import { expect } from '@open-wc/testing';
import { createLeader } from '../../src/adapters/leader.js';
import '../../src/define.js';
import type { PresenceSyncErrorDetail } from '../../src/element/events.js';
import type { PresenceSyncElement } from '../../src/element/presence-sync.js';
import type { HealthAnswer, HealthPort, HealthRecord } from '../../src/health/health.js';
import { COALESCE_MS } from '../../src/health/reporter.js';
import { MemoryStorage } from '../../src/persistence/memory-storage.js';
import { CODES, EXAMPLE, STATUSES, acd } from '../core/fixtures.js';
import { FakeAgentPort } from '../fakes/fake-agent-port.js';
import { FakeOmni } from '../fakes/fake-omni.js';
import { ManualClock } from '../fakes/manual-clock.js';

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
});

class Store implements HealthPort {
  readonly reports: HealthRecord[] = [];
  resync = false;
  report(health: HealthRecord): Promise<HealthAnswer> {
    this.reports.push(health);
    const resyncRequested = this.resync;
    this.resync = false;
    return Promise.resolve({ resyncRequested });
  }
}

async function mount(attributes: Record<string, string>, health: HealthPort | null) {
  const el = document.createElement('presence-sync') as PresenceSyncElement;
  const clock = new ManualClock(Date.now());
  const omni = new FakeOmni(STATUSES, 'Away');
  const errors: PresenceSyncErrorDetail[] = [];
  el.addEventListener('presencesyncerror', (event) => errors.push(event.detail));
  for (const [name, value] of Object.entries({
    rules: JSON.stringify(EXAMPLE),
    'agent-origin': 'https://agent.example.com',
    'org-id': '00D5g000004ABCD',
    'user-id': '005000000000001',
    ...attributes,
  }))
    el.setAttribute(name, value);
  el.ports = {
    clock,
    agent: new FakeAgentPort(acd('Available'), CODES),
    storage: new MemoryStorage('005000000000001'),
    leader: createLeader({ userId: 'x', locks: null, channel: null }),
  };
  el.omni = omni;
  el.health = health;
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return { el, clock, omni, errors };
}

describe('<presence-sync> health', () => {
  it('reports the leader tab’s health through the health property', async () => {
    const store = new Store();
    const { clock } = await mount({}, store);
    await clock.advance(COALESCE_MS);
    expect(store.reports.length).to.equal(1);
    expect(store.reports[0]).to.include({
      phase: 'in-sync',
      acdState: 'Available',
      omniStatus: 'Available_for_Chats',
      // The agent side's hello names its platform; the dialect (bridge) would say less.
      acdKind: 'cxone',
      heartbeatMin: 5,
      mode: 'active',
    });
  });

  it('reports nothing with health-heartbeat-min="0"', async () => {
    const store = new Store();
    const { clock } = await mount({ 'health-heartbeat-min': '0' }, store);
    await clock.advance(60 * 60_000);
    expect(store.reports.length).to.equal(0);
  });

  it('names health-heartbeat-min when its value is out of range', async () => {
    const { errors } = await mount({ 'health-heartbeat-min': '2' }, new Store());
    expect(errors.map((error) => error.message).join(' ')).to.contain('health-heartbeat-min');
  });

  it('takes a health port set later without restarting the sync, and resyncs once on request', async () => {
    const { el, clock, omni } = await mount({}, null);
    await clock.advance(COALESCE_MS);
    const writes = el.snapshot.counters.writes;
    // Omni-Channel drifts without an event (the kind of silent stop a supervisor resyncs).
    omni.current = omni.find('Away');
    expect(el.snapshot.salesforce?.apiName).to.equal('Available_for_Chats');
    const store = new Store();
    store.resync = true;
    el.health = store;
    await el.updateComplete;
    await clock.advance(COALESCE_MS);
    expect(store.reports.length).to.equal(1);
    expect(el.snapshot.counters.writes).to.be.greaterThan(writes);
    await clock.advance(COALESCE_MS);
    // The resync read Omni-Channel again and acted on it; the next report says it resynced.
    expect(el.snapshot.salesforce?.apiName).to.equal(omni.current?.apiName);
    expect(store.reports.at(-1)!.resyncedAt).to.be.a('number');
  });
});
