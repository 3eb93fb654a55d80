/**
 * The Webex relay (docs/contract.md §5.4): on the real `@wxcc-desktop/sdk` inside the Agent
 * Desktop, it tells the widget the agent's state, the idle codes and who the agent is, and sets
 * the state the widget asks for, speaking the bridge protocol (§5.1) as the `agent`.
 *
 * Invariants:
 * - Nothing waits forever on the Desktop: `config.init`, the first agent data and the task map are
 *   each bounded; past the bound the widget is told why (a `problem`), and the relay still
 *   starts when the Desktop answers later.
 * - Until the agent's state is known, `hello` carries no `state` (not `LoggedOut`, which a rule
 *   would act on).
 * - One write in flight and at most one waiting (the newest), by idle-code id; `ok` only once the
 *   Desktop shows the target (a request that timed out in the Desktop's AQM layer but landed is
 *   `ok`); each write is tagged with `lastStateChangeReason: "presence-sync"`.
 * - Each id is answered once, with the outcome of the write it was first given to: every script in
 *   the console window speaks as `window.top`, so a request reusing the id of a write in flight or
 *   waiting (another tab's widget, or a forger who saw the id in a `result`) is refused and counted,
 *   never run and never answered (an answer would settle that other write).
 * - Logout or multi-login: `LoggedOut` and `write: false`; after multi-login nothing is written
 *   until the Desktop reloads. `write="false"` observes only.
 * - A malformed SDK event is refused and counted, never thrown on, and changes nothing.
 */
import type { Desktop as SdkDesktop } from '@wxcc-desktop/sdk';
import {
  AgentAnnouncer,
  agentHello,
  isPlain,
  name,
  noStateHello,
  own,
  type AcdState,
  type AcdTarget,
  type BridgeMessage,
  type ClockPort,
  type ResultCode,
  type ResultOutcome,
} from '../../protocol/index.js';
import {
  acdStateOf,
  applyContactEvent,
  AVAILABLE_ID,
  codeForReason,
  CONTACT_EVENTS,
  readIdleCodes,
  readLatestData,
  readTaskMap,
  type AgentFacts,
  type IdleCode,
  type VoiceTask,
} from './model.js';

type Sdk = typeof SdkDesktop;

/** The part of the SDK's `Desktop` the relay uses, typed by the SDK's own declarations. */
export interface RelayDesktop {
  readonly config: Pick<Sdk['config'], 'init'>;
  readonly agentStateInfo: Pick<
    Sdk['agentStateInfo'],
    'latestData' | 'stateChange' | 'addEventListener'
  >;
  readonly agentContact: Pick<Sdk['agentContact'], 'addEventListener'>;
  readonly logout: Pick<Sdk['logout'], 'addEventListener'>;
  readonly actions: Pick<Sdk['actions'], 'getTaskMap'>;
}

export interface RelayOptions {
  readonly write: boolean;
  /** The Webex agent id from the layout (`$STORE.agent.agentId`), when given. */
  readonly agentId: string | null;
  /** How long `config.init`, the first agent data and the task map may take before it is a problem. */
  readonly startMs: number;
  /** How long a write may wait for the Desktop to show its target (past the AQM layer's own 20 s). */
  readonly settleMs: number;
  /** Posts one protocol message to the widget. */
  post(message: BridgeMessage): void;
  /** Reports a refused SDK event (for the console). */
  warn(message: string): void;
  /**
   * Asked once, with the agent's state at start: a state to set before the widget hears any (the
   * state held before a session end that a reload applied, docs/contract.md §6.12).
   */
  restore?(state: AcdState): AcdTarget | null;
}

/** The origin tag every relay write carries (`Agent.StateChange.lastStateChangeReason`). */
export const WRITE_TAG = 'presence-sync';

/** The agent id said while the Desktop has not named the agent (no `agent-id`, no event yet). */
const UNKNOWN_AGENT = 'webex-agent';

/** The `hello` before the relay runs: no state, no writes, and why, when known. */
export function waitingHello(agentId: string | null, problem: string | null): BridgeMessage {
  // No agent named yet: no rule can be chosen for nobody, so none is named.
  return noStateHello('webex', agentId, problem);
}

/** Widget names the SDK's `config.init` requires. */
const WIDGET = { widgetName: 'presence-sync-relay', widgetProvider: 'presence-sync' };

export class WebexRelay {
  /** Refused SDK events (the widget port counts refused messages). */
  rejected = 0;
  problem: string | null = null;
  private agent: AgentFacts | null = null;
  private tasks = new Map<string, VoiceTask>();
  private codes: IdleCode[] = [];
  private saidWrite: boolean | null = null;
  private agentId: string | null;
  private teamId: string | null = null;
  private teamName: string | null = null;
  private closed = false;
  private multiLogin = false;
  private readonly waiters = new Set<() => void>();
  private readonly queue: Array<{ id: string; target: AcdTarget }> = [];
  private writing = false;
  /** The id of the write in flight. */
  private running: string | null = null;
  /** A restore is due at start: until it is done the widget hears no state. */
  private holding: boolean;
  /** Says the state and the codes when they change, with `seq` (which survives a reload). */
  private readonly announcer: AgentAnnouncer;

  constructor(
    private readonly desktop: RelayDesktop,
    private readonly clock: ClockPort,
    private readonly options: RelayOptions,
  ) {
    this.agentId = options.agentId;
    this.holding = options.restore !== undefined;
    this.announcer = new AgentAnnouncer((message) => options.post(message), clock);
  }

  /** The `hello` the widget is answered with. */
  hello(): BridgeMessage {
    this.saidWrite = this.canWrite();
    return agentHello({
      platform: 'webex',
      agent: {
        agentId: this.agentId ?? UNKNOWN_AGENT,
        ...(this.teamId !== null ? { teamId: this.teamId } : {}),
        ...(this.teamName !== null ? { teamName: this.teamName } : {}),
      },
      codes: this.agent !== null ? this.wireCodes() : null,
      state: this.holding ? null : this.state(),
      write: this.canWrite(),
      problem: this.problem,
    });
  }

  /** Connects to the Desktop; resolves when the relay has told the widget the agent's state. */
  async start(): Promise<void> {
    this.options.post(this.hello());
    const inited = await this.patient(
      this.desktop.config.init(WIDGET).then(
        () => true,
        () => false,
      ),
      'The Webex Desktop did not start its widget services (AGENTX_SERVICE is not ready)',
    );
    if (!inited) {
      this.problem = 'The Webex Desktop SDK refused to start';
      this.options.post(this.hello());
      return;
    }
    this.listen();
    const facts = readLatestData(this.desktop.agentStateInfo.latestData, this.clock.now());
    if (typeof facts !== 'string') this.agent ??= facts;
    // latestData fills in after init (the SDK reloads the agent): wait for its first update.
    else
      await this.patient(
        new Promise<void>((resolve) => {
          const ready = () => {
            if (this.agent === null) return;
            this.waiters.delete(ready);
            resolve();
          };
          this.waiters.add(ready);
        }),
        'The Webex Desktop has not said the agent’s state yet',
      );
    this.readProfile();
    const map = await this.bounded(this.desktop.actions.getTaskMap());
    for (const [id, task] of readTaskMap(map, this.clock.now()))
      if (!this.tasks.has(id)) this.tasks.set(id, task);
    if (this.problem !== null && !this.multiLogin) this.problem = null;
    const state = this.canWrite() ? this.state() : null;
    const back = state === null ? null : (this.options.restore?.(state) ?? null);
    // Set before the widget hears a state, so the session end a reload applied is never synced.
    if (back !== null) await this.write(back);
    this.holding = false;
    this.options.post(this.hello());
    this.publish();
  }

  /** The agent's state while the relay can write (null otherwise). */
  get current(): AcdState | null {
    return this.canWrite() ? this.state() : null;
  }

  close(): void {
    this.closed = true;
  }

  /**
   * The widget asked for a state: queued, one write in flight. At most one waits behind it: a newer
   * request replaces the waiting one, which is answered at once (the widget has one write in flight
   * per side, so more only come from a misbehaving peer).
   */
  setState(id: string, target: AcdTarget): void {
    if (id === this.running || this.queue.some((waiting) => waiting.id === id)) {
      this.refuse(`setState: the id "${id.slice(0, 64)}" is already in flight; refused`);
      return;
    }
    for (const replaced of this.queue.splice(0))
      this.announcer.result(replaced.id, {
        ok: false,
        code: 'throttled',
        message: 'A newer change replaced it before it was sent',
      });
    this.queue.push({ id, target });
    void this.pump();
  }

  /**
   * Sets `target` through the SDK as the Desktop's page goes (`session-end`, docs/contract.md §6.12):
   * one `stateChange`, issued synchronously and not waited for; the Desktop's own request carries it.
   * Nothing when the relay cannot write, the code is unknown, or the Desktop already shows it.
   * The target as the Desktop will show it (the default idle code by its name) when a call was
   * made, else null.
   */
  pageGoes(target: AcdTarget): AcdTarget | null {
    if (this.closed || !this.canWrite() || this.agent === null) return null;
    let shown: AcdTarget = { state: 'Available' };
    let state: 'Available' | 'Idle' = 'Available';
    let id = AVAILABLE_ID;
    if (target.state === 'Unavailable') {
      const code = codeForReason(this.codes, target.reason);
      if ('code' in code) {
        this.options.warn(`session-end: ${code.message}`);
        return null;
      }
      state = 'Idle';
      id = code.id;
      shown = {
        state: 'Unavailable',
        reason: this.codes.find((known) => known.id === id)?.name ?? target.reason,
      };
    }
    if (this.shows(state, id)) return null;
    try {
      void this.desktop.agentStateInfo
        .stateChange({
          state,
          auxCodeIdArray: id,
          lastStateChangeReason: WRITE_TAG,
        } as Parameters<RelayDesktop['agentStateInfo']['stateChange']>[0])
        .catch(() => undefined);
    } catch {
      return null;
    }
    return shown;
  }

  private canWrite(): boolean {
    return this.options.write && !this.multiLogin && this.agent !== null && this.agent.loggedIn;
  }

  private state(): AcdState | null {
    return this.agent === null ? null : acdStateOf(this.agent, this.tasks, this.codes);
  }

  private wireCodes() {
    return this.codes.map((code) => ({ name: code.name, isAcw: false, isActive: true }));
  }

  /** Waits for the Desktop; past `startMs` the widget is told `problem` while the wait goes on. */
  private async patient<T>(work: Promise<T>, problem: string): Promise<T> {
    const handle = this.clock.setTimeout(() => {
      this.problem = problem;
      this.options.post(this.hello());
    }, this.options.startMs);
    try {
      return await work;
    } finally {
      this.clock.clearTimeout(handle);
    }
  }

  /** The value, or null when the Desktop does not answer within `startMs`. */
  private bounded<T>(work: Promise<T>): Promise<T | null> {
    return new Promise<T | null>((resolve) => {
      const handle = this.clock.setTimeout(() => resolve(null), this.options.startMs);
      work.then(
        (value) => {
          this.clock.clearTimeout(handle);
          resolve(value);
        },
        () => {
          this.clock.clearTimeout(handle);
          resolve(null);
        },
      );
    });
  }

  private listen(): void {
    const info = this.desktop.agentStateInfo;
    info.addEventListener('updated', (changes) => {
      const fields = Array.isArray(changes) ? changes : [];
      const facts = readLatestData(info.latestData, this.clock.now());
      if (typeof facts === 'string') {
        if (this.agent !== null) this.refuse(`updated: ${facts}`);
      } else if (
        this.agent === null ||
        facts.loggedIn !== this.agent.loggedIn ||
        facts.subStatus !== this.agent.subStatus ||
        facts.auxCodeId !== this.agent.auxCodeId
      ) {
        if (facts.loggedIn && this.agent !== null && !this.agent.loggedIn) this.tasks.clear();
        this.agent = facts;
      }
      if (fields.some((field) => isPlain(field) && own(field, 'name') === 'idleCodes'))
        this.readProfile();
      this.changed();
    });
    for (const event of CONTACT_EVENTS) {
      this.desktop.agentContact.addEventListener(event, (msg: unknown) => {
        this.learnAgent(msg);
        const next = applyContactEvent(this.tasks, event, msg, this.clock.now());
        if (typeof next === 'string') this.refuse(next);
        else this.tasks = next;
        this.changed();
      });
    }
    this.desktop.logout.addEventListener('eAgentLogoutSuccess', (msg: unknown) => {
      this.learnAgent(msg);
      this.loggedOut();
    });
    // The Desktop's multi-login close arrives on the same agent channel; the SDK's binder takes
    // any of its signals (@wxcc-desktop/sdk@2.0.15 `LogoutJsApi`, whose typing lists logout only).
    try {
      (
        this.desktop.logout.addEventListener as (
          name: string,
          listener: (m: unknown) => void,
        ) => void
      )('eAgentMultiLogin', () => {
        this.multiLogin = true;
        this.problem =
          'The Webex Desktop was opened in another window or tab: this one no longer syncs (reload it to take over)';
        this.loggedOut();
      });
    } catch {
      this.options.warn('eAgentMultiLogin cannot be followed in this Desktop');
    }
  }

  private loggedOut(): void {
    const since = this.clock.now();
    this.agent = { loggedIn: false, subStatus: '', auxCodeId: '', since };
    this.tasks.clear();
    this.changed();
  }

  private learnAgent(msg: unknown): void {
    if (this.agentId !== null || !isPlain(msg)) return;
    const data = own(msg, 'data');
    const id = isPlain(data) ? name(own(data, 'agentId'), 128) : undefined;
    if (id !== undefined) this.agentId = id;
  }

  private readProfile(): void {
    const latest: unknown = this.desktop.agentStateInfo.latestData;
    if (!isPlain(latest)) return;
    const { codes, dropped } = readIdleCodes(own(latest, 'idleCodes'));
    if (dropped > 0) this.refuse(`latestData.idleCodes: ${dropped} entries are not idle codes`);
    this.codes = codes;
    this.teamId = name(own(latest, 'teamId'), 128) ?? null;
    this.teamName = name(own(latest, 'teamName'), 128) ?? null;
  }

  private refuse(message: string): void {
    this.rejected += 1;
    this.options.warn(message);
  }

  private changed(): void {
    for (const waiter of [...this.waiters]) waiter();
    this.publish();
  }

  /** Posts what changed: the codes, then the state, each only when different. */
  private publish(): void {
    if (this.closed || this.agent === null || this.holding) return;
    if (this.saidWrite !== this.canWrite()) this.options.post(this.hello());
    this.announcer.codes(this.wireCodes());
    const state = this.state();
    if (state !== null) this.announcer.state(state);
  }

  private async pump(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
        this.running = next.id;
        const outcome = await this.write(next.target);
        this.running = null;
        this.announcer.result(next.id, outcome);
      }
    } finally {
      this.writing = false;
      this.running = null;
    }
  }

  /** Whether the Desktop shows this state (by idle-code id). */
  private shows(state: 'Available' | 'Idle', id: string): boolean {
    const agent = this.agent;
    if (agent === null || !agent.loggedIn) return false;
    return state === 'Available'
      ? agent.subStatus === 'Available'
      : agent.subStatus !== 'Available' && agent.auxCodeId === id;
  }

  private async write(target: AcdTarget): Promise<ResultOutcome> {
    const refuse = (code: ResultCode, message: string) => ({ ok: false as const, code, message });
    if (!this.options.write) return refuse('forbidden', 'This relay only observes (write="false")');
    if (this.multiLogin) return refuse('not-connected', this.problem ?? 'Multi-login');
    if (this.agent === null) return refuse('not-connected', 'The Webex Desktop is not ready yet');
    if (!this.agent.loggedIn)
      return refuse('no-session', 'The agent is not signed in to the Webex Desktop');
    let state: 'Available' | 'Idle' = 'Available';
    let id = AVAILABLE_ID;
    if (target.state === 'Unavailable') {
      const code = codeForReason(this.codes, target.reason);
      if ('code' in code) return refuse(code.code, code.message);
      state = 'Idle';
      id = code.id;
    }
    if (this.shows(state, id)) return { ok: true };
    return this.send(state, id);
  }

  /** Calls `stateChange` and waits for the Desktop to show the target, within `settleMs`. */
  private send(state: 'Available' | 'Idle', id: string): Promise<ResultOutcome> {
    return new Promise<ResultOutcome>((resolve) => {
      let done = false;
      const finish = (outcome: ResultOutcome) => {
        if (done) return;
        done = true;
        this.waiters.delete(check);
        this.clock.clearTimeout(timer);
        resolve(outcome);
      };
      const check = () => {
        if (this.shows(state, id)) finish({ ok: true });
      };
      this.waiters.add(check);
      const timer = this.clock.setTimeout(
        () =>
          finish({
            ok: false,
            code: 'timeout',
            message: `The Webex Desktop did not show ${state === 'Available' ? 'Available' : `idle code ${id}`} within ${this.options.settleMs} ms`,
          }),
        this.options.settleMs,
      );
      let request: Promise<unknown>;
      try {
        request = this.desktop.agentStateInfo.stateChange({
          state,
          auxCodeIdArray: id,
          lastStateChangeReason: WRITE_TAG,
        } as Parameters<RelayDesktop['agentStateInfo']['stateChange']>[0]);
      } catch (error) {
        request = Promise.reject(error);
      }
      request.then(
        (success) => {
          // The request's own answer is the Desktop's state event: take it as seen.
          if (this.applySuccess(success)) this.changed();
          check();
          if (success === undefined)
            finish({
              ok: false,
              code: 'not-connected',
              message: 'The Webex Desktop SDK is not ready',
            });
        },
        (error: unknown) => {
          const failure = describeFailure(error);
          // A Timeout may still land (the AQM layer waits 20 s for the event): keep waiting.
          if (failure.code === 'timeout') return;
          finish({ ok: false, ...failure });
        },
      );
    });
  }

  /** Applies a resolved `StateChangeSuccess` (when it is one); whether anything changed. */
  private applySuccess(success: unknown): boolean {
    if (!isPlain(success) || this.agent === null) return false;
    const data = own(success, 'data');
    if (!isPlain(data)) return false;
    const subStatus = name(own(data, 'subStatus'), 40);
    const auxCodeId = name(own(data, 'auxCodeId'), 64);
    if (subStatus === undefined || auxCodeId === undefined) return false;
    if (subStatus === this.agent.subStatus && auxCodeId === this.agent.auxCodeId) return false;
    this.agent = { loggedIn: true, subStatus, auxCodeId, since: this.clock.now() };
    return true;
  }
}

/** The `result` code and message for an SDK rejection (`Err.Details` ids of @uuip/unified-ui-platform-sdk). */
export function describeFailure(error: unknown): { code: ResultCode; message: string } {
  const id = isPlain(error) || error instanceof Error ? (error as { id?: unknown }).id : undefined;
  const details =
    error instanceof Error || isPlain(error) ? (error as { details?: unknown }).details : undefined;
  const data = isPlain(details) ? own(details, 'data') : undefined;
  const reason = isPlain(data) ? name(own(data, 'reason'), 200) : undefined;
  if (id === 'Service.aqm.reqs.Timeout' || id === 'Service.aqm.reqs.TimeoutEvent')
    return { code: 'timeout', message: 'The Webex Desktop timed out waiting for the state change' };
  if (id === 'Service.aqm.reqs.Pending')
    return {
      code: 'conflict',
      message: 'The Webex Desktop is still busy with another state change',
    };
  const text = error instanceof Error ? error.message.slice(0, 200) : '';
  return {
    code: 'conflict',
    message: `Webex refused the state change${reason !== undefined ? `: ${reason}` : text !== '' ? `: ${text}` : ''}`,
  };
}
