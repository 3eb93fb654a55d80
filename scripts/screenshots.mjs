// Photographs, into docs/, the panel in each phase an agent meets (demo/panel.html), the whole
// demo harness after the seeds' Elinor scenario (demo/index.html), the rules editor with NICE's
// sample rule imported and its one preflight error shown, and the supervisors' board on the demo's
// simulated floor with faults injected (demo/supervisor.html). `node scripts/screenshots.mjs board`
// takes the board only.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from './chrome.js';
import { serve } from './serve.mjs';

/** The rules editor after importing NICE's sample rule: the diff applied, preflight's one error. */
export async function shootRulesEditor(page) {
  await page.click('#rules-setup-nice');
  await page.click('presence-sync-setup #apply-import');
  await page.locator('presence-sync-setup #checks li.error').waitFor();
  await page.locator('#rules-setup').screenshot({ path: 'docs/setup-rules.png' });
  console.log('wrote docs/setup-rules.png');
}

if (process.argv[2] === '--rules-editor-only') {
  const { origin, server } = await serve(0);
  const browser = await chromium.launch({ executablePath: chromePath(), args: chromeArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${origin}/demo/`);
    await page.waitForFunction(() => window.demo?.ready === true);
    await shootRulesEditor(page);
  } finally {
    await browser.close();
    await server.stop();
  }
  process.exit(0);
}

const { origin, server } = await serve(0);
const browser = await chromium.launch({
  executablePath: chromePath(),
  args: chromeArgs,
  headless: true,
});
const only = process.argv[2];
try {
  const page = await browser.newPage({
    viewport: { width: 1140, height: 700 },
    deviceScaleFactor: 2,
  });
  mkdirSync('docs', { recursive: true });
  if (only === undefined || only === 'board') await board(page);
  if (only === undefined) await panelAndDemo(page);
} finally {
  await browser.close();
  await server.stop();
}

async function board(page) {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${origin}/demo/supervisor.html`);
  for (const fault of ['refused-writes', 'logout', 'acd-outage', 'dead-tab']) {
    await page.selectOption('#fault', fault);
    await page.click('#inject');
  }
  // The dead tab turns silent after 2.5 heartbeats: 25 s of the demo's fast clock.
  await page.waitForFunction(
    () =>
      document
        .querySelector('presence-sync-board')
        ?.shadowRoot?.querySelector('[part=counts] [data-phase=silent]') !== null,
    null,
    { timeout: 90_000 },
  );
  await page.locator('presence-sync-board').getByLabel('Problems only').check();
  await page.locator('presence-sync-board').screenshot({ path: 'docs/board.png' });
  console.log('wrote docs/board.png');
}

async function panelAndDemo(page) {
  await page.setViewportSize({ width: 1140, height: 700 });
  await page.goto(`${origin}/demo/panel.html`);
  await page.evaluate(() => window.panelsReady);
  for (const phase of ['in-sync', 'deferred', 'not-writing', 'not-mapped', 'waiting', 'error']) {
    const path = `docs/panel-${phase}.png`;
    await page.locator(`#${phase}`).screenshot({ path });
    console.log(`wrote ${path}`);
  }
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto(`${origin}/demo/`);
  await page.waitForFunction(() => window.demo?.ready === true);
  await page.selectOption('#speed', '0');
  await page.click('[data-scenario=elinor]');
  await page.waitForFunction(
    () => document.getElementById('scenario-status').dataset.state === 'done:elinor',
  );
  await page.screenshot({ path: 'docs/demo-elinor.png', fullPage: true });
  console.log('wrote docs/demo-elinor.png');
  await shootRulesEditor(page);
}
