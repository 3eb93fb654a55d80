// The size ceilings (bytes, gzip level 9) the built bundles must stay under, checked after the build.
// Bytes, not time: the same on any machine. Prints every bundle's size, then fails when any is over.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const PACKS = ['fr', 'es', 'ja', 'ko', 'uk'];
const CEILINGS = [
  ['dist/presence-sync.iife.js', 40_000],
  ...PACKS.map((locale) => [`dist/presence-sync.iife.${locale}.js`, 3_000]),
  ['dist/bridges/cxone/bridge.js', 15_000],
];

let over = 0;
for (const [file, ceiling] of CEILINGS) {
  const bytes = gzipSync(readFileSync(file), { level: 9 }).length;
  const ok = bytes <= ceiling;
  if (!ok) over += 1;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${file}: ${bytes} bytes gzipped (ceiling ${ceiling})`);
}
console.log(`size: ${CEILINGS.length - over} passed, ${over} failed`);
process.exit(over === 0 ? 0 : 1);
