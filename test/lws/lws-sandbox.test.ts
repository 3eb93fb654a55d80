// The built IIFE inside Salesforce's Lightning Web Security sandbox (@locker/sandbox@0.28.4, the
// library LWS runs namespaced code in, with its default gates), loaded as the host component loads
// it: a stand-in host whose code runs in sandbox "c" calls `loadScript` from
// lightning/platformResourceLoader as LWS hands it to namespace c (`wrapDependency`), which adds a
// <script> whose code runs in sandbox c; then it creates and renders <presence-sync>. The agent app
// is on a second origin; each test goes through a subscribe and a publish with no page error: once
// handed in as `agentWindow`, once in the element's own `agent-src` frame, whose panel must read
// as in a plain page (the sandbox sanitizes parsed markup; the panel parses none).
import { expect } from '@open-wc/testing';
import { evaluateInSandbox, wrapDependency } from '@locker/sandbox';
import { ACD_WORK, STATUSES } from '../core/fixtures.js';
import { FakeOmni } from '../fakes/fake-omni.js';
import { driveAgentWindow, loopbackOrigins, openAgentFrame } from '../fakes/agent-frame.js';

type Sandboxed = HTMLElement & {
  updateComplete: Promise<boolean>;
  snapshot: {
    phase: string;
    leader: boolean;
    salesforce: { apiName: string } | null;
    acd: { state: string; reason: string } | null;
    pending?: unknown[];
    counters: { rejected: number };
  };
};

const until = async (check: () => boolean, what: string) => {
  for (let round = 0; round < 400; round += 1) {
    if (check()) return;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  throw new Error(`timed out: ${what}`);
};

/** lightning/platformResourceLoader as LWS gives it to namespace c (its trusted path unused). */
const platformResourceLoader = wrapDependency(
  {
    loadScript: () => Promise.reject(new Error('the trusted-mode loader is not used')),
    loadStyle: () => Promise.reject(new Error('the trusted-mode loader is not used')),
  },
  'lightning/platformResourceLoader',
  'c',
) as { loadScript(component: unknown, url: string): Promise<void> };

/**
 * A stand-in for the host component in sandbox c: its code loads the IIFE with `loadScript` (a
 * second load finds it loaded), creates <presence-sync> with `attributes` and `properties`, and
 * appends it to `root`, a node of the page.
 */
function hostInSandboxC(
  root: HTMLElement,
  attributes: Record<string, string>,
  properties: Record<string, unknown>,
): Promise<Sandboxed> {
  return new Promise((resolve, reject) =>
    evaluateInSandbox(
      'c',
      `(${function (context: {
        root: HTMLElement;
        loadScript(component: unknown, url: string): Promise<void>;
        attributes: Record<string, string>;
        properties: Record<string, unknown>;
        done: (element: HTMLElement) => void;
        failed: (error: unknown) => void;
      }) {
        context.loadScript(null, '/dist/presence-sync.iife.js').then(() => {
          const element = document.createElement('presence-sync');
          for (const [name, value] of Object.entries(context.attributes))
            element.setAttribute(name, value);
          Object.assign(element, context.properties);
          context.root.append(element);
          context.done(element);
        }, context.failed);
      }})($lockerEvalContext$)`,
      {
        root,
        loadScript: platformResourceLoader.loadScript,
        attributes,
        properties,
        done: (element: HTMLElement) => resolve(element as Sandboxed),
        failed: reject,
      },
    ),
  );
}

describe('the IIFE in the LWS sandbox', () => {
  it('syncs both ways from sandbox c, its agent frame cross-origin', async () => {
    const errors: string[] = [];
    window.addEventListener('error', (event) => errors.push(String(event.message)));
    const origins = await loopbackOrigins();
    const omni = new FakeOmni(STATUSES, 'Away');
    const frame = await openAgentFrame(origins.agent, 'bridge');
    await frame.run({ cmd: 'set', state: 'Unavailable', reason: 'Lunch' });
    const root = document.createElement('div');
    document.body.append(root);
    const el = await hostInSandboxC(
      root,
      { rules: JSON.stringify(ACD_WORK), 'agent-origin': origins.agent, startup: 'none' },
      { agentWindow: frame.window, omni },
    );
    // The IIFE ran in sandbox c: the page's own window and custom element registry know nothing of it.
    expect('PresenceSync' in window).to.equal(false);
    expect(customElements.get('presence-sync')).to.equal(undefined);
    const snapshot = () => el.snapshot;
    await until(() => snapshot().acd !== null && snapshot().phase === 'in-sync', 'in sync');
    omni.agentSets('Available_for_Chats');
    await until(() => snapshot().acd?.state === 'Available', 'the agent app follows Omni');
    await frame.run({ cmd: 'set', state: 'Unavailable', reason: 'Lunch' });
    await until(() => omni.current?.apiName === 'Away', 'Omni follows the agent app');
    expect(errors).to.deep.equal([]);
  });

  it('renders its panel and its own agent-src frame from sandbox c, and syncs through that frame', async () => {
    const errors: string[] = [];
    window.addEventListener('error', (event) => errors.push(String(event.message)));
    const origins = await loopbackOrigins();
    const omni = new FakeOmni(STATUSES, 'Away');
    const agentSrc = `${origins.agent}/test/fakes/agent-app.html?protocol=bridge&widget=${encodeURIComponent(location.origin)}`;
    const root = document.createElement('div');
    document.body.append(root);
    const element = await hostInSandboxC(
      root,
      {
        rules: JSON.stringify(ACD_WORK),
        'agent-origin': origins.agent,
        'agent-src': agentSrc,
        startup: 'none',
        locale: 'en',
        // Its own user, so it leads: the element of the test before holds the lock of its user.
        'user-id': '005000000000777',
      },
      { omni },
    );
    const shadow = element.shadowRoot as ShadowRoot;
    const iframe = () => shadow.querySelector<HTMLIFrameElement>('iframe[part=agent-frame]');
    await until(() => iframe() !== null, 'the agent-src frame is rendered');
    expect(iframe()?.getAttribute('src')).to.equal(agentSrc);
    expect(iframe()?.title).to.equal('Contact-center agent app');
    const agent = await driveAgentWindow(() => iframe()?.contentWindow ?? null, origins.agent);
    await agent.run({ cmd: 'set', state: 'Unavailable', reason: 'Lunch' });
    await until(() => element.snapshot.phase === 'in-sync', 'in sync');
    omni.agentSets('Available_for_Chats');
    await until(() => element.snapshot.acd?.state === 'Available', 'the agent app follows Omni');
    await agent.run({ cmd: 'set', state: 'Unavailable', reason: 'Lunch' });
    await until(() => omni.current?.apiName === 'Away', 'Omni follows the agent app');
    // The panel as an agent sees it: each word where it belongs, no markup or code as text.
    await until(
      () => shadow.querySelector('[part=phase]')?.textContent?.trim() === 'In sync',
      'the phase line says in sync',
    );
    await until(
      () => shadow.querySelector('[data-side=acd]')?.textContent === 'Unavailable (Lunch)',
      'the panel shows the agent state',
    );
    const panel = shadow.querySelector('[part=panel]') as HTMLElement;
    expect(panel.className).to.equal('panel in-sync');
    expect(panel.getAttribute('aria-label')).to.equal('Presence sync');
    const buttons = [...shadow.querySelectorAll('button')];
    expect(buttons.map((button) => button.textContent?.trim())).to.deep.equal([
      'Resync',
      'Pause',
      'Export diagnostics',
    ]);
    expect(panel.textContent).not.to.match(/=>|\$lit\$|\[object/);
    // The buttons work: Pause pauses, and its label becomes Resume.
    (shadow.querySelector('[data-action=pause]') as HTMLButtonElement).click();
    await until(() => element.snapshot.phase === 'paused', 'paused by its button');
    await until(
      () => shadow.querySelector('[data-action=pause]')?.textContent?.trim() === 'Resume',
      'the button says Resume',
    );
    expect(errors).to.deep.equal([]);
    root.remove();
  });

  it('waits for its agent-src frame to load, then holds through hundreds of changes each way', async () => {
    const errors: string[] = [];
    window.addEventListener('error', (event) => errors.push(String(event.message)));
    const origins = await loopbackOrigins();
    const omni = new FakeOmni(STATUSES, 'Away');
    const key = `lws-${Math.random().toString(36).slice(2)}`;
    const agentSrc = `${origins.agent}/test/fakes/agent-app.html?protocol=bridge&widget=${encodeURIComponent(location.origin)}&hold=${key}`;
    const root = document.createElement('div');
    document.body.append(root);
    const element = await hostInSandboxC(
      root,
      {
        rules: JSON.stringify(ACD_WORK),
        'agent-origin': origins.agent,
        'agent-src': agentSrc,
        startup: 'none',
        'user-id': '005000000000778',
      },
      { omni },
    );
    const iframe = () =>
      element.shadowRoot?.querySelector<HTMLIFrameElement>('iframe[part=agent-frame]') ?? null;
    await until(() => iframe() !== null, 'the agent-src frame is rendered');
    // The agent app's page is committed and running, its load held back by the test server.
    const agent = await driveAgentWindow(() => iframe()?.contentWindow ?? null, origins.agent);
    for (let change = 0; change < 300; change += 1)
      omni.agentSets(change % 2 === 0 ? 'Available_for_Chats' : 'Away');
    await until(() => element.snapshot.salesforce?.apiName === 'Away', 'Omni changes are heard');
    // A host that sets an attribute now (a user id it fetched, say) restarts the engine, which says
    // hello to the agent side again: the element would post into the loading page if it did not wait.
    element.setAttribute('echo-window-ms', '6000');
    await element.updateComplete;
    await until(() => element.snapshot.leader, 'the restarted engine leads');
    let report = await agent.run({ cmd: 'received', count: 0 });
    expect(report.earlyMessages, 'messages posted into the frame before its load').to.equal(0);
    expect(element.snapshot.acd).to.equal(null);
    await fetch(`/__release?key=${key}`);
    await until(() => element.snapshot.acd !== null, 'the agent app answers once loaded');
    // Hundreds of changes each way, back to back; both sides end where the last change put them.
    await agent.run({ cmd: 'storm', count: 200 });
    await until(
      () => omni.current?.apiName === 'Available_for_Chats',
      'Omni follows the storm of agent changes',
    );
    for (let change = 0; change < 201; change += 1)
      omni.agentSets(change % 2 === 0 ? 'Away' : 'Available_for_Chats');
    // Settled, not passing through: on a loaded machine the agent app shows Lunch on its way too.
    await until(
      () =>
        element.snapshot.acd?.reason === 'Lunch' &&
        element.snapshot.phase === 'in-sync' &&
        (element.snapshot.pending ?? []).length === 0,
      'the agent app follows Omni, and no write of ours is under way',
    );
    report = await agent.run({ cmd: 'received', count: 0 });
    expect(report.state.state).to.equal('Unavailable');
    expect(report.state.reason).to.equal('Lunch');
    expect(report.earlyMessages).to.equal(0);
    expect(element.snapshot.counters.rejected).to.equal(0);
    expect(errors).to.deep.equal([]);
    root.remove();
  });

  it('is really inside the sandbox: a copy of the IIFE that adds a listener LWS forbids fails', async () => {
    const iife = await (await fetch('/dist/presence-sync.iife.js')).text();
    const forbidden = `${iife};\nwindow.addEventListener('unhandledrejection', function () {});`;
    let failure: unknown = null;
    try {
      evaluateInSandbox('lws-probe', forbidden);
    } catch (error) {
      failure = error;
    }
    expect(String(failure)).to.contain('Lightning Web Security');
  });
});
