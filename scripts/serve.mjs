// The dev server behind `npm start` and the screenshot scripts: the repo served from its TypeScript
// sources, plus one extra loopback origin for the simulated agent app (scripts/loopback-origins.js).
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { loopbackOriginsPlugin } from './loopback-origins.js';

/** Starts the server; resolves to its origin and the server. */
export async function serve(port = 8000) {
  const server = await startDevServer({
    config: {
      rootDir: '.',
      hostname: '127.0.0.1',
      port,
      nodeResolve: { exportConditions: ['production'] },
      plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }), loopbackOriginsPlugin()],
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const address = server.server?.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { origin: `http://127.0.0.1:${actual}`, server };
}
