// The package as an app outside this repository gets it (needs `npm run build` first): `npm pack`,
// the tarball installed into a scratch project in a temporary directory, the app's usage
// (test/consumer/app/) type-checked against the installed declarations under moduleResolution
// `bundler` and `nodenext`, bundled by esbuild from the installed files, and run in headless
// Chromium on the simulated Omni-Channel toolkit. Offline: the package's runtime dependencies are
// installed from this repository's node_modules (`--install-links` packs each folder), since npm's
// cache holds the tarballs `npm ci` fetched but not the registry documents a resolution needs.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from '../../scripts/chrome.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
/** The app's files, at the same paths in the scratch project (page.ts imports the fake by path). */
const APP = ['test/consumer/app/usage.ts', 'test/consumer/app/classic.ts'];
const PAGE = ['test/consumer/app/page.ts', 'test/fakes/fake-omni.ts'];
/** Top-level paths a consumer never needs. */
const NOT_SHIPPED = /^(src|test|demo|bench|force-app|scripts|config|node_modules)\//;

let scratch;
let packed;

/** Runs a command to completion; its output is part of the assertion message when it fails. */
function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  return { ...result, ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** The package's runtime dependencies and theirs, as installed here, by name. */
function runtimeClosure() {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    const installed = JSON.parse(
      readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'),
    );
    for (const dependency of Object.keys(installed.dependencies ?? {})) visit(dependency);
  };
  for (const name of Object.keys(manifest.dependencies ?? {})) visit(name);
  return [...seen];
}

before(() => {
  assert.ok(existsSync(join(root, 'dist/presence-sync.js')), 'dist/ is missing: npm run build');
  scratch = mkdtempSync(join(tmpdir(), 'presence-sync-consumer-'));
  const pack = run('npm', ['pack', '--json', '--pack-destination', scratch], root);
  assert.ok(pack.ok, `npm pack failed:\n${pack.output}`);
  [packed] = JSON.parse(pack.stdout);
  const app = join(scratch, 'app');
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  for (const file of [...APP, ...PAGE]) {
    mkdirSync(dirname(join(app, file)), { recursive: true });
    copyFileSync(join(root, file), join(app, file));
  }
  const install = run(
    'npm',
    [
      'install',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--install-links',
      '--ignore-scripts',
      '--loglevel',
      'error',
      join(scratch, packed.filename),
      ...runtimeClosure().map((name) => join(root, 'node_modules', name)),
    ],
    app,
  );
  assert.ok(install.ok, `npm install of the tarball failed:\n${install.output}`);
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

// Concurrently: the two type checks and the browser run are independent, and tsc is most of the time.
describe('the npm package, from a consumer', { concurrency: true }, () => {
  it('ships the builds, their declarations, the manifest, README and LICENSE, and nothing else', () => {
    const files = packed.files.map((file) => file.path);
    const strays = files.filter((path) => NOT_SHIPPED.test(path));
    assert.deepEqual(strays, [], 'files a consumer does not need');
    for (const needed of [
      'LICENSE',
      'README.md',
      'dist/presence-sync.js',
      'dist/define.js',
      'dist/presence-sync.iife.js',
      'dist/custom-elements.json',
      'dist/types/index.d.ts',
      'dist/types/define.d.ts',
      'dist/types/iife.d.ts',
      'dist/types/iife-pack.d.ts',
    ])
      assert.ok(files.includes(needed), `${needed} is not in the tarball`);
    const installed = JSON.parse(
      readFileSync(join(scratch, 'app/node_modules/presence-sync/package.json'), 'utf8'),
    );
    assert.equal(installed.license, 'Apache-2.0');
    assert.equal(installed.private, undefined);
    // Every export a consumer can import names a file the tarball has, and its declarations
    // (a pattern export is tried with one of the names it serves). npm always ships package.json.
    const SAMPLE = { './iife/*': 'fr', './bridges/*': 'cxone/bridge.js' };
    for (const [subpath, target] of Object.entries(installed.exports)) {
      const targets = typeof target === 'string' ? { default: target } : target;
      for (const path of Object.values(targets)) {
        const file = path.replace('./', '').replace('*', SAMPLE[subpath]);
        assert.ok(
          files.includes(file) || file === 'package.json',
          `exports["${subpath}"] names ${path}, which is not in the tarball`,
        );
      }
    }
  });

  for (const resolution of ['bundler', 'nodenext']) {
    it(`type-checks the app's usage under moduleResolution ${resolution}, strict, without casts`, async () => {
      const app = join(scratch, 'app');
      const config = `tsconfig.${resolution}.json`;
      writeFileSync(
        join(app, config),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: resolution === 'bundler' ? 'ESNext' : 'NodeNext',
            moduleResolution: resolution,
            lib: ['ES2022', 'DOM', 'DOM.Iterable'],
            strict: true,
            noEmit: true,
            types: [],
            // The package's declarations are checked too, not only the app's use of them.
            skipLibCheck: false,
          },
          files: APP,
        }),
      );
      await promisify(execFile)(process.execPath, [tsc, '-p', config], { cwd: app }).catch(
        (error) => assert.fail(`tsc (${resolution}) failed:\n${error.stdout}${error.stderr}`),
      );
    });
  }

  it('bundles with esbuild from the installed package, and runs in Chromium to in sync', async () => {
    const app = join(scratch, 'app');
    const bundle = await build({
      absWorkingDir: app,
      entryPoints: ['test/consumer/app/page.ts'],
      bundle: true,
      format: 'esm',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    const inputs = Object.keys(bundle.metafile.inputs);
    assert.ok(
      inputs.some((input) => input.startsWith('node_modules/presence-sync/dist/')),
      `the bundle does not use the installed package: ${inputs.join(', ')}`,
    );
    const script = bundle.outputFiles[0].text;
    const server = createServer((request, response) => {
      const page =
        '<!doctype html><meta charset="utf-8"><script type="module" src="/app.js"></script>';
      response.setHeader(
        'content-type',
        request.url === '/app.js' ? 'text/javascript' : 'text/html',
      );
      response.end(request.url === '/app.js' ? script : page);
    });
    await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
    const browser = await chromium.launch({ executablePath: chromePath(), args: chromeArgs });
    try {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      await page.waitForFunction(() => 'consumer' in window, null, { timeout: 10_000 });
      const report = await page.evaluate(() => window.consumer);
      assert.deepEqual(errors, []);
      assert.equal(report.tag, 'presence-sync');
      assert.equal(report.phase, 'in-sync');
      assert.ok(report.shown.length > 0, 'the panel shows no phase');
      assert.ok(report.changes > 0 && report.classMatches, 'presencesyncchange events');
      assert.ok(report.decisions.length > 0, 'no presencesyncdecision event');
      assert.deepEqual(report.errors, []);
      // The element's start wrote the agent's state to the simulated Omni-Channel...
      assert.equal(report.omni, 'Available_for_Chats');
      // ...and the engine's start (Salesforce first) wrote Omni-Channel's to the app's agent side.
      assert.equal(report.enginePhase, 'in-sync');
      assert.deepEqual(report.engineWrites, ['Unavailable']);
    } finally {
      await browser.close();
      server.close();
    }
  });
});
