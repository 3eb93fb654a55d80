// The browser side of the benchmarks: the repo served cross-origin isolated (5 µs timers, see
// scripts/serve.mjs), headless Chromium, and bench/browser.html pages opened once their entry
// function (`bench`, `decide`) is defined.
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from '../scripts/chrome.js';
import { serve } from '../scripts/serve.mjs';

export async function launchBench() {
  const { origin, server } = await serve(0, { isolated: true });
  const browser = await chromium.launch({
    executablePath: chromePath(),
    args: chromeArgs,
    headless: true,
  });
  return {
    async open(entry) {
      const page = await browser.newPage();
      await page.goto(`${origin}/bench/browser.html`);
      await page.waitForFunction((name) => typeof window[name] === 'function', entry);
      return page;
    },
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}
