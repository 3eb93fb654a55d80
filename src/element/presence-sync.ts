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
import type { Observable } from 'rxjs';
import { ErrorCode, type Problem } from '../core/errors.js';
import type { ClockPort, OmniPort } from '../core/ports.js';
import type { RuleCheck } from '../core/rules/check.js';
import type { Decision, SyncSnapshot } from '../core/snapshot.js';
import type { StatusInfo } from '../core/values.js';
import type { HealthPort } from '../health/health.js';
import { nextTask, systemClock } from '../platform/time.js';
import {
  checkRulesAlone,
  diagnostics,
  type AgentFrame,
  type EnginePorts,
  type SessionConfig,
} from '../session.js';
import { checkElementConfig } from './config.js';
import {
  PresenceSyncChangeEvent,
  PresenceSyncDecisionEvent,
  PresenceSyncErrorEvent,
} from './events.js';
import { LOCALE_EVENT, loadLocale, pickLocale, translator } from './i18n.js';
import { Panel } from './panel.js';
import type { ScheduleRequest } from './schedule-request.js';
import { Scheduler } from './scheduler.js';
import { SessionController, idleSnapshot } from './session-controller.js';
import { styles } from './styles.js';
import { DecisionSentences, panelView, pausedBy, type PanelModel, type PanelView } from './view.js';

/** One empty status list while none is known, so the decisions' words are kept across redraws. */
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

/** Digits become a number; anything else stays text, so the check can name what was wrong. */
const WHOLE_NUMBER = {
  fromAttribute: (value: string | null) =>
    value !== null && /^\s*\d+\s*$/.test(value) ? Number(value) : value,
  toAttribute: (value: unknown) => String(value),
};

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
    converter: WHOLE_NUMBER,
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
    converter: WHOLE_NUMBER,
  })
  healthHeartbeatMin: number | string = 5;

  /** Minutes without input in any console tab before the idle state is set (0–480); `0` is off. Default `0`. Attribute `idle-minutes`. */
  @property({
    attribute: 'idle-minutes',
    reflect: true,
    converter: WHOLE_NUMBER,
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
  private readonly sync = new SessionController(this, {
    snapshot: (snapshot) => this.dispatchEvent(new PresenceSyncChangeEvent(snapshot)),
    decision: (decision) => this.dispatchEvent(new PresenceSyncDecisionEvent(decision)),
    problem: (problem) => this.report([problem], true),
  });
  /** The panel, made on the first draw (the render root exists from then). */
  private panel: Panel | null = null;
  /** The shown decisions in words, kept across redraws. */
  private readonly sentences = new DecisionSentences();
  /** A language pack arrived (ES module import or classic script): redraw in it. */
  private readonly relabel = () => this.requestUpdate();

  /** The latest snapshot. */
  get snapshot(): SyncSnapshot {
    return this.sync.snapshots.value;
  }

  /** The snapshots as they change (the latest replayed to each subscriber), across engine restarts. */
  get snapshot$(): Observable<SyncSnapshot> {
    return this.sync.snapshots.asObservable();
  }

  /** Every decision as it is taken and again when its write settles. */
  get decisions$(): Observable<Decision> {
    return this.sync.decisions.asObservable();
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
      const session = this.sync.session;
      if (this.configProblems.length > 0 || this.config === null) {
        this.sync.stop();
        // Shown before it is reported: a `presencesyncerror` listener reads `snapshot`.
        this.sync.idle(this.configProblems);
        this.report(this.configProblems);
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
      if (changed.has('omni')) session.attachOmni(this.omni);
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
    // The element's properties are the attributes as given; the check reads them by name.
    const { config, problems } = checkElementConfig(this, document.baseURI, this.language());
    this.config = config;
    this.configProblems = problems;
    // A configuration that is fixed and broken again reports again.
    if (problems.length === 0) this.reported.clear();
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

  /**
   * The element's own `agent-src` frame, unless the host handed its own window: not posted to
   * before its page loads (adapters/agent-channel.ts `AgentFrame`).
   */
  private ownAgentFrame(): AgentFrame | null {
    if (this.agentWindow !== null || !this.config?.agentSrc) return null;
    return this.panel?.agentFrame ?? null;
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
    return this.sync.session?.engine.checkRules(rules) ?? checkRulesAlone(rules, this.orgId);
  }

  private readonly scheduler = new Scheduler({
    engine: () => this.sync.session ?? null,
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
    return (
      (await this.sync.session?.exportDiagnostics()) ?? diagnostics(this.config, this.snapshot)
    );
  }

  /** The panel's language: the `locale` attribute, else the nearest `lang`, the page's, the browser's. */
  private language(): string {
    const lang = this.closest('[lang]')?.getAttribute('lang');
    return pickLocale(this.locale, lang, document.documentElement.lang, navigator.language);
  }

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    this.panel ??= new Panel(this.renderRoot, {
      resync: () => void this.resync(),
      // The button resumes what `pause()` paused.
      pause: () => (pausedBy(this.snapshot, this.mode) ? this.resume() : this.pause()),
      export: () => this.exportDiagnostics(),
      frameLoaded: () => this.sync.session?.agentFrameLoaded(),
    });
    this.panel.render(this.view());
  }

  /** What the panel shows now, in the agent's language. */
  private view(): PanelView {
    const language = this.language();
    // English until the language's pack is here; its arrival redraws (relabel).
    void loadLocale(language);
    const { config, configProblems } = this;
    const model: PanelModel = {
      snapshot: this.sync.snapshot ?? idleSnapshot(this.configProblems),
      mirror: this.sync.mirror,
      configProblems,
      recent: this.sync.recent,
      statuses: this.sync.session?.engine.statuses ?? NO_STATUSES,
      protocol: config?.protocol ?? 'bridge',
      platform: this.sync.session?.agentPlatform() ?? null,
      running: this.sync.session !== null,
      mode: this.mode,
      agentBelow: this.ownAgentFrame() !== null,
      agentSrc: config?.agentSrc ?? null,
      now: (this.clock ?? this.ports?.clock ?? systemClock).now(),
      language,
    };
    return panelView(model, translator(language), this.sentences, {
      cancel: (id) => this.sync.session?.cancelDeadline(id),
    });
  }
}
