/**
 * The agent's own CXone sign-in: OpenID discovery, the authorization-code flow with PKCE (S256),
 * the token exchange and its refresh, and the id_token's claims (OpenID Connect Core 1.0 §3.1,
 * https://openid.net/specs/openid-connect-core-1_0.html; RFC 7636; CXone:
 * https://developer.niceincontact.com/Documentation/GettingStarted — public applications have no
 * secret and must use PKCE).
 *
 * Invariants: every response is validated before use (a malformed one is refused with what was
 * wrong, never thrown); the discovery document's `issuer` must be the configured one (OpenID
 * Connect Discovery 1.0 §4.3); each authorization request has its own PKCE pair, `state` and
 * `nonce` (RFC 7636 §4.1; OIDC Core §3.1.2.1), used once; tokens live in this object only (never
 * posted, never logged), and the refresh token leaves it only through `onRefreshToken`, for the
 * page to keep; the id_token is taken only when its `iss`, `aud`, `azp`, `exp` and `nonce` fit (it
 * comes straight from the token endpoint over TLS, which OIDC Core §3.1.3.7 allows in place of the
 * signature check), and a refreshed one must name the same `sub` (OIDC Core §12.2); at most one
 * refresh runs at a time, and every caller waits for that one.
 */
import { isPlain, name, own, text } from '../../protocol/index.js';
import type { CxoneHttp } from './http.js';

/** Where CXone's OpenID endpoints are (from discovery). */
export interface OpenIdConfig {
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  /** Whether the provider lists the `popup` display (the sign-in opens in a popup). */
  readonly popupDisplay: boolean;
}

/** Who signed in, from the id_token. */
export interface AgentClaims {
  readonly tenantId: string;
  readonly agentId: string;
  readonly teamId?: string;
  readonly name?: string;
  readonly userId?: string;
}

/** A failure the page shows and the agent can act on. */
export class AuthError extends Error {
  constructor(
    message: string,
    /** `signed-out`: the agent must sign in again (a refused grant, a bad id_token). */
    readonly kind: 'signed-out' | 'unreachable' | 'malformed',
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

const TIMEOUT_MS = 15_000;
/** Refreshed this long before the access token expires (NICE's SDK refreshes 10 min early)… */
const REFRESH_EARLY_MS = 5 * 60_000;
/** …or, for a token that lives less than four times that, after three quarters of its lifetime… */
const REFRESH_AT_LIFETIME = 0.75;
/** …but never sooner than this after it was issued, whatever lifetime the token endpoint says. */
const REFRESH_FLOOR_MS = 10_000;

/**
 * The host suffixes NICE documents for CXone's sign-in and APIs, the default of `config.json`'s
 * `apiHostSuffixes`: the issuers `cxone.niceincontact.com` and `cxone-gov.niceincontact.com`
 * (https://developer.niceincontact.com/Documentation/GettingStarted), the regional API hosts
 * `api-{area}.niceincontact.com` and `{area}.nice-incontact.com`
 * (https://developer.niceincontact.com/Documentation/UserHubGettingStarted,
 * https://developer.niceincontact.com/API/DataExtractionAPI), and NICE's `nicecxone.com` domain
 * (https://help.nicecxone.com).
 */
export const NICE_HOST_SUFFIXES: readonly string[] = [
  'niceincontact.com',
  'nice-incontact.com',
  'nicecxone.com',
];

/** Whether a host name is loopback: 127.0.0.1, `localhost` or `*.localhost` (RFC 6761 §6.3). */
function loopback(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname.endsWith('.localhost');
}

/**
 * Why the bridge will not call a URL that discovery named, or null when it may: its host must be one
 * of `suffixes` or under one (a whole label: `api-na1.niceincontact.com` is under
 * `niceincontact.com`, `evilniceincontact.com` is not), or loopback, where plain http is allowed
 * too (a simulator).
 */
export function hostRefusal(url: string, suffixes: readonly string[], what: string): string | null {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return `${what} is not a URL`;
  }
  if (loopback(hostname)) return null;
  if (suffixes.some((suffix) => hostname === suffix || hostname.endsWith(`.${suffix}`)))
    return null;
  return (
    `${what} names the host ${hostname.slice(0, 100)}, which is not under apiHostSuffixes in ` +
    `config.json (${suffixes.join(', ').slice(0, 200)})`
  );
}

/**
 * OpenID discovery: refuses a document for another issuer, one without S256 PKCE, or one whose
 * endpoints are on a host outside `hostSuffixes`. The token endpoint's origin is trusted with the
 * token from then on.
 */
export async function discover(
  http: CxoneHttp,
  issuer: string,
  hostSuffixes: readonly string[] = NICE_HOST_SUFFIXES,
): Promise<OpenIdConfig> {
  const result = await http.request({
    method: 'GET',
    url: `${issuer}/.well-known/openid-configuration`,
    timeoutMs: TIMEOUT_MS,
  });
  if (result.kind !== 'response' || result.status !== 200 || !isPlain(result.body)) {
    throw new AuthError(`CXone sign-in could not be reached at ${issuer}`, 'unreachable');
  }
  const body = result.body;
  const authorizationEndpoint = httpsOrLoopback(own(body, 'authorization_endpoint'));
  const tokenEndpoint = httpsOrLoopback(own(body, 'token_endpoint'));
  const methods = own(body, 'code_challenge_methods_supported');
  const s256 = Array.isArray(methods) && methods.includes('S256');
  const said = own(body, 'issuer');
  if (said !== issuer) {
    throw new AuthError(
      `The OpenID configuration at ${issuer} names another issuer (${String(said).slice(0, 80)})`,
      'malformed',
    );
  }
  if (authorizationEndpoint === undefined || tokenEndpoint === undefined || !s256) {
    throw new AuthError(
      `CXone's OpenID configuration at ${issuer} lacks an authorization or token endpoint or PKCE S256`,
      'malformed',
    );
  }
  const refused =
    hostRefusal(authorizationEndpoint, hostSuffixes, `CXone's authorization endpoint`) ??
    hostRefusal(tokenEndpoint, hostSuffixes, `CXone's token endpoint`);
  if (refused !== null) throw new AuthError(refused, 'malformed');
  const displays = own(body, 'display_values_supported');
  http.trust(tokenEndpoint);
  return {
    issuer,
    authorizationEndpoint,
    tokenEndpoint,
    popupDisplay: Array.isArray(displays) && displays.includes('popup'),
  };
}

/**
 * A URL the bridge may call: https, or http on loopback (the CXone simulator): 127.0.0.1,
 * `localhost` or a `*.localhost` name, which is loopback by definition (RFC 6761 §6.3).
 */
export function httpsOrLoopback(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return url.href;
    if (url.protocol === 'http:' && loopback(url.hostname)) return url.href;
  } catch {
    // not a URL
  }
  return undefined;
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A PKCE verifier (43 characters of base64url randomness) and its S256 challenge (RFC 7636). */
async function pkcePair(
  random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes),
): Promise<{
  verifier: string;
  challenge: string;
}> {
  const verifier = base64url(random(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64url(new Uint8Array(digest)) };
}

/** What one authorization request needs, and what its answer is checked against; used once. */
export interface SignInRequest {
  readonly verifier: string;
  readonly challenge: string;
  /** Binds the answer to this request (OAuth 2.0, RFC 6749 §10.12). */
  readonly state: string;
  /** Binds the id_token to this request (OIDC Core §3.1.2.1, §3.1.3.7 step 11). */
  readonly nonce: string;
  /**
   * The popup's window name, random per request: a fixed name is one that another page or another
   * bridge could `window.open` into (or navigate), taking over or racing the sign-in window.
   */
  readonly windowName: string;
}

/** A fresh PKCE pair, `state`, `nonce` and popup name for one authorization request. */
export async function signInRequest(
  random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes),
): Promise<SignInRequest> {
  const { verifier, challenge } = await pkcePair(random);
  return {
    verifier,
    challenge,
    state: base64url(random(new Uint8Array(16))),
    nonce: base64url(random(new Uint8Array(16))),
    windowName: `presence-sync-cxone-${base64url(random(new Uint8Array(16)))}`,
  };
}

/** The authorization URL for a popup sign-in (`display=popup` where the provider lists it). */
export function authorizeUrl(
  config: OpenIdConfig,
  clientId: string,
  redirectUri: string,
  request: SignInRequest,
): string {
  const url = new URL(config.authorizationEndpoint);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', 'openid');
  url.searchParams.set('state', request.state);
  url.searchParams.set('nonce', request.nonce);
  if (config.popupDisplay) url.searchParams.set('display', 'popup');
  url.searchParams.set('code_challenge', request.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.href;
}

function decodeSegment(segment: string): unknown {
  try {
    const padded = segment.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

/**
 * The agent from an id_token, after checking it was issued by `issuer` for `clientId` (`aud`, and
 * `azp` when present or when there are several audiences), is current, and carries `nonce` when
 * one was sent (OIDC Core §3.1.3.7 steps 2–4, 9, 11).
 */
export function claimsOf(
  idToken: unknown,
  issuer: string,
  clientId: string,
  now: number,
  nonce?: string,
): AgentClaims {
  const parts = typeof idToken === 'string' ? idToken.split('.') : [];
  const claims = parts.length === 3 ? decodeSegment(parts[1] as string) : undefined;
  if (!isPlain(claims)) throw new AuthError('CXone sent no readable id_token', 'signed-out');
  const aud = own(claims, 'aud');
  const audiences = Array.isArray(aud) ? aud : [aud];
  const azp = own(claims, 'azp');
  const exp = own(claims, 'exp');
  const iss = own(claims, 'iss');
  const wrong =
    iss !== issuer
      ? `issuer ${String(iss).slice(0, 80)}`
      : !audiences.includes(clientId)
        ? 'audience'
        : (azp !== undefined || audiences.length > 1) && azp !== clientId
          ? 'authorized party (azp)'
          : typeof exp !== 'number' || exp * 1000 <= now
            ? 'expired'
            : nonce !== undefined && own(claims, 'nonce') !== nonce
              ? 'nonce'
              : null;
  if (wrong !== null) {
    throw new AuthError(`CXone's id_token is not for this sign-in (${wrong})`, 'signed-out');
  }
  const tenantId = name(own(claims, 'tenantId'), 100);
  const agentId = idText(own(claims, 'icAgentId'));
  if (tenantId === undefined || agentId === undefined) {
    throw new AuthError(
      'The CXone user has no agent (no tenantId or icAgentId claim)',
      'signed-out',
    );
  }
  const teamId = idText(own(claims, 'teamId'));
  const displayName = name(own(claims, 'name'), 128);
  const sub = name(own(claims, 'sub'), 128);
  return {
    tenantId,
    agentId,
    ...(teamId !== undefined ? { teamId } : {}),
    ...(displayName !== undefined ? { name: displayName } : {}),
    ...(sub !== undefined ? { userId: sub } : {}),
  };
}

function idText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return name(value, 64);
}

/** The tokens of one signed-in agent, refreshed before they expire and once on a 401. */
export class CxoneTokens {
  private access: string;
  private refreshToken: string | undefined;
  /** When the access token should be refreshed (see `refreshAt`). */
  private due: number;
  /** When the access token expires (epoch ms). */
  private expiresAt: number;
  private refreshing: Promise<void> | null = null;
  /**
   * Hears every refresh token this object holds from now on: the rotated one after each refresh,
   * `undefined` once CXone refuses it (the page keeps the latest, or none).
   */
  onRefreshToken: ((refresh: string | undefined) => void) | null = null;

  private constructor(
    private readonly http: CxoneHttp,
    private readonly config: OpenIdConfig,
    private readonly clientId: string,
    private readonly now: () => number,
    grant: { access: string; refresh: string | undefined; expiresAt: number },
    /** The agent, from the first id_token. */
    readonly claims: AgentClaims,
  ) {
    this.access = grant.access;
    this.refreshToken = grant.refresh;
    this.expiresAt = grant.expiresAt;
    this.due = refreshDue(grant, now());
  }

  /**
   * Exchanges an authorization code for tokens, with the PKCE verifier of the request it answers,
   * and checks the id_token against that request's `nonce`.
   */
  static async fromCode(
    http: CxoneHttp,
    config: OpenIdConfig,
    clientId: string,
    redirectUri: string,
    code: string,
    request: Pick<SignInRequest, 'verifier' | 'nonce'>,
    now: () => number,
  ): Promise<CxoneTokens> {
    const grant = await tokenRequest(http, config, now, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: request.verifier,
    });
    const claims = claimsOf(grant.idToken, config.issuer, clientId, now(), request.nonce);
    return new CxoneTokens(http, config, clientId, now, grant, claims);
  }

  /** Signs in again from a refresh token kept across a reload. */
  static async fromRefresh(
    http: CxoneHttp,
    config: OpenIdConfig,
    clientId: string,
    refresh: string,
    now: () => number,
  ): Promise<CxoneTokens> {
    const grant = await tokenRequest(http, config, now, {
      grant_type: 'refresh_token',
      refresh_token: refresh,
      scope: 'openid',
      client_id: clientId,
    });
    const claims = claimsOf(grant.idToken, config.issuer, clientId, now());
    return new CxoneTokens(http, config, clientId, now, grant, claims);
  }

  /** The latest refresh token, for the page to keep in `sessionStorage` (never posted anywhere). */
  get keepable(): string | undefined {
    return this.refreshToken;
  }

  /** Drops both tokens (the agent disconnected): every later call needs a new sign-in. */
  forget(): void {
    this.access = '';
    this.refreshToken = undefined;
    this.expiresAt = 0;
    this.due = 0;
    this.onRefreshToken?.(undefined);
  }

  /**
   * When the access token should be refreshed: 5 minutes before it expires, or at three quarters
   * of a shorter lifetime, and never less than 10 s after it was issued (an `expires_in` under
   * 5 minutes must not make every call refresh first).
   */
  get refreshAt(): number {
    return this.due;
  }

  /** The access token held now when it has not expired, without refreshing (the page is going). */
  get held(): string | null {
    return this.access !== '' && this.now() < this.expiresAt ? this.access : null;
  }

  /** A current access token, refreshing first when it is due. */
  async token(): Promise<string> {
    if (this.now() >= this.refreshAt) await this.refresh();
    return this.access;
  }

  /** Refreshes now (after a 401, or when due); concurrent callers share one refresh. */
  refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    if (this.refreshToken === undefined) {
      throw new AuthError('The CXone sign-in expired and cannot be renewed', 'signed-out');
    }
    let grant: Awaited<ReturnType<typeof tokenRequest>>;
    try {
      grant = await tokenRequest(this.http, this.config, this.now, {
        grant_type: 'refresh_token',
        refresh_token: this.refreshToken,
        scope: 'openid',
        client_id: this.clientId,
      });
      // A refreshed id_token must be about the same user (OIDC Core §12.2).
      if (grant.idToken !== undefined) {
        const claims = claimsOf(grant.idToken, this.config.issuer, this.clientId, this.now());
        if (claims.userId !== this.claims.userId)
          throw new AuthError('CXone renewed the sign-in for another user', 'signed-out');
      }
    } catch (error) {
      if (error instanceof AuthError && error.kind === 'signed-out') {
        this.refreshToken = undefined;
        this.onRefreshToken?.(undefined);
      }
      throw error;
    }
    this.access = grant.access;
    this.refreshToken = grant.refresh ?? this.refreshToken;
    this.expiresAt = grant.expiresAt;
    this.due = refreshDue(grant, this.now());
    this.onRefreshToken?.(this.refreshToken);
  }
}

/** When a grant issued at `now` should be refreshed (`CxoneTokens.refreshAt`). */
function refreshDue(grant: { expiresAt: number }, now: number): number {
  const lifetime = grant.expiresAt - now;
  const after = Math.max(lifetime - REFRESH_EARLY_MS, lifetime * REFRESH_AT_LIFETIME);
  return now + Math.max(REFRESH_FLOOR_MS, after);
}

async function tokenRequest(
  http: CxoneHttp,
  config: OpenIdConfig,
  now: () => number,
  form: Record<string, string>,
): Promise<{ access: string; refresh: string | undefined; expiresAt: number; idToken: unknown }> {
  const result = await http.request({
    method: 'POST',
    url: config.tokenEndpoint,
    form,
    timeoutMs: TIMEOUT_MS,
  });
  if (result.kind !== 'response') {
    throw new AuthError('CXone sign-in could not be reached', 'unreachable');
  }
  if (result.status === 400 || result.status === 401) {
    const error = isPlain(result.body) ? text(own(result.body, 'error'), 100) : undefined;
    throw new AuthError(`CXone refused the sign-in (${error ?? result.status})`, 'signed-out');
  }
  if (result.status !== 200 || !isPlain(result.body)) {
    throw new AuthError(`CXone sign-in answered ${result.status}`, 'unreachable');
  }
  const body = result.body;
  const access = name(own(body, 'access_token'), 8192);
  const refresh = name(own(body, 'refresh_token'), 8192);
  const expiresIn = own(body, 'expires_in');
  if (access === undefined || typeof expiresIn !== 'number' || !(expiresIn > 0)) {
    throw new AuthError(
      'CXone sent a token response without an access token or lifetime',
      'malformed',
    );
  }
  return { access, refresh, expiresAt: now() + expiresIn * 1000, idToken: own(body, 'id_token') };
}
