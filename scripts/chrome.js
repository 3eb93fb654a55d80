// Where Chromium is and how it must be started here (as root, Chromium needs --no-sandbox).
import { existsSync } from 'node:fs';
import { hostResolverRules } from './topology.js';

export const chromeArgs = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** The browser to use: CHROME_PATH when set, else the first one installed. */
export function chromePath() {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  return candidates.find((path) => existsSync(path)) ?? '/usr/bin/chromium';
}

/** True when some Chrome or Chromium can be started. */
export function hasChrome() {
  return process.env.CHROME_PATH
    ? existsSync(process.env.CHROME_PATH)
    : candidates.some((path) => existsSync(path));
}

/**
 * The features playwright-core's own `--disable-features` switches off (playwright-core@1.65.1,
 * lib/server/chromium/chromiumSwitches), except `ThirdPartyStoragePartitioning`: browsers ship
 * partitioning on, and a cross-site frame's storage must be tested as they ship it.
 */
const playwrightDisabledFeatures = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

/**
 * The launch options of Chromium as the product meets it: `*.localhost` topology hosts resolved to
 * the loopback servers (scripts/topology.js), third-party storage partitioned as shipped. Chromium
 * keeps the last value of a repeated switch, so this `--disable-features` replaces
 * playwright-core's (which disables partitioning); test/e2e/topology.e2e.mjs shows the result.
 *
 * With `blockThirdPartyStorage`, partitioning is off and third-party cookies are blocked (a policy
 * that blocks third-party cookies without partitioning): a cross-site frame's `sessionStorage`,
 * `localStorage`, IndexedDB and Web Locks then throw `SecurityError`. Playwright's contexts are
 * off-the-record and block third-party cookies already; `--test-third-party-cookie-phaseout` makes
 * the block explicit rather than a default.
 */
export function productionChromiumOptions({ blockThirdPartyStorage = false } = {}) {
  const disabled = blockThirdPartyStorage
    ? [...playwrightDisabledFeatures, 'ThirdPartyStoragePartitioning']
    : playwrightDisabledFeatures;
  return {
    executablePath: chromePath(),
    headless: true,
    args: [
      ...chromeArgs,
      hostResolverRules,
      `--disable-features=${disabled.join(',')}`,
      ...(blockThirdPartyStorage ? ['--test-third-party-cookie-phaseout'] : []),
    ],
  };
}

/** Launches Chromium with {@link productionChromiumOptions}. */
export async function launchProductionChromium(options = {}) {
  // Imported here, not at the top: `npm test`'s setup reads hasChrome() before npm packages exist.
  const { chromium } = await import('playwright-core');
  return chromium.launch(productionChromiumOptions(options));
}
