// Where Chromium is and how it must be started here (as root, Chromium needs --no-sandbox).
import { existsSync } from 'node:fs';

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
