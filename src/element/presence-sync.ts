/**
 * `<presence-sync>`: configured by attributes (docs/contract.md §2), renders the engine's snapshot as a
 * small panel agents understand, and re-fires what happens as DOM events.
 *
 * Invariants: the element never decides (the engine does) and never throws out of a setter, an
 * event handler or a message handler: a bad attribute becomes a problem, a `presencesyncerror`
 * event and a `role="alert"` line naming the attribute, and no engine runs until it is fixed. It
 * writes no globals and adds no Worker, `storage` or `unhandledrejection` listener (Lightning Web
 * Security refuses them).
 */
import { ReactiveElement, adoptStyles, type PropertyValues } from '@lit/reactive-element';
import { property, state } from '@lit/reactive-element/decorators.js';
import { BehaviorSubject, Subject, type Observable } from 'rxjs';
import type { AgentFrame } from '../adapters/agent-channel.js';
import { ErrorCode, type Problem } from '../core/errors.js';
import type { ClockPort, OmniPort } from '../core/ports.js';
import { checkRules, type RuleCheck } from '../core/rules/check.js';
import type { Decision, Phase, SyncSnapshot } from '../core/snapshot.js';
import { formatAcd, type StatusInfo } from '../core/values.js';
import type { HealthPort } from '../health/health.js';
import type { EnginePorts } from '../runtime/engine.js';
import { nextTask, systemClock } from '../runtime/timers.js';
import type { SessionConfig } from '../session.js';
import { checkElementConfig, withoutSecrets } from './config.js';
import { clockTime, deadlinesView } from './deadlines-view.js';
import { acdLabel, describeDecision } from './describe.js';
import {
  PresenceSyncChangeEvent,
  PresenceSyncDecisionEvent,
  PresenceSyncErrorEvent,
} from './events.js';
import {
  LOCALE_EVENT,
  fixKey,
  loadLocale,
  causeKey,
  phaseKey,
  type MessageKey,
  pickLocale,
  translator,
  type Translate,
} from './i18n.js';
import { Panel, type PanelView } from './panel.js';
import type { ScheduleRequest } from './schedule-request.js';
import { Scheduler } from './scheduler.js';
import { SessionController } from './session-controller.js';
import { styles } from './styles.js';

/** One small path per phase (12×12 box), drawn in the phase colour's contrast: no font glyph can go missing. */
const ICONS: Record<Phase, string> = {
  waiting: 'M2 6h2M5 6h2M8 6h2',
  starting: 'M2 6h2M5 6h2M8 6h2',
  'in-sync': 'M2.5 6.5l2.5 2.5 4.5-5',
  syncing: 'M9.5 4.5A4 4 0 1 0 10 7M9.5 1.5v3h-3',
  deferred: 'M6 2.5v3.5l2 1.5M6 1.5a4.5 4.5 0 1 0 0.01 0',
  shadow: 'M1.5 6s1.8-3 4.5-3 4.5 3 4.5 3-1.8 3-4.5 3-4.5-3-4.5-3zM6 5v2',
  paused: 'M4 2.5v7M8 2.5v7',
  follower: 'M2 4h7l-2-2M10 8H3l2 2',
  error: 'M6 2v5M6 9v1',
  'not-writing': 'M2.5 2.5l7 7M6 1.5a4.5 4.5 0 1 0 0.01 0',
  'not-mapped': 'M4 4.5a2 2 0 1 1 2.5 2c-.5.2-.5.5-.5 1M6 9.5v.5',
  'out-of-sync': 'M2 4h8M2 8h8M7 2l-3 8',
};

const NO_STATUSES: readonly StatusInfo[] = [];

/** Attributes whose change means a new engine (the others are applied to the running one). */
const RESTART = [
  'mode',
  'authority',
  'startup',
  'userId',
  'orgId',
  'echoWindowMs',
  'idleMinutes',
  'idleStatus',
  'sessionEnd',
  'ports',
  'clock',
] as const;
const REATTACH = ['agentOrigin', 'agentSrc', 'agentProtocol', 'agentWindow'] as const;
const CHECKED = [...RESTART, ...REATTACH, 'rules', 'healthHeartbeatMin'] as const;

/**
 * Keeps Omni-Channel presence and the contact-center agent state in sync.
 *
 * @tag presence-sync
 * @fires presencesyncchange - The snapshot changed; `detail` is the new `SyncSnapshot`.
 * @fires presencesyncdecision - A decision was taken or its write settled; `detail` is the `Decision`.
 * @fires presencesyncerror - A problem was found; `detail` is `{ code, message, recoverable }`.
 * @csspart panel - The whole status panel.
 * @csspart phase - The phase line (icon and words).
 * @csspart sides - Both sides' current state.
 * @csspart rule - The rule in force.
 * @csspart deadlines - Timed, scheduled and idle states to come, and the idle notice.
 * @csspart problems - The problem lines.
 * @csspart decisions - The recent decisions list.
 * @csspart actions - The button row.
 * @csspart agent-frame - The agent app iframe rendered from `agent-src`.
 * @cssprop [--presence-sync-width=340px] - Maximum width of the panel.
 * @cssprop [--presence-sync-font] - Font shorthand.
 * @cssprop [--presence-sync-ok=#2e844a] - Colour of the in-sync phase.
 * @cssprop [--presence-sync-busy=#0b5cab] - Colour of starting and syncing, and of buttons.
 * @cssprop [--presence-sync-warn=#8c4b02] - Colour of deferred, shadow, paused, follower, not-writing, not-mapped and out-of-sync.
 * @cssprop [--presence-sync-error=#ba0517] - Colour of the error phase and problem lines.
 * @cssprop [--presence-sync-agent-height=480px] - Height of the agent app iframe.
 */
export class PresenceSyncElement extends ReactiveElement {
  static override styles = styles;

  /** The presence rule document (docs/contract.md §4), an object or a JSON string. Required. Attribute `rules`. */
  @property({ attribute: 'rules' }) rules: unknown = undefined;

  /** Space-separated origins allowed to speak for the agent app; `*` is refused. Required. Attribute `agent-origin`. */
  @property({ attribute: 'agent-origin', reflect: true }) agentOrigin: string | undefined =
    undefined;

  /** When set, the element renders the agent app in its own iframe at this URL. Attribute `agent-src`. */
  @property({ attribute: 'agent-src', reflect: true }) agentSrc: string | undefined = undefined;

  /** `bridge` (read and write) or `cxone-client-events` (read only). Default `bridge`. Attribute `agent-protocol`. */
  @property({ attribute: 'agent-protocol', reflect: true }) agentProtocol = 'bridge';

  /** `active` writes, `shadow` decides and logs only, `off` listens to nothing. Default `active`. Attribute `mode`. */
  @property({ reflect: true }) mode = 'active';

  /** Who wins a conflict: `latest`, `salesforce` or `acd`. Default `latest`. Attribute `authority`. */
  @property({ reflect: true }) authority = 'latest';

  /** Which side is copied once both are known at start: `acd`, `salesforce` or `none`. Default `acd`. Attribute `startup`. */
  @property({ reflect: true }) startup = 'acd';

  /** The Salesforce user id (rule selection, storage, leader lock). Attribute `user-id`. */
  @property({ attribute: 'user-id', reflect: true }) userId: string | undefined = undefined;

  /** The Salesforce org id, checked against the rule document's. Attribute `org-id`. */
  @property({ attribute: 'org-id', reflect: true }) orgId: string | undefined = undefined;

  /** How long a write waits for its echo, in ms (100–60000). Default `5000`. Attribute `echo-window-ms`. */
  @property({
    attribute: 'echo-window-ms',
    reflect: true,
    // Digits become a number; anything else stays text, so the check can name what was wrong.
    converter: {
      fromAttribute: (value: string | null) =>
        value !== null && /^\s*\d+\s*$/.test(value) ? Number(value) : value,
      toAttribute: (value: unknown) => String(value),
    },
  })
  echoWindowMs: number | string = 5000;

  /** UI language (`en`, `fr`, `es`, `ja`, `ko`, `uk`); default: the page language, else English. Attribute `locale`. */
  @property({ reflect: true }) locale: string | undefined = undefined;

  /** The Salesforce side (docs/contract.md §3). Until it is set the panel shows "waiting for Omni-Channel". */
  @property({ attribute: false }) omni: OmniPort | null = null;

  /** The agent app's window, when the host has it; otherwise learned from an allowed `hello` or `agent-src`. */
  @property({ attribute: false }) agentWindow: Window | null = null;

  /** Minutes between health reports when nothing changes (4–60); `0` turns reporting off. Default `5`. Attribute `health-heartbeat-min`. */
  @property({
    attribute: 'health-heartbeat-min',
    reflect: true,
    converter: {
      fromAttribute: (value: string | null) =>
        value !== null && /^\s*\d+\s*$/.test(value) ? Number(value) : value,
      toAttribute: (value: unknown) => String(value),
    },
  })
  healthHeartbeatMin: number | string = 5;

  /** Minutes without input in any console tab before the idle state is set (0–480); `0` is off. Default `0`. Attribute `idle-minutes`. */
  @property({
    attribute: 'idle-minutes',
    reflect: true,
    converter: {
      fromAttribute: (value: string | null) =>
        value !== null && /^\s*\d+\s*$/.test(value) ? Number(value) : value,
      toAttribute: (value: unknown) => String(value),
    },
  })
  idleMinutes: number | string = 0;

  /** The Omni-Channel status (API name) set when idle; the ACD follows by the rule's subscriber row. Attribute `idle-status`. */
  @property({ attribute: 'idle-status', reflect: true }) idleStatus: string | undefined = undefined;

  /** The ACD state set when the agent's last console tab closes: `none`, `Unavailable` or `Unavailable/<code>`. Default `none`. Attribute `session-end`. */
  @property({ attribute: 'session-end', reflect: true }) sessionEnd = 'none';

  /** For demos and tests: the engine's clock (a fast one ends a 30-minute state in seconds). Default: the system clock. */
  @property({ attribute: false }) clock: ClockPort | null = null;

  /** Where the leader tab reports sync health for supervisors (docs/contract.md §7); none: no reports. */
  @property({ attribute: false }) health: HealthPort | null = null;

  /** Advanced: replaces engine ports (clock, storage, leader) — for tests and hosts with their own. */
  @property({ attribute: false }) ports: Partial<EnginePorts> | null = null;

  @state() private configProblems: Problem[] = [];

  private config: SessionConfig | null = null;
  private restartNeeded = true;
  private reported = new Set<string>();
  private readonly snapshots = new BehaviorSubject<SyncSnapshot>(this.errorSnapshot());
  private readonly decisionStream = new Subject<Decision>();
  private readonly sync = new SessionController(this, {
    snapshot: (snapshot) => {
      this.snapshots.next(snapshot);
      this.dispatchEvent(new PresenceSyncChangeEvent(snapshot));
    },
    decision: (decision) => {
      this.decisionStream.next(decision);
      this.dispatchEvent(new PresenceSyncDecisionEvent(decision));
    },
    problem: (problem) => this.report([problem], true),
  });
  /** The shown decisions in words, kept while the translator and the status list stay the same. */
  private described = new WeakMap<Decision, string>();
  private describedWith: {
    t: Translate;
    statuses: readonly StatusInfo[];
    acdName: string;
  } | null = null;
  /** A language pack arrived (ES module import or classic script): redraw in it. */
  private readonly relabel = () => this.requestUpdate();

  /** The latest snapshot. */
  get snapshot(): SyncSnapshot {
    return this.snapshots.value;
  }

  /** The snapshots as they change (the latest replayed to each subscriber), across engine restarts. */
  get snapshot$(): Observable<SyncSnapshot> {
    return this.snapshots.asObservable();
  }

  /** Every decision as it is taken and again when its write settles. */
  get decisions$(): Observable<Decision> {
    return this.decisionStream.asObservable();
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    // `shadow-root="closed"` keeps other page scripts out of the panel (element.shadowRoot is null).
    const root = this.attachShadow({
      mode: this.getAttribute('shadow-root') === 'closed' ? 'closed' : 'open',
    });
    adoptStyles(root, [styles]);
    return root;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.restartNeeded = true;
    globalThis.addEventListener?.(LOCALE_EVENT, this.relabel);
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    globalThis.removeEventListener?.(LOCALE_EVENT, this.relabel);
  }

  /**
   * Draws in a later task than Lit's microtask: a change's writes (and, in the same process, the
   * agent app's delivery) then wait for the engine only, not for the panel; several changes in one
   * task draw once. `updateComplete` still covers the draw (Lit's documented timing hook, lit/lit#2091).
   */
  protected override async scheduleUpdate(): Promise<void> {
    await new Promise<void>((resolve) => nextTask(resolve));
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (RESTART.some((key) => changed.has(key))) this.restartNeeded = true;
    // Checked before rendering, so the panel and the agent iframe reflect the new attributes.
    if (this.config === null || CHECKED.some((key) => changed.has(key))) this.configure();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!this.isConnected) return;
    try {
      this.report(this.configProblems);
      const session = this.sync.session;
      if (this.configProblems.length > 0 || this.config === null) {
        this.sync.stop();
        this.restartNeeded = true;
        return;
      }
      if (this.restartNeeded || session === null) {
        this.restartNeeded = false;
        const { config, omni, ports, clock } = this;
        this.sync.start({
          config,
          omni,
          agentWindow: this.agentWindow,
          agentFrame: this.ownAgentFrame(),
          ports: clock ? { ...ports, clock } : ports,
          health: this.health,
        });
        this.scheduler.flush();
        return;
      }
      if (changed.has('health') || changed.has('healthHeartbeatMin'))
        session.setHealth(this.health, this.config.heartbeatMin);
      if (changed.has('rules')) session.engine.setRules(this.config.rules);
      if (REATTACH.some((key) => changed.has(key)))
        session.attachAgent(this.agentWindow, this.ownAgentFrame());
      if (changed.has('omni')) session.engine.attachOmni(this.omni);
    } catch (error) {
      this.report([
        {
          code: ErrorCode.configInvalid,
          message: `Starting failed: ${error instanceof Error ? error.message : String(error)}`,
          recoverable: false,
        },
      ]);
    }
  }

  /** Checks the attributes into `config` and `configProblems`. */
  private configure(): void {
    const { config, problems } = checkElementConfig(
      {
        rules: this.rules,
        agentOrigin: this.agentOrigin,
        agentSrc: this.agentSrc,
        agentProtocol: this.agentProtocol,
        mode: this.mode,
        authority: this.authority,
        startup: this.startup,
        userId: this.userId,
        orgId: this.orgId,
        echoWindowMs: this.echoWindowMs,
        healthHeartbeatMin: this.healthHeartbeatMin,
        idleMinutes: this.idleMinutes,
        idleStatus: this.idleStatus,
        sessionEnd: this.sessionEnd,
        locale: this.language(),
      },
      document.baseURI,
    );
    this.config = config;
    this.configProblems = problems;
    // A configuration that is fixed and broken again reports again.
    if (problems.length === 0) this.reported.clear();
    if (problems.length > 0 && this.sync.session === null) {
      this.snapshots.next(this.errorSnapshot());
    }
  }

  /** Fires `presencesyncerror` once per distinct attribute problem, and for every engine problem. */
  private report(problems: Problem[], engine = false): void {
    for (const problem of problems) {
      if (!engine) {
        if (this.reported.has(problem.message)) continue;
        this.reported.add(problem.message);
      }
      const event = new PresenceSyncErrorEvent(problem);
      this.dispatchEvent(event);
    }
  }

  /** The `agent-src` whose page the own agent frame has loaded (a new `agent-src` starts over). */
  private loadedAgentSrc: string | null = null;

  /**
   * The element's own `agent-src` frame, unless the host handed its own window: read afresh at
   * each post, and not posted to before its page loads (adapters/agent-channel.ts `AgentFrame`).
   */
  private ownAgentFrame(): AgentFrame | null {
    if (this.agentWindow !== null) return null;
    if (this.config === null || this.config.agentSrc === null) return null;
    return {
      window: () => this.panel?.frameWindow() ?? null,
      loaded: () =>
        this.loadedAgentSrc !== null && this.loadedAgentSrc === (this.config?.agentSrc ?? null),
    };
  }

  private frameLoaded(): void {
    this.loadedAgentSrc = this.config?.agentSrc ?? null;
    this.sync.session?.agentFrameLoaded();
  }

  /** Reads both sides again and repairs any drift. */
  async resync(): Promise<void> {
    await this.sync.session?.engine.resync();
  }

  /**
   * Checks a rule document (an object or a JSON string) exactly as setting `rules` would apply it,
   * against what the element knows now (the org, the user's statuses, the agent and the team's
   * codes): the problems it would report, each naming its JSON path once, and the rule it would
   * select (null while none can be). Before the engine runs, only the document itself is checked.
   */
  checkRules(rules: unknown): RuleCheck {
    const engine = this.sync.session?.engine;
    if (engine) return engine.checkRules(rules);
    return checkRules(rules, {
      identity: null,
      selectable: false,
      statuses: null,
      codes: null,
      ...(this.orgId ? { orgId: this.orgId } : {}),
    });
  }

  private readonly scheduler = new Scheduler({
    engine: () => this.sync.session?.engine ?? null,
    now: () => (this.clock ?? this.ports?.clock ?? systemClock).now(),
    problem: (problem) => this.report([problem], true),
  });

  /**
   * Schedules a state, e.g. a break from workforce management (docs/contract.md §2, §6.12): `target`
   * (`{ salesforce: 'Break' }` or `{ acd: 'Unavailable/Break' }`) is set at `at` (epoch ms, `Date` or
   * ISO 8601) through the normal write path and, with `until`, the state held before comes back then.
   * The panel lists it and the agent may cancel it. Returns its id for `cancelScheduled`; a bad
   * request throws a `TypeError` naming the field.
   */
  scheduleState(request: ScheduleRequest): string {
    return this.scheduler.schedule(request);
  }

  /** Cancels a state `scheduleState` scheduled (its id); an unknown or past id does nothing. */
  cancelScheduled(id: string): void {
    this.scheduler.cancel(id);
  }

  /** Stops writing (decisions are still logged) until `resume()`. */
  pause(): void {
    this.sync.session?.engine.pause();
  }

  /** Writes again, after reading both sides. */
  resume(): void {
    this.sync.session?.engine.resume();
  }

  /**
   * Everything support needs, with secrets removed (no tokens from URLs; ids are kept): the
   * configuration, the snapshot, the last decisions (memory and storage) and the counters.
   */
  async exportDiagnostics(): Promise<Record<string, unknown>> {
    const snapshot = this.snapshot;
    const session = this.sync.session;
    const stored = session ? await session.storedDecisions() : [];
    return {
      kind: 'presence-sync-diagnostics',
      generatedAt: new Date().toISOString(),
      config: {
        mode: this.config?.engine.mode ?? null,
        authority: this.config?.engine.authority ?? null,
        startup: this.config?.engine.startup ?? null,
        agentProtocol: this.config?.protocol ?? null,
        agentOrigin: this.config?.origins ?? [],
        agentSrc: withoutSecrets(this.config?.agentSrc ?? null),
        userId: this.userId ?? null,
        orgId: this.orgId ?? null,
        echoWindowMs: this.config?.engine.echoWindowMs ?? null,
        locale: this.language(),
        rules: session?.engine.document ?? null,
      },
      snapshot,
      counters: snapshot.counters,
      problems: snapshot.problems,
      decisions: session?.engine.decisions() ?? [],
      storedDecisions: stored,
      userAgent: typeof navigator === 'undefined' ? null : navigator.userAgent,
    };
  }

  private async download(): Promise<void> {
    const text = JSON.stringify(await this.exportDiagnostics(), null, 2);
    const link = document.createElement('a');
    link.href = `data:application/json;charset=utf-8,${encodeURIComponent(text)}`;
    link.download = `presence-sync-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    link.click();
  }

  private language(): string {
    return pickLocale(
      this.locale,
      this.closest('[lang]')?.getAttribute('lang'),
      document.documentElement.lang,
      typeof navigator === 'undefined' ? undefined : navigator.language,
    );
  }

  private errorSnapshot(): SyncSnapshot {
    return {
      phase: this.configProblems.length > 0 ? 'error' : 'waiting',
      salesforce: null,
      acd: null,
      rule: null,
      leader: false,
      problems: this.configProblems,
      counters: {
        decisions: 0,
        writes: 0,
        echoes: 0,
        rejected: 0,
        retries: 0,
        driftRepairs: 0,
        partial: 0,
      },
    };
  }

  /** The panel, made on the first draw (the render root exists from then). */
  private panel: Panel | null = null;

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    this.panel ??= new Panel(this.renderRoot, {
      resync: () => void this.resync(),
      pause: () => (this.paused() ? this.resume() : this.pause()),
      export: () => void this.download(),
      frameLoaded: () => this.frameLoaded(),
    });
    this.panel.render(this.view());
  }

  /** Paused by `pause()` (the pause button resumes then). */
  private paused(): boolean {
    return this.sync.snapshot?.phase === 'paused' && this.mode !== 'off';
  }

  /**
   * The contact-center side's name: CXone for NICE's client events; for the bridge, the product the
   * agent side said it speaks for; else the neutral "Contact center".
   */
  private acdKey(): MessageKey {
    if (this.config?.protocol === 'cxone-client-events') return 'acd.cxone';
    const platform = this.sync.session?.agentPlatform() ?? null;
    return platform === 'cxone' ? 'acd.cxone' : platform === 'webex' ? 'acd.webex' : 'acd.other';
  }

  /** The phase in words: with its cause, what it waits for or why the sides differ, and what happens instead. */
  private phaseWords(
    snapshot: SyncSnapshot,
    t: Translate,
    values: { acd: string; state: string; status: string },
  ): string {
    const cause = snapshot.cause;
    if (cause === undefined) return t(phaseKey(snapshot.phase));
    // The element's own agent frame is right below the panel: the agent signs in there.
    if (cause === 'agent-not-connected' && this.ownAgentFrame() !== null)
      return t('cause.agent-not-connected.below', values);
    return t(causeKey(cause), values);
  }

  /** What the panel shows now, in the agent's language. */
  private view(): PanelView {
    const language = this.language();
    // English until the language's pack is here; its arrival redraws (relabel).
    void loadLocale(language);
    const t = translator(language);
    const own = this.sync.snapshot ?? this.errorSnapshot();
    const mirror = this.sync.mirror;
    const mirrored = own.phase === 'follower' && mirror !== null;
    const shown = mirrored ? mirror : own;
    const phase: Phase = own.phase;
    const problems = [
      ...this.configProblems,
      ...(this.configProblems.length > 0 ? [] : own.problems),
    ];
    const statuses = this.sync.session?.engine.statuses ?? NO_STATUSES;
    const label = (apiName: string) =>
      apiName === 'Offline'
        ? t('offline')
        : (statuses.find((status) => status.apiName === apiName)?.label ?? apiName);
    // Each change redraws the panel on the thread the agent app's frame shares: describe a decision
    // once, not on every redraw.
    const acdName = t(this.acdKey());
    if (
      this.describedWith?.t !== t ||
      this.describedWith.statuses !== statuses ||
      this.describedWith.acdName !== acdName
    ) {
      this.described = new WeakMap();
      this.describedWith = { t, statuses, acdName };
    }
    const sentence = (decision: Decision) => {
      let text = this.described.get(decision);
      if (text === undefined) {
        text = describeDecision(decision, t, label, acdName);
        this.described.set(decision, text);
      }
      return text;
    };
    const salesforce =
      shown.salesforce === null
        ? t('unknown')
        : shown.salesforce.id === null
          ? t('offline')
          : shown.salesforce.label || shown.salesforce.apiName;
    const acd = shown.acd === null ? t('unknown') : acdLabel(formatAcd(shown.acd), t);
    const recent = [...this.sync.recent].reverse();
    return {
      phase,
      icon: ICONS[phase],
      title: t('title'),
      phaseText: this.phaseWords(own, t, { acd: acdName, state: acd, status: salesforce }),
      sides: { salesforceLabel: t('salesforce'), salesforce, acdLabel: acdName, acd },
      mirrorNote: mirrored ? t('leaderSays') : null,
      rule: `${t('rule')}: ${shown.rule ?? t('noRule')}`,
      deadlines: deadlinesView(
        shown.deadlines,
        recent,
        (this.clock ?? this.ports?.clock ?? systemClock).now(),
        {
          t,
          name: (side, text) => (side === 'salesforce' ? label : acdLabel)(text, t),
          time: clockTime(language),
        },
        { cancel: (id) => this.sync.session?.engine.cancelDeadline(id) },
      ),
      problems: problems.map((problem) => ({
        code: problem.code,
        message: problem.message,
        // A rule naming a status nobody has is a spelling matter, not one of access.
        fix:
          problem.code === ErrorCode.statusNotPermitted && problem.path !== undefined
            ? t('fix.status-unknown')
            : t(fixKey(problem.code), { acd: acdName }),
      })),
      decisionsHeading: t('decisions'),
      noDecisions: t('noDecisions'),
      decisions: recent.map((decision) => ({
        result: decision.result,
        why: decision.why,
        text: sentence(decision),
      })),
      resync: { label: t('resync'), disabled: this.sync.session === null },
      pause: {
        label: this.paused() ? t('resume') : t('pause'),
        disabled: this.sync.session === null || this.mode === 'off',
      },
      exportLabel: t('export'),
      frame:
        this.config?.agentSrc && this.configProblems.length === 0
          ? { src: this.config.agentSrc, title: t('agentFrame'), protocol: this.config.protocol }
          : null,
    };
  }
}
