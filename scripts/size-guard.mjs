// The size ceilings (bytes, gzip level 9) the built bundles must stay under, checked after the build.
// Bytes, not time: the same on any machine. Prints every bundle's size, then fails when any is over.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { buildRelay } from './build-relay.mjs';

// One ceiling per language pack: a pack is a file of src/element/locales (as rollup.config.js reads it).
const PACKS = readdirSync('src/element/locales')
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.replace(/\.ts$/, ''));
const CEILINGS = [
  // The utility's element: the engine, the panel in six phases' words, the sync-health reporter,
  // the LWS-safe agent-window gate, and the agent's day (deadlines, the tabs' census and activity,
  // session end, scheduleState and the panel's list); every agent's console loads it once.
  ['dist/presence-sync.iife.js', 53_500],
  // A language's words, the agent's day's list and decisions included (ja and uk are the largest).
  ...PACKS.map((locale) => [`dist/presence-sync.iife.${locale}.js`, 3_400]),
  ['dist/presence-sync-board.iife.js', 15_000],
  // The CXone bridge is a page of its own, loaded once per console tab in its frame, never into
  // Salesforce's page: its ceiling carries the config.json checks, the sign-in checks, the storage
  // and tab election handling, the retry policies, the API-host allow-list and the keepalive
  // session end, with its words in six languages.
  ['dist/bridges/cxone/bridge.js', 21_000],
  // The rules editor, for admins only, with its six languages built in.
  ['dist/presence-sync-setup.iife.js', 40_000],
  // The Webex relay is served to the Agent Desktop, not to Salesforce: the SDK (about 83 KB) is
  // most of it, so the relay's own code has a ceiling of its own, built without the SDK.
  ['dist/bridges/webex-relay.js', 100_000],
  ['webex relay without the SDK', 10_000, () => buildRelay({ withSdk: false, write: false })],
];

let over = 0;
for (const [file, ceiling, make] of CEILINGS) {
  const bytes = gzipSync(make ? await make() : readFileSync(file), { level: 9 }).length;
  const ok = bytes <= ceiling;
  if (!ok) over += 1;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${file}: ${bytes} bytes gzipped (ceiling ${ceiling})`);
}
console.log(`size: ${CEILINGS.length - over} passed, ${over} failed`);
process.exit(over === 0 ? 0 : 1);
