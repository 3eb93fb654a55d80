/**
 * The signed-in agent's CXone session, as the bridge keeps it: tenant discovery, **join** (never
 * start, never end: Agent Embedded owns the session), the `get-next-event` long poll and the team's
 * unavailable codes (https://developer.niceincontact.com/API/AgentAPI,
 * https://developer.niceincontact.com/Documentation/UsingEvents). What it learns goes out as bridge
 * protocol messages (docs/contract.md §5.1) through `emit`; writes are `state-write.ts`.
 *
 * Invariants:
 * - `LoggedOut` only when CXone says the agent has no session: a join answered 404 or 409 with a
 *   JSON body (a gateway's HTML error page is not CXone speaking; Studio's
 *   JOIN AGENT SESSION calls it `InvalidAgentSession`,
 *   https://help.nicecxone.com/content/Studio/actionscx/sessionjoin/sessionjoin.htm), a poll
 *   answered 409, or an `AgentSessionEnd` event. Anything else that fails — 429, 5xx, a timeout, a
 *   network error, an answer that cannot be read — is "CXone unreachable": `write: false`, **no**
 *   state (the bridge does not know it; a rule maps `LoggedOut` to logging the agent out of
 *   Omni-Channel), and a retry by the policy of that call (`retry.ts`).
 * - A `hello` with `write: true` always carries the state: after a join the bridge polls for the
 *   join's snapshot and says hello with the state it holds; after an outage, with the first poll
 *   that works again.
 * - One long poll at a time; a 304 polls again at once, anything else waits by the poll policy.
 *   A poll answered in less than half its timeout without anything new (a 304, or a 200 whose
 *   events change nothing) was not held: the next waits by the quick-poll policy (1 s doubling to
 *   30 s), so a host that answers at once, again and again, never makes a tight loop; a poll that
 *   is held again resets it. Events are never delayed: a 200 with news polls again at once.
 * - A 401 refreshes the token once (shared with every other caller) and retries; a refused
 *   refresh stops everything at "reconnect needed" until the agent signs in again.
 * - The newest `sessionId` a poll returns is the one used from then on.
 * - Every response is validated; a malformed one is refused (and said), never thrown.
 * - `state` is sent only when it changed, with an increasing `seq` (the announcer's).
 * - Every API session of an agent should get every event. When a write's `AgentState` has not come
 *   back within `ECHO_WATCH_MS`, the bridge joins again, which hands the new API session the
 *   agent's current state: if the echo is still missing then, another client (Agent Embedded) is
 *   draining the same event queue. That is said (a `hello` problem and the page), and from then on
 *   the bridge re-reads the state this way every `SHARED_PROBE_MS`, so a lost change is repaired
 *   within that time instead of never.
 */
import {
  AgentAnnouncer,
  agentHello,
  BRIDGE_LIMITS,
  isPlain,
  list,
  name,
  own,
  parseAgentStateEvent,
  type AcdState,
  type AcdTarget,
  type AgentIntro,
  type BridgeMessage,
  type ClockPort,
  type UnavailableCode,
} from '../../protocol/index.js';
import {
  AuthError,
  hostRefusal,
  httpsOrLoopback,
  NICE_HOST_SUFFIXES,
  type CxoneTokens,
} from './auth.js';
import type { CxoneHttp, HttpResult } from './http.js';
import { findNativeSync, nativeSyncProblem } from './native-sync.js';
import { RETRY_LIMITS, RetryPolicy } from './retry.js';
import { StateWriter } from './state-write.js';

/** What the page shows about the CXone side. */
export type SessionStatus =
  'connecting' | 'joined' | 'no-session' | 'reconnect-needed' | 'unreachable' | 'stopped';

/** The session's dependencies and listeners. */
export interface AgentSessionOptions {
  /** CXone's OpenID issuer; tenant discovery lives under it. */
  readonly issuer: string;
  /** Seconds each long poll may hold (1–60). */
  readonly pollTimeoutS: number;
  /** The host suffixes the tenant's API host must be under (default NICE's; loopback besides). */
  readonly apiHostSuffixes?: readonly string[];
  readonly clock: ClockPort;
  /** 0 ≤ x < 1, for backoff jitter (tests pass a fixed one). */
  readonly random?: () => number;
  /** Each protocol message for the widget. */
  readonly emit: (message: BridgeMessage) => void;
  /** What the page should show changed. */
  readonly onStatus?: (status: SessionStatus, detail: string) => void;
  /**
   * Asked once, with the first state after the first join: a state to set before the widget hears
   * any (the state held before a session end that a reload applied, docs/contract.md §6.12).
   */
  readonly restore?: (state: AcdState) => AcdTarget | null;
}

const CALL_TIMEOUT_MS = 10_000;
/** How long a written state may take to come back as an `AgentState` event. */
export const ECHO_WATCH_MS = 15_000;
/** With a shared event queue, how often the state is read again through a join. */
export const SHARED_PROBE_MS = 60_000;
const SHARED_QUEUE =
  'CXone hands this agent’s events to another client too (a shared event queue), so some changes ' +
  'reach the bridge only when it reads the state again, about once a minute';
const API = '/InContactAPI/services/v23.0';

/** `"True"`/`"False"` (any case) or a boolean, as CXone sends flags. */
function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  if (/^(true|on)$/i.test(value)) return true;
  if (/^(false|off)?$/i.test(value)) return false;
  return undefined;
}

/**
 * The tenant's API base from a tenant discovery answer: only a 200 whose body is a JSON object with
 * an https (or loopback) `api_endpoint` names one, and only on a host under `suffixes` (else
 * `refused` says which host and key); anything else names none. The page pins `connect-src` by
 * this too, so an error answer or a foreign host can never be pinned.
 */
export function tenantApi(
  status: number,
  body: unknown,
  suffixes: readonly string[] = NICE_HOST_SUFFIXES,
): { api: string } | { refused: string } | null {
  const api =
    status === 200 && isPlain(body) ? httpsOrLoopback(own(body, 'api_endpoint')) : undefined;
  if (api === undefined) return null;
  const refused = hostRefusal(api, suffixes, 'Tenant discovery');
  return refused === null ? { api: api.replace(/\/+$/, '') } : { refused };
}

/** The team's codes from `unavailable-codes` (either key casing), or null when malformed. */
export function codesOf(body: unknown): UnavailableCode[] | null {
  const items = isPlain(body) ? list(own(body, 'unavailableCodes'), 500) : undefined;
  if (items === undefined) return null;
  const codes: UnavailableCode[] = [];
  for (const item of items) {
    if (!isPlain(item)) return null;
    const codeName = name(own(item, 'outStateName') ?? own(item, 'outstateName'), 100);
    const isAcw = flag(own(item, 'isAcw'));
    const isActive = flag(own(item, 'isActive'));
    if (codeName === undefined || isAcw === undefined || isActive === undefined) return null;
    codes.push({ name: codeName, isAcw, isActive });
  }
  return codes;
}

/** The agent's CXone session for one signed-in agent. */
export class CxoneAgentSession {
  private api: string | null = null;
  private sessionId: string | null = null;
  private state: AcdState | null = null;
  private codes: UnavailableCode[] | null = null;
  private status: SessionStatus = 'connecting';
  /** Why CXone is unreachable, while it is (the widget is told). */
  private outage: string | null = null;
  /** The widget has not yet been told this join's (or this recovery's) state in a hello. */
  private helloDue = false;
  private stopped = false;
  /** The `restore` option was asked. */
  private restored = false;
  private wakeUp: (() => void) | null = null;
  /** A written state whose `AgentState` event has not come back yet, and when it was written. */
  private echo: { state: string; reason: string; at: number } | null = null;
  /** A join made to read the state again is waiting for its snapshot. */
  private probing = false;
  private lastProbe = 0;
  /** Events for this agent are being taken by another client too (see the invariants). */
  private sharedQueue = false;
  /** The widget's org id, and whether NICE's own sync was looked up for it. */
  private orgId: string | null = null;
  private nativeChecked = false;
  /** Rows of NICE's own sync rule for this org, when it has one. */
  private nativeRows = 0;
  private readonly stopping = new AbortController();
  private readonly announcer: AgentAnnouncer;
  private readonly writer: StateWriter;
  /** One failure count per kind of call. */
  private readonly retry: Record<'discovery' | 'token' | 'join' | 'poll' | 'quick', RetryPolicy>;

  constructor(
    private readonly http: CxoneHttp,
    private readonly tokens: CxoneTokens,
    private readonly options: AgentSessionOptions,
  ) {
    const random = options.random ?? Math.random;
    this.retry = {
      discovery: new RetryPolicy(RETRY_LIMITS.discovery, random),
      token: new RetryPolicy(RETRY_LIMITS.token, random),
      join: new RetryPolicy(RETRY_LIMITS.join, random),
      poll: new RetryPolicy(RETRY_LIMITS.poll, random),
      quick: new RetryPolicy(RETRY_LIMITS.quickPoll, random),
    };
    // A new StartTimeUTC is news even in the same state: the agent left it and came back.
    this.announcer = new AgentAnnouncer(options.emit, options.clock, sameNews);
    const read = () => ({ canWrite: this.canWrite, current: this.state, codes: this.codes });
    this.writer = new StateWriter(
      {
        get canWrite() {
          return read().canWrite;
        },
        get current() {
          return read().current;
        },
        get codes() {
          return read().codes;
        },
        postState: (body) => this.call('POST', `agent-sessions/${this.sessionId}/state`, body),
        lost: (detail) => this.unknownSession(detail),
        signedOut: (detail) => this.setStatus('reconnect-needed', detail),
        expectEcho: (state, reason) => {
          this.echo = { state, reason, at: this.options.clock.now() };
        },
      },
      options.clock,
      random,
    );
  }

  /** The agent's state while joined (null otherwise). */
  get current(): AcdState | null {
    return this.canWrite ? this.state : null;
  }

  /** Whether a `setState` can be tried now: joined, and the agent's state known. */
  get canWrite(): boolean {
    return this.status === 'joined' && this.sessionId !== null && this.state !== null;
  }

  /** Starts discovery, join and the poll loop; resolves when the session stops. */
  async run(): Promise<void> {
    try {
      while (!this.stopped) {
        try {
          if (this.api === null) await this.discoverTenant();
          else if (this.sessionId === null) await this.join();
          else await this.pollOnce();
        } catch (error) {
          // The token endpoint unreachable for a moment is like any failing call: wait, try again.
          if (!(error instanceof AuthError) || error.kind === 'signed-out') throw error;
          this.unreachable(`the token endpoint: ${error.message}`);
          await this.wait(this.retry.token.failed());
          continue;
        }
        this.retry.token.succeeded();
      }
    } catch (error) {
      if (error instanceof AuthError && error.kind === 'signed-out') {
        this.setStatus('reconnect-needed', error.message);
      } else if (!this.stopped) {
        this.setStatus('unreachable', error instanceof Error ? error.message : String(error));
      }
    }
  }

  /** Stops polling (the page is closing, or the agent signed out); the CXone session stays. */
  stop(): void {
    this.stopped = true;
    this.setStatus('stopped', '');
    this.stopping.abort();
    this.wakeUp?.();
  }

  /** The introduction the widget gets (and again whenever it changes). */
  hello(): BridgeMessage {
    return agentHello(this.intro());
  }

  /**
   * The widget's org id: once joined, the bridge looks up whether NICE's own Salesforce presence
   * sync is set up for it (the 18-character id, then its 15-character form), and says so.
   */
  orgIdIs(orgId: string): void {
    if (this.orgId === orgId) return;
    this.orgId = orgId;
    this.nativeChecked = false;
    if (this.status === 'joined') void this.checkNativeSync();
  }

  /**
   * The joined session's state URL and the access token held now, for a request that must leave
   * at once (the page is going: no refresh, no retry); null when not joined or no token is live.
   */
  pageGoingRequest(): { url: string; token: string } | null {
    const token = this.tokens.held;
    if (this.stopped || this.api === null || this.sessionId === null || token === null) return null;
    return { url: `${this.api}${API}/agent-sessions/${this.sessionId}/state`, token };
  }

  /** Sets the agent state; answers with a `result` (docs/contract.md §5.1 codes). */
  async setState(id: string, target: AcdTarget): Promise<void> {
    try {
      this.announcer.result(id, await this.writer.write(target));
    } catch (error) {
      this.announcer.result(id, {
        ok: false,
        code: 'network',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  // ── internals ──

  private intro(): AgentIntro {
    const claims = this.tokens.claims;
    return {
      platform: 'cxone',
      agent: {
        agentId: claims.agentId,
        ...(claims.teamId !== undefined ? { teamId: claims.teamId } : {}),
      },
      codes: this.codes,
      // Joined: the agent's state. No CXone session: LoggedOut, which CXone said. Otherwise the
      // bridge does not know the state (joining, unreachable, signed out), and says none.
      state: this.canWrite ? this.state : this.status === 'no-session' ? this.loggedOut() : null,
      write: this.canWrite,
      problem: this.problem(),
    };
  }

  /** What the widget should show about this session (the protocol's limit applies). */
  private problem(): string | null {
    const problems = [
      ...(this.outage !== null
        ? [`CXone cannot be reached (${this.outage}); the bridge keeps trying`]
        : []),
      ...(this.nativeRows > 0 ? [nativeSyncProblem(this.nativeRows)] : []),
      ...(this.sharedQueue ? [SHARED_QUEUE] : []),
    ];
    return problems.length === 0 ? null : problems.join('. ').slice(0, BRIDGE_LIMITS.message);
  }

  /** Says hello to the widget: the session's standing or its problem changed. */
  private announce(): void {
    this.announcer.hello(this.intro());
  }

  private async discoverTenant(): Promise<void> {
    const tenant = encodeURIComponent(this.tokens.claims.tenantId);
    const result = await this.http.request({
      method: 'GET',
      url: `${this.options.issuer}/.well-known/cxone-configuration?tenantId=${tenant}`,
      timeoutMs: CALL_TIMEOUT_MS,
      signal: this.stopping.signal,
    });
    if (this.stopped) return;
    const found =
      result.kind === 'response'
        ? tenantApi(result.status, result.body, this.options.apiHostSuffixes)
        : null;
    if (found === null || 'refused' in found) {
      this.unreachable(found === null ? `tenant discovery: ${describe(result)}` : found.refused);
      await this.wait(this.retry.discovery.failed(retryAfterOf(result)));
      return;
    }
    this.retry.discovery.succeeded();
    this.api = found.api;
    this.http.trust(this.api);
  }

  /** Looks up NICE's own Salesforce presence-sync rule for the widget's org. */
  private async checkNativeSync(): Promise<void> {
    const orgId = this.orgId;
    const api = this.api;
    if (orgId === null || this.nativeChecked || api === null) return;
    this.nativeChecked = true;
    let found: Awaited<ReturnType<typeof findNativeSync>>;
    try {
      found = await findNativeSync(api, orgId, (url) => this.callUrl('GET', url));
    } catch {
      return;
    }
    if (found === null) {
      this.options.onStatus?.(
        this.status,
        'Whether NICE’s own Salesforce presence sync is on could not be checked',
      );
      return;
    }
    if (found.rows > 0 && this.orgId === orgId) {
      this.nativeRows = found.rows;
      this.options.onStatus?.(this.status, nativeSyncProblem(found.rows));
      this.announce();
    }
  }

  private async fetchCodes(): Promise<void> {
    const team = this.tokens.claims.teamId;
    if (team === undefined) return;
    const response = await this.call(
      'GET',
      `teams/${encodeURIComponent(team)}/unavailable-codes?activityOnly=true`,
    );
    const codes =
      response.kind === 'response' && response.status === 200 ? codesOf(response.body) : null;
    if (codes === null) {
      this.options.onStatus?.(this.status, 'The team’s unavailable codes could not be read');
      return;
    }
    this.codes = codes;
    this.announcer.codes(codes);
  }

  /** Joins (again, when `probe`: only to be handed the current state). */
  private async join(probe = false): Promise<void> {
    const response = await this.call('POST', 'agent-sessions/join', { asAgentId: '' });
    if (this.stopped) return;
    if (response.kind === 'response' && response.status === 401) {
      throw new AuthError('CXone refused the sign-in', 'signed-out');
    }
    const sessionId =
      response.kind === 'response' &&
      response.status >= 200 &&
      response.status < 300 &&
      isPlain(response.body)
        ? name(own(response.body, 'sessionId'), 200)
        : undefined;
    if (sessionId !== undefined) {
      this.sessionId = sessionId;
      this.retry.join.succeeded();
      if (probe) {
        this.probing = true;
        this.lastProbe = this.options.clock.now();
        return;
      }
      // The join's snapshot (its first poll) carries the state: the hello waits for it.
      this.state = null;
      this.announcer.forget();
      this.helloDue = true;
      this.outage = null;
      // After the join, so an edit made before it cannot be missed (its event went to no queue).
      await this.fetchCodes();
      this.setStatus('joined', '');
      void this.checkNativeSync();
      return;
    }
    // A probe that fails leaves the joined session as it is: its own polls say when it ends.
    if (probe) {
      this.lastProbe = this.options.clock.now();
      return;
    }
    // CXone answers in JSON; a 404 or 409 without a JSON body (a gateway's HTML page, a retired
    // API path) is not CXone saying there is no session, and must not log the agent out.
    if (
      response.kind === 'response' &&
      (response.status === 404 || response.status === 409) &&
      isPlain(response.body)
    ) {
      // No session (the agent is not logged in to CXone yet): LoggedOut, and look again later.
      this.outage = null;
      const was = this.status;
      this.setStatus('no-session', 'The agent has no CXone session (log in to CXone Agent first)');
      if (was !== 'no-session') this.announce();
    } else {
      this.unreachable(`the session join: ${describe(response)}`);
    }
    await this.wait(this.retry.join.failed(retryAfterOf(response)));
  }

  private async pollOnce(): Promise<void> {
    const timeout = this.options.pollTimeoutS;
    const polled = this.sessionId;
    const started = this.options.clock.now();
    const response = await this.call(
      'GET',
      `agent-sessions/${polled}/get-next-event?timeout=${timeout}`,
      undefined,
      (timeout + 15) * 1000,
    );
    // The session was dropped meanwhile (a write was told it is unknown): the join decides now.
    if (this.stopped || this.sessionId !== polled) return;
    if (response.kind === 'response' && (response.status === 304 || response.status === 200)) {
      this.retry.poll.succeeded();
      if (this.status === 'unreachable') {
        // Back: the events CXone kept meanwhile come now, then the widget hears the state.
        this.outage = null;
        this.helloDue = true;
        this.setStatus('joined', '');
      }
      const news = response.status === 200 && this.events(response.body);
      if (this.helloDue && this.state !== null && this.sessionId !== null) {
        await this.restoreOnce(this.state);
        this.helloDue = false;
        this.announce();
      }
      if (this.sessionId !== null && !this.probing && this.probeDue()) await this.join(true);
      if (this.options.clock.now() - started >= (timeout * 1000) / 2) this.retry.quick.succeeded();
      else if (!news && !this.stopped) await this.wait(this.retry.quick.failed());
      return;
    }
    if (response.kind === 'response' && response.status === 409 && isPlain(response.body)) {
      this.lostSession('The CXone session ended');
      return;
    }
    if (response.kind === 'response' && response.status === 401) {
      throw new AuthError('CXone refused the sign-in', 'signed-out');
    }
    this.unreachable(`the event poll: ${describe(response)}`);
    await this.wait(this.retry.poll.failed(retryAfterOf(response)));
  }

  /**
   * Applies a poll's events; whether any was news: a changed state, new codes, the session's end (a
   * new session id alone is adopted, but is not news: the widget hears nothing of it).
   */
  private events(body: unknown): boolean {
    const events = isPlain(body) ? list(own(body, 'events'), 1000) : undefined;
    const rotated = isPlain(body) ? name(own(body, 'sessionId'), 200) : undefined;
    if (rotated !== undefined) this.sessionId = rotated;
    if (events === undefined) {
      this.options.onStatus?.(this.status, 'CXone sent an event batch that could not be read');
      return false;
    }
    let news = false;
    let codesChanged = false;
    for (const event of events) {
      const type = isPlain(event) ? (own(event, 'Type') ?? own(event, 'type')) : undefined;
      if (type === 'AgentState') {
        const state = parseAgentStateEvent(event);
        if (this.probing) {
          // The join's snapshot: a write still unanswered now had its event taken by someone else.
          this.probing = false;
          if (this.echo !== null && !this.sharedQueue) {
            this.sharedQueue = true;
            this.options.onStatus?.(this.status, SHARED_QUEUE);
            if (!this.helloDue) this.announce();
          }
          this.echo = null;
        }
        // The protocol's state carries when it began: CXone sends it, else it is now.
        if (state !== null) {
          const next = { ...state, since: state.since ?? this.options.clock.now() };
          if (this.state === null || !sameNews(this.state, next)) news = true;
          this.stateIs(next);
        }
      } else if (type === 'UpdateUnavailableCodes') {
        codesChanged = true;
      } else if (type === 'AgentSessionEnd' || type === 'RemoteAgentSessionEnd') {
        this.lostSession('The CXone session ended');
        return true;
      }
    }
    if (codesChanged) void this.fetchCodes();
    return news || codesChanged;
  }

  /** Sets the state the `restore` option asks for, once, before the widget hears the state. */
  private async restoreOnce(state: AcdState): Promise<void> {
    const restore = this.options.restore;
    if (restore === undefined || this.restored) return;
    this.restored = true;
    const target = restore(state);
    if (target === null) return;
    const outcome = await this.writer.write(target);
    if (!outcome.ok || this.state !== state) return;
    // CXone took it; its event follows. Until then the widget is told the state it set.
    this.state = {
      state: target.state,
      reason: target.state === 'Unavailable' ? target.reason : '',
      isAcw: false,
      since: this.options.clock.now(),
    };
  }

  /** A write's echo overdue, or (with a shared queue) the state due to be read again. */
  private probeDue(): boolean {
    const now = this.options.clock.now();
    // A failed probe is not tried again at once.
    if (this.echo !== null && now - this.echo.at >= ECHO_WATCH_MS)
      return now - this.lastProbe >= ECHO_WATCH_MS;
    return this.sharedQueue && now - this.lastProbe >= SHARED_PROBE_MS;
  }

  private stateIs(state: AcdState): void {
    this.state = state;
    const echo = this.echo;
    if (echo !== null && !state.isAcw && state.state === echo.state && state.reason === echo.reason)
      this.echo = null;
    // Until the hello that carries it, the state is not news of its own.
    if (!this.helloDue) this.announcer.state(state);
  }

  /** CXone cannot be reached (or answered what cannot be used): no state, no writes, say why. */
  private unreachable(detail: string): void {
    const first = this.status !== 'unreachable';
    this.outage = detail.slice(0, 120);
    this.setStatus('unreachable', detail);
    if (first) {
      this.helloDue = this.sessionId !== null;
      this.announce();
    }
  }

  /**
   * A write was told the session is unknown: not yet proof that the agent has none (the join says
   * that), so the session is dropped without a state, and the loop joins again.
   */
  private unknownSession(detail: string): void {
    this.sessionId = null;
    this.state = null;
    this.echo = null;
    this.probing = false;
    this.helloDue = false;
    this.setStatus('connecting', detail);
    this.announce();
  }

  private lostSession(detail: string): void {
    this.sessionId = null;
    this.state = null;
    this.echo = null;
    this.probing = false;
    this.helloDue = false;
    this.outage = null;
    this.setStatus('no-session', detail);
    this.announce();
  }

  private loggedOut(): AcdState {
    return { state: 'LoggedOut', reason: '', isAcw: false, since: this.options.clock.now() };
  }

  /** An Agent API call with the current token; a 401 refreshes once and retries. */
  private call(
    method: 'GET' | 'POST',
    path: string,
    json?: unknown,
    timeoutMs = CALL_TIMEOUT_MS,
  ): Promise<HttpResult> {
    return this.callUrl(method, `${this.api}${API}/${path}`, json, timeoutMs);
  }

  /** A call to a CXone URL with the current token; a 401 refreshes once and retries. */
  private async callUrl(
    method: 'GET' | 'POST',
    url: string,
    json?: unknown,
    timeoutMs = CALL_TIMEOUT_MS,
  ): Promise<HttpResult> {
    const attempt = async () =>
      this.http.request({
        method,
        url,
        token: await this.tokens.token(),
        timeoutMs,
        signal: this.stopping.signal,
        ...(json !== undefined ? { json } : {}),
      });
    const first = await attempt();
    if (first.kind !== 'response' || first.status !== 401) return first;
    await this.tokens.refresh();
    return attempt();
  }

  private wait(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const handle = this.options.clock.setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, ms);
      this.wakeUp = () => {
        this.options.clock.clearTimeout(handle);
        this.wakeUp = null;
        resolve();
      };
    });
  }

  private setStatus(status: SessionStatus, detail: string): void {
    const changed = status !== this.status;
    this.status = status;
    if (changed || detail !== '') this.options.onStatus?.(status, detail);
  }
}

/** Whether two states are the same news: a new `StartTimeUTC` is news even in the same state. */
function sameNews(a: AcdState, b: AcdState): boolean {
  return a.state === b.state && a.reason === b.reason && a.isAcw === b.isAcw && a.since === b.since;
}

/** What a failed call came back as, for the page and the widget. */
function describe(result: HttpResult): string {
  switch (result.kind) {
    case 'response':
      return `CXone answered ${result.status}`;
    case 'malformed':
      return `CXone answered ${result.status} with a body that is not JSON`;
    case 'timeout':
      return 'CXone did not answer in time';
    case 'network':
      return 'the network failed';
  }
}

function retryAfterOf(result: HttpResult): number | undefined {
  return result.kind === 'response' ? result.retryAfterMs : undefined;
}
