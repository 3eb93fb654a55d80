// A crafted bridge URL, end to end in the production topology: a page on another site frames the
// customer's hosted CXone bridge with every trust-deciding parameter pointing at itself
// (`?client_id=<real>&widget_origin=<itself>&presence_api=<itself>&issuer=…`), says hello as a widget
// with an org id and asks for state changes, over and over; the agent clicks "Connect CXone" if the
// bridge offers it (CXone's sign-in completes in the popup). Nothing may come of it: no token at
// the attacker's server, no state POST at CXone, no hello, state or codes at the attacker's page, and
// the bridge lists the parameters it ignored. (Where a browser has no `location.ancestorOrigins`,
// Firefox, the bridge signs in and its widget port still answers only `widgetOrigins`:
// test/bridges/cxone-page.test.ts; Chromium's `ancestorOrigins` cannot be taken away to show it here.)
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { onSite, SITES } from '../../scripts/topology.js';
import { CLIENT, startCxoneWorld } from './cxone-world.mjs';

let world;
/** The attacker's server: its page, and every request that reached it. */
let attacker;

/** The attacker's page frames `bridge`, hears what it posts, and drives it as a widget would. */
const ATTACKER_PAGE = `<!doctype html>
<meta charset="utf-8" /><title>an attacker</title>
<script>
  window.heard = [];
  window.posted = 0;
  const frame = document.createElement('iframe');
  frame.src = new URL(location.href).searchParams.get('bridge');
  addEventListener('message', (event) => {
    if (event.source === frame.contentWindow) window.heard.push(event.data);
  });
  document.documentElement.append(frame);
  const say = (message) => frame.contentWindow.postMessage(message, '*');
  setInterval(() => {
    window.posted += 1;
    say({ ns: 'presence-sync', v: 1, type: 'hello', role: 'widget', orgId: '00D5g000004ABCDEAA' });
    const target = { state: 'Unavailable', reason: 'Lunch' };
    say({ ns: 'presence-sync', v: 1, type: 'setState', id: 'evil-' + window.posted, target });
  }, 200);
</script>`;

/** A server on the attacker's site that serves its page and answers CORS for anything else. */
function startAttacker() {
  const requests = [];
  const server = createServer((request, response) => {
    requests.push({
      method: request.method,
      path: request.url,
      authorization: request.headers.authorization ?? null,
    });
    if (request.url?.startsWith('/attacker.html')) {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      return response.end(ATTACKER_PAGE);
    }
    // Whatever the bridge asks, the attacker lets it ask (and would keep the token).
    response.writeHead(request.method === 'OPTIONS' ? 204 : 404, {
      'Access-Control-Allow-Origin': request.headers.origin ?? '*',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
      'Access-Control-Allow-Methods': 'GET, POST',
      'Content-Type': 'application/json',
    });
    response.end(request.method === 'OPTIONS' ? undefined : '{"error":"no rule"}');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const origin = onSite(`http://127.0.0.1:${server.address().port}`, SITES.third);
      resolve({ origin, requests, close: () => new Promise((done) => server.close(done)) });
    }),
  );
}

before(async () => {
  world = await startCxoneWorld();
  attacker = await startAttacker();
});

after(async () => {
  await attacker?.close();
  await world?.close();
});

/** Runs the attack in a fresh browser context; resolves to what the bridge showed and what came of it. */
async function attack() {
  const { sim, browser, bridgeUrl } = world;
  const crafted = `${bridgeUrl}?${new URLSearchParams({
    client_id: CLIENT,
    widget_origin: attacker.origin,
    presence_api: attacker.origin,
    issuer: sim.origin,
    poll_timeout: '5',
  })}`;
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  const posts = sim.statePosts().length;
  const asked = attacker.requests.length;
  await page.goto(`${attacker.origin}/attacker.html?bridge=${encodeURIComponent(crafted)}`);
  const frame = page.frameLocator('iframe');
  const connect = frame.locator('#connect:not([hidden]):not([disabled])');
  const refused = frame.locator('#status', { hasText: 'does not serve' });
  await connect.or(refused).waitFor({ timeout: 15_000 });
  const offered = await connect.isVisible();
  if (offered) {
    // The agent, seeing the genuine bridge, clicks once; CXone's sign-in answers the popup.
    const popup = page.waitForEvent('popup');
    await connect.click();
    await (await popup).waitForEvent('close');
    await frame.locator('#status', { hasText: 'Connected to CXone' }).waitFor({ timeout: 15_000 });
    // The attacker keeps saying hello with an org id and asking for writes: forty more times.
    const from = await page.evaluate(() => window.posted);
    await page.waitForFunction((count) => window.posted >= count + 40, from, { timeout: 30_000 });
  }
  const shown = {
    offered,
    status: await frame.locator('#status').textContent(),
    ignored: await page
      .frames()
      .find((each) => each !== page.mainFrame())
      .evaluate(() => document.getElementById('ignored')?.textContent ?? ''),
    heard: await page.evaluate(() => window.heard),
    toAttacker: attacker.requests
      .slice(asked)
      .filter((r) => !r.path.startsWith('/attacker.html') && r.path !== '/favicon.ico'),
    statePosts: sim.statePosts().slice(posts),
    tokens: sim.issuedTokens(),
    errors,
  };
  await context.close();
  return shown;
}

/** Nothing of the agent's reached the attacker, and it moved nothing. */
function assertNothingReached(shown) {
  const captured = shown.toAttacker.filter((request) => request.authorization !== null);
  assert.deepEqual(captured, [], 'no token reached the attacker’s server');
  assert.deepEqual(shown.toAttacker, [], 'the bridge asked the attacker’s server nothing');
  assert.deepEqual(shown.statePosts, [], 'the attacker set no CXone state');
  assert.deepEqual(
    shown.heard.filter((message) => ['hello', 'state', 'codes', 'result'].includes(message?.type)),
    [],
    'the attacker’s page heard nothing of the agent',
  );
  const heard = JSON.stringify(shown.heard);
  for (const token of shown.tokens) assert.equal(heard.includes(token), false);
  assert.match(shown.ignored, /client_id, widget_origin, presence_api, issuer, poll_timeout/);
  assert.deepEqual(shown.errors, []);
}

describe('a crafted bridge URL on another site', () => {
  it('gets nothing where the browser names the embedding page: the bridge serves only its widget origins and says why', async () => {
    const shown = await attack();
    assertNothingReached(shown);
    assert.equal(shown.offered, false, 'no sign-in is offered to a page the bridge does not serve');
    assert.match(shown.status, /does not serve http:\/\/evil\.localhost:\d+/);
  });
});
