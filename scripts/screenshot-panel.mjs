// Photographs the panel in the in-sync, deferred and error phases (demo/panel.html) into docs/.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from './chrome.js';
import { serve } from './serve.mjs';

const { origin, server } = await serve(0);
const browser = await chromium.launch({ executablePath: chromePath(), args: chromeArgs, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1140, height: 700 }, deviceScaleFactor: 2 });
  await page.goto(`${origin}/demo/panel.html`);
  await page.evaluate(() => window.panelsReady);
  mkdirSync('docs', { recursive: true });
  for (const phase of ['in-sync', 'deferred', 'error']) {
    const path = `docs/panel-${phase}.png`;
    await page.locator(`#${phase}`).screenshot({ path });
    console.log(`wrote ${path}`);
  }
} finally {
  await browser.close();
  await server.stop();
}
