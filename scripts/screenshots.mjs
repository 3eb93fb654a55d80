// Photographs, into docs/, the panel in each phase an agent meets (demo/panel.html) and the whole
// demo harness after the seeds' Elinor scenario (demo/index.html).
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from './chrome.js';
import { serve } from './serve.mjs';

const { origin, server } = await serve(0);
const browser = await chromium.launch({
  executablePath: chromePath(),
  args: chromeArgs,
  headless: true,
});
try {
  const page = await browser.newPage({
    viewport: { width: 1140, height: 700 },
    deviceScaleFactor: 2,
  });
  await page.goto(`${origin}/demo/panel.html`);
  await page.evaluate(() => window.panelsReady);
  mkdirSync('docs', { recursive: true });
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
} finally {
  await browser.close();
  await server.stop();
}
