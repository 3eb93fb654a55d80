// The production topology itself (scripts/topology.js, scripts/chrome.js): what the other end-to-end
// tests rely on. By default a cross-site frame's storage is partitioned by the top-level site, as
// browsers ship it; with third-party storage blocked, the frame's storage throws.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchProductionChromium } from '../../scripts/chrome.js';
import { onSite } from '../../scripts/topology.js';
import { startTopology } from './topology.mjs';

let origins;
const browsers = [];

before(async () => {
  origins = await startTopology();
});

after(async () => {
  await Promise.all(browsers.map((browser) => browser.close()));
  await origins?.server.stop();
});

async function launch(options) {
  const browser = await launchProductionChromium(options);
  browsers.push(browser);
  return browser.newContext();
}

/** A tab whose top page is on `top`, framing a page of the bridge's origin; resolves to the frame. */
async function bridgeFrameUnder(context, top) {
  const page = await context.newPage();
  const framed = `${origins.bridge}/test/e2e/third-origin.html`;
  await page.goto(`${top}/test/e2e/third-origin.html?bridge=${encodeURIComponent(framed)}`);
  await page.frameLocator('iframe').locator('body').waitFor({ state: 'attached' });
  const frame = page.frames().find((candidate) => candidate.url() === framed);
  // Everything the frame hears on one BroadcastChannel, as the CXone bridge's tabs use it.
  await frame.evaluate(() => {
    window.channelHeard = [];
    window.channel = new BroadcastChannel('topology');
    window.channel.onmessage = (event) => window.channelHeard.push(event.data);
  });
  return frame;
}

const read = (frame) => frame.evaluate(() => localStorage.getItem('written'));

describe('the production topology', () => {
  it('gives every party its own site and a secure context', async () => {
    const sites = new Set(
      [origins.salesforce, origins.bridge, origins.webex, origins.third].map((origin) =>
        new URL(origin).hostname.split('.').slice(-2).join('.'),
      ),
    );
    assert.equal(sites.size, 4);
    const context = await launch();
    const frame = await bridgeFrameUnder(context, origins.salesforce);
    assert.equal(await frame.evaluate(() => isSecureContext && crypto.subtle !== undefined), true);
  });

  it('partitions a cross-site frame’s storage and channel by the top-level site, as shipped', async () => {
    const context = await launch();
    const first = await bridgeFrameUnder(context, origins.salesforce);
    const secondTab = await bridgeFrameUnder(context, origins.salesforce);
    const sameSite = await bridgeFrameUnder(
      context,
      onSite(origins.salesforce, 'other.lightning.force.localhost'),
    );
    const attacker = await bridgeFrameUnder(context, origins.third);
    await first.evaluate(() => localStorage.setItem('written', 'by the console tab'));
    assert.equal(await read(secondTab), 'by the console tab');
    assert.equal(await read(sameSite), 'by the console tab');
    assert.equal(await read(attacker), null, 'one partition under another top-level site');
    // The attacker's frame posts first, then the second console tab: the first tab hears only the
    // second (delivered once it arrives; the first would have come before it).
    await attacker.evaluate(() => window.channel.postMessage('from the attacker'));
    await secondTab.evaluate(() => window.channel.postMessage('from the second tab'));
    await first.waitForFunction(() => window.channelHeard.includes('from the second tab'));
    assert.deepEqual(await first.evaluate(() => window.channelHeard), ['from the second tab']);
    assert.deepEqual(await attacker.evaluate(() => window.channelHeard), []);
  });

  it('blocks a cross-site frame’s storage in the blocked variant, and not the top page’s', async () => {
    const context = await launch({ blockThirdPartyStorage: true });
    const frame = await bridgeFrameUnder(context, origins.salesforce);
    const blocked = await frame.evaluate(async () => {
      const attempt = async (use) => {
        try {
          await use();
          return 'allowed';
        } catch (error) {
          return error.name;
        }
      };
      return {
        sessionStorage: await attempt(() => sessionStorage.setItem('k', 'v')),
        localStorage: await attempt(() => localStorage.setItem('k', 'v')),
        locks: await attempt(() => navigator.locks.request('k', () => undefined)),
        indexedDB: await attempt(
          () =>
            new Promise((resolve, reject) => {
              const request = indexedDB.open('topology');
              request.onsuccess = resolve;
              request.onerror = () => reject(request.error);
            }),
        ),
      };
    });
    assert.deepEqual(blocked, {
      sessionStorage: 'SecurityError',
      localStorage: 'SecurityError',
      locks: 'SecurityError',
      indexedDB: 'UnknownError',
    });
    const top = frame.page().mainFrame();
    assert.equal(
      await top.evaluate(() => {
        sessionStorage.setItem('k', 'v');
        return sessionStorage.getItem('k');
      }),
      'v',
      'first-party storage works',
    );
  });
});
