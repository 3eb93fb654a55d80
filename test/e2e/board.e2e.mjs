// End-to-end: the demo's supervisor view in real Chromium. A simulated floor of 50 agents and the
// page's own <presence-sync> report their health into one store; the real <presence-sync-board>
// reads it. A fault injected into the page's agent shows on the board, a supervisor's "Request
// resync" reaches the agent's widget at its next report and repairs the sync, and a floor agent
// whose tab dies is flagged silent. The page's clock runs 30 times faster than real time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchProductionChromium } from '../../scripts/chrome.js';
import { startTopology } from './topology.mjs';

let server;
let browser;
let page;
const pageErrors = [];
const OWN = '00500000000DEMO';

before(async () => {
  const started = await startTopology();
  server = started.server;
  browser = await launchProductionChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(`${started.salesforce}/demo/supervisor.html`);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const row = (userId) => page.locator(`presence-sync-board tr[data-user="${userId}"]`);
/** Waits until the board's row for `userId` reads as `check` says (the board's own DOM). */
async function rowUntil(userId, check, timeout = 60_000) {
  await page.waitForFunction(
    ([id, source]) => {
      const tr = document
        .querySelector('presence-sync-board')
        ?.shadowRoot?.querySelector(`tr[data-user="${id}"]`);
      if (!tr) return false;
      return new Function('tr', `return ${source}`)(tr);
    },
    [userId, check],
    { timeout },
  );
}

describe('the supervisor view', () => {
  it('lists the whole floor and the page’s own agent', async () => {
    await page.waitForFunction(
      () =>
        document.querySelector('presence-sync-board')?.shadowRoot?.querySelectorAll('tbody tr')
          .length === 51,
      null,
      { timeout: 30_000 },
    );
    await rowUntil(OWN, "tr.dataset.standing === 'in-sync'");
    assert.match(await row(OWN).textContent(), /You \(this page\)/);
  });

  it('shows a fault of the page’s agent, then a requested resync repairing it', async () => {
    await page.click('#own-down');
    await page.click('#own-away');
    await rowUntil(
      OWN,
      "tr.dataset.standing === 'attention' && tr.textContent.includes('agent-timeout')",
    );
    await page.click('#own-up');
    await row(OWN).getByRole('button', { name: 'Request resync for You (this page)' }).click();
    await rowUntil(OWN, "tr.textContent.includes('resync requested')", 10_000);
    await rowUntil(
      OWN,
      "tr.dataset.standing === 'in-sync' && /resynced/.test(tr.textContent) && !tr.textContent.includes('resync requested')",
    );
    assert.equal(
      await page.evaluate(() => document.querySelector('presence-sync').snapshot.phase),
      'in-sync',
    );
  });

  it('flags a floor agent whose tab dies as silent, and shows refused writes', async () => {
    await page.selectOption('#fault', 'dead-tab');
    await page.click('#inject');
    const dead = await page.evaluate(
      () => window.supervisor.fleet.agents.find((sim) => !sim.alive).userId,
    );
    await page.selectOption('#fault', 'refused-writes');
    await page.click('#inject');
    const refused = await page.evaluate(
      () => window.supervisor.fleet.agents.find((sim) => sim.fault === 'refused-writes').userId,
    );
    await rowUntil(
      refused,
      "tr.dataset.standing === 'attention' && tr.textContent.includes('acd-write-failed')",
    );
    // 2.5 heartbeats of 5 minutes is 12.5 simulated minutes: 25 seconds at 30 times.
    await rowUntil(dead, "tr.dataset.standing === 'silent'", 90_000);
    assert.deepEqual(pageErrors, []);
  });
});
