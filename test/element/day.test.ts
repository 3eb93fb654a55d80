// The agent's day on the element: the idle and session-end attributes, the clock property,
// scheduleState and cancelScheduled, and the panel's deadlines (docs/contract.md §2, §6.12).
import { expect } from '@open-wc/testing';
import { filter, firstValueFrom } from 'rxjs';
import { createLeader } from '../../src/adapters/leader.js';
import type { Decision, SyncSnapshot } from '../../src/core/snapshot.js';
import '../../src/define.js';
import type { PresenceSyncErrorDetail } from '../../src/element/events.js';
import type { PresenceSyncElement } from '../../src/element/presence-sync.js';
import { MemoryStorage } from '../../src/persistence/memory-storage.js';
import { CODES, EXAMPLE, STATUSES, acd } from '../core/fixtures.js';
import { FakeAgentPort } from '../fakes/fake-agent-port.js';
import { FakeOmni } from '../fakes/fake-omni.js';
import { ManualClock } from '../fakes/manual-clock.js';

const MINUTE = 60_000;
/** The example rule, with the lunch (Away) timed to 30 minutes. */
const LUNCH = {
  ...EXAMPLE,
  rules: [
    {
      ...EXAMPLE.rules[0],
      timeouts: [{ salesforce: 'Away', minutes: 30, then: 'Available_for_Chats' }],
    },
  ],
};

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
});

interface Mount {
  el: PresenceSyncElement;
  omni: FakeOmni;
  agent: FakeAgentPort;
  clock: ManualClock;
  errors: PresenceSyncErrorDetail[];
  decisions: Decision[];
}

/** The element on a manual clock, both sides simulated; `connect: false` leaves it detached. */
async function mount(
  attributes: Record<string, string> = {},
  options: { rules?: unknown; connect?: boolean } = {},
): Promise<Mount> {
  const el = document.createElement('presence-sync');
  const omni = new FakeOmni(STATUSES, 'Away');
  const agent = new FakeAgentPort(acd('Available'), CODES);
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 12, 0));
  const errors: PresenceSyncErrorDetail[] = [];
  const decisions: Decision[] = [];
  el.addEventListener('presencesyncerror', (event) => errors.push(event.detail));
  el.addEventListener('presencesyncdecision', (event) => decisions.push(event.detail));
  const all = {
    'agent-origin': 'https://agent.example.com',
    'org-id': '00D5g000004ABCD',
    'user-id': '005000000000001',
    ...attributes,
  };
  for (const [name, value] of Object.entries(all)) el.setAttribute(name, value);
  el.rules = options.rules ?? LUNCH;
  el.clock = clock;
  el.ports = {
    agent,
    storage: new MemoryStorage('005000000000001'),
    leader: createLeader({ userId: `day-${Math.random()}`, locks: null, channel: null }),
  };
  el.omni = omni;
  if (options.connect !== false) {
    document.body.append(el);
    mounted.push(el);
    await el.updateComplete;
  }
  return { el, omni, agent, clock, errors, decisions };
}

const until = (el: PresenceSyncElement, check: (snapshot: SyncSnapshot) => boolean) =>
  firstValueFrom(el.snapshot$.pipe(filter(check)));

const synced = (el: PresenceSyncElement, apiName: string) =>
  until(el, (snapshot) => snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === apiName);

async function root(el: PresenceSyncElement): Promise<ShadowRoot> {
  await el.updateComplete;
  return el.renderRoot as ShadowRoot;
}

/** The deadline lines as the agent reads them, with their Cancel when offered. */
async function lines(el: PresenceSyncElement) {
  return [...(await root(el)).querySelectorAll('[part=deadlines] li')].map((item) => ({
    id: item.getAttribute('data-id'),
    text: item.querySelector('span')?.textContent ?? '',
    alert: item.getAttribute('role') === 'alert',
    cancel: !(item.querySelector('button') as HTMLButtonElement).hidden,
  }));
}

describe('<presence-sync> day attributes', () => {
  const cases: Array<[string, keyof PresenceSyncElement, string, unknown]> = [
    ['idle-minutes', 'idleMinutes', '15', 15],
    ['idle-status', 'idleStatus', 'Away', 'Away'],
    ['session-end', 'sessionEnd', 'Unavailable/EndOfShift', 'Unavailable/EndOfShift'],
  ];
  for (const [attribute, property, value, expected] of cases) {
    it(`round-trips ${attribute} ⇄ ${String(property)}`, async () => {
      const { el } = await mount();
      el.setAttribute(attribute, value);
      expect(el[property]).to.equal(expected);
      el.removeAttribute(attribute);
      (el as unknown as Record<string, unknown>)[property] = expected;
      await el.updateComplete;
      expect(el.getAttribute(attribute)).to.equal(value);
    });
  }

  const bad: Array<[attribute: string, value: string]> = [
    ['idle-minutes', 'soon'],
    ['idle-minutes', '481'],
    ['idle-status', 'On break!'],
    ['session-end', 'Available'],
    ['session-end', 'Unavailable/'],
  ];
  for (const [attribute, value] of bad) {
    it(`shows an alert naming ${attribute} for ${JSON.stringify(value)} and starts no engine`, async () => {
      const { el, errors, omni } = await mount({ [attribute]: value });
      expect(errors.map((error) => error.code)).to.deep.equal(['config-invalid']);
      expect(errors[0]?.message).to.match(new RegExp(`^${attribute}: `));
      const alerts = [...(await root(el)).querySelectorAll('[role=alert]')].map(
        (node) => node.textContent ?? '',
      );
      expect(alerts).to.have.length(1);
      expect(alerts[0]).to.contain(attribute);
      expect(el.snapshot.phase).to.equal('error');
      expect(omni.calls).to.deep.equal([]);
    });
  }
});

describe('<presence-sync> timed states in the panel', () => {
  it('lists the lunch with its end, warns two minutes before, and ends it on the element’s clock', async () => {
    const { el, omni, clock, decisions } = await mount();
    await synced(el, 'Available_for_Chats');
    omni.agentSets('Away');
    await until(el, (snapshot) => (snapshot.deadlines ?? []).some((d) => d.kind === 'timeout'));
    const [lunch] = await lines(el);
    expect(lunch?.id).to.match(/^timeout:salesforce:Away:/);
    expect(lunch?.text).to.match(/^Away until .+, then Available for Chats$/);
    expect(lunch?.alert).to.equal(false);
    expect(lunch?.cancel).to.equal(true);

    await clock.advance(28.5 * MINUTE);
    await until(el, (snapshot) => snapshot.deadlines?.[0]?.warning === true);
    const [warned] = await lines(el);
    expect(warned?.text).to.match(/^Soon: Away until/);
    expect(warned?.alert).to.equal(true);

    await clock.advance(2 * MINUTE);
    await synced(el, 'Available_for_Chats');
    expect(decisions.some((decision) => decision.why === 'timed-out')).to.equal(true);
    expect(omni.calls.at(-1)).to.equal('set:Available_for_Chats');
    expect(await lines(el)).to.deep.equal([]);
    expect((await root(el)).querySelector('[part=decisions] li')?.textContent ?? '').to.contain(
      'the timed state ran out',
    );
  });

  it('cancels a timed state from the panel: nothing is written when it would have ended', async () => {
    const { el, omni, clock } = await mount();
    await synced(el, 'Available_for_Chats');
    omni.agentSets('Away');
    await until(el, (snapshot) => (snapshot.deadlines ?? []).length > 0);
    ((await root(el)).querySelector('[part=deadlines] li button') as HTMLButtonElement).click();
    await until(el, (snapshot) => snapshot.deadlines === undefined);
    const calls = omni.calls.length;
    await clock.advance(31 * MINUTE);
    expect(omni.calls.length).to.equal(calls);
    expect(el.snapshot.salesforce?.apiName).to.equal('Away');
  });
});

describe('<presence-sync> scheduleState', () => {
  it('refuses a bad request with a TypeError naming the field', async () => {
    const { el, clock } = await mount();
    expect(() => el.scheduleState({ at: 'noon', target: { salesforce: 'Away' } })).to.throw(
      TypeError,
      /^scheduleState: at: /,
    );
    expect(() =>
      el.scheduleState({ at: clock.now() + MINUTE, target: { acd: 'InboundContact' } }),
    ).to.throw(TypeError, /^scheduleState: target\.acd: /);
  });

  it('lists a scheduled break with Cancel, and cancelScheduled takes it back', async () => {
    const { el, clock } = await mount();
    await synced(el, 'Available_for_Chats');
    const id = el.scheduleState({
      at: clock.now() + 10 * MINUTE,
      until: clock.now() + 25 * MINUTE,
      target: { acd: 'Unavailable/Lunch' },
    });
    expect(id).to.be.a('string');
    await until(el, (snapshot) =>
      (snapshot.deadlines ?? []).some((deadline) => deadline.id === `scheduled:${id}`),
    );
    const [line] = await lines(el);
    expect(line?.text).to.match(/^Unavailable \(Lunch\) .+–.+$/);
    expect(line?.cancel).to.equal(true);
    el.cancelScheduled(id);
    await until(el, (snapshot) => snapshot.deadlines === undefined);
  });

  it('applies a break scheduled before the element started, at its time', async () => {
    const { el, clock, agent, decisions } = await mount({}, { connect: false });
    el.scheduleState({ at: clock.now() + 5 * MINUTE, target: { acd: 'Unavailable/Lunch' } });
    document.body.append(el);
    mounted.push(el);
    await synced(el, 'Available_for_Chats');
    await until(el, (snapshot) => (snapshot.deadlines ?? []).length === 1);
    await clock.advance(5 * MINUTE);
    await until(el, () => agent.calls.includes('Unavailable/Lunch'));
    expect(decisions.some((decision) => decision.why === 'scheduled')).to.equal(true);
  });
});

describe('<presence-sync> idle', () => {
  it('sets the idle status after idle-minutes without input, and says so in the panel', async () => {
    const { el, clock, decisions } = await mount({ 'idle-minutes': '15', 'idle-status': 'Away' });
    await synced(el, 'Available_for_Chats');
    await until(el, (snapshot) => (snapshot.deadlines ?? []).some((d) => d.kind === 'idle'));
    const [idle] = await lines(el);
    expect(idle?.text).to.match(/^Away at .+ if idle$/);
    expect(idle?.cancel).to.equal(false);
    await clock.advance(16 * MINUTE);
    await until(el, (snapshot) => snapshot.salesforce?.apiName === 'Away');
    expect(decisions.some((decision) => decision.why === 'idle')).to.equal(true);
    const notice = (await root(el)).querySelector('[part=deadlines] [data-idle]');
    expect(notice?.textContent).to.contain('Set to idle');
  });
});
