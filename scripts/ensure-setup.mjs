// Makes `npm start` / `npm test` work on a fresh clone: installs npm packages from the lock file
// when node_modules is missing, and (with --browser) Debian's chromium when no Chrome is found.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { hasChrome } from './chrome.js';

const run = (command) =>
  execSync(command, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });

if (!existsSync('node_modules/.package-lock.json')) {
  console.log('presence-sync: installing npm packages from package-lock.json (npm ci)…');
  run('npm ci --no-audit --no-fund');
}

if (process.argv.includes('--browser') && !hasChrome()) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log(
      'presence-sync: no Chrome or Chromium found; installing Debian chromium (apt-get)…',
    );
    run('apt-get update -qq');
    run('apt-get install -y -qq chromium');
  } else {
    console.error(
      'presence-sync: no Chrome or Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install chromium`) ' +
        'or point CHROME_PATH at a Chrome or Chromium binary, then run this again.',
    );
    process.exit(1);
  }
}
