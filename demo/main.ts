/**
 * The demo harness: a simulated Omni-Channel widget, the real element, the simulated agent app on a
 * second origin, a rule editor, scripted scenarios and a live log. Every bug report should be
 * reproducible here. `window.demo` exposes the pieces to the end-to-end tests.
 */
import { filter, firstValueFrom } from 'rxjs';
import { createLeader } from '../src/adapters/leader.js';
import { parseRules } from '../src/core/rules/parse.js';
import type { SyncSnapshot } from '../src/core/snapshot.js';
import '../src/define.js';
import type { PresenceSyncElement } from '../src/element/presence-sync.js';
import { MemoryStorage } from '../src/persistence/memory-storage.js';
import { ACD_WORK, EXAMPLE, STATUSES } from '../test/core/fixtures.js';
import type { Protocol } from '../test/fakes/agent-app.js';
import { loopbackOrigins, openAgentFrame, type AgentFrame } from '../test/fakes/agent-frame.js';
import { FakeOmni } from '../test/fakes/fake-omni.js';
import { mountRulesSetup } from './rules-setup.js';
import { mountSetup } from './setup.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const origins = await loopbackOrigins();
$('agent-origin').textContent = origins.agent;

/** The read-only dialect carries no team or codes: only a rule without them can apply. */
const TEAMLESS = {
  ...EXAMPLE,
  rules: [{ ...EXAMPLE.rules[0], teams: [], skipUnavailableCodeValidation: true }],
};

interface World {
  omni: FakeOmni;
  /** The simulated agent app; with the CXone side the agent is the simulated CXone instead. */
  agent: AgentFrame;
  el: PresenceSyncElement;
}
let world: World;
/**
 * The simulated agent app's two dialects, the real CXone bridge against the simulated CXone API,
 * or the real Webex relay (and SDK) under the simulated Webex Desktop.
 */
type Dialect = Protocol | 'cxone' | 'webex';
let protocol: Dialect = 'bridge';
/** Where the simulated CXone is, once the dev server started it. */
let cxone: { issuer: string; bridge: string } | null = null;

/** The rule for the CXone side: its agent comes with team id 7 and the simulator's codes. */
const CXONE_RULE = {
  ...EXAMPLE,
  orgId: undefined,
  rules: [
    { ...EXAMPLE.rules[0], teams: ['7'], omniWork: { atPercent: 100, acd: 'Unavailable/Lunch' } },
  ],
};

/**
 * The Webex connector's three Omni-Channel settings as a rule (docs/contract.md §5.4): sync on,
 * an Omni-Channel status during a voice call (`acdWork`, also in wrap-up when `acw`), an idle code
 * while Omni work goes on (`omniWork` at 0.01 %: any work), plus plain rows both ways (not among
 * Cisco's settings). Sync off drops the two settings; the plain rows stay.
 */
function webexRule(settings: {
  enabled: boolean;
  callStatus: string;
  acw: boolean;
  idleCode: string;
}) {
  return {
    version: 1,
    rules: [
      {
        name: 'Webex Contact Center',
        // The plain rows both ways, as in the Webex fixture rule.
        publisher: ACD_WORK.rules[0]!.publisher,
        subscriber: ACD_WORK.rules[0]!.subscriber,
        ...(settings.enabled
          ? {
              acdWork: { salesforce: settings.callStatus, acw: settings.acw },
              omniWork: { atPercent: 0.01, acd: `Unavailable/${settings.idleCode}` },
            }
          : {}),
        teams: [],
        users: [],
      },
    ],
  };
}
const webexSettings = () => ({
  enabled: $<HTMLInputElement>('webex-enabled').checked,
  callStatus: $<HTMLSelectElement>('webex-call-status').value,
  acw: $<HTMLInputElement>('webex-acw').checked,
  idleCode: $<HTMLSelectElement>('webex-idle-code').value,
});
for (const status of STATUSES) {
  const option = document.createElement('option');
  option.value = status.apiName;
  option.textContent = status.label;
  option.selected = status.apiName === 'Busy_On_Call';
  $<HTMLSelectElement>('webex-call-status').append(option);
}
let ruleText = JSON.stringify(EXAMPLE, null, 2);

// ── log ──────────────────────────────────────────────────────────────────────────────────────
interface Entry {
  at: string;
  kind: string;
  text: string;
  data: unknown;
}
const entries: Entry[] = [];
function log(kind: string, text: string, data: unknown = null): void {
  const entry = { at: new Date().toISOString().slice(11, 23), kind, text, data };
  entries.push(entry);
  if (entries.length > 2000) entries.shift();
  renderLog();
}
function renderLog(): void {
  const needle = $<HTMLInputElement>('log-filter').value.trim().toLowerCase();
  const list = $('log');
  list.replaceChildren(
    ...entries
      .filter(
        (entry) => needle === '' || `${entry.kind} ${entry.text}`.toLowerCase().includes(needle),
      )
      .slice(-300)
      .map((entry) => {
        const item = document.createElement('li');
        item.className = entry.kind === 'presencesyncerror' ? 'error' : '';
        item.textContent = `${entry.at} ${entry.kind}: ${entry.text}`;
        return item;
      }),
  );
  list.scrollTop = list.scrollHeight;
}
$('log-filter').addEventListener('input', renderLog);
$('log-clear').addEventListener('click', () => {
  entries.length = 0;
  renderLog();
});
$('log-export').addEventListener('click', () => {
  const link = document.createElement('a');
  link.href = `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(entries, null, 2))}`;
  link.download = 'presence-sync-demo-log.json';
  link.click();
});

// ── the simulated Omni-Channel widget ────────────────────────────────────────────────────────
for (const id of ['omni-pick', 'supervisor-pick']) {
  for (const status of STATUSES)
    $<HTMLSelectElement>(id).add(new Option(status.label, status.apiName));
}
function renderOmni(): void {
  const { omni } = world;
  $('omni-status').textContent = omni.current === null ? 'Offline' : omni.current.label;
  $('omni-status').dataset.apiName = omni.current?.apiName ?? 'Offline';
  $('capacity').textContent = String(omni.capacity);
  $('workload').textContent = String(omni.workload);
  $('works').replaceChildren(
    ...omni.works.map((work) => {
      const item = document.createElement('li');
      item.textContent = `Chat ${work.workItemId.slice(-4)} ${work.isEngaged ? '(accepted)' : '(offered)'} `;
      const accept = Object.assign(document.createElement('button'), {
        type: 'button',
        textContent: 'Accept',
        disabled: work.isEngaged,
      });
      accept.addEventListener('click', () => world.omni.acceptWork(work.workItemId));
      const close = Object.assign(document.createElement('button'), {
        type: 'button',
        textContent: 'Close',
      });
      close.addEventListener('click', () => world.omni.closeWork(work.workItemId));
      item.append(accept, close);
      return item;
    }),
  );
}
$('omni-set').addEventListener('click', () =>
  world.omni.agentSets($<HTMLSelectElement>('omni-pick').value),
);
$('omni-logout').addEventListener('click', () => world.omni.loggedOut());
$('assign').addEventListener('click', () => world.omni.assignWork());
$('supervisor-set').addEventListener('click', () =>
  world.omni.supervisorSets($<HTMLSelectElement>('supervisor-pick').value),
);
$('duplicate').addEventListener('click', () => world.omni.loggedOut('DuplicateLogin'));

// ── the rule editor: validated as you type, applied on demand ───────────────────────────────
const editor = $<HTMLTextAreaElement>('rule');
function validateRule(): boolean {
  const parsed = parseRules(editor.value);
  $('rule-problems').replaceChildren(
    ...(parsed.ok ? [] : parsed.problems).map((problem) =>
      Object.assign(document.createElement('li'), {
        textContent: `${problem.path ?? ''}: ${problem.message}`,
      }),
    ),
  );
  $('rule-ok').textContent = parsed.ok ? `Valid: ${parsed.document.rules.length} rule(s).` : '';
  return parsed.ok;
}
editor.addEventListener('input', validateRule);
$('rule-apply').addEventListener('click', () => {
  ruleText = editor.value;
  world.el.rules = ruleText;
  log('demo', 'rule applied');
});

// ── building (and rebuilding) the world ──────────────────────────────────────────────────────
/** Builds a fresh world; builds run one after another, each with the dialect it was asked for. */
let building: Promise<unknown> = Promise.resolve();
function build(): Promise<World> {
  const dialect = protocol;
  const next = building.then(() => buildWorld(dialect));
  building = next.catch(() => undefined);
  return next;
}

async function buildWorld(dialect: Dialect): Promise<World> {
  world?.el.remove();
  world?.agent?.remove();
  const omni = new FakeOmni(STATUSES, 'Away');
  const onWebex = dialect === 'webex';
  const onCxone = dialect === 'cxone';
  $('cxone-controls').hidden = !onCxone;
  $('webex-controls').hidden = !onWebex;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-scenario]')) {
    // The scenarios drive the simulated agent app; CXone and Webex are driven by their own controls.
    button.disabled = onCxone || onWebex;
  }
  const agent =
    onCxone || onWebex
      ? (null as unknown as AgentFrame)
      : await openAgentFrame(
          origins.agent,
          dialect as Protocol,
          '/test/fakes/agent-app.html',
          $('agent-frame'),
        );
  const el = document.createElement('presence-sync');
  el.setAttribute('agent-origin', origins.agent);
  el.setAttribute('agent-protocol', onCxone || onWebex ? 'bridge' : dialect);
  if (onCxone) {
    cxone ??= (await (await fetch('/__cxone')).json()) as { issuer: string; bridge: string };
    el.setAttribute('agent-src', cxone.bridge);
  }
  if (onWebex) {
    // The Desktop (and the relay in it) forgets nothing across a rebuild but the page's session.
    sessionStorage.clear();
    el.setAttribute(
      'agent-src',
      `${origins.agent}/test/fakes/webex-desktop/desktop.html?lightning=${encodeURIComponent(location.origin)}&aqm=3000`,
    );
  }
  el.setAttribute('org-id', '00D5g000004ABCD');
  el.setAttribute('echo-window-ms', '2000');
  el.rules = ruleText;
  // Each world is fresh: memory storage and a leader of its own, so scenarios never leak into each other.
  el.ports = {
    storage: new MemoryStorage('demo'),
    leader: createLeader({ userId: `demo-${Math.random()}`, locks: null, channel: null }),
  };
  if (!onCxone && !onWebex) el.agentWindow = agent.window;
  el.addEventListener('presencesyncdecision', (event) => {
    const decision = (event as CustomEvent).detail;
    log(
      'decision',
      `#${decision.id} ${decision.why} ${decision.result}: ${decision.trigger.side} ${decision.trigger.from} → ${decision.trigger.to}${decision.action === 'none' ? '' : `; set ${decision.action.side} to ${decision.action.target}`}`,
      decision,
    );
  });
  el.addEventListener('presencesyncerror', (event) => {
    log(
      'presencesyncerror',
      `${(event as CustomEvent).detail.code}: ${(event as CustomEvent).detail.message}`,
      (event as CustomEvent).detail,
    );
  });
  el.addEventListener('presencesyncchange', (event) => {
    const snapshot = (event as CustomEvent<SyncSnapshot>).detail;
    // The problems carry their JSON path: the Setup view names the record behind each.
    setup?.showProblems(snapshot.problems);
    log(
      'presencesyncchange',
      `${snapshot.phase} · Omni ${snapshot.salesforce?.apiName ?? '?'} · CXone ${snapshot.acd ? `${snapshot.acd.state}${snapshot.acd.reason ? `/${snapshot.acd.reason}` : ''}` : '?'} · rejected ${snapshot.counters.rejected}`,
      snapshot,
    );
  });
  omni.onEvent = (event) => {
    log(
      'omni',
      `${event.type.replace('lightning:omniChannel', '')} ${JSON.stringify(event.detail)}`,
      event,
    );
    renderOmni();
  };
  $('element-host').append(el);
  el.omni = omni;
  world = { omni, agent, el };
  renderOmni();
  return world;
}

$<HTMLSelectElement>('dialect').addEventListener('change', async (event) => {
  protocol = (event.target as HTMLSelectElement).value as Dialect;
  const rule =
    protocol === 'bridge'
      ? EXAMPLE
      : protocol === 'cxone'
        ? CXONE_RULE
        : protocol === 'webex'
          ? webexRule(webexSettings())
          : TEAMLESS;
  ruleText = JSON.stringify(rule, null, 2);
  editor.value = ruleText;
  validateRule();
  await build();
  log('demo', `agent app dialect: ${protocol}`);
});

// ── the simulated CXone's controls (its control API, on the simulator's own origin) ──────────
async function cxoneStatus(): Promise<void> {
  if (cxone === null) return;
  const status = (await (await fetch(`${cxone.issuer}/__sim/status`)).json()) as {
    state: { state: string; reason: string; isAcw: boolean };
    loggedIn: boolean;
    sessions: number;
    posts: unknown[];
  };
  const state = `${status.state.state}${status.state.reason ? `/${status.state.reason}` : ''}${status.state.isAcw ? ' (ACW)' : ''}`;
  $('cxone-status').textContent =
    `${status.loggedIn ? 'logged in' : 'logged out'} · ${state} · ${status.sessions} API session(s) · ${status.posts.length} state POST(s) from the bridge`;
}
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-cxone]')) {
  button.addEventListener('click', async () => {
    if (cxone === null) return;
    const action = button.dataset.cxone as string;
    const [state, reason] = $<HTMLSelectElement>('cxone-state').value.split('/');
    const body =
      action === 'state'
        ? { state, reason: reason ?? '' }
        : action === 'hangup'
          ? { reason: 'Wrap' }
          : {};
    await fetch(`${cxone.issuer}/__sim/${action}`, { method: 'POST', body: JSON.stringify(body) });
    log(
      'cxone',
      `${action} ${action === 'state' ? $<HTMLSelectElement>('cxone-state').value : ''}`,
    );
    await cxoneStatus();
  });
}

// ── the simulated Webex Desktop's controls (messages to its frame, from this page only) ────────
function webexFrame(): Window | null {
  return world.el.shadowRoot?.querySelector('iframe')?.contentWindow ?? null;
}
function webex(op: string, ...args: unknown[]): void {
  webexFrame()?.postMessage({ ns: 'webex-desktop-sim', op, args }, origins.agent);
  log('webex', `${op} ${args.map((arg) => JSON.stringify(arg)).join(' ')}`);
}
let call = 0;
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-webex]')) {
  button.addEventListener('click', () => {
    const action = button.dataset.webex as string;
    const state = $<HTMLSelectElement>('webex-state').value;
    const id = `call-${call}`;
    if (action === 'agentSets' || action === 'supervisorSets') webex(action, state);
    else if (action === 'call') {
      call += 1;
      webex('offerCall', `call-${call}`);
      webex('answer', `call-${call}`);
    } else if (action === 'rona') {
      call += 1;
      webex('offerCall', `call-${call}`);
      webex('rona', `call-${call}`, 'c-rona');
    } else if (action === 'stationLogin') webex(action, state);
    else if (['consult', 'consultEnded', 'endCall', 'wrappedUp'].includes(action))
      webex(action, id);
    else webex(action);
  });
}
$<HTMLSelectElement>('webex-mode').addEventListener('change', (event) =>
  webex('setMode', (event.target as HTMLSelectElement).value),
);
$<HTMLFormElement>('webex-settings').addEventListener('submit', (event) => {
  event.preventDefault();
  ruleText = JSON.stringify(webexRule(webexSettings()), null, 2);
  editor.value = ruleText;
  validateRule();
  world.el.rules = ruleText;
  log('demo', 'the Webex settings made the rule');
});

// ── scenarios: scripted, each from a fresh world, waiting on the element (never on time) ────
const until = (check: (snapshot: SyncSnapshot) => boolean) =>
  firstValueFrom(world.el.snapshot$.pipe(filter(check)));
const synced = (omni: string, acd: string) =>
  until(
    (snapshot) =>
      snapshot.phase === 'in-sync' &&
      snapshot.salesforce?.apiName === omni &&
      `${snapshot.acd?.state}${snapshot.acd?.reason ? `/${snapshot.acd.reason}` : ''}` === acd,
  );

/** A fresh world, both sides Available and in sync. */
async function baseline(): Promise<World> {
  await build();
  await world.agent.run({ cmd: 'set', state: 'Available' });
  await synced('Available_for_Chats', 'Available');
  return world;
}

const SCENARIOS: Record<string, { label: string; run: () => Promise<void> }> = {
  elinor: {
    label: "Elinor's rule: Open ⇄ Available for Chats, both ways",
    run: async () => {
      await build();
      await world.agent.run({ cmd: 'set', state: 'Available' });
      await synced('Available_for_Chats', 'Available');
      world.omni.agentSets('Away');
      await synced('Away', 'Unavailable/Lunch');
      world.omni.agentSets('Available_for_Chats');
      await synced('Available_for_Chats', 'Available');
    },
  },
  previous: {
    label: 'A chat, then Chat Done restores the previous state',
    run: async () => {
      await baseline();
      world.omni.agentSets('Away');
      await synced('Away', 'Unavailable/Lunch');
      const chat = world.omni.assignWork();
      world.omni.acceptWork(chat);
      world.omni.closeWork(chat);
      world.omni.agentSets('Chat_Done');
      await synced('Chat_Done', 'Available');
    },
  },
  deferral: {
    label: 'A call, with a status change during it (deferred)',
    run: async () => {
      await baseline();
      await world.agent.run({ cmd: 'call' });
      await synced('Busy_On_Call', 'InboundContact');
      world.omni.agentSets('Away');
      await until((snapshot) => snapshot.phase === 'deferred');
      await world.agent.run({ cmd: 'hangup' });
      await synced('Away', 'Unavailable/Lunch');
    },
  },
  capacity: {
    label: 'Omni-Channel work at capacity, then below it',
    run: async () => {
      await baseline();
      const chats = [world.omni.assignWork(), world.omni.assignWork()];
      for (const chat of chats) world.omni.acceptWork(chat);
      await until((snapshot) => snapshot.phase === 'in-sync' && snapshot.acd?.reason === 'Chat');
      world.omni.closeWork(chats[0]!);
      await until(
        (snapshot) => snapshot.phase === 'in-sync' && snapshot.acd?.state === 'Available',
      );
    },
  },
  conflict: {
    label: 'A conflict: both sides change at once (latest wins)',
    run: async () => {
      await baseline();
      await world.agent.run({ cmd: 'set', state: 'Unavailable', reason: 'Lunch' });
      // The agent's ACD change is seen (and published) first; the Omni choice lands inside the window.
      await until((snapshot) => snapshot.acd?.reason === 'Lunch');
      world.omni.agentSets('Available_for_Chats');
      await until(
        (snapshot) =>
          snapshot.phase === 'in-sync' &&
          snapshot.salesforce?.apiName === 'Available_for_Chats' &&
          snapshot.acd?.state === 'Available',
      );
    },
  },
  forged: {
    label: 'A forged "Available" from a third origin (ignored)',
    run: async () => {
      await baseline();
      world.omni.agentSets('Away');
      await synced('Away', 'Unavailable/Lunch');
      const forger = await openAgentFrame(
        origins.third,
        'bridge',
        '/test/fakes/agent-app.html',
        $('forger'),
      );
      await forger.run({ cmd: 'hello' });
      await forger.run({ cmd: 'set', state: 'Available' });
      await until(
        (snapshot) =>
          snapshot.counters.rejected >= 2 &&
          snapshot.problems.some((problem) => problem.code === 'origin-refused'),
      );
      forger.remove();
    },
  },
  duplicate: {
    label: 'A duplicate login elsewhere stops Omni-Channel writes',
    run: async () => {
      await baseline();
      world.omni.loggedOut('DuplicateLogin');
      await until((snapshot) =>
        snapshot.problems.some((problem) => problem.code === 'duplicate-login'),
      );
      await world.agent.run({ cmd: 'set', state: 'Unavailable', reason: 'Lunch' });
      await until((snapshot) => snapshot.acd?.reason === 'Lunch');
    },
  },
};

let running: Promise<void> = Promise.resolve();
for (const [name, scenario] of Object.entries(SCENARIOS)) {
  const button = Object.assign(document.createElement('button'), {
    type: 'button',
    textContent: scenario.label,
  });
  button.dataset.scenario = name;
  button.addEventListener('click', () => {
    running = running.then(async () => {
      $('scenario-status').textContent = `running: ${scenario.label}`;
      $('scenario-status').dataset.state = `running:${name}`;
      log('demo', `scenario: ${scenario.label}`);
      try {
        await scenario.run();
        $('scenario-status').textContent = `done: ${scenario.label}`;
        $('scenario-status').dataset.state = `done:${name}`;
      } catch (error) {
        $('scenario-status').textContent = `failed: ${scenario.label}: ${String(error)}`;
        $('scenario-status').dataset.state = `failed:${name}`;
      }
    });
  });
  $('scenarios').append(button);
}

// ── Setup › Custom Metadata Types: the package's records, used as the rule ──────────────────
let setup: Awaited<ReturnType<typeof mountSetup>> | null = null;

editor.value = ruleText;
validateRule();
await build();
setup = await mountSetup($('setup'), (rules) => {
  ruleText = rules;
  editor.value = rules;
  validateRule();
  world.el.rules = rules;
  log('demo', `rule from the ${$<HTMLSelectElement>('setup-rule-set').value} records applied`);
});
// ── Presence Sync Setup: the admins' rules editor, saving into the live element ──────────────
mountRulesSetup($('rules-setup'), ruleText, (rules) => {
  ruleText = rules;
  editor.value = rules;
  validateRule();
  world.el.rules = rules;
  log('demo', 'rule set saved in the rules editor applied');
});
(window as unknown as { demo: unknown }).demo = {
  get world() {
    return world;
  },
  origins,
  ready: true,
};
