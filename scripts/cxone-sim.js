// The CXone API simulator (test/fakes/cxone-api/) for `npm start` and the screenshots: a dev-server
// plugin that starts it on its own loopback port when the demo first asks (`/__cxone`), registers
// the bridge's origin with it (CORS) and the demo page's origin for its control API, and serves
// the CXone bridge page from its sources (`/bridges/cxone/…`, the scripts bundled on the fly) with
// the `config.json` its host would write: the simulator as issuer, the demo page as the widget.
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { inTopology, originsFor, SITES } from './topology.js';

const CLIENT = 'presence-sync-demo';

async function bundle(entry, format, outdir) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format,
    platform: format === 'esm' ? 'node' : 'browser',
    target: format === 'esm' ? 'node20' : 'es2022',
    write: format === 'esm',
    ...(format === 'esm' ? { outdir, outExtension: { '.js': '.mjs' } } : {}),
    logLevel: 'error',
  });
  return result.outputFiles?.[0]?.text;
}

export function cxoneSimPlugin() {
  let starting = null;
  let sim = null;
  /** The bridge's config.json, once the simulator runs (before that the bridge says it is missing). */
  let config = null;
  const start = async (pageOrigin) => {
    // Asked on loopback: Node does not resolve the topology's `*.localhost` hosts.
    const page = new URL(pageOrigin);
    const loopback = await (await fetch(`http://127.0.0.1:${page.port}/__origins`)).json();
    const { agent } = originsFor(page.hostname, loopback);
    const outdir = mkdtempSync(join(tmpdir(), 'presence-sync-cxone-sim-'));
    await bundle('test/fakes/cxone-api/server.ts', 'esm', outdir);
    const { startCxoneSim } = await import(join(outdir, 'server.mjs'));
    sim = await startCxoneSim({
      clientId: CLIENT,
      redirectUri: `${agent}/bridges/cxone/callback.html`,
      origins: [agent],
      controlOrigins: [pageOrigin],
      host: inTopology(page.hostname) ? SITES.cxone : undefined,
      clock: { now: () => Date.now(), setTimeout, clearTimeout },
    });
    // Agent Embedded has started the agent's session, as it does when the agent logs in.
    sim.login();
    config = {
      clientId: CLIENT,
      widgetOrigins: [pageOrigin],
      issuer: sim.origin,
      pollTimeoutS: 25,
    };
    return { issuer: sim.origin, clientId: CLIENT, bridge: `${agent}/bridges/cxone/index.html` };
  };
  return {
    name: 'cxone-sim',
    async serverStop() {
      await sim?.close();
    },
    async serve(context) {
      if (context.path === '/__cxone') {
        const host = context.get('host');
        starting ??= start(`http://${host}`);
        return { body: JSON.stringify(await starting), type: 'json' };
      }
      if (context.path === '/bridges/cxone/config.json' && config !== null)
        return { body: JSON.stringify(config), type: 'json' };
      const page = /^\/bridges\/cxone\/(index\.html|callback\.html|bridge\.css)$/.exec(
        context.path,
      );
      if (page) {
        return {
          body: readFileSync(`src/bridges/cxone/pages/${page[1]}`, 'utf8'),
          type: page[1].endsWith('.css') ? 'css' : 'html',
        };
      }
      const script = /^\/bridges\/cxone\/(bridge|callback)\.js$/.exec(context.path);
      if (script) {
        const entry = script[1] === 'bridge' ? 'main' : 'callback';
        return { body: await bundle(`src/bridges/cxone/${entry}.ts`, 'iife'), type: 'js' };
      }
      return undefined;
    },
  };
}
