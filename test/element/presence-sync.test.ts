import { expect } from '@open-wc/testing';
import { filter, firstValueFrom } from 'rxjs';
import { createLeader } from '../../src/adapters/leader.js';
import type { LeaderPort } from '../../src/core/ports.js';
import type { Decision, SyncSnapshot } from '../../src/core/snapshot.js';
import '../../src/define.js';
import type { PresenceSyncErrorDetail } from '../../src/element/events.js';
import type { PresenceSyncElement } from '../../src/element/presence-sync.js';
import { loadLocale } from '../../src/element/i18n.js';
import { MemoryStorage } from '../../src/persistence/memory-storage.js';
import { CODES, EXAMPLE, STATUSES, acd } from '../core/fixtures.js';
import { FakeAgentPort } from '../fakes/fake-agent-port.js';
import { FakeOmni } from '../fakes/fake-omni.js';

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
});

interface Mount {
  el: PresenceSyncElement;
  omni: FakeOmni;
  agent: FakeAgentPort;
  errors: PresenceSyncErrorDetail[];
  decisions: Decision[];
  changes: SyncSnapshot[];
}

/** Creates the element, listens to its events, sets attributes, then connects it. */
async function mount(
  attributes: Record<string, string> = {},
  options: { omni?: boolean; leader?: LeaderPort; sf?: string; acd?: string } = {},
): Promise<Mount> {
  const el = document.createElement('presence-sync');
  const omni = new FakeOmni(STATUSES, options.sf ?? 'Away');
  const agent = new FakeAgentPort(acd(options.acd ?? 'Available'), CODES);
  const errors: PresenceSyncErrorDetail[] = [];
  const decisions: Decision[] = [];
  const changes: SyncSnapshot[] = [];
  el.addEventListener('presencesyncerror', (event) => errors.push(event.detail));
  el.addEventListener('presencesyncdecision', (event) => decisions.push(event.detail));
  el.addEventListener('presencesyncchange', (event) => changes.push(event.detail));
  const all = {
    rules: JSON.stringify(EXAMPLE),
    'agent-origin': 'https://agent.example.com',
    'org-id': '00D5g000004ABCD',
    'user-id': '005000000000001',
    ...attributes,
  };
  for (const [name, value] of Object.entries(all)) if (value !== '') el.setAttribute(name, value);
  el.ports = {
    agent,
    storage: new MemoryStorage('005000000000001'),
    leader: options.leader ?? createLeader({ userId: 'x', locks: null, channel: null }),
  };
  if (options.omni !== false) el.omni = omni;
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return { el, omni, agent, errors, decisions, changes };
}

function until(
  el: PresenceSyncElement,
  check: (snapshot: SyncSnapshot) => boolean,
): Promise<SyncSnapshot> {
  return firstValueFrom(el.snapshot$.pipe(filter(check)));
}

async function rendered(el: PresenceSyncElement): Promise<ShadowRoot> {
  await el.updateComplete;
  return el.renderRoot as ShadowRoot;
}

const phaseText = async (el: PresenceSyncElement) =>
  (await rendered(el)).querySelector('[part=phase]')?.textContent?.trim();
const alerts = async (el: PresenceSyncElement) =>
  [...(await rendered(el)).querySelectorAll('[role=alert]')].map(
    (node) => node.textContent?.replace(/\s+/g, ' ').trim() ?? '',
  );
const newestDecision = async (el: PresenceSyncElement) =>
  (await rendered(el)).querySelector('[part=decisions] li')?.textContent?.trim();

describe('<presence-sync> attributes', () => {
  const cases: Array<
    [attribute: string, property: keyof PresenceSyncElement, value: string, expected: unknown]
  > = [
    [
      'agent-origin',
      'agentOrigin',
      'https://a.example.com https://b.example.com',
      'https://a.example.com https://b.example.com',
    ],
    ['agent-src', 'agentSrc', 'https://a.example.com/agent', 'https://a.example.com/agent'],
    ['agent-protocol', 'agentProtocol', 'cxone-client-events', 'cxone-client-events'],
    ['mode', 'mode', 'shadow', 'shadow'],
    ['authority', 'authority', 'salesforce', 'salesforce'],
    ['startup', 'startup', 'none', 'none'],
    ['user-id', 'userId', '005000000000002AAA', '005000000000002AAA'],
    ['org-id', 'orgId', '00D5g000004ABCD', '00D5g000004ABCD'],
    ['echo-window-ms', 'echoWindowMs', '2500', 2500],
    ['locale', 'locale', 'ja', 'ja'],
  ];
  for (const [attribute, property, value, expected] of cases) {
    it(`round-trips ${attribute} ⇄ ${String(property)}`, async () => {
      const { el } = await mount({ 'agent-origin': 'https://a.example.com https://b.example.com' });
      el.setAttribute(attribute, value);
      expect(el[property]).to.equal(expected);
      el.removeAttribute(attribute);
      (el as unknown as Record<string, unknown>)[property] = expected;
      await el.updateComplete;
      expect(el.getAttribute(attribute)).to.equal(value);
    });
  }

  it('takes rules as a JSON attribute or as an object property', async () => {
    const { el } = await mount();
    await until(el, (snapshot) => snapshot.rule === 'Chat and voice');
    el.rules = { ...EXAMPLE, rules: [{ ...EXAMPLE.rules[0], name: 'Renamed' }] };
    await until(el, (snapshot) => snapshot.rule === 'Renamed');
  });

  const bad: Array<[attribute: string, value: string, code: string]> = [
    ['mode', 'fast', 'config-invalid'],
    ['agent-origin', '*', 'origin-refused'],
    ['agent-origin', 'https://agent.example.com/path', 'origin-refused'],
    ['authority', 'me', 'config-invalid'],
    ['startup', 'both', 'config-invalid'],
    ['agent-protocol', 'soap', 'config-invalid'],
    ['echo-window-ms', 'soon', 'config-invalid'],
    ['user-id', 'alice', 'config-invalid'],
    ['agent-src', 'https://elsewhere.example.com/agent', 'origin-refused'],
  ];
  for (const [attribute, value, code] of bad) {
    it(`shows an alert naming ${attribute} for ${JSON.stringify(value)}, fires presencesyncerror, writes nothing`, async () => {
      const { el, errors, omni } = await mount({ [attribute]: value });
      expect(errors.map((error) => error.code)).to.deep.equal([code]);
      expect(errors[0]?.message).to.contain(attribute);
      const lines = await alerts(el);
      expect(lines).to.have.length(1);
      expect(lines[0]).to.contain(attribute);
      expect(el.snapshot.phase).to.equal('error');
      expect(await phaseText(el)).to.contain('Needs attention');
      expect(omni.calls).to.deep.equal([]);
    });
  }

  it('reports invalid rules with their JSON path, and starts once they are fixed', async () => {
    const broken = {
      ...EXAMPLE,
      rules: [{ ...EXAMPLE.rules[0], publisher: [{ acd: 'Busy', salesforce: 'Away' }] }],
    };
    const { el, errors, omni } = await mount({ rules: JSON.stringify(broken) });
    await until(el, (snapshot) =>
      snapshot.problems.some((problem) => problem.code === 'rules-invalid'),
    );
    expect(
      errors.some(
        (error) =>
          error.code === 'rules-invalid' && error.message.includes('rules[0].publisher[0].acd'),
      ),
    ).to.equal(true);
    expect((await alerts(el)).join(' ')).to.contain('rules[0].publisher[0].acd');
    el.setAttribute('rules', JSON.stringify(EXAMPLE));
    await until(el, (snapshot) => snapshot.phase === 'in-sync');
    expect(omni.calls).to.deep.equal(['set:Available_for_Chats']);
    expect(await alerts(el)).to.deep.equal([]);
  });

  it('never throws from a setter, whatever it is given', async () => {
    const { el } = await mount();
    for (const value of [null, undefined, 42, {}, [], 'x'.repeat(100_000), '{"version": 1']) {
      (el as unknown as Record<string, unknown>).rules = value;
      (el as unknown as Record<string, unknown>).mode = value;
      (el as unknown as Record<string, unknown>).echoWindowMs = value;
      await el.updateComplete;
    }
    expect(el.snapshot.phase).to.equal('error');
  });

  it('once an attribute breaks, says error in its snapshot at once, and draws no more until something changes', async () => {
    const { el, omni } = await mount();
    await until(el, (snapshot) => snapshot.phase === 'in-sync');
    const heard: string[] = [];
    el.addEventListener('presencesyncerror', () => heard.push(el.snapshot.phase));
    el.mode = 'fast';
    // Lit's updateComplete is false when the update asked for another one.
    expect(await el.updateComplete).to.equal(false);
    expect(el.snapshot.phase).to.equal('error');
    expect(el.snapshot.problems.map((problem) => problem.path)).to.deep.equal(['mode']);
    // The Lightning host reads the phase for its utility label when it hears the error.
    expect(heard).to.deep.equal(['error']);
    expect(await el.updateComplete).to.equal(true);
    expect(await phaseText(el)).to.contain('Needs attention');
    expect(omni.calls).to.deep.equal(['set:Available_for_Chats']);
  });
});

describe('<presence-sync> panel', () => {
  it('shows both sides, the rule and in sync once started', async () => {
    const { el, changes } = await mount();
    await until(el, (snapshot) => snapshot.phase === 'in-sync');
    const root = await rendered(el);
    expect(root.querySelector('[data-side=salesforce]')?.textContent).to.equal(
      'Available for Chats',
    );
    expect(root.querySelector('[data-side=acd]')?.textContent).to.equal('Available');
    expect(root.querySelector('[part=rule]')?.textContent).to.contain('Chat and voice');
    expect(await phaseText(el)).to.contain('In sync');
    expect(changes.at(-1)?.phase).to.equal('in-sync');
  });

  it('draws in a later task than the writes a change makes, and then shows the change', async () => {
    const { el, omni, agent } = await mount();
    await until(el, (snapshot) => snapshot.phase === 'in-sync');
    expect(await phaseText(el)).to.contain('In sync');
    const before = agent.calls.length;
    omni.agentSets('Away');
    // The write went out at once; microtasks alone do not draw the panel.
    expect(agent.calls.slice(before)).to.deep.equal(['Unavailable/Lunch']);
    for (let turn = 0; turn < 20; turn += 1) await Promise.resolve();
    expect(el.renderRoot.querySelector('[data-side=salesforce]')?.textContent).to.equal(
      'Available for Chats',
    );
    expect((await rendered(el)).querySelector('[data-side=salesforce]')?.textContent).to.equal(
      'Away',
    );
  });

  it('reflects each phase: waiting, deferred, shadow, paused, follower', async () => {
    const waiting = await mount({}, { omni: false });
    expect(await phaseText(waiting.el)).to.contain('Waiting for Omni-Channel');

    const { el, omni, agent } = await mount();
    await until(el, (snapshot) => snapshot.phase === 'in-sync');
    agent.change(acd('InboundContact'));
    await until(
      el,
      (snapshot) => snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === 'Busy_On_Call',
    );
    omni.agentSets('Away');
    await until(el, (snapshot) => snapshot.phase === 'deferred');
    expect(await phaseText(el)).to.contain('Deferred until the call ends');
    expect(
      (await rendered(el)).querySelector('[part=panel]')?.classList.contains('deferred'),
    ).to.equal(true);

    const shadow = await mount({ mode: 'shadow' });
    await until(shadow.el, (snapshot) => snapshot.phase === 'shadow');
    expect(await phaseText(shadow.el)).to.contain('Shadow mode');

    const paused = await mount();
    await until(paused.el, (snapshot) => snapshot.phase === 'in-sync');
    ((await rendered(paused.el)).querySelector('[data-action=pause]') as HTMLButtonElement).click();
    await until(paused.el, (snapshot) => snapshot.phase === 'paused');
    expect(await phaseText(paused.el)).to.contain('Paused');
    expect(
      (await rendered(paused.el)).querySelector('[data-action=pause]')?.textContent?.trim(),
    ).to.equal('Resume');

    const never: LeaderPort = {
      subscribe: (listener) => (listener(false), () => undefined),
      close: () => undefined,
    };
    const follower = await mount({}, { leader: never });
    await until(follower.el, (snapshot) => snapshot.phase === 'follower');
    expect(await phaseText(follower.el)).to.contain('Another tab is syncing');
  });

  it('tells in plain words why a status changed', async () => {
    const { el, agent, decisions } = await mount();
    await until(el, (snapshot) => snapshot.phase === 'in-sync');
    agent.change(acd('Unavailable/Lunch'));
    await until(
      el,
      (snapshot) => snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === 'Away',
    );
    expect(await newestDecision(el)).to.equal(
      'Omni-Channel set to Away because CXone became Unavailable (Lunch) — rule Chat and voice, publisher row 3',
    );
    expect(
      decisions.some((decision) => decision.why === 'mapped' && decision.result === 'ok'),
    ).to.equal(true);
  });

  it('tells it in French and in Japanese too, once the language pack is here', async () => {
    const fr = await mount({ locale: 'fr' });
    await until(fr.el, (snapshot) => snapshot.phase === 'in-sync');
    // The element asked for the pack when it first rendered (src/element/locale-loader.ts).
    expect(await loadLocale('fr')).to.equal(true);
    fr.agent.change(acd('Unavailable/Lunch'));
    await until(
      fr.el,
      (snapshot) => snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === 'Away',
    );
    expect(await newestDecision(fr.el)).to.equal(
      'Omni-Channel mis sur Away car CXone est passé à Indisponible (Lunch) — règle Chat and voice, ligne publisher 3',
    );
    expect(await phaseText(fr.el)).to.contain('Synchronisé');

    const ja = await mount({ locale: 'ja-JP' });
    await until(ja.el, (snapshot) => snapshot.phase === 'in-sync');
    await loadLocale('ja');
    ja.agent.change(acd('Unavailable/Lunch'));
    await until(
      ja.el,
      (snapshot) => snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === 'Away',
    );
    expect(await newestDecision(ja.el)).to.equal(
      'CXone が 受付不可（Lunch） になったため、Omni-Channel を Away に設定 — ルール Chat and voice、パブリッシャー 3 行目',
    );
  });

  it('falls back to the page language, then English', async () => {
    document.documentElement.lang = 'uk';
    try {
      const { el } = await mount();
      await until(el, (snapshot) => snapshot.phase === 'in-sync');
      // Redrawn when the pack arrives, with nothing else changing.
      expect(await loadLocale('uk')).to.equal(true);
      expect(await phaseText(el)).to.contain('Синхронізовано');
      el.locale = 'xx';
      expect(await phaseText(el)).to.contain('Синхронізовано');
    } finally {
      document.documentElement.lang = 'en';
    }
  });

  it('passes the axe accessibility check in sync and with an error', async () => {
    const { el } = await mount();
    await until(el, (snapshot) => snapshot.phase === 'in-sync');
    await expect(el).to.be.accessible();
    const broken = await mount({ mode: 'fast' });
    await expect(broken.el).to.be.accessible();
  });

  it('can render into a closed shadow root', async () => {
    const { el } = await mount({ 'shadow-root': 'closed' });
    await until(el, (snapshot) => snapshot.phase === 'in-sync');
    expect(el.shadowRoot).to.equal(null);
    expect((el.renderRoot as ShadowRoot).mode).to.equal('closed');
  });

  it('exports diagnostics with ids, decisions and counters, and no URL secrets', async () => {
    const { el } = await mount({ 'agent-src': 'https://agent.example.com/app?token=s3cret#x' });
    await until(el, (snapshot) => snapshot.phase === 'in-sync');
    const diagnostics = await el.exportDiagnostics();
    const text = JSON.stringify(diagnostics);
    expect(text).to.not.contain('s3cret');
    expect((diagnostics.config as { agentSrc: string }).agentSrc).to.equal(
      'https://agent.example.com/app?…',
    );
    expect((diagnostics.config as { userId: string }).userId).to.equal('005000000000001');
    expect((diagnostics.decisions as Decision[]).length).to.be.greaterThan(0);
    expect(diagnostics.counters).to.deep.equal(el.snapshot.counters);
  });

  it('renders the agent app from agent-src in its own iframe', async () => {
    const { el } = await mount({ 'agent-src': 'https://agent.example.com/app' });
    const frame = (await rendered(el)).querySelector(
      'iframe[part=agent-frame]',
    ) as HTMLIFrameElement;
    expect(frame.src).to.equal('https://agent.example.com/app');
    expect(frame.title).to.equal('Contact-center agent app');
  });

  it('grants the agent frame only what its dialect needs, in a sandbox without top navigation', async () => {
    const sandbox = [
      'allow-scripts',
      'allow-same-origin',
      'allow-forms',
      'allow-popups',
      'allow-popups-to-escape-sandbox',
      'allow-storage-access-by-user-activation',
    ];
    for (const [protocol, allow] of [
      ['bridge', null],
      ['cxone-client-events', 'microphone; autoplay'],
    ] as const) {
      const { el } = await mount({
        'agent-src': 'https://agent.example.com/app',
        'agent-protocol': protocol,
      });
      const frame = (await rendered(el)).querySelector(
        'iframe[part=agent-frame]',
      ) as HTMLIFrameElement;
      expect(frame.getAttribute('allow'), protocol).to.equal(allow);
      expect([...frame.sandbox], protocol).to.deep.equal(sandbox);
      expect(frame.sandbox.contains('allow-top-navigation')).to.equal(false);
      expect(frame.sandbox.contains('allow-top-navigation-by-user-activation')).to.equal(false);
      el.remove();
    }
  });

  it('tells the agent side each time its agent frame loads a page', async () => {
    const page = `${location.origin}/test/adapters/tab-page.html`;
    const { el, agent } = await mount({ 'agent-src': page, 'agent-origin': location.origin });
    const frame = (await rendered(el)).querySelector('iframe') as HTMLIFrameElement;
    const loaded = () =>
      new Promise((done) => frame.addEventListener('load', done, { once: true }));
    if (agent.loads === 0) await loaded();
    expect(agent.loads).to.equal(1);
    frame.src = `${page}?again`;
    await loaded();
    expect(agent.loads).to.equal(2);
  });
});
