// End-to-end: the admins' rules editor in the demo, in real Chromium. An admin imports NICE's rule
// (seen as a diff first), preflight finds its one error (a status in the wrong case) at its cell,
// the admin fixes it and saves, and the live element syncs both ways with the saved rule.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchProductionChromium } from '../../scripts/chrome.js';
import { startTopology } from './topology.mjs';

let server;
let browser;
let page;
const pageErrors = [];

before(async () => {
  const started = await startTopology();
  server = started.server;
  browser = await launchProductionChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(`${started.salesforce}/demo/`);
  await page.waitForFunction(() => window.demo?.ready === true);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const setup = 'presence-sync-setup';
const cell = (path) => page.locator(`${setup} input[data-path="${path}"]`);
const errors = () => page.locator(`${setup} #checks li.error`);
const omniStatus = () => page.locator('#omni-status').getAttribute('data-api-name');
const agent = () => page.frameLocator('#agent-frame iframe');

describe('the rules editor in the demo', () => {
  it('imports NICE’s rule as a diff, applied only when asked', async () => {
    await page.click('#rules-setup-nice');
    const preview = page.locator(`${setup} #import-preview`);
    await preview.getByText('Rule “Chat and voice” changed').waitFor();
    assert.equal(await cell('rules[0].publisher[2].salesforce').inputValue(), 'Away');
    await page.click(`${setup} #apply-import`);
    assert.equal(await cell('rules[0].publisher[2].salesforce').inputValue(), 'away');
  });

  it('finds the one preflight error at its cell, and none once it is fixed', async () => {
    assert.equal(await errors().count(), 1);
    assert.equal(
      await errors().first().getAttribute('data-path'),
      'rules[0].publisher[2].salesforce',
    );
    assert.match(await errors().first().textContent(), /Salesforce spells it “Away”/);
    await errors().first().getByRole('button').click();
    const focused = await page.evaluate(
      () => document.querySelector('presence-sync-setup').shadowRoot.activeElement?.dataset.path,
    );
    assert.equal(focused, 'rules[0].publisher[2].salesforce');
    await cell('rules[0].publisher[2].salesforce').fill('Away');
    assert.equal(await errors().count(), 0);
  });

  it('saves into the live element, which then syncs both ways with the saved rule', async () => {
    await page.click(`${setup} #save`);
    await page.locator(`${setup} #save-status`).getByText('Saved:').waitFor();
    const rules = await page.evaluate(() => JSON.parse(window.demo.world.el.rules));
    assert.deepEqual(rules.rules[0].teams, []);
    assert.equal(rules.rules[0].publisher[2].salesforce, 'Away');
    // ACD → Salesforce: Lunch on the agent app is Away in Omni-Channel (the fixed row).
    await agent().locator('#picker').selectOption('Unavailable/Lunch');
    await agent().locator('#apply').click();
    await page.locator('#omni-status[data-api-name="Away"]').waitFor({ timeout: 10_000 });
    // Salesforce → ACD: Available for Chats in Omni-Channel is Available on the agent app.
    await page.selectOption('#omni-pick', 'Available_for_Chats');
    await page.click('#omni-set');
    await agent()
      .locator('#state', { hasText: /^Available$/ })
      .waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => window.demo.world.el.snapshot.phase === 'in-sync', null, {
      timeout: 10_000,
    });
    assert.equal(await omniStatus(), 'Available_for_Chats');
    assert.deepEqual(pageErrors, []);
  });
});
