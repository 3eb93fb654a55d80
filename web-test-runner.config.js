// Browser tests in Debian's headless Chromium (root needs --no-sandbox, esbuild
// needs the tsconfig path for Lit's legacy decorators).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { summaryReporter } from './scripts/summary-reporter.js';
import { chromePath, chromeArgs } from './scripts/chrome.js';
import { loopbackOriginsPlugin } from './scripts/loopback-origins.js';

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }),
    loopbackOriginsPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromePath(), args: chromeArgs, headless: true },
    }),
  ],
  concurrency: 1,
  testsFinishTimeout: 240_000,
  testFramework: { config: { timeout: 20_000 } },
  reporters: [defaultReporter(), summaryReporter('web')],
};
