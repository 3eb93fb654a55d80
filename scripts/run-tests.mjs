// The whole test suite: type check, build (the IIFE is tested as a classic script), then the
// browser tests in headless Chromium. Each runner's
// summary is printed; the exit code is non-zero when any step fails.
import { spawnSync } from 'node:child_process';

const steps = [
  ['types', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['web', 'npx', ['wtr', '--config', 'web-test-runner.config.js']],
];

const failed = [];
for (const [name, command, args] of steps) {
  console.log(`\n── ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CI: 'true' } });
  if (result.status !== 0) failed.push(name);
  if (name === 'types' || name === 'build') console.log(`${name}: ${result.status === 0 ? 'ok' : 'errors (see above)'}`);
}
console.log(failed.length === 0 ? '\nall test steps passed' : `\nfailed: ${failed.join(', ')}`);
process.exit(failed.length === 0 ? 0 : 1);
