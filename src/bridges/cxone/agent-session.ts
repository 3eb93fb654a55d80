/**
 * The signed-in agent's CXone session, as the bridge keeps it: tenant discovery, **join** (never
 * start, never end: Agent Embedded owns the session), the `get-next-event` long poll, the team's
 * unavailable codes, and the state POST (https://developer.niceincontact.com/API/AgentAPI,
 * https://developer.niceincontact.com/Documentation/UsingEvents). What it learns goes out as bridge
 * protocol messages (docs/contract.md §5.1) through `emit`.
 *
 * Invariants:
 * - One long poll at a time; a 304 polls again at once, anything else waits (backoff doubling
 *   with jitter up to a cap, or the server's `Retry-After`), so a failing CXone never sees a tight
 *   loop; a 409 or a session end is `LoggedOut` with `write: false` and a rejoin with backoff.
 * - A 401 refreshes the token once (shared with every other caller) and retries; a refused
 *   refresh stops everything at "reconnect needed" until the agent signs in again.
 * - The newest `sessionId` a poll returns is the one used from then on.
 * - Every response is validated; a malformed one is refused (and said), never thrown.
 * - `state` is sent only when it changed, with an increasing `seq`.
 * - Every API session of an agent should get every event. When a write's `AgentState` has not come
 *   back within `ECHO_WATCH_MS`, the bridge joins again, which hands the new API session the
 *   agent's current state: if the echo is still missing then, another client (Agent Embedded) is
 *   draining the same event queue. That is said (a `hello` problem and the page), and from then on
 *   the bridge re-reads the state this way every `SHARED_PROBE_MS`, so a lost change is repaired
 *   within that time instead of never.
 */
import {
  BRIDGE_LIMITS,
  envelope,
  isPlain,
  list,
  name,
  own,
  parseAgentStateEvent,
  text,
  type AcdState,
  type AcdTarget,
  type UnavailableCode,
} from '../../protocol/index.js';
import { AuthError, httpsOrLoopback, type CxoneTokens } from './auth.js';
import type { BridgeClock, CxoneHttp, HttpResult } from './http.js';

/** What the page shows about the CXone side. */
export type SessionStatus =
  'connecting' | 'joined' | 'no-session' | 'reconnect-needed' | 'unreachable' | 'stopped';

export interface AgentSessionOptions {
  /** CXone's OpenID issuer; tenant discovery lives under it. */
  readonly issuer: string;
  /** Seconds each long poll may hold (1–60). */
  readonly pollTimeoutS: number;
  readonly clock: BridgeClock;
  /** 0 ≤ x < 1, for backoff jitter (tests pass a fixed one). */
  readonly random?: () => number;
  /** Each protocol message for the widget. */
  readonly emit: (message: Record<string, unknown>) => void;
  /** What the page should show changed. */
  readonly onStatus?: (status: SessionStatus, detail: string) => void;
  /** Where NICE's presence-sync settings are read (default: `https://api-{area}.{domain}`). */
  readonly presenceApi?: string;
}

/** Waiting times: a failing call doubles its wait from `first` up to `cap`, ± a quarter. */
const RETRY = { first: 1000, cap: 30_000 } as const;
const REJOIN = { first: 5000, cap: 60_000 } as const;
const CALL_TIMEOUT_MS = 10_000;
/** How long a written state may take to come back as an `AgentState` event. */
export const ECHO_WATCH_MS = 15_000;
/** With a shared event queue, how often the state is read again through a join. */
export const SHARED_PROBE_MS = 60_000;
/** NICE's own Salesforce presence sync, as its partner adapter names Salesforce. */
const PARTNER = 'salesforce';
const nativeSync = (rows: number) =>
  `NICE's own Salesforce presence sync is set up for this org in CXone (${rows} rows): turn it ` +
  'off, or it and Presence Sync both set the agent’s state and may undo each other';
const SHARED_QUEUE =
  'CXone hands this agent’s events to another client too (a shared event queue), so some changes ' +
  'reach the bridge only when it reads the state again, about once a minute';
const API = '/InContactAPI/services/v23.0';

const CONTACT: ReadonlyArray<AcdState['state']> = [
  'InboundContact',
  'OutboundContact',
  'InboundConsult',
  'OutboundConsult',
  'Dialer',
];

/** `"True"`/`"False"` (any case) or a boolean, as CXone sends flags. */
function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  if (/^(true|on)$/i.test(value)) return true;
  if (/^(false|off)?$/i.test(value)) return false;
  return undefined;
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
  private seq = 0;
  private failures = 0;
  private status: SessionStatus = 'connecting';
  private stopped = false;
  private wakeUp: (() => void) | null = null;
  /** A written state whose `AgentState` event has not come back yet, and when it was written. */
  private echo: { state: string; reason: string; at: number } | null = null;
  /** A join made to read the state again is waiting for its snapshot. */
  private probing = false;
  private lastProbe = 0;
  /** Events for this agent are being taken by another client too (see the invariants). */
  private sharedQueue = false;
  /** NICE's presence-sync service for this tenant (from tenant discovery, or configured). */
  private presenceApi: string | null = null;
  /** The widget's org id, and whether NICE's own sync was looked up for it. */
  private orgId: string | null = null;
  private nativeChecked = false;
  /** Rows of NICE's own sync rule for this org, when it has one. */
  private nativeRows = 0;
  private readonly stopping = new AbortController();
  private readonly random: () => number;

  constructor(
    private readonly http: CxoneHttp,
    private readonly tokens: CxoneTokens,
    private readonly options: AgentSessionOptions,
  ) {
    this.random = options.random ?? Math.random;
  }

  /** Whether a `setState` can be tried now. */
  get canWrite(): boolean {
    return this.status === 'joined' && this.sessionId !== null;
  }

  /** Starts discovery, join and the poll loop; resolves when the session stops. */
  async run(): Promise<void> {
    try {
      await this.discoverTenant();
      while (!this.stopped) {
        try {
          if (this.sessionId === null) await this.join();
          else await this.pollOnce();
        } catch (error) {
          // The token endpoint unreachable for a moment is like any failing call: wait, try again.
          if (!(error instanceof AuthError) || error.kind === 'signed-out') throw error;
          await this.wait(this.backoff(RETRY));
        }
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
  hello(): Record<string, unknown> {
    const claims = this.tokens.claims;
    const agent: Record<string, string> = { agentId: claims.agentId };
    if (claims.teamId !== undefined) agent.teamId = claims.teamId;
    const problem = this.problem();
    return envelope('hello', {
      role: 'agent',
      agent,
      ...(this.codes !== null ? { codes: this.codes } : {}),
      // Joined: the agent's state. No CXone session: LoggedOut, which is true. Otherwise the bridge
      // does not know the state (signed out, unreachable), and says none rather than LoggedOut,
      // which a rule would map to logging the agent out of Omni-Channel.
      ...(this.canWrite && this.state !== null
        ? { state: this.state }
        : this.status === 'no-session'
          ? { state: this.loggedOut() }
          : {}),
      write: this.canWrite,
      ...(problem !== null ? { problem } : {}),
    });
  }

  /** What the widget should show about this session (the protocol's limit applies). */
  private problem(): string | null {
    const problems = [
      ...(this.nativeRows > 0 ? [nativeSync(this.nativeRows)] : []),
      ...(this.sharedQueue ? [SHARED_QUEUE] : []),
    ];
    return problems.length === 0 ? null : problems.join('. ').slice(0, BRIDGE_LIMITS.message);
  }

  /**
   * The widget's org id: once joined, the bridge looks up whether NICE's own Salesforce presence
   * sync is set up for it (the 18-character id, then its 15-character form), and says so.
   */
  orgIdIs(orgId: string): void {
    if (this.orgId === orgId) return;
    this.orgId = orgId;
    this.nativeChecked = false;
    if (this.canWrite) void this.checkNativeSync();
  }

  /** Sets the agent state; answers with a `result` (docs/contract.md §5.1 codes). */
  async setState(id: string, target: AcdTarget): Promise<void> {
    const result = (ok: boolean, code?: string, message?: string) =>
      this.options.emit(
        envelope(
          'result',
          ok ? { id, ok } : { id, ok, code: code ?? 'network', message: message ?? '' },
        ),
      );
    if (!this.canWrite || this.api === null) {
      result(false, 'not-connected', 'The bridge has no CXone session to write to');
      return;
    }
    const current = this.state;
    const reason = target.state === 'Unavailable' ? target.reason : '';
    if (
      current !== null &&
      !current.isAcw &&
      current.state === target.state &&
      current.reason === reason
    ) {
      result(true);
      return;
    }
    if (reason !== '') {
      const code = this.codes?.find((candidate) => candidate.name === reason);
      if (this.codes !== null && (code === undefined || !code.isActive)) {
        result(
          false,
          'invalid-reason',
          `"${reason}" is not an active unavailable code of this team`,
        );
        return;
      }
      if (code?.isAcw && (current === null || !CONTACT.includes(current.state))) {
        result(
          false,
          'acw-without-contact',
          `"${reason}" is an after-contact-work code and no contact is active`,
        );
        return;
      }
    }
    let response: HttpResult;
    try {
      response = await this.call('POST', `agent-sessions/${this.sessionId}/state`, {
        state: target.state,
        reason,
      });
    } catch (error) {
      // The token could not be renewed: every write needs the agent to sign in again.
      const signedOut = error instanceof AuthError && error.kind === 'signed-out';
      if (signedOut) this.setStatus('reconnect-needed', error.message);
      return result(
        false,
        signedOut ? 'unauthorized' : 'network',
        error instanceof Error ? error.message : String(error),
      );
    }
    if (response.kind === 'timeout')
      return result(false, 'timeout', 'CXone did not answer in time');
    if (response.kind !== 'response') return result(false, 'network', 'CXone could not be reached');
    const status = response.status;
    if (status >= 200 && status < 300) {
      // On a contact CXone keeps the state for later and sends nothing now; and the event may
      // already have come, before this answer.
      const now = this.state;
      const arrived =
        now !== null && !now.isAcw && now.state === target.state && now.reason === reason;
      if (!arrived && (current === null || !CONTACT.includes(current.state)))
        this.echo = { state: target.state, reason, at: this.options.clock.now() };
      return result(true);
    }
    if (status === 401) {
      this.setStatus('reconnect-needed', 'CXone refused the sign-in');
      return result(false, 'unauthorized', 'The agent must sign in to CXone again');
    }
    if (status === 404) {
      this.lostSession('CXone no longer knows the session');
      return result(false, 'no-session', 'The CXone session ended');
    }
    if (status === 409)
      return result(false, 'conflict', messageOf(response.body, 'CXone refused the change now'));
    if (status === 429 || status === 503)
      return result(false, 'throttled', 'CXone asked to slow down');
    if (status === 400 || status === 422) {
      return result(
        false,
        reason !== '' ? 'invalid-reason' : 'unsupported',
        messageOf(response.body, 'CXone refused the state'),
      );
    }
    if (status === 403)
      return result(false, 'forbidden', messageOf(response.body, 'CXone forbids this change'));
    return result(false, 'network', `CXone answered ${status}`);
  }

  // ── internals ──

  private async discoverTenant(): Promise<void> {
    const tenant = encodeURIComponent(this.tokens.claims.tenantId);
    const result = await this.http.request({
      method: 'GET',
      url: `${this.options.issuer}/.well-known/cxone-configuration?tenantId=${tenant}`,
      timeoutMs: CALL_TIMEOUT_MS,
    });
    const api =
      result.kind === 'response' && result.status === 200 && isPlain(result.body)
        ? httpsOrLoopback(own(result.body, 'api_endpoint'))
        : undefined;
    if (api === undefined) throw new Error('CXone tenant discovery gave no API endpoint');
    this.api = api.replace(/\/+$/, '');
    this.http.trust(this.api);
    const body = result.kind === 'response' && isPlain(result.body) ? result.body : null;
    const area = body === null ? undefined : name(own(body, 'area'), 40);
    const domain = body === null ? undefined : name(own(body, 'domain'), 200);
    this.presenceApi =
      this.options.presenceApi ??
      (area !== undefined &&
      domain !== undefined &&
      /^[a-z0-9-]+$/i.test(area) &&
      /^[a-z0-9.-]+$/i.test(domain)
        ? `https://api-${area}.${domain}`
        : null);
  }

  /** Looks up NICE's own Salesforce presence-sync rule for the widget's org. */
  private async checkNativeSync(): Promise<void> {
    const orgId = this.orgId;
    if (orgId === null || this.nativeChecked || this.presenceApi === null) return;
    this.nativeChecked = true;
    for (const id of orgId.length === 18 ? [orgId, orgId.slice(0, 15)] : [orgId]) {
      const url = `${this.presenceApi}/adapter-apis/v1/${PARTNER}/rule/${encodeURIComponent(id)}`;
      let response: HttpResult;
      try {
        response = await this.callUrl('GET', url);
      } catch {
        return;
      }
      if (response.kind === 'response' && response.status === 404) continue;
      const rows =
        response.kind === 'response' && response.status === 200 ? ruleRows(response.body) : null;
      if (rows === null) {
        this.options.onStatus?.(
          this.status,
          'Whether NICE’s own Salesforce presence sync is on could not be checked',
        );
        return;
      }
      if (rows > 0 && this.orgId === orgId) {
        this.nativeRows = rows;
        this.options.onStatus?.(this.status, nativeSync(rows));
        this.options.emit(this.hello());
      }
      return;
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
    this.options.emit(envelope('codes', { codes }));
  }

  /** Joins (again, when `probe`: only to be handed the current state). */
  private async join(probe = false): Promise<void> {
    const response = await this.call('POST', 'agent-sessions/join', { asAgentId: '' });
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
      this.failures = 0;
      if (probe) {
        this.probing = true;
        this.lastProbe = this.options.clock.now();
        return;
      }
      // After the join, so an edit made before it cannot be missed (its event went to no queue).
      await this.fetchCodes();
      this.setStatus('joined', '');
      this.options.emit(this.hello());
      void this.checkNativeSync();
      return;
    }
    // A probe that fails leaves the joined session as it is: its own polls say when it ends.
    if (probe) {
      this.lastProbe = this.options.clock.now();
      return;
    }
    // No session (the agent is not logged in to CXone yet): LoggedOut, and look again later.
    this.setStatus('no-session', 'The agent has no CXone session (log in to CXone Agent first)');
    await this.wait(this.backoff(REJOIN));
  }

  private async pollOnce(): Promise<void> {
    const timeout = this.options.pollTimeoutS;
    const response = await this.call(
      'GET',
      `agent-sessions/${this.sessionId}/get-next-event?timeout=${timeout}`,
      undefined,
      (timeout + 15) * 1000,
    );
    if (this.stopped) return;
    if (response.kind === 'response' && (response.status === 304 || response.status === 200)) {
      this.failures = 0;
      if (response.status === 200) this.events(response.body);
      if (this.sessionId !== null && !this.probing && this.probeDue()) await this.join(true);
      return;
    }
    if (response.kind === 'response' && response.status === 409) {
      this.lostSession('The CXone session ended');
      return;
    }
    if (response.kind === 'response' && response.status === 401) {
      throw new AuthError('CXone refused the sign-in', 'signed-out');
    }
    const retryAfter = response.kind === 'response' ? response.retryAfterMs : undefined;
    await this.wait(retryAfter !== undefined ? Math.min(retryAfter, 60_000) : this.backoff(RETRY));
  }

  private events(body: unknown): void {
    const events = isPlain(body) ? list(own(body, 'events'), 1000) : undefined;
    const rotated = isPlain(body) ? name(own(body, 'sessionId'), 200) : undefined;
    if (rotated !== undefined) this.sessionId = rotated;
    if (events === undefined) {
      this.options.onStatus?.(this.status, 'CXone sent an event batch that could not be read');
      return;
    }
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
            this.options.emit(this.hello());
          }
          this.echo = null;
        }
        // The protocol's state carries when it began: CXone sends it, else it is now.
        if (state !== null)
          this.stateIs({ ...state, since: state.since ?? this.options.clock.now() });
      } else if (type === 'UpdateUnavailableCodes') {
        codesChanged = true;
      } else if (type === 'AgentSessionEnd' || type === 'RemoteAgentSessionEnd') {
        this.lostSession('The CXone session ended');
        return;
      }
    }
    if (codesChanged) void this.fetchCodes();
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
    const last = this.state;
    this.state = state;
    const echo = this.echo;
    if (echo !== null && !state.isAcw && state.state === echo.state && state.reason === echo.reason)
      this.echo = null;
    if (
      last !== null &&
      last.state === state.state &&
      last.reason === state.reason &&
      last.isAcw === state.isAcw &&
      last.since === state.since
    ) {
      return;
    }
    this.seq += 1;
    this.options.emit(envelope('state', { state, seq: this.seq }));
  }

  private lostSession(detail: string): void {
    this.sessionId = null;
    this.state = null;
    this.echo = null;
    this.probing = false;
    this.setStatus('no-session', detail);
    this.options.emit(this.hello());
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

  private backoff(limits: { first: number; cap: number }): number {
    const base = Math.min(limits.cap, limits.first * 2 ** this.failures);
    this.failures += 1;
    return Math.round(base * (0.75 + this.random() / 2));
  }

  private wait(ms: number): Promise<void> {
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

/**
 * The rows of NICE's presence-sync rule (`publisherStateMap` and `subscriberStateMap`, as its SDK
 * reads them), or null when the answer is not that shape.
 */
function ruleRows(body: unknown): number | null {
  if (!isPlain(body)) return null;
  let rows = 0;
  for (const key of ['publisherStateMap', 'subscriberStateMap']) {
    const value = own(body, key);
    if (value === undefined) continue;
    const entries = list(value, 1000);
    if (entries === undefined || !entries.every(isPlain)) return null;
    rows += entries.length;
  }
  return rows;
}

function messageOf(body: unknown, fallback: string): string {
  const message = isPlain(body)
    ? (text(own(body, 'error'), 300) ?? text(own(body, 'message'), 300))
    : undefined;
  return message ?? fallback;
}
