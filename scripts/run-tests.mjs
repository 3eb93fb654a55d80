// The whole test suite: format (Prettier), lint (ESLint), module boundaries (dependency-cruiser),
// unused files and exports (knip), type check, build (the IIFE is tested as a classic script), the size ceilings, the Lightning
// wrapper under sfdx-lwc-jest (after the build: it checks the static resource the build writes), PMD's
// Apex rules as Salesforce Code Analyzer runs them, source-deploy-retrieve over force-app, the
// Node tests (the CXone bridge against its API simulator), the browser tests in headless Chromium, then
// the end-to-end tests (playwright-core) in the production topology (scripts/topology.js). Each
// runner's summary is printed; the exit code is non-zero when any step fails.
import { spawnSync } from 'node:child_process';

const steps = [
  ['format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']],
  ['lint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  [
    'deps',
    'npx',
    ['depcruise', 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
  ],
  ['knip', 'npx', ['knip', '--no-progress']],
  ['types', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['size', 'node', ['scripts/size-guard.mjs']],
  ['lwc', 'npx', ['sfdx-lwc-jest', '--', '--ci']],
  ['pmd', 'node', ['scripts/pmd.mjs']],
  ['sdr', 'node', ['scripts/sdr.mjs']],
  ['node', 'node', ['scripts/node-tests.mjs']],
  ['web', 'npx', ['wtr', '--config', 'web-test-runner.config.js']],
  // The package as an app installs it: npm pack, the typed usage, esbuild, Chromium.
  ['consumer', 'node', ['--test', 'test/consumer/package.consumer.mjs']],
  [
    'e2e',
    'node',
    [
      '--test',
      'test/e2e/topology.e2e.mjs',
      'test/e2e/demo.e2e.mjs',
      'test/e2e/cxone.e2e.mjs',
      'test/e2e/cxone-outage.e2e.mjs',
      'test/e2e/cxone-attacker.e2e.mjs',
      'test/e2e/cxone-storage.e2e.mjs',
      'test/e2e/cxone-session-end.e2e.mjs',
      'test/e2e/webex.e2e.mjs',
      'test/e2e/webex-session-end.e2e.mjs',
      'test/e2e/setup.e2e.mjs',
      'test/e2e/board.e2e.mjs',
      'test/e2e/lws.e2e.mjs',
    ],
  ],
];

const failed = [];
for (const [name, command, args] of steps) {
  console.log(`\n── ${name}: ${command} ${args.join(' ')}`);
  const piped = name === 'e2e' || name === 'consumer';
  const result = spawnSync(command, args, {
    stdio: ['ignore', piped ? 'pipe' : 'inherit', 'inherit'],
    env: { ...process.env, CI: 'true' },
    encoding: 'utf8',
  });
  if (piped) {
    // node --test prints TAP; its totals become a summary line like the other runners'.
    process.stdout.write(result.stdout ?? '');
    const count = (label) =>
      Number((result.stdout ?? '').match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
    console.log(`\n${name}: ${count('pass')} passed, ${count('fail')} failed`);
  }
  if (result.status !== 0) failed.push(name);
  if (['format', 'lint', 'deps', 'knip', 'types', 'build'].includes(name))
    console.log(`${name}: ${result.status === 0 ? 'ok' : 'errors (see above)'}`);
}
console.log(failed.length === 0 ? '\nall test steps passed' : `\nfailed: ${failed.join(', ')}`);
process.exit(failed.length === 0 ? 0 : 1);
