// The browser side of the benchmarks: the repo served cross-origin isolated (5 µs timers, see
// scripts/serve.mjs), headless Chromium in the production topology (scripts/topology.js: the page on
// the Salesforce host, the agent frames on their own sites, storage partitioned), and
// bench/browser.html pages opened once their entry function (`bench`, `decide`) is defined.
import { launchProductionChromium } from '../scripts/chrome.js';
import { serve } from '../scripts/serve.mjs';
import { onSite, SITES } from '../scripts/topology.js';

export async function launchBench() {
  const { origin, server } = await serve(0, { isolated: true });
  const browser = await launchProductionChromium();
  return {
    /** The page's origin on the Salesforce host, and the same server on loopback (for Node). */
    origin: onSite(origin, SITES.salesforce),
    loopback: origin,
    async open(entry) {
      const page = await browser.newPage();
      await page.goto(`${onSite(origin, SITES.salesforce)}/bench/browser.html`);
      await page.waitForFunction((name) => typeof window[name] === 'function', entry);
      return page;
    },
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}
