/// <reference types="node" />
/**
 * A CXone API simulator: a loopback HTTP server (Node's own `http` and `crypto`, no dependencies)
 * that answers what the CXone bridge calls, shaped as NICE documents them:
 * - OpenID discovery, authorize, token (form or JSON bodies), JWKS with RS256 id_tokens
 *   (https://developer.niceincontact.com/Documentation/GettingStarted, OpenID Connect Core 1.0);
 * - tenant discovery (`/.well-known/cxone-configuration`);
 * - the Agent API: session start (409 when a session exists) and join, `get-next-event` long polls
 *   with a queue per API session (200 with events, 304 when none before the timeout, 409 once the
 *   session ended), the state POST (Available or Unavailable with a case-sensitive code; an ACW code
 *   without a contact is 409), team unavailable codes with both key casings
 *   (https://developer.niceincontact.com/API/AgentAPI, .../Documentation/UsingEvents,
 *   https://help.nicecxone.com/content/Studio/actionscx/setagentstate/setagentstate.htm);
 * - NICE's partner adapter's presence-sync rule for a Salesforce org (`/adapter-apis/v1/salesforce/
 *   rule/{org id}`: 200 with `publisherStateMap` and `subscriberStateMap`, 404 when none; the
 *   shape NICE's own agent SDK reads, which NICE does not document publicly);
 * - CORS for registered origins only (NICE registers browser origins per application).
 * Time is injected (`clock`), so a long poll's timeout passes when a test moves the clock, not
 * when the wall clock does. Every request is logged for assertions; faults are switches.
 */
import {
  createHash,
  generateKeyPairSync,
  randomBytes,
  createSign,
  type KeyObject,
} from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClockPort } from '../../../src/core/ports.js';

/** An unavailable code as the team has it. */
export interface SimCode {
  name: string;
  isAcw: boolean;
  isActive: boolean;
}

/** The agent's platform state, as `AgentState` events carry it. */
export interface SimState {
  state:
    'Available' | 'Unavailable' | 'InboundContact' | 'OutboundContact' | 'Dialer' | 'LoggedOut';
  reason: string;
  isAcw: boolean;
}

export interface SimOptions {
  clientId: string;
  /** The registered redirect URI (compared exactly). */
  redirectUri: string;
  /** Browser origins registered for the client (CORS). */
  origins: string[];
  clock: ClockPort;
  /** Origins allowed to call the control API (`/__sim/*`): the demo page. */
  controlOrigins?: string[];
  tokenLifetimeS?: number;
  /** The host its URLs name (a `*.localhost` name of the production topology); 127.0.0.1 by default. */
  host?: string;
  codes?: SimCode[];
}

/** A logged request. */
export interface SimRequest {
  method: string;
  path: string;
  status: number;
  origin: string | undefined;
  body?: unknown;
  /** When it arrived, on the simulator's clock. */
  at: number;
}

/** Switches for behaviours a real tenant may show. */
export interface SimFaults {
  /**
   * The next `count` polls answer `status` (with `Retry-After` seconds when given, and `body`'s
   * body when given, else an error object); `reset` drops the connection.
   */
  poll: {
    status: number | 'reset';
    count: number;
    retryAfter?: number;
    body?: () => unknown;
  } | null;
  /** Each 200 poll hands out a new session id; the old one stays usable for this many polls. */
  rotate: boolean;
  /**
   * The agent's API sessions drain one event queue, Agent Embedded's polls among them (the bad case
   * a bridge must detect): Agent Embedded takes every other event, starting with the next one. A
   * join's snapshot still goes to the API session that joined.
   */
  sharedQueue: boolean;
  /** A state POST while on a contact becomes the next state (instead of being applied). */
  nextStateOnContact: boolean;
  /** Routes whose next answer is malformed: not JSON (`poll`), or the wrong shape (the others). */
  junk: Set<'poll' | 'codes' | 'join' | 'token' | 'rule'>;
  /** CXone failing for a while (see `SimOutage`), or null. */
  outage: SimOutage | null;
}

/** Agent API routes an outage can hit. */
export type SimRoute = 'join' | 'poll' | 'state';

/**
 * Until `until` (on the simulator's clock) the `routes` fail: with an HTTP `status` (and a
 * `Retry-After` header as given: seconds, or an HTTP-date), by dropping the connection (`reset`),
 * or by holding the request unanswered until the outage ends and then dropping it (`hang`, which
 * a client's deadline sees as a timeout).
 */
export interface SimOutage {
  readonly routes: readonly SimRoute[];
  readonly until: number;
  readonly answer: number | 'reset' | 'hang';
  readonly retryAfter?: string;
  /** The status comes with a gateway's HTML page instead of CXone's JSON error. */
  readonly html?: boolean;
}

interface ApiSession {
  id: string;
  queue: unknown[];
  ended: boolean;
  waiters: Array<() => void>;
  /** Old ids still accepted after a rotation, and how many more polls each. */
  aliases: Map<string, number>;
}

interface Token {
  exp: number;
  refresh: boolean;
}

const API = '/InContactAPI/services/v23.0';
const TENANT = '11eb6f1a-0000-4000-8000-00000000cafe';
const AGENT = {
  icAgentId: '1001',
  icBUId: '4600001',
  teamId: '7',
  teamName: 'Tier 1',
  name: 'Elinor Ruiz',
};

export class CxoneSim {
  readonly requests: SimRequest[] = [];
  readonly faults: SimFaults = {
    poll: null,
    rotate: false,
    sharedQueue: false,
    nextStateOnContact: true,
    junk: new Set(),
    outage: null,
  };
  state: SimState = { state: 'Unavailable', reason: '', isAcw: false };
  /** The `api_endpoint` tenant discovery names, when not this simulator itself (a foreign host). */
  tenantApiEndpoint: string | null = null;
  /** Fields OpenID discovery answers instead of its own (e.g. a token endpoint on a foreign host). */
  openIdOverrides: Record<string, unknown> = {};
  /** The next tenant discoveries' answers, one each, before it answers normally again. */
  readonly tenantAnswers: Array<{ status: number; body: unknown }> = [];
  codes: SimCode[];
  /** The agent's platform session (Agent Embedded's), or null when logged out. */
  platform: { id: string } | null = null;
  readonly sessions = new Map<string, ApiSession>();
  /** NICE's own Salesforce presence-sync rules, by Salesforce org id (its partner account id). */
  readonly nativeRules = new Map<
    string,
    { publisherStateMap: unknown[]; subscriberStateMap: unknown[] }
  >();
  private readonly codesIssued = new Map<
    string,
    { challenge: string; redirect: string; exp: number; nonce?: string }
  >();
  private readonly tokens = new Map<string, Token>();
  private readonly keys: { privateKey: KeyObject; publicKey: KeyObject };
  private readonly kid = randomBytes(6).toString('hex');
  private readonly server = createServer(
    (request, response) => void this.handle(request, response),
  );
  origin = '';
  private stateSince: number;
  /** With `sharedQueue`: the one queue, whose turn the next event is, and what Agent Embedded took. */
  private readonly shared: unknown[] = [];
  private embeddedTurn = true;
  readonly embeddedTook: unknown[] = [];
  private nextStates: SimState | null = null;

  constructor(private readonly options: SimOptions) {
    this.codes = options.codes ?? [
      { name: 'Lunch', isAcw: false, isActive: true },
      { name: 'Meeting', isAcw: false, isActive: true },
      { name: 'Wrap', isAcw: true, isActive: true },
    ];
    this.keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.stateSince = options.clock.now();
  }

  /** Listens on a free loopback port. */
  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const port = (this.server.address() as AddressInfo).port;
    this.origin = `http://${this.options.host ?? '127.0.0.1'}:${port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const session of this.sessions.values()) this.wake(session);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ── control: what Agent Embedded, the platform and a supervisor do ──

  /** Agent Embedded starts the agent's platform session (the default Unavailable). */
  login(): void {
    this.platform = { id: randomBytes(8).toString('hex') };
    this.setState({ state: 'Unavailable', reason: '', isAcw: false });
  }

  /** The agent (in Agent Embedded) or a supervisor sets the state. */
  setState(state: SimState): void {
    this.state = state;
    this.stateSince = this.options.clock.now();
    this.broadcast(this.agentStateEvent());
  }

  /** A call is routed to the agent and answered. */
  routeContact(): void {
    this.setState({ state: 'InboundContact', reason: '', isAcw: false });
  }

  /** The call ends into ACW with `code`, or straight into the next state. */
  endContact(code: string | null = 'Wrap'): void {
    if (code !== null) this.setState({ state: 'Unavailable', reason: code, isAcw: true });
    else this.finishWork();
  }

  /** ACW ends: the next state the agent asked for during the contact, else Available. */
  finishWork(): void {
    const next = this.nextStates ?? { state: 'Available', reason: '', isAcw: false };
    this.nextStates = null;
    this.setState(next);
  }

  /** A supervisor (or the platform) ends the agent's session. */
  endSession(): void {
    this.platform = null;
    this.state = { state: 'LoggedOut', reason: '', isAcw: false };
    this.broadcast({ Type: 'RemoteAgentSessionEnd' });
    for (const session of this.sessions.values()) {
      session.ended = true;
      this.wake(session);
    }
  }

  /** An admin edits the team's codes: `UpdateUnavailableCodes` reaches every session. */
  editCodes(codes: SimCode[]): void {
    this.codes = codes;
    this.broadcast({ Type: 'UpdateUnavailableCodes' });
  }

  /** Every access token stops working (401) until refreshed. */
  expireTokens(): void {
    for (const [token, entry] of this.tokens) if (!entry.refresh) this.tokens.delete(token);
  }

  /** Refresh tokens stop working too (the agent must sign in again). */
  revokeAll(): void {
    this.tokens.clear();
  }

  /** Every access and refresh token handed out and still known (to check none leaks). */
  issuedTokens(): string[] {
    return [...this.tokens.keys()];
  }

  /** The bridge's state POSTs (the Agent API's, not this simulator's control calls). */
  statePosts(): SimRequest[] {
    return this.requests.filter(
      (entry) => entry.method === 'POST' && /\/agent-sessions\/[^/]+\/state$/.test(entry.path),
    );
  }

  /** The requests made to a path (method and path prefix). */
  calls(method: string, pathPart: string): SimRequest[] {
    return this.requests.filter(
      (entry) => entry.method === method && entry.path.includes(pathPart),
    );
  }

  // ── HTTP ──

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.origin);
    const origin = request.headers.origin;
    const entry: SimRequest = {
      method: request.method ?? 'GET',
      path: url.pathname + url.search,
      status: 0,
      origin,
      at: this.options.clock.now(),
    };
    this.requests.push(entry);
    const control = url.pathname.startsWith('/__sim/');
    const allowed =
      origin !== undefined &&
      (control ? (this.options.controlOrigins ?? []) : this.options.origins).includes(origin);
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      if (allowed) {
        headers['Access-Control-Allow-Origin'] = origin;
        headers['Vary'] = 'Origin';
        // Not a CORS-safelisted response header: without this a page cannot read it (⚠ whether
        // CXone exposes it is not documented; the bridge backs off by itself when it cannot).
        headers['Access-Control-Expose-Headers'] = 'Retry-After';
      }
      if (body === undefined) {
        response.writeHead(status, headers).end();
        return;
      }
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      response
        .writeHead(status, {
          'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json',
          ...headers,
        })
        .end(text);
    };
    if (request.method === 'OPTIONS') {
      send(
        204,
        undefined,
        allowed
          ? {
              'Access-Control-Allow-Methods': 'GET, POST',
              'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
              'Access-Control-Max-Age': '600',
            }
          : {},
      );
      return;
    }
    const raw = await new Promise<string>((resolve) => {
      let data = '';
      request.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      request.on('end', () => resolve(data));
    });
    const body = parseBody(raw, request.headers['content-type']);
    if (body !== undefined) entry.body = body;
    try {
      await this.route(request.method ?? 'GET', url, body, request, response, send);
    } catch (error) {
      send(500, { error: String(error) });
    }
  }

  private async route(
    method: string,
    url: URL,
    body: Record<string, unknown> | undefined,
    request: IncomingMessage,
    response: ServerResponse,
    send: (status: number, body?: unknown, headers?: Record<string, string>) => void,
  ): Promise<void> {
    const path = url.pathname;
    if (path.startsWith('/__sim/')) return this.control(method, path.slice(7), body ?? {}, send);
    if (method === 'GET' && path === '/.well-known/openid-configuration') {
      return send(200, {
        issuer: this.origin,
        authorization_endpoint: `${this.origin}/auth/authorize`,
        token_endpoint: `${this.origin}/auth/token`,
        jwks_uri: `${this.origin}/auth/jwks`,
        end_session_endpoint: `${this.origin}/auth/logout`,
        display_values_supported: ['page', 'popup'],
        code_challenge_methods_supported: ['S256'],
        scopes_supported: ['openid'],
        response_types_supported: ['code'],
        ...this.openIdOverrides,
      });
    }
    if (method === 'GET' && path === '/.well-known/cxone-configuration') {
      if (url.searchParams.get('tenantId') !== TENANT)
        return send(404, { error: 'unknown tenant' });
      const answer = this.tenantAnswers.shift();
      if (answer !== undefined) return send(answer.status, answer.body);
      return send(200, {
        api_endpoint: this.tenantApiEndpoint ?? this.origin,
        area: 'na1',
        cluster: 'c32',
        domain: 'niceincontact.com',
        acdDomain: 'incontact.com',
        uhDomain: 'cxone.niceincontact.com',
        ui_endpoint: this.origin,
        auth_endpoint: this.origin,
        private: false,
      });
    }
    if (method === 'GET' && path === '/auth/jwks') {
      return send(200, {
        keys: [
          {
            ...this.keys.publicKey.export({ format: 'jwk' }),
            kid: this.kid,
            use: 'sig',
            alg: 'RS256',
          },
        ],
      });
    }
    if (method === 'GET' && path === '/auth/authorize') return this.authorize(url, send);
    if (method === 'POST' && path === '/auth/token') return this.token(body ?? {}, send);
    // NICE's partner adapter (its own Salesforce presence sync): the rule set up for an account.
    const adapter = /^\/adapter-apis\/v1\/([^/]+)\/rule\/([^/]+)$/.exec(path);
    if (!path.startsWith(API) && adapter === null) return send(404, { error: 'not found' });
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const entry = token === undefined ? undefined : this.tokens.get(token);
    if (entry === undefined || entry.refresh || entry.exp <= this.options.clock.now()) {
      return send(401, { error: 'invalid_token' });
    }
    if (adapter !== null) {
      if (method !== 'GET') return send(405, { error: 'method not allowed' });
      if (this.faults.junk.delete('rule')) return send(200, { publisherStateMap: 'rows' });
      const rule =
        adapter[1] === 'salesforce'
          ? this.nativeRules.get(decodeURIComponent(adapter[2] as string))
          : undefined;
      return rule === undefined ? send(404, { error: 'no rule' }) : send(200, rule);
    }
    const rest = path.slice(API.length);
    if (method === 'POST' && rest === '/agent-sessions') {
      if (this.platform !== null)
        return send(409, { error: 'Agent already has an active session' });
      this.login();
      return this.join(send);
    }
    if (method === 'POST' && rest === '/agent-sessions/join') {
      if (await this.outageAnswered('join', response, send)) return;
      if (
        typeof body?.asAgentId === 'string' &&
        body.asAgentId !== '' &&
        body.asAgentId !== AGENT.icAgentId
      ) {
        return send(403, { error: 'ImpersonateNotEnabled' });
      }
      if (this.platform === null) return send(404, { error: 'InvalidAgentSession' });
      if (this.faults.junk.delete('join')) return send(202, { sessionId: ['not', 'a', 'string'] });
      return this.join(send);
    }
    const poll = /^\/agent-sessions\/([^/]+)\/get-next-event$/.exec(rest);
    if (method === 'GET' && poll) return this.poll(poll[1] as string, url, response, send);
    const state = /^\/agent-sessions\/([^/]+)\/state$/.exec(rest);
    if (method === 'POST' && state) {
      if (await this.outageAnswered('state', response, send)) return;
      return this.postState(state[1] as string, body ?? {}, send);
    }
    const codes = /^\/teams\/([^/]+)\/unavailable-codes$/.exec(rest);
    if (method === 'GET' && codes) {
      if (codes[1] !== AGENT.teamId) return send(404, { error: 'unknown team' });
      if (this.faults.junk.delete('codes')) {
        return send(200, { unavailableCodes: [{ outStateName: 'Lunch', isAcw: 'maybe' }] });
      }
      const activeOnly =
        url.searchParams.get('activityOnly') === 'true' ||
        url.searchParams.get('activeOnly') === 'true';
      return send(200, {
        teamId: AGENT.teamId,
        teamName: AGENT.teamName,
        unavailableCodes: this.codes
          .filter((code) => !activeOnly || code.isActive)
          .map((code, index) => ({
            outstateId: 100 + index,
            outStateName: code.name,
            outstateName: code.name,
            isActive: code.isActive,
            isAcw: code.isAcw,
            agentTimeoutMins: 0,
          })),
      });
    }
    return send(404, { error: 'not found' });
  }

  /** The control API over HTTP, for the demo page (tests call the methods directly). */
  private control(
    method: string,
    action: string,
    body: Record<string, unknown>,
    send: (status: number, body?: unknown) => void,
  ): void {
    if (method === 'GET' && action === 'status') {
      return send(200, {
        state: this.state,
        loggedIn: this.platform !== null,
        sessions: [...this.sessions.values()].filter((session) => !session.ended).length,
        codes: this.codes,
        posts: this.statePosts().map((entry) => entry.body),
      });
    }
    if (method !== 'POST') return send(405, { error: 'POST' });
    const reason = typeof body.reason === 'string' ? body.reason.slice(0, 100) : '';
    switch (action) {
      case 'login':
        this.login();
        break;
      case 'logout':
        this.endSession();
        break;
      case 'state':
        if (body.state !== 'Available' && body.state !== 'Unavailable') {
          return send(400, { error: 'state must be Available or Unavailable' });
        }
        this.setState({
          state: body.state,
          reason: body.state === 'Available' ? '' : reason,
          isAcw: false,
        });
        break;
      case 'call':
        this.routeContact();
        break;
      case 'hangup':
        this.endContact(reason === '' ? null : reason);
        break;
      case 'acw-done':
        this.finishWork();
        break;
      case 'outage': {
        const routes = Array.isArray(body.routes)
          ? body.routes.filter((route): route is SimRoute =>
              ['join', 'poll', 'state'].includes(route as string),
            )
          : [];
        const seconds = typeof body.seconds === 'number' ? Math.min(body.seconds, 3600) : 0;
        const answer =
          body.answer === 'reset' || body.answer === 'hang' || typeof body.answer === 'number'
            ? body.answer
            : 503;
        this.faults.outage =
          seconds > 0
            ? {
                routes,
                until: this.options.clock.now() + seconds * 1000,
                answer,
                ...(typeof body.retryAfter === 'string' ? { retryAfter: body.retryAfter } : {}),
              }
            : null;
        break;
      }
      default:
        return send(404, { error: `no control ${action.slice(0, 40)}` });
    }
    send(200, { ok: true });
  }

  private authorize(
    url: URL,
    send: (status: number, body?: unknown, headers?: Record<string, string>) => void,
  ): void {
    const params = url.searchParams;
    if (params.get('client_id') !== this.options.clientId) return send(400, 'unknown client_id');
    if (params.get('redirect_uri') !== this.options.redirectUri)
      return send(400, 'redirect_uri is not registered');
    if (
      params.get('response_type') !== 'code' ||
      !(params.get('scope') ?? '').split(' ').includes('openid')
    ) {
      return send(400, 'response_type must be code and scope must include openid');
    }
    const challenge = params.get('code_challenge');
    if (params.get('code_challenge_method') !== 'S256' || !challenge)
      return send(400, 'PKCE S256 is required');
    const code = randomBytes(16).toString('hex');
    const nonce = params.get('nonce');
    this.codesIssued.set(code, {
      challenge,
      redirect: this.options.redirectUri,
      exp: this.options.clock.now() + 60_000,
      ...(nonce !== null ? { nonce } : {}),
    });
    const location = new URL(this.options.redirectUri);
    location.searchParams.set('code', code);
    const state = params.get('state');
    if (state !== null) location.searchParams.set('state', state);
    send(302, undefined, { Location: location.href });
  }

  private token(
    body: Record<string, unknown>,
    send: (status: number, body?: unknown) => void,
  ): void {
    const lifetime = (this.options.tokenLifetimeS ?? 3600) * 1000;
    const issue = (nonce?: string) => {
      const access = randomBytes(24).toString('hex');
      const refresh = randomBytes(24).toString('hex');
      const now = this.options.clock.now();
      this.tokens.set(access, { exp: now + lifetime, refresh: false });
      this.tokens.set(refresh, { exp: now + 24 * 3600_000, refresh: true });
      send(200, {
        access_token: access,
        token_type: 'Bearer',
        refresh_token: refresh,
        expires_in: lifetime / 1000,
        id_token: this.idToken(now, nonce),
      });
    };
    if (this.faults.junk.delete('token'))
      return send(200, { access_token: 42, expires_in: 'soon' });
    if (body.grant_type === 'authorization_code') {
      const issued = typeof body.code === 'string' ? this.codesIssued.get(body.code) : undefined;
      if (typeof body.code === 'string') this.codesIssued.delete(body.code);
      const verifier = typeof body.code_verifier === 'string' ? body.code_verifier : '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (
        issued === undefined ||
        issued.exp <= this.options.clock.now() ||
        body.client_id !== this.options.clientId ||
        body.redirect_uri !== issued.redirect ||
        challenge !== issued.challenge
      ) {
        return send(400, { error: 'invalid_grant' });
      }
      return issue(issued.nonce);
    }
    if (body.grant_type === 'refresh_token') {
      const entry =
        typeof body.refresh_token === 'string' ? this.tokens.get(body.refresh_token) : undefined;
      if (entry === undefined || !entry.refresh || entry.exp <= this.options.clock.now()) {
        return send(400, { error: 'invalid_grant' });
      }
      this.tokens.delete(body.refresh_token as string);
      return issue();
    }
    send(400, { error: 'unsupported_grant_type' });
  }

  /** An id_token; `nonce` is the authorization request's (OIDC Core §3.1.2.1), none on a refresh. */
  private idToken(now: number, nonce?: string): string {
    const header = { alg: 'RS256', typ: 'JWT', kid: this.kid };
    const claims = {
      iss: this.origin,
      aud: this.options.clientId,
      iat: Math.floor(now / 1000),
      exp: Math.floor(now / 1000) + 3600,
      sub: 'user:11eb6f1a-aaaa-4000-8000-000000001001',
      tenantId: TENANT,
      icAgentId: AGENT.icAgentId,
      icBUId: AGENT.icBUId,
      icClusterId: 'C32',
      teamId: AGENT.teamId,
      name: AGENT.name,
      given_name: 'Elinor',
      family_name: 'Ruiz',
      ...(nonce !== undefined ? { nonce } : {}),
    };
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signing = `${part(header)}.${part(claims)}`;
    const signature = createSign('RSA-SHA256')
      .update(signing)
      .sign(this.keys.privateKey)
      .toString('base64url');
    return `${signing}.${signature}`;
  }

  private join(send: (status: number, body?: unknown) => void): void {
    const id = randomBytes(12).toString('hex');
    const session: ApiSession = { id, queue: [], ended: false, waiters: [], aliases: new Map() };
    this.sessions.set(id, session);
    // A join yields a snapshot: the session start, then the agent's current state
    // (https://developer.niceincontact.com/Documentation/AgentSessionEvents).
    session.queue.push(
      {
        Type: 'AgentSessionStart',
        BusNo: AGENT.icBUId,
        AgentId: AGENT.icAgentId,
        SessionId: this.platform?.id ?? '',
      },
      this.agentStateEvent(),
    );
    send(202, { sessionId: id });
  }

  /** Whether an outage answered this request (then the route must not). */
  private async outageAnswered(
    route: SimRoute,
    response: ServerResponse,
    send: (status: number, body?: unknown, headers?: Record<string, string>) => void,
  ): Promise<boolean> {
    const outage = this.faults.outage;
    const now = this.options.clock.now();
    if (outage === null || !outage.routes.includes(route) || now >= outage.until) return false;
    if (outage.answer === 'hang')
      await new Promise<void>((resolve) =>
        this.options.clock.setTimeout(resolve, outage.until - now),
      );
    if (outage.answer === 'reset' || outage.answer === 'hang') {
      response.socket?.destroy();
      return true;
    }
    send(
      outage.answer,
      outage.html === true
        ? `<html><body><h1>${outage.answer}</h1>The page is not available.</body></html>`
        : { error: outage.answer === 429 ? 'Too Many Requests' : 'Service Unavailable' },
      outage.retryAfter !== undefined ? { 'Retry-After': outage.retryAfter } : {},
    );
    return true;
  }

  private find(id: string): ApiSession | undefined {
    const direct = this.sessions.get(id);
    if (direct !== undefined) return direct;
    for (const session of this.sessions.values()) {
      const left = session.aliases.get(id);
      if (left !== undefined && left > 0) {
        session.aliases.set(id, left - 1);
        return session;
      }
    }
    return undefined;
  }

  private async poll(
    id: string,
    url: URL,
    response: ServerResponse,
    send: (status: number, body?: unknown, headers?: Record<string, string>) => void,
  ): Promise<void> {
    if (await this.outageAnswered('poll', response, send)) return;
    const fault = this.faults.poll;
    if (fault !== null && fault.count > 0) {
      fault.count -= 1;
      if (fault.status === 'reset') {
        response.socket?.destroy();
        return;
      }
      return send(
        fault.status,
        fault.body?.() ?? { error: 'injected' },
        fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {},
      );
    }
    const timeout = Number(url.searchParams.get('timeout') ?? '0');
    if (!Number.isInteger(timeout) || timeout < 0 || timeout > 60)
      return send(400, { error: 'timeout must be 0-60' });
    const session = this.find(id);
    if (session === undefined || session.ended) return send(409, { error: 'session ended' });
    if (this.faults.junk.delete('poll')) return send(200, '{"sessionId": "x", "events": [tru');
    const pending = () =>
      this.faults.sharedQueue && session.queue.length === 0 ? this.shared : session.queue;
    if (pending().length === 0 && timeout > 0) {
      await new Promise<void>((resolve) => {
        const handle = this.options.clock.setTimeout(resolve, timeout * 1000);
        session.waiters.push(() => {
          this.options.clock.clearTimeout(handle);
          resolve();
        });
      });
    }
    if (session.ended) return send(409, { error: 'session ended' });
    if (pending().length === 0) return send(304);
    const events = pending().splice(0);
    let sessionId = session.id;
    if (this.faults.rotate) {
      sessionId = randomBytes(12).toString('hex');
      this.sessions.delete(session.id);
      session.aliases.set(session.id, 2);
      session.id = sessionId;
      this.sessions.set(sessionId, session);
    }
    send(200, { sessionId, events });
  }

  private postState(
    id: string,
    body: Record<string, unknown>,
    send: (status: number, body?: unknown) => void,
  ): void {
    const session = this.find(id);
    if (session === undefined || session.ended) return send(404, { error: 'InvalidAgentSession' });
    const state = body.state;
    const reason = body.reason === undefined ? '' : body.reason;
    if ((state !== 'Available' && state !== 'Unavailable') || typeof reason !== 'string') {
      return send(400, {
        error: 'An agent can only be set to either an Available or Unavailable state.',
      });
    }
    const code = this.codes.find((candidate) => candidate.name === reason);
    if (state === 'Unavailable' && reason !== '' && (code === undefined || !code.isActive)) {
      return send(400, { error: `Unknown unavailable code "${reason}"` });
    }
    const onContact =
      this.state.state === 'InboundContact' ||
      this.state.state === 'OutboundContact' ||
      this.state.state === 'Dialer';
    if (code?.isAcw && !onContact)
      return send(409, { error: 'ACW codes can only be used with an active contact' });
    const target: SimState = { state, reason: state === 'Available' ? '' : reason, isAcw: false };
    if ((onContact || this.state.isAcw) && this.faults.nextStateOnContact) {
      this.nextStates = target;
      return send(202);
    }
    send(202);
    this.setState(target);
  }

  private agentStateEvent(): Record<string, unknown> {
    const next = this.nextStates;
    return {
      Type: 'AgentState',
      CurrentState: this.state.state,
      CurrentOutReason: this.state.reason,
      IsAcw: this.state.isAcw ? 'True' : 'False',
      StartTimeUTC: new Date(this.stateSince).toISOString(),
      ...(next
        ? { NextStates: [{ State: next.state, OutReason: next.reason, NextIsAcw: 'False' }] }
        : {}),
    };
  }

  private broadcast(event: unknown): void {
    if (this.faults.sharedQueue) {
      const embedded = this.embeddedTurn;
      this.embeddedTurn = !embedded;
      if (embedded) this.embeddedTook.push(event);
      else this.shared.push(event);
      if (!embedded) for (const session of this.sessions.values()) this.wake(session);
      return;
    }
    for (const session of this.sessions.values()) {
      if (session.ended) continue;
      session.queue.push(event);
      this.wake(session);
    }
  }

  private wake(session: ApiSession): void {
    for (const waiter of session.waiters.splice(0)) waiter();
  }
}

function parseBody(raw: string, type: string | undefined): Record<string, unknown> | undefined {
  if (raw === '') return undefined;
  // NICE's own client sends a form body labelled JSON: read whichever it is.
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null) return parsed as Record<string, unknown>;
  } catch {
    // not JSON
  }
  if (type?.includes('json') && !raw.includes('=')) return undefined;
  return Object.fromEntries(new URLSearchParams(raw));
}

/** Starts a simulator on a free loopback port. */
export function startCxoneSim(options: SimOptions): Promise<CxoneSim> {
  return new CxoneSim(options).start();
}
