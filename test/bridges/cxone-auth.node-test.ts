/// <reference types="node" />
// The CXone bridge's sign-in checks and the one place that decides where the token may go, against
// a scripted `fetch` (every request it was asked for is recorded); time is a manual clock.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  authorizeUrl,
  claimsOf,
  CxoneTokens,
  discover,
  hostRefusal,
  signInRequest,
  type OpenIdConfig,
} from '../../src/bridges/cxone/auth.js';
import { tenantApi } from '../../src/bridges/cxone/agent-session.js';
import { CxoneHttp } from '../../src/bridges/cxone/http.js';
import { ManualClock } from '../fakes/manual-clock.js';

const ISSUER = 'https://cxone.example.com';
const CLIENT = 'presence-sync-bridge';
const NOW = 1_800_000_000_000;

/** A `fetch` that answers from `routes` (by URL) and records every request. */
function scripted(routes: Record<string, (init: RequestInit) => Response>) {
  const seen: Array<{ url: string; authorization: string | null; body: string }> = [];
  const fetcher = (async (url: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    seen.push({
      url: String(url),
      authorization: headers.get('Authorization'),
      body: String(init.body ?? ''),
    });
    const route = routes[String(url)];
    if (route === undefined) throw new TypeError('Failed to fetch');
    return route(init);
  }) as typeof fetch;
  return { fetcher, seen };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const discovery = (overrides: Record<string, unknown> = {}) => ({
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/auth/authorize`,
  token_endpoint: 'https://auth.cxone.example.com/token',
  code_challenge_methods_supported: ['S256'],
  display_values_supported: ['page', 'popup'],
  ...overrides,
});

function idToken(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part({
    iss: ISSUER,
    aud: CLIENT,
    exp: NOW / 1000 + 600,
    sub: 'user:1',
    tenantId: 't1',
    icAgentId: 1001,
    ...claims,
  })}.c2ln`;
}

describe('CXone sign-in checks', () => {
  it('refuses a discovery document that names another issuer (OpenID Connect Discovery §4.3)', async () => {
    const { fetcher } = scripted({
      [`${ISSUER}/.well-known/openid-configuration`]: () =>
        json(discovery({ issuer: 'https://evil.example' })),
    });
    const http = new CxoneHttp(fetcher, new ManualClock(NOW));
    await assert.rejects(
      discover(http, ISSUER),
      /names another issuer \(https:\/\/evil\.example\)/,
    );
  });

  it('asks for display=popup only where the provider lists it', async () => {
    const request = await signInRequest();
    for (const [displays, expected] of [
      [['page', 'popup'], 'popup'],
      [['page'], null],
    ] as const) {
      const { fetcher } = scripted({
        [`${ISSUER}/.well-known/openid-configuration`]: () =>
          json(discovery({ display_values_supported: displays })),
      });
      const config = await discover(new CxoneHttp(fetcher, new ManualClock(NOW)), ISSUER, [
        'example.com',
      ]);
      const url = new URL(authorizeUrl(config, CLIENT, 'https://b.example/cb', request));
      assert.equal(url.searchParams.get('display'), expected);
    }
  });

  it('makes a fresh PKCE pair, state and nonce for every authorization request (RFC 7636 §4.1–4.2)', async () => {
    const requests = await Promise.all([signInRequest(), signInRequest(), signInRequest()]);
    for (const key of ['verifier', 'challenge', 'state', 'nonce'] as const)
      assert.equal(new Set(requests.map((request) => request[key])).size, 3, key);
    for (const request of requests) {
      assert.match(request.verifier, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(
        request.challenge,
        createHash('sha256').update(request.verifier).digest('base64url'),
      );
    }
    const config: OpenIdConfig = {
      issuer: ISSUER,
      authorizationEndpoint: `${ISSUER}/auth/authorize`,
      tokenEndpoint: `${ISSUER}/auth/token`,
      popupDisplay: true,
    };
    const url = new URL(authorizeUrl(config, CLIENT, 'https://b.example/cb', requests[0]!));
    assert.equal(url.searchParams.get('nonce'), requests[0]!.nonce);
    assert.equal(url.searchParams.get('state'), requests[0]!.state);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
  });

  it('names each sign-in popup afresh, so no other page or bridge can target the window', async () => {
    const requests = await Promise.all([signInRequest(), signInRequest(), signInRequest()]);
    assert.equal(new Set(requests.map((request) => request.windowName)).size, 3);
    for (const request of requests) {
      assert.match(request.windowName, /^presence-sync-cxone-[A-Za-z0-9_-]{22}$/);
      // Not the state either: the window's name is visible to what it loads.
      assert.equal(request.windowName.includes(request.state), false);
    }
  });

  it('takes an id_token only for this issuer, client, nonce and time (OIDC Core §3.1.3.7)', () => {
    const good = claimsOf(idToken({ nonce: 'n1' }), ISSUER, CLIENT, NOW, 'n1');
    assert.equal(good.agentId, '1001');
    // Several audiences: the authorized party must be this client.
    assert.equal(
      claimsOf(idToken({ aud: [CLIENT, 'other'], azp: CLIENT }), ISSUER, CLIENT, NOW).agentId,
      '1001',
    );
    for (const [claims, nonce, why] of [
      [{ nonce: 'n2' }, 'n1', /nonce/],
      [{}, 'n1', /nonce/],
      [{ iss: 'https://evil.example' }, undefined, /issuer/],
      [{ aud: 'other' }, undefined, /audience/],
      [{ aud: [CLIENT, 'other'] }, undefined, /azp/],
      [{ azp: 'other' }, undefined, /azp/],
      [{ exp: NOW / 1000 - 1 }, undefined, /expired/],
    ] as const) {
      assert.throws(() => claimsOf(idToken(claims), ISSUER, CLIENT, NOW, nonce), why);
    }
  });
});

describe('where the CXone token may go', () => {
  it('takes the sign-in endpoints only on a host under apiHostSuffixes, and names the host and the key', async () => {
    let token = 'https://auth.cxone.example.com/token';
    const { fetcher } = scripted({
      [`${ISSUER}/.well-known/openid-configuration`]: () =>
        json(discovery({ token_endpoint: token })),
    });
    const http = () => new CxoneHttp(fetcher, new ManualClock(NOW));
    // NICE's documented domains by default: the scripted issuer's hosts are none of them.
    await assert.rejects(
      discover(http(), ISSUER),
      /authorization endpoint names the host cxone\.example\.com, which is not under apiHostSuffixes in config\.json \(niceincontact\.com, nice-incontact\.com, nicecxone\.com\)/,
    );
    const config = await discover(http(), ISSUER, ['cxone.example.com']);
    assert.equal(config.tokenEndpoint, 'https://auth.cxone.example.com/token');
    token = 'https://auth.evil.example/token';
    await assert.rejects(
      discover(http(), ISSUER, ['cxone.example.com']),
      /token endpoint names the host auth\.evil\.example, which is not under apiHostSuffixes in config\.json \(cxone\.example\.com\)/,
    );
  });

  it('matches host suffixes by whole labels, and lets loopback through (a simulator)', () => {
    const nice = ['niceincontact.com', 'nice-incontact.com'];
    for (const url of [
      'https://api-na1.niceincontact.com/',
      'https://niceincontact.com',
      'https://na1.nice-incontact.com/x',
      'http://cxone.localhost:8080',
      'http://127.0.0.1:9',
    ])
      assert.equal(hostRefusal(url, nice, 'x'), null, url);
    for (const url of [
      'https://evilniceincontact.com',
      'https://niceincontact.com.evil.example',
      'https://api.example.com',
    ])
      assert.match(
        String(hostRefusal(url, nice, 'x')),
        /^x names the host .* apiHostSuffixes/,
        url,
      );
  });

  it('reads the API host only from a 200 JSON tenant discovery on an allowed host', () => {
    const body = { api_endpoint: 'https://api-na1.niceincontact.com/' };
    assert.deepEqual(tenantApi(200, body), { api: 'https://api-na1.niceincontact.com' });
    // An error answer names no host, whatever its body says (it must pin nothing).
    for (const status of [201, 304, 404, 429, 500, 503])
      assert.equal(tenantApi(status, body), null);
    assert.equal(tenantApi(200, null), null);
    assert.equal(tenantApi(200, { api_endpoint: 'http://api-na1.niceincontact.com' }), null);
    assert.match(
      JSON.stringify(tenantApi(200, { api_endpoint: 'https://api.evil.example' })),
      /Tenant discovery names the host api\.evil\.example, which is not under apiHostSuffixes/,
    );
    assert.deepEqual(
      tenantApi(200, { api_endpoint: 'https://api.evil.example' }, ['evil.example']),
      {
        api: 'https://api.evil.example',
      },
    );
  });

  it('attaches the token only to a discovered origin; any other is refused before a byte is sent', async () => {
    const api = 'https://api-na1.cxone.example.com';
    const { fetcher, seen } = scripted({ [`${api}/x`]: () => json({}) });
    let pinned = 0;
    const http = new CxoneHttp(fetcher, new ManualClock(NOW), () => (pinned += 1));
    const refused = await http.request({
      method: 'GET',
      url: 'https://evil.example/adapter-apis/v1/salesforce/rule/00D',
      token: 'secret-token',
      timeoutMs: 1000,
    });
    assert.equal(refused.kind, 'network');
    assert.match(
      refused.kind === 'network' ? refused.message : '',
      /only to discovered CXone hosts, not https:\/\/evil\.example/,
    );
    assert.equal(seen.length, 0, 'nothing was sent');
    assert.equal(pinned, 0, 'no token sent yet');
    http.trust(`${api}/InContactAPI/`);
    const ok = await http.request({
      method: 'GET',
      url: `${api}/x`,
      token: 'secret-token',
      timeoutMs: 1000,
    });
    assert.equal(ok.kind, 'response');
    assert.deepEqual(
      seen.map((request) => [request.url, request.authorization]),
      [[`${api}/x`, 'Bearer secret-token']],
    );
    assert.equal(pinned, 1, 'told before the first token went out');
    await http.request({ method: 'GET', url: `${api}/x`, token: 'secret-token', timeoutMs: 1000 });
    assert.equal(pinned, 1, 'and only once');
    // A request without the token goes anywhere the caller asks (discovery, the token endpoint).
    await http.request({ method: 'GET', url: 'https://other.example/', timeoutMs: 1000 });
    assert.equal(seen.at(-1)?.authorization, null);
  });

  it('keeps the rotated refresh token after each refresh, and none once CXone refuses it', async () => {
    const tokenEndpoint = `${ISSUER}/auth/token`;
    let next = 1;
    let refuse = false;
    const { fetcher, seen } = scripted({
      [tokenEndpoint]: () =>
        refuse
          ? json({ error: 'invalid_grant' }, 400)
          : json({
              access_token: `access-${next}`,
              refresh_token: `refresh-${next++}`,
              expires_in: 3600,
              id_token: idToken({ nonce: 'n1' }),
            }),
    });
    const clock = new ManualClock(NOW);
    const http = new CxoneHttp(fetcher, clock);
    const config: OpenIdConfig = {
      issuer: ISSUER,
      authorizationEndpoint: `${ISSUER}/auth/authorize`,
      tokenEndpoint,
      popupDisplay: true,
    };
    const tokens = await CxoneTokens.fromCode(
      http,
      config,
      CLIENT,
      'https://b.example/cb',
      'code',
      { verifier: 'v', nonce: 'n1' },
      () => clock.now(),
    );
    const kept: Array<string | undefined> = [];
    tokens.onRefreshToken = (refresh) => kept.push(refresh);
    assert.equal(tokens.keepable, 'refresh-1');
    await tokens.refresh();
    await tokens.refresh();
    assert.deepEqual(kept, ['refresh-2', 'refresh-3']);
    // Each refresh spent the token it was given, the rotated one each time.
    assert.deepEqual(
      seen.slice(1).map((request) => new URLSearchParams(request.body).get('refresh_token')),
      ['refresh-1', 'refresh-2'],
    );
    refuse = true;
    await assert.rejects(tokens.refresh(), /invalid_grant/);
    assert.deepEqual(kept, ['refresh-2', 'refresh-3', undefined]);
    assert.equal(tokens.keepable, undefined);
  });

  for (const [lifetimeS, every, most] of [
    [120, 90_000, 3],
    [2, 10_000, 6],
    [3600, 3_300_000, 0],
  ] as const) {
    it(`refreshes a token that lives ${lifetimeS} s every ${every / 1000} s at most, never on every call`, async () => {
      const tokenEndpoint = `${ISSUER}/auth/token`;
      const { fetcher, seen } = scripted({
        [tokenEndpoint]: () =>
          json({
            access_token: 'access',
            refresh_token: 'refresh',
            expires_in: lifetimeS,
            id_token: idToken({ nonce: 'n1', exp: NOW / 1000 + 86_400 }),
          }),
      });
      const clock = new ManualClock(NOW);
      const config: OpenIdConfig = {
        issuer: ISSUER,
        authorizationEndpoint: `${ISSUER}/auth/authorize`,
        tokenEndpoint,
        popupDisplay: true,
      };
      const tokens = await CxoneTokens.fromCode(
        new CxoneHttp(fetcher, clock),
        config,
        CLIENT,
        'https://b.example/cb',
        'code',
        { verifier: 'v', nonce: 'n1' },
        () => clock.now(),
      );
      assert.equal(tokens.refreshAt - NOW, every);
      // Every call of a minute (one a second) asks for a token: a poll, a write, a join.
      for (let second = 0; second < 60 * (lifetimeS === 120 ? 5 : 1); second += 1) {
        await tokens.token();
        await clock.advance(1000);
      }
      const refreshes = seen.length - 1;
      assert.ok(refreshes <= most, `${refreshes} refreshes`);
    });
  }

  it('refuses a sign-in whose id_token carries another nonce than the request sent', async () => {
    const tokenEndpoint = `${ISSUER}/auth/token`;
    const { fetcher } = scripted({
      [tokenEndpoint]: () =>
        json({
          access_token: 'a',
          refresh_token: 'r',
          expires_in: 3600,
          id_token: idToken({ nonce: 'replayed' }),
        }),
    });
    const http = new CxoneHttp(fetcher, new ManualClock(NOW));
    const config: OpenIdConfig = {
      issuer: ISSUER,
      authorizationEndpoint: `${ISSUER}/auth/authorize`,
      tokenEndpoint,
      popupDisplay: true,
    };
    await assert.rejects(
      CxoneTokens.fromCode(
        http,
        config,
        CLIENT,
        'https://b.example/cb',
        'code',
        { verifier: 'v', nonce: 'n1' },
        () => NOW,
      ),
      /nonce/,
    );
  });
});
