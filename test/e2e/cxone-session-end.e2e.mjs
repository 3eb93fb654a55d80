// session-end end to end in headless Chromium, in the production topology (scripts/topology.js:
// every party on its own site, third-party storage partitioned): console tabs of one agent, each
// with <presence-sync session-end="Unavailable"> and the real CXone bridge in its cross-site frame,
// against the CXone API simulator. Closing the last tab sends the state POST as the page goes
// (keepalive, its CORS preflight included); closing one of two sends nothing; a reload the page is
// told of (location.reload) sends nothing; a reload by the browser (page.reload, as its button)
// cannot be told from a close, so the end is sent and the next start puts the state back before
// the widget hears any.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCxoneWorld } from './cxone-world.mjs';

let world;
let browser;
let sim;
let widgetPage;
let bridgeUrl;
const pageErrors = [];

const ENDED = { state: 'Unavailable', reason: '' };
const AVAILABLE = { state: 'Available', reason: '' };

/** The bridge frame of a Salesforce page. */
const bridgeFrameOf = (page) =>
  page.frames().find((frame) => frame.url().includes('/bridges/cxone/'));

const until = (page, check, what, arg) =>
  page.waitForFunction(check, arg, { timeout: 15_000 }).catch((error) => {
    throw new Error(`${what}: ${error.message}`);
  });

/** Waits for the simulator to have heard `count` state POSTs (it is a Node object: polled). */
async function statePosts(count, what) {
  const deadline = Date.now() + 15_000;
  while (sim.statePosts().length < count) {
    if (Date.now() > deadline)
      throw new Error(`${what}: ${sim.statePosts().length} state POSTs, not ${count}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return sim.statePosts();
}

/** A console tab of the agent in `context`, signed in to CXone unless it relays through another. */
async function consoleTab(context, { signIn = true } = {}) {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(widgetPage(bridgeUrl, { sessionEnd: 'Unavailable' }));
  const bridge = page.frameLocator('presence-sync iframe');
  if (signIn) {
    const popup = page.waitForEvent('popup');
    await bridge.locator('#connect:not([disabled])').click();
    await (await popup).waitForEvent('close');
  }
  await until(page, () => window.e2e.el.snapshot.acd?.state === 'Available', 'the agent known');
  return page;
}

/**
 * A context whose bridge frames record what their widget arms (`sessionEnd` messages), from the
 * frame's first script on (Playwright runs init scripts in every frame).
 */
async function newContext() {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    if (!location.pathname.includes('/bridges/cxone/')) return;
    window.armed = [];
    window.addEventListener('message', (event) => {
      if (event.data?.type === 'sessionEnd') window.armed.push(event.data.target);
    });
  });
  return context;
}
const lastArmed = (page, target, what) =>
  bridgeFrameOf(page)
    .waitForFunction(
      (expected) =>
        JSON.stringify(window.armed.length === 0 ? 'none' : window.armed.at(-1)) === expected,
      JSON.stringify(target),
      { timeout: 15_000 },
    )
    .catch((error) => {
      throw new Error(`${what}: ${error.message}`);
    });

before(async () => {
  world = await startCxoneWorld();
  ({ browser, sim, widgetPage, bridgeUrl } = world);
  sim.setState({ state: 'Available', reason: '', isAcw: false });
});

after(async () => {
  await world?.close();
});

describe('session-end with the CXone bridge', () => {
  it('closing one of two console tabs sends nothing; closing the last sends the state POST, preflight and all', async () => {
    const context = await newContext();
    const first = await consoleTab(context);
    await lastArmed(first, ENDED, 'the only tab armed');
    const second = await consoleTab(context, { signIn: false });
    await lastArmed(first, null, 'a second tab: the first disarmed');
    const posts = sim.statePosts().length;
    const requests = sim.requests.length;
    await second.close();
    await lastArmed(first, ENDED, 'the last tab armed again');
    assert.equal(sim.statePosts().length, posts, 'the second tab closed: nothing sent');
    await first.close();
    const after = (await statePosts(posts + 1, 'the last tab closed')).slice(posts);
    assert.deepEqual(
      after.map((post) => post.body),
      [ENDED],
    );
    const session = [...sim.sessions.keys()].at(-1);
    assert.equal(after[0].path, `/InContactAPI/services/v23.0/agent-sessions/${session}/state`);
    // The keepalive POST carries the token, so Chromium asked first (this context had sent none).
    const asked = sim.requests
      .slice(requests)
      .filter((request) => request.path === after[0].path)
      .map((request) => request.method);
    assert.deepEqual(asked, ['OPTIONS', 'POST']);
    await context.close();
    assert.deepEqual(pageErrors, []);
  });

  it('a reload the page is told of (location.reload) sends nothing', async () => {
    sim.setState({ state: 'Available', reason: '', isAcw: false });
    const context = await newContext();
    const page = await consoleTab(context);
    await lastArmed(page, ENDED, 'the only tab armed');
    const posts = sim.statePosts().length;
    const joins = sim.calls('POST', '/agent-sessions/join').length;
    await page.evaluate(() => location.reload());
    await until(
      page,
      () => window.e2e?.el.snapshot.acd?.state === 'Available' && window.e2e.heard.length > 0,
      'back after the reload, signed in from the kept token',
    );
    assert.ok(sim.calls('POST', '/agent-sessions/join').length > joins, 'joined again');
    assert.deepEqual(sim.statePosts().slice(posts), [], 'neither an end nor a restore');
    await lastArmed(page, ENDED, 'armed again after the reload');
    // Closed now, it is the last tab: the end goes.
    await page.close();
    assert.deepEqual((await statePosts(posts + 1, 'closed')).at(-1).body, ENDED);
    await context.close();
  });

  it('a reload by the browser sends the end, and the next start puts the state before back before the widget hears a state', async () => {
    sim.setState({ state: 'Available', reason: '', isAcw: false });
    const context = await newContext();
    const page = await consoleTab(context);
    await lastArmed(page, ENDED, 'the only tab armed');
    const posts = sim.statePosts().length;
    await page.reload();
    await until(
      page,
      () => window.e2e?.el.snapshot.acd?.state === 'Available' && window.e2e.heard.length > 0,
      'back after the reload',
    );
    assert.deepEqual(
      (await statePosts(posts + 2, 'the end and the restore')).slice(posts).map((p) => p.body),
      [ENDED, AVAILABLE],
    );
    // The reloaded widget never heard the session end's state, so it synced nothing from it.
    const heard = await page.evaluate(() =>
      window.e2e.heard
        .map((message) => message.state?.state)
        .filter((state) => state !== undefined),
    );
    assert.ok(heard.length > 0 && heard.every((state) => state === 'Available'), String(heard));
    assert.deepEqual(await page.evaluate(() => window.e2e.omni.calls), []);
    await lastArmed(page, ENDED, 'armed again after the reload');
    await page.close();
    assert.deepEqual((await statePosts(posts + 3, 'closed')).at(-1).body, ENDED);
    await context.close();
    assert.deepEqual(pageErrors, []);
  });
});
