// The CXone end-to-end suites' shared setting, in the production topology (scripts/topology.js):
// the dev server serving the built bridge on its own site, its config.json as its host would write
// it, the CXone API simulator on CXone's site, and Chromium as the product meets it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { setBridgeConfig } from '../../scripts/bridge-config.js';
import { launchProductionChromium } from '../../scripts/chrome.js';
import { SITES } from '../../scripts/topology.js';
import { startTopology } from './topology.mjs';

/** The NICE application's client id the simulator knows. */
export const CLIENT = 'presence-sync-e2e';

/** The simulator is TypeScript: bundled for Node here, started on a real clock. */
async function startSimulator(redirectUri, allowed) {
  const outdir = mkdtempSync(join(tmpdir(), 'presence-sync-cxone-sim-'));
  await build({
    entryPoints: ['test/fakes/cxone-api/server.ts'],
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
  });
  const { startCxoneSim } = await import(join(outdir, 'server.mjs'));
  const clock = {
    now: () => Date.now(),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle),
  };
  return startCxoneSim({
    clientId: CLIENT,
    redirectUri,
    origins: allowed,
    clock,
    host: SITES.cxone,
    codes: [
      { name: 'Lunch', isAcw: false, isActive: true },
      { name: 'Chat', isAcw: false, isActive: true },
      { name: 'Wrap', isAcw: true, isActive: true },
    ],
  });
}

/**
 * Starts the servers, the simulator (the agent logged in to CXone) and Chromium (`blocked`: the
 * variant whose third-party frames get no storage). `config` is the bridge's config.json;
 * `setConfig` replaces it (`null`: none). `widgetPage(bridge, query)` is the Salesforce page's URL.
 */
export async function startCxoneWorld({ blockThirdPartyStorage = false } = {}) {
  const origins = await startTopology();
  const bridgeBase = `${origins.bridge}/dist/bridges/cxone/`;
  const sim = await startSimulator(`${bridgeBase}callback.html`, [origins.bridge]);
  sim.login();
  const config = {
    clientId: CLIENT,
    widgetOrigins: [origins.salesforce],
    issuer: sim.origin,
    pollTimeoutS: 5,
  };
  const setConfig = (value) => setBridgeConfig(origins.loopback.salesforce, value);
  await setConfig(config);
  const browser = await launchProductionChromium({ blockThirdPartyStorage });
  return {
    origins,
    sim,
    browser,
    config,
    setConfig,
    bridgeBase,
    bridgeUrl: `${bridgeBase}index.html`,
    widgetPage: (bridge, query = {}) =>
      `${origins.salesforce}/test/e2e/cxone-widget.html?${new URLSearchParams({ ...query, bridge })}`,
    async close() {
      await browser.close();
      await sim.close();
      await origins.server.stop();
    },
  };
}
