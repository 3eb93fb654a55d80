// End to end in headless Chromium in the production topology (scripts/topology.js: every party on its
// own site, third-party storage partitioned): <presence-sync> (the Salesforce page, with a simulated
// Omni-Channel and the Webex seed's rule) ⇄ the built Webex relay with the real @wxcc-desktop/sdk,
// in the simulated Agent Desktop's cross-site iframe.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchProductionChromium } from '../../scripts/chrome.js';
import { forgeFromSibling, forgeFromThirdOrigin } from './forgeries.mjs';
import { startTopology } from './topology.mjs';

let server;
let browser;
let page;
let origins;
let salesforce;
const pageErrors = [];

const desktopUrl = (query) => `${origins.webex}/test/fakes/webex-desktop/desktop.html?${query}`;
const widgetUrl = (desktop, extra = '') =>
  `${salesforce}/test/e2e/webex-widget.html?desktop=${encodeURIComponent(desktop)}${extra}`;

const until = (target, check, what, arg) =>
  target.waitForFunction(check, arg, { timeout: 15_000 }).catch((error) => {
    throw new Error(`${what}: ${error.message}`);
  });
/** The frame an iframe (in a shadow root too) shows. */
const frameIn = async (target, selector) =>
  (await target.locator(selector).elementHandle()).contentFrame();
const desktopFrame = () =>
  page
    .frames()
    .find((frame) => frame !== page.mainFrame() && frame.url().includes('webex-desktop'));
const desktop = (fn, arg) => desktopFrame().evaluate(fn, arg);
const requests = () => desktop(() => window.desktopSim.requests.map((r) => ({ ...r })));
const omniCalls = () => page.evaluate(() => [...window.e2e.omni.calls]);
const inSync = (what) =>
  until(page, () => window.e2e.el.snapshot.phase === 'in-sync', `${what}: in sync`);

before(async () => {
  origins = await startTopology();
  server = origins.server;
  salesforce = origins.salesforce;
  browser = await launchProductionChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(widgetUrl(desktopUrl(`lightning=${encodeURIComponent(salesforce)}&aqm=600`)));
  await until(
    page,
    () =>
      window.e2e.el.snapshot.acd?.state === 'Available' &&
      window.e2e.el.snapshot.phase === 'in-sync',
    'in sync with the Desktop',
  );
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the Webex relay end to end', () => {
  it('brings an idle-code change in the Desktop to Omni-Channel', async () => {
    await desktop(() => window.desktopSim.agentSets('Lunch'));
    await until(page, () => window.e2e.omni.calls.includes('set:Away'), 'Omni set to Away');
    assert.deepEqual(await requests(), [], 'nothing written back to Webex');
  });

  it('writes an Omni-Channel change to stateChange with the idle code’s id, tagged, never echoed back', async () => {
    const calls = (await omniCalls()).length;
    await page.evaluate(() => window.e2e.omni.agentSets('Available_for_Chats'));
    await until(page, () => window.e2e.el.snapshot.acd?.state === 'Available', 'Webex Available');
    await page.evaluate(() => window.e2e.omni.agentSets('Away'));
    await until(page, () => window.e2e.el.snapshot.acd?.reason === 'Lunch', 'Webex Idle/Lunch');
    await inSync('after the writes');
    assert.deepEqual(await requests(), [
      { state: 'Available', auxCodeIdArray: '0', lastStateChangeReason: 'presence-sync' },
      { state: 'Idle', auxCodeIdArray: 'c-lunch', lastStateChangeReason: 'presence-sync' },
    ]);
    // The agent's two picks, and no write of ours bounced back to Omni-Channel.
    assert.deepEqual((await omniCalls()).slice(calls), []);
  });

  it('takes a supervisor’s change in the Desktop as an outside change', async () => {
    const writes = (await requests()).length;
    await desktop(() => window.desktopSim.supervisorSets('Available'));
    await until(
      page,
      () => window.e2e.omni.calls.at(-1) === 'set:Available_for_Chats',
      'Omni follows',
    );
    assert.equal((await requests()).length, writes);
  });

  it('sets the not-ready status on a voice call and restores the status from before when it ends, across a reload mid-call', async () => {
    await page.evaluate(() => window.e2e.omni.agentSets('Training'));
    await inSync('Training chosen in Omni-Channel');
    await desktop(() => {
      window.desktopSim.offerCall('call-1');
      window.desktopSim.answer('call-1');
    });
    await until(
      page,
      () => window.e2e.omni.calls.at(-1) === 'set:Busy_On_Call',
      'busy on the call',
    );
    await inSync('busy on the call');
    await page.reload();
    await until(
      page,
      () =>
        window.e2e.el.snapshot.acd?.state === 'InboundContact' &&
        window.e2e.el.snapshot.phase === 'in-sync',
      'the call again after the reload',
    );
    assert.equal(await page.evaluate(() => window.e2e.omni.current.apiName), 'Busy_On_Call');
    await desktop(() => window.desktopSim.endCall('call-1'));
    await until(page, () => window.e2e.el.snapshot.acd?.isAcw === true, 'wrap-up');
    assert.equal(await page.evaluate(() => window.e2e.omni.current.apiName), 'Busy_On_Call');
    await desktop(() => window.desktopSim.wrappedUp('call-1'));
    await until(page, () => window.e2e.omni.calls.at(-1) === 'set:Training', 'Training restored');
  });

  it('sets the Chat idle code while Omni-Channel work goes on, and restores the Webex state when it ends', async () => {
    await page.evaluate(() => window.e2e.omni.agentSets('Available_for_Chats'));
    await until(page, () => window.e2e.el.snapshot.acd?.state === 'Available', 'Webex Available');
    await inSync('Available both sides');
    const before = (await requests()).length;
    await page.evaluate(() => {
      const work = window.e2e.omni.assignWork();
      window.e2e.omni.acceptWork(work);
      window.workItem = work;
    });
    await until(page, () => window.e2e.el.snapshot.acd?.reason === 'Chat', 'Webex Idle/Chat');
    await page.evaluate(() => window.e2e.omni.closeWork(window.workItem));
    await until(
      page,
      () => window.e2e.el.snapshot.acd?.state === 'Available',
      'Webex back to Available',
    );
    assert.deepEqual(
      (await requests()).slice(before).map((request) => request.auxCodeIdArray),
      ['c-chat', '0'],
    );
  });

  it('does not retry a state change whose AQM request timed out after it landed', async () => {
    const before = (await requests()).length;
    await desktop(() => window.desktopSim.setMode('timeout-after-landing'));
    await page.evaluate(() => window.e2e.omni.agentSets('Away'));
    await until(page, () => window.e2e.el.snapshot.acd?.reason === 'Lunch', 'landed late');
    await inSync('after the late landing');
    await desktop(() => window.desktopSim.setMode('lands'));
    assert.equal((await requests()).length, before + 1);
    assert.equal(await page.evaluate(() => window.e2e.el.snapshot.counters.retries), 0);
  });

  it('cannot be driven by a third-origin frame or by a window that is not the top', async () => {
    const before = (await requests()).length;
    const breakTime = { state: 'Unavailable', reason: 'Break' };
    await forgeFromThirdOrigin(page, desktopFrame(), origins.third, origins.webex, breakTime);
    // A frame on the Salesforce origin that is not the top window: refused too.
    await forgeFromSibling(page, origins.webex, breakTime);
    await until(
      desktopFrame(),
      () => window.relayElement.port.rejected >= 3,
      'the relay refused every forgery',
    );
    // A legitimate write after the forgeries: when it has landed, they would have too.
    await page.evaluate(() => window.e2e.omni.agentSets('Available_for_Chats'));
    await until(
      page,
      () => window.e2e.el.snapshot.acd?.state === 'Available',
      'the legitimate write',
    );
    assert.deepEqual(
      (await requests()).slice(before).map((request) => request.auxCodeIdArray),
      ['0'],
    );
  });

  it('stops writing on multi-login and says why in the widget', async () => {
    await desktop(() => window.desktopSim.multiLogin());
    await until(
      page,
      () =>
        window.e2e.el.snapshot.problems.some((p) => p.message.includes('another window or tab')),
      'the widget says the Desktop moved',
    );
    const before = (await requests()).length;
    await page.evaluate(() => window.e2e.omni.agentSets('Away'));
    await until(page, () => window.e2e.el.snapshot.salesforce?.apiName === 'Away', 'Omni changed');
    assert.equal((await requests()).length, before, 'nothing written after multi-login');
  });

  it('never posts to *: a page outside lightning-origin hears nothing', async () => {
    const outsider = await browser.newPage();
    await outsider.goto(
      `${origins.third}/test/e2e/third-origin.html?bridge=${encodeURIComponent(desktopUrl(`lightning=${encodeURIComponent(salesforce)}`))}`,
    );
    const frame = await frameIn(outsider, 'iframe');
    await until(frame, () => window.relayElement?.relay?.problem === null, 'the relay started');
    assert.deepEqual(await outsider.evaluate(() => window.heard), []);
    await outsider.close();
  });

  it('names a missing lightning-origin and a missing AGENTX_SERVICE, and writes nothing', async () => {
    const missing = await browser.newPage();
    const logged = [];
    missing.on('console', (message) => logged.push(message.text()));
    await missing.goto(widgetUrl(desktopUrl('')));
    const frame = await frameIn(missing, 'presence-sync iframe');
    await until(frame, () => window.relayElement?.problem?.includes('lightning-origin'), 'named');
    assert.ok(logged.some((text) => text.includes('lightning-origin is required')));
    assert.deepEqual(await missing.evaluate(() => window.e2e.heard), []);
    await missing.close();

    const bare = await browser.newPage();
    await bare.goto(
      widgetUrl(desktopUrl(`lightning=${encodeURIComponent(salesforce)}&service=none`)),
    );
    await until(
      bare,
      () =>
        window.e2e.el.snapshot.problems.some((p) =>
          p.message.includes('AGENTX_SERVICE is missing'),
        ),
      'the widget says the Desktop is missing',
    );
    assert.deepEqual(await bare.evaluate(() => window.e2e.omni.calls), []);
    await bare.close();
  });

  it('refuses a rule naming an idle code the Desktop does not have, with its path', async () => {
    const rules = JSON.stringify({
      version: 1,
      rules: [
        {
          name: 'Webex',
          publisher: [],
          subscriber: [{ salesforce: 'Away', acd: 'Unavailable/Lnch' }],
          teams: [],
          users: [],
        },
      ],
    });
    const typo = await browser.newPage();
    await typo.goto(
      widgetUrl(
        desktopUrl(`lightning=${encodeURIComponent(salesforce)}`),
        `&rules=${encodeURIComponent(rules)}`,
      ),
    );
    await until(
      typo,
      () => window.e2e.el.snapshot.problems.some((p) => p.path === 'rules[0].subscriber[0].acd'),
      'the typo is named with its path',
    );
    await typo.evaluate(() => window.e2e.omni.agentSets('Away'));
    const frame = await frameIn(typo, 'presence-sync iframe');
    assert.deepEqual(await frame.evaluate(() => window.desktopSim.requests), []);
    await typo.close();
    assert.deepEqual(pageErrors, []);
  });
});
