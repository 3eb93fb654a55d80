// The CXone bridge where the browser gives its cross-site frame no storage (third-party cookies
// blocked, storage not partitioned: `sessionStorage`, Web Locks and IndexedDB throw), end to end in
// the production topology: the agent signs in, both directions sync for the life of the page, the
// page says a reload will ask to connect again, and it never blames CXone for a local cause.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCxoneWorld } from './cxone-world.mjs';

let world;

before(async () => {
  world = await startCxoneWorld({ blockThirdPartyStorage: true });
});

after(async () => {
  await world?.close();
});

describe('the CXone bridge without storage', () => {
  it('signs in, syncs both ways, says a reload asks again, and never says CXone cannot be reached', async () => {
    const { browser, sim, bridgeUrl, widgetPage } = world;
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(widgetPage(bridgeUrl));
    const frame = page.frameLocator('presence-sync iframe');
    await frame.locator('#connect:not([hidden]):not([disabled])').waitFor({ timeout: 15_000 });
    // Every status the bridge shows from here on, and every problem the widget is told.
    const bridgeFrame = page.frames().find((each) => each.url().includes('/bridges/cxone/'));
    await bridgeFrame.evaluate(() => {
      const status = document.getElementById('status');
      window.shown = [status.textContent];
      new MutationObserver(() => window.shown.push(status.textContent)).observe(status, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    assert.match(
      await frame.locator('#note').textContent(),
      /no storage here: you stay connected until this page reloads, then connect again/,
    );
    assert.equal(await frame.locator('#note').isVisible(), true);
    // The browser really gives the frame nothing (else this test shows nothing).
    assert.equal(
      await bridgeFrame.evaluate(() => {
        try {
          window.sessionStorage.getItem('x');
          return 'storage';
        } catch (error) {
          return error.name;
        }
      }),
      'SecurityError',
    );
    const popup = page.waitForEvent('popup');
    await frame.locator('#connect').click();
    await (await popup).waitForEvent('close');
    await frame.locator('#status', { hasText: 'Connected to CXone as agent 1001.' }).waitFor();
    const until = (check, what) =>
      page.waitForFunction(check, undefined, { timeout: 15_000 }).catch((error) => {
        throw new Error(`${what}: ${error.message}`);
      });
    // The CXone default Unavailable has no row in this rule: a start with nothing to write is
    // `not-mapped` (docs/contract.md Details 46).
    await until(
      () => ['in-sync', 'not-mapped'].includes(window.e2e.el.snapshot.phase),
      'started after sign-in',
    );
    // Omni-Channel → CXone.
    const posts = sim.statePosts().length;
    await page.evaluate(() => window.e2e.omni.agentSets('Away'));
    await until(() => window.e2e.el.snapshot.acd?.reason === 'Lunch', 'ACD Unavailable/Lunch');
    assert.deepEqual(
      sim
        .statePosts()
        .slice(posts)
        .map((post) => post.body),
      [{ state: 'Unavailable', reason: 'Lunch' }],
    );
    // CXone → Omni-Channel.
    sim.setState({ state: 'Available', reason: '', isAcw: false });
    await until(
      () => window.e2e.omni.calls.includes('set:Available_for_Chats'),
      'Omni set to Available for Chats',
    );
    const shown = await bridgeFrame.evaluate(() => window.shown);
    assert.ok(shown.length > 1);
    assert.equal(
      shown.some((text) => /cannot be reached/.test(text)),
      false,
      `the bridge blamed CXone: ${shown.join(' | ')}`,
    );
    const problems = await page.evaluate(() =>
      window.e2e.el.snapshot.problems.map((p) => p.message),
    );
    assert.equal(
      problems.some((message) => /cannot be reached/.test(message)),
      false,
    );
    assert.deepEqual(errors, []);
    await page.close();
  });
});
