/**
 * The agent's own CXone sign-in: OpenID discovery, the authorization-code flow with PKCE (S256),
 * the token exchange and its refresh, and the id_token's claims (OpenID Connect Core 1.0 §3.1;
 * CXone: https://developer.niceincontact.com/Documentation/GettingStarted — public applications
 * have no secret and must use PKCE).
 *
 * Invariants: every response is validated before use (a malformed one is refused with what was
 * wrong, never thrown); tokens live in this object only (never posted, never logged); the id_token
 * is taken only when its `iss`, `aud` and `exp` fit (it comes straight from the token endpoint over
 * TLS, which OIDC Core §3.1.3.7 allows in place of the signature check); at most one refresh runs
 * at a time, and every caller waits for that one.
 */
import { isPlain, name, own, text } from '../../protocol/index.js';
import type { CxoneHttp } from './http.js';

/** Where CXone's OpenID endpoints are (from discovery). */
export interface OpenIdConfig {
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
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
/** Refreshed this long before the access token expires (NICE's SDK refreshes 10 min early). */
const REFRESH_EARLY_MS = 5 * 60_000;

/** OpenID discovery: refuses a configuration without the popup display or S256 PKCE. */
export async function discover(http: CxoneHttp, issuer: string): Promise<OpenIdConfig> {
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
  if (authorizationEndpoint === undefined || tokenEndpoint === undefined || !s256) {
    throw new AuthError(
      `CXone's OpenID configuration at ${issuer} lacks an authorization or token endpoint or PKCE S256`,
      'malformed',
    );
  }
  return { issuer, authorizationEndpoint, tokenEndpoint };
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
    if (
      url.protocol === 'http:' &&
      (url.hostname === '127.0.0.1' ||
        url.hostname === 'localhost' ||
        url.hostname.endsWith('.localhost'))
    ) {
      return url.href;
    }
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
export async function pkcePair(
  random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes),
): Promise<{
  verifier: string;
  challenge: string;
}> {
  const verifier = base64url(random(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64url(new Uint8Array(digest)) };
}

/** The authorization URL for a popup sign-in. */
export function authorizeUrl(
  config: OpenIdConfig,
  clientId: string,
  redirectUri: string,
  state: string,
  challenge: string,
): string {
  const url = new URL(config.authorizationEndpoint);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', 'openid');
  url.searchParams.set('state', state);
  url.searchParams.set('display', 'popup');
  url.searchParams.set('code_challenge', challenge);
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

/** The agent from an id_token, after checking it was issued by `issuer` for `clientId` and is current. */
export function claimsOf(
  idToken: unknown,
  issuer: string,
  clientId: string,
  now: number,
): AgentClaims {
  const parts = typeof idToken === 'string' ? idToken.split('.') : [];
  const claims = parts.length === 3 ? decodeSegment(parts[1] as string) : undefined;
  if (!isPlain(claims)) throw new AuthError('CXone sent no readable id_token', 'signed-out');
  const aud = own(claims, 'aud');
  const audiences = Array.isArray(aud) ? aud : [aud];
  const exp = own(claims, 'exp');
  const iss = own(claims, 'iss');
  if (
    iss !== issuer ||
    !audiences.includes(clientId) ||
    typeof exp !== 'number' ||
    exp * 1000 <= now
  ) {
    throw new AuthError(
      `CXone's id_token is not for this bridge (issuer ${String(iss).slice(0, 80)}, audience, or expired)`,
      'signed-out',
    );
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
  private expiresAt: number;
  private refreshing: Promise<void> | null = null;

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
  }

  /** Exchanges an authorization code (with its PKCE verifier) for tokens. */
  static async fromCode(
    http: CxoneHttp,
    config: OpenIdConfig,
    clientId: string,
    redirectUri: string,
    code: string,
    verifier: string,
    now: () => number,
  ): Promise<CxoneTokens> {
    const grant = await tokenRequest(http, config, now, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
    });
    const claims = claimsOf(grant.idToken, config.issuer, clientId, now());
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

  /** The refresh token, for the page to keep in `sessionStorage` (never posted anywhere). */
  get keepable(): string | undefined {
    return this.refreshToken;
  }

  /** When the access token should be refreshed. */
  get refreshAt(): number {
    return this.expiresAt - REFRESH_EARLY_MS;
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
    const grant = await tokenRequest(this.http, this.config, this.now, {
      grant_type: 'refresh_token',
      refresh_token: this.refreshToken,
      scope: 'openid',
      client_id: this.clientId,
    });
    this.access = grant.access;
    this.refreshToken = grant.refresh ?? this.refreshToken;
    this.expiresAt = grant.expiresAt;
  }
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
