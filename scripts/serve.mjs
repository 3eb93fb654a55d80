// The dev server behind `npm start` and the screenshot scripts: the repo served from its TypeScript
// sources, plus extra loopback origins for the simulated agent app (scripts/loopback-origins.js) and
// the CXone API simulator with the CXone bridge page (scripts/cxone-sim.js), the built bridge's
// config.json as a test sets it (scripts/bridge-config.js), what simulated vendor pages tap for
// the tests (scripts/sim-tap.js), and the package's rule
// records and Custom Labels for the demo's Setup view (scripts/salesforce-metadata.cjs).
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { bridgeConfigPlugin } from './bridge-config.js';
import { cxoneSimPlugin } from './cxone-sim.js';
import { loopbackOriginsPlugin } from './loopback-origins.js';
import { salesforceMetadataPlugin } from './salesforce-metadata.cjs';
import { simTapPlugin } from './sim-tap.js';

/**
 * Starts the server; resolves to its origin and the server. `isolated` makes every page
 * cross-origin isolated (COOP/COEP, and CORP so the agent origin's frame may be embedded): Chromium
 * then gives `performance.now()` 5 µs steps instead of 100 µs, which single-sample latencies need
 * (web.dev "coop-coep"; the benchmarks use it, the demo does not).
 */
export async function serve(port = 8000, { isolated = false } = {}) {
  const isolate = async (context, next) => {
    context.set('Cross-Origin-Opener-Policy', 'same-origin');
    context.set('Cross-Origin-Embedder-Policy', 'require-corp');
    context.set('Cross-Origin-Resource-Policy', 'cross-origin');
    await next();
  };
  const server = await startDevServer({
    config: {
      middleware: isolated ? [isolate] : [],
      rootDir: '.',
      hostname: '127.0.0.1',
      port,
      nodeResolve: { exportConditions: ['production'] },
      plugins: [
        esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }),
        loopbackOriginsPlugin(),
        cxoneSimPlugin(),
        bridgeConfigPlugin(),
        salesforceMetadataPlugin(),
        simTapPlugin(),
      ],
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const address = server.server?.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { origin: `http://127.0.0.1:${actual}`, server };
}
