// The tests that run in Node, not in a browser (the CXone bridge's loop against the CXone API
// simulator over loopback HTTP): each `test/**/*.node-test.ts` is bundled with esbuild and run by
// node's test runner. Prints node's TAP and a summary line; exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

function find(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return find(path);
    return path.endsWith('.node-test.ts') ? [path] : [];
  });
}

const entries = find('test');
const outdir = mkdtempSync(join(tmpdir(), 'presence-sync-node-tests-'));
await build({
  entryPoints: entries,
  outdir,
  outbase: 'test',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  logLevel: 'error',
});
const files = entries.map((entry) =>
  join(outdir, entry.replace(/^test[\\/]/, '').replace(/\.ts$/, '.mjs')),
);
// Files run side by side on a shared machine: the simulated floor (test/fleet) runs two floors of 500
// engines for 8 simulated hours, seconds of CPU that a loaded machine stretches past 20 s.
const result = spawnSync(
  process.execPath,
  ['--test', '--test-timeout=120000', '--test-reporter=tap', ...files],
  {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
process.stdout.write(result.stdout ?? '');
const count = (label) =>
  Number((result.stdout ?? '').match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
// A file that never finishes is cancelled, not failed, in node's count: it is a failure here.
console.log(`\nnode: ${count('pass')} passed, ${count('fail') + count('cancelled')} failed`);
process.exit(result.status === 0 && count('pass') > 0 ? 0 : 1);
