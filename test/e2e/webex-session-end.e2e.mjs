// session-end end to end in headless Chromium, in the production topology (scripts/topology.js):
// console tabs with <presence-sync session-end="Unavailable"> and the built Webex relay (the real
// @wxcc-desktop/sdk) in the simulated Agent Desktop's cross-site frame. The simulated Desktop
// beacons every stateChange request it receives to the dev server (scripts/sim-tap.js), so what it
// got while its page was going can be read after. Closing the last tab makes the relay call
// stateChange with the default idle code; closing one of two calls nothing; location.reload calls
// nothing; a reload by the browser calls it, and the next start sets Available back before the
// widget hears a state.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchProductionChromium } from '../../scripts/chrome.js';
import { readTap } from '../../scripts/sim-tap.js';
import { startTopology } from './topology.mjs';

let origins;
let browser;
const pageErrors = [];

const END = { state: 'Idle', auxCodeIdArray: 'c-break', lastStateChangeReason: 'presence-sync' };
const AVAILABLE = {
  state: 'Available',
  auxCodeIdArray: '0',
  lastStateChangeReason: 'presence-sync',
};
const ARMED = { state: 'Unavailable', reason: '' };

const widgetUrl = (tap) => {
  const desktop = `${origins.webex}/test/fakes/webex-desktop/desktop.html?${new URLSearchParams({
    lightning: origins.salesforce,
    aqm: '600',
    tap,
  })}`;
  return `${origins.salesforce}/test/e2e/webex-widget.html?${new URLSearchParams({
    desktop,
    sessionEnd: 'Unavailable',
  })}`;
};

const until = (page, check, what, arg) =>
  page.waitForFunction(check, arg, { timeout: 15_000 }).catch(async (error) => {
    const snapshot = await page.evaluate(() => window.e2e?.el.snapshot).catch(() => null);
    throw new Error(`${what}: ${error.message} ${JSON.stringify(snapshot)}`);
  });

/** What the simulated Desktop received under `tap`, once it has `count` requests (polled). */
async function tapped(tap, count, what) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const records = await readTap(origins.loopback.salesforce, tap);
    if (records.length >= count) return records;
    if (Date.now() > deadline) throw new Error(`${what}: ${records.length} requests, not ${count}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A context whose Desktop frames record what their widget arms (`sessionEnd` messages). */
async function newContext() {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    if (!location.pathname.includes('/webex-desktop/')) return;
    window.armed = [];
    window.addEventListener('message', (event) => {
      if (event.data?.type === 'sessionEnd') window.armed.push(event.data.target);
    });
  });
  return context;
}

const desktopOf = (page) =>
  page
    .frames()
    .find((frame) => frame !== page.mainFrame() && frame.url().includes('webex-desktop'));
const lastArmed = (page, target, what) =>
  desktopOf(page)
    .waitForFunction(
      (expected) =>
        JSON.stringify(window.armed.length === 0 ? 'none' : window.armed.at(-1)) === expected,
      JSON.stringify(target),
      { timeout: 15_000 },
    )
    .catch((error) => {
      throw new Error(`${what}: ${error.message}`);
    });

/** A console tab in `context`, in sync with an Available agent. */
async function consoleTab(context, tap) {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(widgetUrl(tap));
  await until(
    page,
    () =>
      window.e2e.el.snapshot.acd?.state === 'Available' &&
      ['in-sync', 'follower'].includes(window.e2e.el.snapshot.phase),
    'in sync with the Desktop',
  );
  return page;
}

before(async () => {
  origins = await startTopology();
  browser = await launchProductionChromium();
});

after(async () => {
  await browser?.close();
  await origins?.server.stop();
});

describe('session-end with the Webex relay', () => {
  it('closing one of two console tabs calls nothing; closing the last calls stateChange with the default idle code', async () => {
    const tap = 'close';
    const context = await newContext();
    const first = await consoleTab(context, tap);
    await lastArmed(first, ARMED, 'the only tab armed');
    const second = await consoleTab(context, tap);
    await lastArmed(first, null, 'a second tab: the first disarmed');
    await second.close();
    await lastArmed(first, ARMED, 'the last tab armed again');
    assert.deepEqual(await readTap(origins.loopback.salesforce, tap), [], 'one of two: nothing');
    await first.close();
    assert.deepEqual(await tapped(tap, 1, 'the last tab closed'), [END]);
    await context.close();
    assert.deepEqual(pageErrors, []);
  });

  it('a reload the page is told of (location.reload) calls nothing', async () => {
    const tap = 'told';
    const context = await newContext();
    const page = await consoleTab(context, tap);
    await lastArmed(page, ARMED, 'the only tab armed');
    await page.evaluate(() => location.reload());
    await until(
      page,
      () =>
        window.e2e?.el.snapshot.phase === 'in-sync' &&
        window.e2e.el.snapshot.acd?.state === 'Available',
      'back after the reload',
    );
    await lastArmed(page, ARMED, 'armed again after the reload');
    assert.deepEqual(await readTap(origins.loopback.salesforce, tap), []);
    await page.close();
    assert.deepEqual(await tapped(tap, 1, 'closed'), [END]);
    await context.close();
  });

  it('a reload by the browser calls the end, and the next start sets Available back before the widget hears a state', async () => {
    const tap = 'button';
    const context = await newContext();
    const page = await consoleTab(context, tap);
    await lastArmed(page, ARMED, 'the only tab armed');
    await page.reload();
    await until(
      page,
      () =>
        window.e2e?.el.snapshot.phase === 'in-sync' &&
        window.e2e.el.snapshot.acd?.state === 'Available',
      'back after the reload',
    );
    assert.deepEqual(await tapped(tap, 2, 'the end and the restore'), [END, AVAILABLE]);
    const heard = await page.evaluate(() =>
      window.e2e.heard
        .map((message) => message.state?.state)
        .filter((state) => state !== undefined),
    );
    assert.ok(heard.length > 0 && heard.every((state) => state === 'Available'), String(heard));
    assert.deepEqual(await page.evaluate(() => window.e2e.omni.calls), []);
    await page.close();
    await context.close();
    assert.deepEqual(pageErrors, []);
  });
});
