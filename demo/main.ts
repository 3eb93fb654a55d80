/**
 * The demo harness: a simulated Omni-Channel widget, the real element, the simulated agent app on a
 * second origin, a rule editor, scripted scenarios and a live log. Every bug report should be
 * reproducible here. `window.demo` exposes the pieces to the end-to-end tests.
 */
import { filter, firstValueFrom } from 'rxjs';
import { createLeader } from '../src/adapters/leader.js';
import type { SyncSnapshot } from '../src/core/snapshot.js';
import '../src/define.js';
import type { PresenceSyncElement } from '../src/element/presence-sync.js';
import { MemoryStorage } from '../src/persistence/memory-storage.js';
import { ACD_WORK, EXAMPLE, STATUSES } from '../test/core/fixtures.js';
import type { Protocol } from '../test/fakes/agent-app.js';
import { loopbackOrigins, openAgentFrame, type AgentFrame } from '../test/fakes/agent-frame.js';
import { FakeOmni } from '../test/fakes/fake-omni.js';
import { FastClock } from '../test/fakes/fast-clock.js';
import { mountRulesSetup } from './rules-setup.js';
import { mountSetup } from './setup.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
// The element learns that a host-given agent window has loaded from Resource Timing (the frame's
// entry); the dev server's hundreds of modules fill the default buffer of 250 before the first
// world, and each world would then wait out the element's 5 s fallback.
performance.setResourceTimingBufferSize(5000);
const origins = await loopbackOrigins();
$('agent-origin').textContent = origins.agent;

/**
 * The example rule with a day in it: Away (the lunch) lasts at most 30 minutes, then Available for
 * Chats (docs/contract.md §4 `timeouts`); Training, the idle status here, has a row of its own so
 * idle never starts the lunch's timer.
 */
const DAY_RULE = {
  ...EXAMPLE,
  rules: [
    {
      ...EXAMPLE.rules[0],
      subscriber: [...EXAMPLE.rules[0]!.subscriber, { salesforce: 'Training', acd: 'Unavailable' }],
      timeouts: [{ salesforce: 'Away', minutes: 30, then: 'Available_for_Chats' }],
    },
  ],
};
/** The idle settings every world gets (attributes `idle-minutes`, `idle-status`). */
const IDLE = { minutes: 15, status: 'Training' };
/** One clock for every world, so the speed holds across a rebuild (the element's `clock`). */
const clock = new FastClock();

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
/** The `why` of every decision of the current world. */
let decided: string[] = [];
/**
 * The simulated agent app's two dialects, the real CXone bridge against the simulated CXone API,
 * or the real Webex relay (and SDK) under the simulated Webex Desktop.
 */
type Dialect = Protocol | 'cxone' | 'webex';
let protocol: Dialect = 'bridge';
/** The agent column's title per dialect: the panel names the side the same way. */
const AGENT_TITLES: Record<Dialect, string> = {
  bridge: 'Contact-center agent app (simulated, bridge protocol)',
  'cxone-client-events': 'CXone Agent (simulated, client events, read only)',
  cxone: 'CXone (the real bridge, simulated CXone API)',
  webex: 'Webex Agent Desktop (simulated, the real relay)',
};
/** Set by `window.demo.nextAgentSilent`: the next world's agent app never answers a write. */
let agentSilent = false;
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
let ruleText = JSON.stringify(DAY_RULE, null, 2);

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
/** Whether a problem code is in the element's snapshot now. */
function standing(code: string | undefined): boolean {
  return world?.el.snapshot.problems.some((problem) => problem.code === code) ?? false;
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
        // Red while the problem stands; a start-up problem that has cleared is shown quietly.
        item.className =
          entry.kind !== 'presencesyncerror'
            ? entry.kind === 'step'
              ? 'step'
              : ''
            : standing((entry.data as { code?: string } | null)?.code)
              ? 'error'
              : 'cleared';
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

// ── the rule editor: checked as you type exactly as Apply checks it, applied on demand ───────
const editor = $<HTMLTextAreaElement>('rule');
/** A problem in one line: its message names its JSON path; one that does not gets it in front. */
function problemLine(problem: { path?: string; message: string }): string {
  return problem.path && !problem.message.startsWith(problem.path)
    ? `${problem.path}: ${problem.message}`
    : problem.message;
}
function validateRule(): boolean {
  // The element's own check: the same parser, org check, rule selection and status and code
  // checks as applying the rules, against what the element knows now.
  const { problems, rule } = world.el.checkRules(editor.value);
  $('rule-problems').replaceChildren(
    ...problems.map((problem) =>
      Object.assign(document.createElement('li'), { textContent: problemLine(problem) }),
    ),
  );
  $('rule-ok').textContent =
    problems.length > 0
      ? ''
      : rule !== null
        ? `Valid: applying it selects the rule "${rule}".`
        : 'Valid so far: the rule is chosen once the agent is known.';
  return problems.length === 0;
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
  $('close-tab').textContent = 'Close the tab';
  world?.agent?.remove();
  const omni = new FakeOmni(STATUSES, 'Away');
  const onWebex = dialect === 'webex';
  const onCxone = dialect === 'cxone';
  $('cxone-controls').hidden = !onCxone;
  $('webex-controls').hidden = !onWebex;
  $('agent-title').textContent = AGENT_TITLES[dialect];
  decided = [];
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
  el.setAttribute('idle-minutes', String(IDLE.minutes));
  el.setAttribute('idle-status', IDLE.status);
  el.setAttribute('session-end', 'Unavailable');
  el.clock = clock;
  for (const id of ['authority', 'mode', 'locale'])
    el.setAttribute(id, $<HTMLSelectElement>(id).value);
  el.rules = ruleText;
  // Each world is fresh: memory storage and a leader of its own, so scenarios never leak into each other.
  el.ports = {
    storage: new MemoryStorage('demo'),
    leader: createLeader({ userId: `demo-${Math.random()}`, locks: null, channel: null }),
  };
  if (!onCxone && !onWebex) el.agentWindow = agent.window;
  el.addEventListener('presencesyncdecision', (event) => {
    const decision = event.detail;
    decided.push(decision.why);
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
    // What the element knows grew (the statuses, the agent, the team's codes): check the editor again.
    validateRule();
    log(
      'presencesyncchange',
      `${snapshot.phase}${snapshot.cause ? ` (${snapshot.cause})` : ''} · Omni ${snapshot.salesforce?.apiName ?? '?'} · ACD ${snapshot.acd ? `${snapshot.acd.state}${snapshot.acd.reason ? `/${snapshot.acd.reason}` : ''}` : '?'} · rejected ${snapshot.counters.rejected}${snapshot.deadlines ? ` · deadlines ${snapshot.deadlines.map((deadline) => `${deadline.kind}${deadline.warning ? ' (warning)' : ''} → ${deadline.target}`).join(', ')}` : ''}`,
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
  if (agentSilent) {
    // `window.demo.nextAgentSilent`: this world's agent app never answers a write (a stuck scenario).
    agentSilent = false;
    await agent.run({ cmd: 'behaviour', silent: true });
  }
  renderOmni();
  renderScenarios();
  return world;
}

$<HTMLSelectElement>('dialect').addEventListener('change', async (event) => {
  protocol = (event.target as HTMLSelectElement).value as Dialect;
  // A scenario still running belongs to the old world: it stops at its next step.
  stopped = 'stopped: the dialect changed';
  const rule =
    protocol === 'bridge'
      ? DAY_RULE
      : protocol === 'cxone'
        ? CXONE_RULE
        : protocol === 'webex'
          ? webexRule(webexSettings())
          : TEAMLESS;
  ruleText = JSON.stringify(rule, null, 2);
  editor.value = ruleText;
  await build();
  validateRule();
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

// ── the agent's day: the element's clock, idle, the tab's close, a scheduled break ───────────
const showClock = () =>
  ($('clock-now').textContent = new Date(clock.now()).toLocaleTimeString('en-GB'));
setInterval(showClock, 250);
$<HTMLSelectElement>('clock-speed').addEventListener('change', (event) => {
  clock.speed = Number((event.target as HTMLSelectElement).value);
  log('demo', `clock speed ${clock.speed}×: long waits pass ${clock.speed} times faster`);
});
$('walk-away').addEventListener('click', () => {
  // No input for the idle time and a minute more: the clock jumps, as if the agent had gone.
  clock.skip((IDLE.minutes + 1) * 60_000);
  showClock();
  log('demo', `the agent walked away: the clock skipped ${IDLE.minutes + 1} minutes`);
});
$('close-tab').addEventListener('click', async () => {
  if (world.el.isConnected) {
    // The last console tab closes: the element goes, and with it its own agent frame (the CXone
    // bridge, the Webex relay), whose pagehide applies session-end. A host-given agent app stays:
    // here it stands for the contact center's own view of the agent.
    world.el.remove();
    $('close-tab').textContent = 'Reopen the tab';
    log(
      'demo',
      protocol === 'cxone' || protocol === 'webex'
        ? 'the console tab closed: its agent frame applies session-end (Unavailable) as it goes'
        : 'the console tab closed; the simulated agent app applies no session-end (the CXone and Webex dialects do)',
    );
    await cxoneStatus();
    return;
  }
  $('close-tab').textContent = 'Close the tab';
  await build();
  log('demo', 'the console tab opened again');
});
$('schedule-break').addEventListener('click', () => {
  const [side, target] = $<HTMLSelectElement>('break-target').value.split(':') as [string, string];
  const at = clock.now() + Number($<HTMLInputElement>('break-in').value) * 60_000;
  const until = at + Number($<HTMLInputElement>('break-for').value) * 60_000;
  try {
    const id = world.el.scheduleState({
      at,
      until,
      target: side === 'acd' ? { acd: target } : { salesforce: target },
    });
    log(
      'demo',
      `break ${id} scheduled: ${target} from ${new Date(at).toLocaleTimeString('en-GB')} to ${new Date(until).toLocaleTimeString('en-GB')}`,
    );
  } catch (error) {
    log('presencesyncerror', `scheduleState refused: ${(error as Error).message}`);
  }
});

// ── scenarios: scripted, each from a fresh world, waiting on the element (never on time) ────
/**
 * A scenario of an older world (the dialect changed, or it timed out) stops at its next step: the
 * reason is thrown from there.
 */
let stopped: string | null = null;
/** The newest run's steps wait this long each, so the phases between are seen (`speed`). */
const stepDelay = () => Number($<HTMLSelectElement>('speed').value);
/** How long a scenario may take beyond its own step delays before it is stopped (`window.demo` may shorten it). */
let timeoutMs = 20_000;

/** One step: said in the log and under the buttons, then given time to be seen. */
async function step(text: string): Promise<void> {
  if (stopped !== null) throw new Error(stopped);
  $('scenario-step').textContent = text;
  log('step', text);
  const delay = stepDelay();
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  if (stopped !== null) throw new Error(stopped);
}

const until = (check: (snapshot: SyncSnapshot) => boolean) =>
  firstValueFrom(world.el.snapshot$.pipe(filter(check)));
const shownAcd = (snapshot: SyncSnapshot) =>
  `${snapshot.acd?.state}${snapshot.acd?.reason ? `/${snapshot.acd.reason}` : ''}`;
const synced = (omni: string, acd: string) =>
  until(
    (snapshot) =>
      snapshot.phase === 'in-sync' &&
      snapshot.salesforce?.apiName === omni &&
      shownAcd(snapshot) === acd,
  );
/** Resolves once the current world took a decision with this `why`. */
const decisionSeen = (why: string) =>
  new Promise<void>((resolve) => {
    if (decided.includes(why)) resolve();
    world.el.addEventListener('presencesyncdecision', (event) => {
      if (event.detail.why === why) resolve();
    });
  });

/** A fresh world, both sides Available and in sync. */
async function baseline(): Promise<World> {
  await step(
    'A fresh world: Omni-Channel Away, the agent app Unavailable. The agent app goes Available.',
  );
  await build();
  await world.agent.run({ cmd: 'set', state: 'Available' });
  await synced('Available_for_Chats', 'Available');
  return world;
}

const authority = () => $<HTMLSelectElement>('authority').value;
const mode = () => $<HTMLSelectElement>('mode').value;

interface Scenario {
  readonly label: string;
  /** What the viewer should see happen. */
  readonly expect: () => string;
  /** Whether it needs a write to the contact center (the read-only dialect cannot). */
  readonly writesAcd: boolean;
  readonly run: () => Promise<void>;
}

const SCENARIOS: Record<string, Scenario> = {
  elinor: {
    label: "Elinor's rule: Open ⇄ Available for Chats, both ways",
    expect: () =>
      'Both sides follow each other: Available ⇄ Available for Chats, Away → Unavailable (Lunch), and back.',
    writesAcd: true,
    run: async () => {
      await baseline();
      await step(
        'The agent picks Away in Omni-Channel: the subscriber row sets Unavailable (Lunch).',
      );
      world.omni.agentSets('Away');
      await synced('Away', 'Unavailable/Lunch');
      await step('The agent picks Available for Chats: the agent app goes Available.');
      world.omni.agentSets('Available_for_Chats');
      await synced('Available_for_Chats', 'Available');
    },
  },
  previous: {
    label: 'A chat, then Chat Done restores the previous state',
    expect: () =>
      'After Lunch, a chat is handled; Chat Done maps to PreviousState, the state before the latest one: Available.',
    writesAcd: true,
    run: async () => {
      await baseline();
      await step('The agent picks Away: the agent app goes Unavailable (Lunch).');
      world.omni.agentSets('Away');
      await synced('Away', 'Unavailable/Lunch');
      await step('A chat is routed, accepted and closed; then the agent picks Chat Done.');
      const chat = world.omni.assignWork();
      world.omni.acceptWork(chat);
      world.omni.closeWork(chat);
      world.omni.agentSets('Chat_Done');
      await synced('Chat_Done', 'Available');
    },
  },
  deferral: {
    label: 'A call, with a status change during it (deferred)',
    expect: () =>
      'During a call a Salesforce change waits ("Deferred until the call ends") and is applied when the call ends.',
    writesAcd: true,
    run: async () => {
      await baseline();
      await step('An inbound call: the agent app is on a contact, Omni-Channel goes Busy on call.');
      await world.agent.run({ cmd: 'call' });
      await synced('Busy_On_Call', 'InboundContact');
      await step(
        'During the call the agent picks Away: the change is held, the panel says Deferred.',
      );
      world.omni.agentSets('Away');
      await until((snapshot) => snapshot.phase === 'deferred');
      await step(
        'The call ends: the held change is applied, the agent app goes Unavailable (Lunch).',
      );
      await world.agent.run({ cmd: 'hangup' });
      await synced('Away', 'Unavailable/Lunch');
    },
  },
  capacity: {
    label: 'Omni-Channel work at capacity, then below it',
    expect: () =>
      'Two chats fill the capacity: the agent app goes Unavailable (Chat); one closes and it returns to Available.',
    writesAcd: true,
    run: async () => {
      await baseline();
      await step('Two chats are routed and accepted: Omni-Channel work reaches its capacity.');
      const chats = [world.omni.assignWork(), world.omni.assignWork()];
      for (const chat of chats) world.omni.acceptWork(chat);
      await until((snapshot) => snapshot.phase === 'in-sync' && snapshot.acd?.reason === 'Chat');
      await step(
        'One chat closes: the work drops below capacity, the agent app returns to Available.',
      );
      world.omni.closeWork(chats[0]!);
      await until(
        (snapshot) => snapshot.phase === 'in-sync' && snapshot.acd?.state === 'Available',
      );
    },
  },
  conflict: {
    label: 'A conflict: both sides change at once',
    expect: () =>
      authority() === 'acd'
        ? 'authority="acd": the agent app goes Lunch, Omni-Channel goes Available for Chats in the same moment; the Omni-Channel change loses (conflict-lost) and is set back to Away.'
        : authority() === 'salesforce'
          ? 'authority="salesforce": Omni-Channel goes Away, the agent app goes Available in the same moment; the agent app change loses (conflict-lost) and is set back to Unavailable (Lunch).'
          : 'authority="latest": the agent app goes Lunch, Omni-Channel goes Available for Chats in the same moment; the later change wins and the agent app follows it. Pick another authority to see a loser.',
    writesAcd: true,
    run: async () => {
      await baseline();
      if (authority() === 'salesforce') {
        await step('Omni-Channel goes Away, and at once the agent app goes Available.');
        world.omni.agentSets('Away');
        await until((snapshot) => snapshot.acd?.reason === 'Lunch');
        await world.agent.run({ cmd: 'set', state: 'Available' });
        await decisionSeen('conflict-lost');
        await synced('Away', 'Unavailable/Lunch');
        return;
      }
      await step('The agent app goes Lunch, and at once Omni-Channel goes Available for Chats.');
      await world.agent.run({ cmd: 'set', state: 'Unavailable', reason: 'Lunch' });
      // The agent app's change is seen (and published) first; the Omni choice lands inside the window.
      await until((snapshot) => snapshot.acd?.reason === 'Lunch');
      world.omni.agentSets('Available_for_Chats');
      if (authority() === 'acd') {
        await decisionSeen('conflict-lost');
        await synced('Away', 'Unavailable/Lunch');
      } else await synced('Available_for_Chats', 'Available');
    },
  },
  forged: {
    label: 'A forged "Available" from a third origin (ignored)',
    expect: () =>
      'A frame on a third origin posts a hello and an Available: both are dropped and counted; the panel says why, and nothing changes.',
    writesAcd: true,
    run: async () => {
      await baseline();
      await step('The agent picks Away: the agent app goes Unavailable (Lunch).');
      world.omni.agentSets('Away');
      await synced('Away', 'Unavailable/Lunch');
      await step('A frame on a third origin says hello and "Available".');
      const forger = await openAgentFrame(
        origins.third,
        'bridge',
        '/test/fakes/agent-app.html',
        $('forger'),
      );
      try {
        await forger.run({ cmd: 'hello' });
        await forger.run({ cmd: 'set', state: 'Available' });
        await until(
          (snapshot) =>
            snapshot.counters.rejected >= 2 &&
            snapshot.problems.some((problem) => problem.code === 'origin-refused'),
        );
      } finally {
        forger.remove();
      }
    },
  },
  duplicate: {
    label: 'A duplicate login elsewhere stops Omni-Channel writes',
    expect: () =>
      'Omni-Channel is opened elsewhere: this tab logs out and stops writing to it; the agent app then goes Lunch and the panel says "Not writing".',
    writesAcd: false,
    run: async () => {
      await baseline();
      await step(
        'Omni-Channel is opened in another browser: this tab is logged out (DuplicateLogin).',
      );
      world.omni.loggedOut('DuplicateLogin');
      await until((snapshot) =>
        snapshot.problems.some((problem) => problem.code === 'duplicate-login'),
      );
      await step('The agent app goes Lunch: Omni-Channel is not written, the panel says why.');
      await world.agent.run({ cmd: 'set', state: 'Unavailable', reason: 'Lunch' });
      await until(
        (snapshot) => snapshot.acd?.reason === 'Lunch' && snapshot.phase === 'not-writing',
      );
    },
  },
};

/** Why a scenario cannot run in the current world, or null when it can. */
function unavailable(scenario: Scenario): string | null {
  if (protocol === 'cxone' || protocol === 'webex')
    return `It drives the simulated agent app; with ${protocol === 'cxone' ? 'CXone' : 'Webex'} use the controls on the right.`;
  if (mode() !== 'active') return `mode="${mode()}" writes nothing, so the sides never meet.`;
  if (scenario.writesAcd && protocol === 'cxone-client-events')
    return 'It needs a write to CXone, which the read-only cxone-client-events dialect cannot make.';
  return null;
}

/** Enables each scenario the current world can run and says why the others cannot. */
function renderScenarios(): void {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    const button = document.querySelector<HTMLButtonElement>(`[data-scenario=${name}]`);
    const why = document.querySelector<HTMLElement>(`[data-scenario-reason=${name}]`);
    if (button === null || why === null) continue;
    const reason = unavailable(scenario);
    button.disabled = reason !== null;
    button.dataset.reason = reason ?? '';
    why.textContent = reason ?? scenario.expect();
    why.className = reason === null ? 'expect' : 'reason';
  }
}

/** Scenarios run one after another; each has a timeout, so a stuck one never blocks the next. */
let running: Promise<void> = Promise.resolve();
async function play(name: string, scenario: Scenario): Promise<void> {
  const status = $('scenario-status');
  const reason = unavailable(scenario);
  if (reason !== null) {
    status.textContent = `not run: ${scenario.label}: ${reason}`;
    status.dataset.state = `disabled:${name}`;
    return;
  }
  stopped = null;
  status.textContent = `running: ${scenario.label}`;
  status.dataset.state = `running:${name}`;
  $('scenario-expect').textContent = `Expect: ${scenario.expect()}`;
  log('demo', `scenario: ${scenario.label}`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = timeoutMs + 12 * stepDelay();
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stopped = `timed out after ${Math.round(limit / 1000)} s at "${$('scenario-step').textContent}"`;
      reject(new Error(stopped));
    }, limit);
  });
  try {
    await Promise.race([scenario.run(), timedOut]);
    status.textContent = `done: ${scenario.label}`;
    status.dataset.state = `done:${name}`;
  } catch (error) {
    status.textContent = `failed: ${scenario.label}: ${error instanceof Error ? error.message : String(error)}`;
    status.dataset.state = `failed:${name}`;
  } finally {
    log('demo', status.textContent ?? '');
    clearTimeout(timer);
    // Whatever is left of it stops at its next step.
    stopped ??= 'stopped: the scenario ended';
    $('scenario-step').textContent = '';
  }
}
for (const [name, scenario] of Object.entries(SCENARIOS)) {
  const button = Object.assign(document.createElement('button'), {
    type: 'button',
    textContent: scenario.label,
  });
  button.dataset.scenario = name;
  button.addEventListener('click', () => {
    running = running.then(() => play(name, scenario));
  });
  const why = document.createElement('small');
  why.dataset.scenarioReason = name;
  $('scenarios').append(button, why);
}
for (const id of ['authority', 'mode', 'locale']) {
  $(id).addEventListener('change', () => {
    // The element restarts on these attributes; the scenarios' availability and words follow.
    world.el.setAttribute(id, $<HTMLSelectElement>(id).value);
    renderScenarios();
    log('demo', `${id}: ${$<HTMLSelectElement>(id).value}`);
  });
}

// ── Setup › Custom Metadata Types: the package's records, used as the rule ──────────────────
let setup: Awaited<ReturnType<typeof mountSetup>> | null = null;

editor.value = ruleText;
await build();
validateRule();
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
  /** The element's clock (the speed control and Walk away move it). */
  clock,
  scenarios: Object.keys(SCENARIOS),
  /** Shortens every scenario's timeout (the end-to-end test of a stuck scenario). */
  set timeoutMs(value: number) {
    timeoutMs = value;
  },
  /** The next world's agent app never answers a write. */
  set nextAgentSilent(value: boolean) {
    agentSilent = value;
  },
  ready: true,
};
