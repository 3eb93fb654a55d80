// Builds dist/bridges/webex-relay.js: the Webex relay with @wxcc-desktop/sdk (ISC) bundled, one
// classic script for the Desktop layout's "script". esbuild rather than rollup: the SDK is a UMD
// bundle, and esbuild keeps a dynamically imported CommonJS module unevaluated until it is
// imported, which the relay needs (the SDK throws on evaluation where AGENTX_SERVICE is missing).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The relay bundle; `withSdk: false` leaves the SDK out (to measure the relay's own code). */
export async function buildRelay({ withSdk = true, write = true } = {}) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/bridges/webex/main.ts'],
    outfile: 'dist/bridges/webex-relay.js',
    bundle: true,
    format: 'iife',
    target: 'es2020',
    minify: true,
    legalComments: 'eof',
    external: withSdk ? [] : ['@wxcc-desktop/sdk'],
    write,
    logLevel: 'error',
  });
  return write ? null : result.outputFiles[0].contents;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildRelay();
