// The panel never says "In sync" while the two sides disagree and nothing will be written: the five
// cases a newcomer met in the demo, each through the real element, and a signed-out bridge that
// names no agent (so no rule is chosen for a placeholder identity).
import { expect } from '@open-wc/testing';
import { filter, firstValueFrom } from 'rxjs';
import { createLeader } from '../../src/adapters/leader.js';
import type { SyncSnapshot } from '../../src/core/snapshot.js';
import '../../src/define.js';
import type { PresenceSyncElement } from '../../src/element/presence-sync.js';
import { MemoryStorage } from '../../src/persistence/memory-storage.js';
import { ACD_WORK, CODES, EXAMPLE, STATUSES, acd } from '../core/fixtures.js';
import { loopbackOrigins, openAgentFrame, type AgentFrame } from '../fakes/agent-frame.js';
import { FakeAgentPort } from '../fakes/fake-agent-port.js';
import { FakeOmni } from '../fakes/fake-omni.js';

const mounted: Array<{ remove(): void }> = [];
afterEach(() => {
  for (const thing of mounted.splice(0)) thing.remove();
});

/** The rule the read-only dialect can use: no team, no code check (docs/contract.md §5.2). */
const TEAMLESS = {
  ...EXAMPLE,
  rules: [{ ...EXAMPLE.rules[0], teams: [], skipUnavailableCodeValidation: true }],
};

function element(attributes: Record<string, string>, omni: FakeOmni): PresenceSyncElement {
  const el = document.createElement('presence-sync');
  for (const [name, value] of Object.entries({
    'org-id': '00D5g000004ABCD',
    'user-id': '005000000000001',
    ...attributes,
  }))
    el.setAttribute(name, value);
  el.omni = omni;
  mounted.push(el);
  return el;
}

/** The element with an in-page agent side (a bridge that names itself `platform`). */
async function withFakeAgent(options: {
  sf: string;
  acd: string;
  rules?: unknown;
  platform?: string;
  codes?: typeof CODES;
}) {
  const omni = new FakeOmni(STATUSES, options.sf);
  const agent = new FakeAgentPort(
    acd(options.acd),
    options.codes ?? CODES,
    undefined,
    options.platform ?? 'cxone',
  );
  const el = element(
    {
      rules: JSON.stringify(options.rules ?? EXAMPLE),
      'agent-origin': 'https://agent.example.com',
    },
    omni,
  );
  el.ports = {
    agent,
    storage: new MemoryStorage('005000000000001'),
    leader: createLeader({ userId: `truth-${Math.random()}`, locks: null, channel: null }),
  };
  document.body.append(el);
  await el.updateComplete;
  return { el, omni, agent };
}

function until(
  el: PresenceSyncElement,
  check: (snapshot: SyncSnapshot) => boolean,
): Promise<SyncSnapshot> {
  return firstValueFrom(el.snapshot$.pipe(filter(check)));
}

async function shown(el: PresenceSyncElement) {
  await el.updateComplete;
  const root = el.renderRoot as ShadowRoot;
  const text = (selector: string) =>
    root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  return {
    phase: text('[part=phase]'),
    acdLabel: text('[part=sides] .side:nth-child(2) dt'),
    decision: text('[part=decisions] li'),
    alerts: [...root.querySelectorAll('[role=alert]')].map(
      (node) => node.getAttribute('data-code') ?? '',
    ),
  };
}

const both = (omni: string, state: string) => (snapshot: SyncSnapshot) =>
  snapshot.salesforce?.apiName === omni &&
  snapshot.acd !== null &&
  `${snapshot.acd.state}${snapshot.acd.reason ? `/${snapshot.acd.reason}` : ''}` === state;

describe('<presence-sync> phase: never "In sync" while the sides disagree and nothing is written', () => {
  it('after a duplicate login: not writing, and the skipped write says so (Omni Offline, CXone Unavailable/Lunch)', async () => {
    const { el, omni, agent } = await withFakeAgent({ sf: 'Away', acd: 'Available' });
    await until(el, (s) => s.phase === 'in-sync' && both('Available_for_Chats', 'Available')(s));
    omni.loggedOut('DuplicateLogin');
    await until(el, (s) => s.problems.some((problem) => problem.code === 'duplicate-login'));
    agent.change(acd('Unavailable/Lunch'));
    const snapshot = await until(el, both('Offline', 'Unavailable/Lunch'));
    expect(snapshot.phase).to.equal('not-writing');
    expect(snapshot.cause).to.equal('duplicate-login');
    const panel = await shown(el);
    expect(panel.phase).to.equal('Not writing: Omni-Channel is open in another tab or browser');
    expect(panel.decision).to.match(
      /^Omni-Channel not set to Away: Omni-Channel was opened elsewhere \(CXone became Unavailable \(Lunch\)\)/,
    );
  });

  it('in the read-only cxone-client-events dialect: not writing when CXone should follow Omni-Channel', async () => {
    const origins = await loopbackOrigins();
    const frame: AgentFrame = await openAgentFrame(origins.agent, 'cxone-client-events');
    mounted.push(frame);
    const omni = new FakeOmni(STATUSES, 'Away');
    const el = element(
      {
        rules: JSON.stringify(TEAMLESS),
        'agent-origin': origins.agent,
        'agent-protocol': 'cxone-client-events',
      },
      omni,
    );
    el.ports = {
      storage: new MemoryStorage('005000000000001'),
      leader: createLeader({ userId: `truth-${Math.random()}`, locks: null, channel: null }),
    };
    el.agentWindow = frame.window;
    document.body.append(el);
    await frame.run({ cmd: 'set', state: 'Available' });
    await until(el, (s) => s.phase === 'in-sync' && both('Available_for_Chats', 'Available')(s));
    omni.agentSets('Away');
    const snapshot = await until(el, (s) => s.salesforce?.apiName === 'Away');
    expect(snapshot.acd?.state).to.equal('Available');
    expect(snapshot.phase).to.equal('not-writing');
    expect(snapshot.cause).to.equal('read-only-agent');
    const panel = await shown(el);
    expect(panel.phase).to.equal(
      'Not writing: CXone cannot be set from here, so it stays Available',
    );
    expect(panel.acdLabel).to.equal('CXone');
  });

  it('at first load: not mapped when the ACD state has no row (Omni Away, CXone Unavailable)', async () => {
    const { el } = await withFakeAgent({ sf: 'Away', acd: 'Unavailable' });
    const snapshot = await until(el, (s) => s.phase !== 'waiting' && s.phase !== 'starting');
    expect(snapshot.phase).to.equal('not-mapped');
    expect(snapshot.cause).to.equal('acd-unmapped');
    expect((await shown(el)).phase).to.equal(
      'Not mapped: no row for CXone Unavailable, so Omni-Channel stays Away',
    );
  });

  it('a Webex supervisor sets a code the rule does not map (Break): not mapped, and the side is called Webex', async () => {
    const codes = [...CODES, { name: 'Break', isAcw: false, isActive: true }];
    const { el, agent } = await withFakeAgent({
      sf: 'Away',
      acd: 'Available',
      rules: ACD_WORK,
      platform: 'webex',
      codes,
    });
    await until(el, (s) => s.phase === 'in-sync' && both('Available_for_Chats', 'Available')(s));
    agent.change(acd('Unavailable/Break'));
    const snapshot = await until(el, both('Available_for_Chats', 'Unavailable/Break'));
    expect(snapshot.phase).to.equal('not-mapped');
    const panel = await shown(el);
    expect(panel.phase).to.equal(
      'Not mapped: no row for Webex Unavailable (Break), so Omni-Channel stays Available for Chats',
    );
    expect(panel.acdLabel).to.equal('Webex');
    expect(panel.decision).to.equal(
      'Webex became Unavailable (Break): no row of the rule maps it — rule Webex',
    );
  });

  it('the Webex agent logs out and the rule has no LoggedOut row: not mapped, Omni-Channel stays', async () => {
    const { el, agent } = await withFakeAgent({
      sf: 'Away',
      acd: 'Unavailable/Lunch',
      rules: ACD_WORK,
      platform: 'webex',
    });
    await until(el, (s) => s.phase === 'in-sync' && both('Away', 'Unavailable/Lunch')(s));
    agent.change(acd('LoggedOut'));
    const snapshot = await until(el, both('Away', 'LoggedOut'));
    expect(snapshot.phase).to.equal('not-mapped');
    expect((await shown(el)).phase).to.equal(
      'Not mapped: no row for Webex Logged out, so Omni-Channel stays Away',
    );
  });
});

describe('<presence-sync> before anyone signs in on the agent side', () => {
  /**
   * A same-origin frame answering the widget's hello as the CXone bridge does before "Connect
   * CXone" (src/bridges/cxone/page.ts, signedOutHello): no agent, no state, no writes, and why.
   */
  function signedOutBridge(): HTMLIFrameElement {
    const frame = document.createElement('iframe');
    frame.srcdoc = `<script>
      addEventListener('message', (event) => {
        if (event.source !== parent || event.data?.type !== 'hello') return;
        parent.postMessage({ ns: 'presence-sync', v: 1, type: 'hello', role: 'agent', platform: 'cxone',
          write: false, problem: 'Not connected to CXone: press "Connect CXone" in the agent frame.' },
          ${JSON.stringify(location.origin)});
      });
    </script>`;
    mounted.push(frame);
    return frame;
  }

  it('takes no state before the agent side says hello, so no rule is chosen for nobody', async () => {
    const frame = document.createElement('iframe');
    // A state first (the protocol's first message is hello), then the hello with the agent.
    frame.srcdoc = `<script>
      const to = ${JSON.stringify(location.origin)};
      const state = { state: 'Available', reason: '', isAcw: false, since: 1 };
      parent.postMessage({ ns: 'presence-sync', v: 1, type: 'state', state, seq: 1 }, to);
      addEventListener('message', (event) => {
        if (event.source !== parent || event.data?.type !== 'hello') return;
        parent.postMessage({ ns: 'presence-sync', v: 1, type: 'state', state, seq: 2 }, to);
        parent.postMessage({ ns: 'presence-sync', v: 1, type: 'hello', role: 'agent',
          agent: { agentId: '1001', teamId: '7', teamName: 'Tier 1' }, state, write: true,
          codes: ${JSON.stringify(CODES)} }, to);
      });
    </script>`;
    mounted.push(frame);
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const errors: string[] = [];
    const el = element(
      { rules: JSON.stringify(EXAMPLE), 'agent-origin': location.origin },
      new FakeOmni(STATUSES, 'Available_for_Chats'),
    );
    el.addEventListener('presencesyncerror', (event) => errors.push(event.detail.code));
    el.ports = {
      storage: new MemoryStorage('005000000000001'),
      leader: createLeader({ userId: `truth-${Math.random()}`, locks: null, channel: null }),
    };
    el.agentWindow = frame.contentWindow;
    document.body.append(el);
    const snapshot = await until(el, (s) => s.phase === 'in-sync');
    expect(snapshot.rule).to.equal('Chat and voice');
    expect(errors).to.deep.equal([]);
  });

  it('waits for the sign-in, names CXone, and reports no rules-no-match for a placeholder identity', async () => {
    const frame = signedOutBridge();
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const errors: string[] = [];
    const omni = new FakeOmni(STATUSES, 'Away');
    const el = element({ rules: JSON.stringify(EXAMPLE), 'agent-origin': location.origin }, omni);
    el.addEventListener('presencesyncerror', (event) => errors.push(event.detail.code));
    el.ports = {
      storage: new MemoryStorage('005000000000001'),
      leader: createLeader({ userId: `truth-${Math.random()}`, locks: null, channel: null }),
    };
    el.agentWindow = frame.contentWindow;
    document.body.append(el);
    const snapshot = await until(el, (s) => s.cause === 'agent-not-connected');
    expect(snapshot.phase).to.equal('waiting');
    expect(snapshot.rule).to.equal(null);
    const panel = await shown(el);
    expect(panel.phase).to.equal('Waiting for CXone to connect');
    expect(panel.alerts).to.deep.equal(['agent-not-connected']);
    expect(errors).to.not.include('rules-no-match');
  });
});
