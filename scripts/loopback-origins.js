// Extra loopback origins for cross-origin tests and the demo: each is a TCP proxy on its own port of
// 127.0.0.1 in front of the dev server, so one server answers on several origins (a different port
// is a different origin, and it works on every OS, unlike 127.0.0.2).
import net from 'node:net';
import { originsFor } from './topology.js';

/** Starts `count` proxies to `port`; resolves to their origins and a close function. */
export async function startLoopbackOrigins(port, count) {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((resolve, reject) => {
          const server = net.createServer((client) => {
            const upstream = net.connect(port, '127.0.0.1');
            client.pipe(upstream).pipe(client);
            const end = () => {
              client.destroy();
              upstream.destroy();
            };
            client.on('error', end);
            upstream.on('error', end);
          });
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  return {
    origins: servers.map((server) => `http://127.0.0.1:${server.address().port}`),
    close: () =>
      Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))),
  };
}

/**
 * A dev-server plugin: `/__origins` answers `{ "agent": origin, "third": origin }`, on the production
 * topology's hosts when the page asking is on one (scripts/topology.js). A test can also
 * hold a page's load event: `/__hold?key=K` answers only once `/__release?key=K` is asked for.
 */
export function loopbackOriginsPlugin() {
  let proxies = null;
  const held = new Map();
  const gate = (key) => {
    if (!held.has(key)) {
      let open;
      const promise = new Promise((resolve) => (open = resolve));
      held.set(key, { promise, open });
    }
    return held.get(key);
  };
  return {
    name: 'loopback-origins',
    async serverStart({ config, server }) {
      const port = server?.address()?.port ?? config.port;
      proxies = await startLoopbackOrigins(port, 2);
    },
    async serverStop() {
      await proxies?.close();
    },
    async serve(context) {
      const key = context.query.key;
      if (context.path === '/__hold' && typeof key === 'string') {
        await gate(key).promise;
        return { body: 'released', type: 'text' };
      }
      if (context.path === '/__release' && typeof key === 'string') {
        gate(key).open();
        return { body: 'released', type: 'text' };
      }
      if (context.path !== '/__origins') return undefined;
      const [agent, third] = proxies.origins;
      return { body: JSON.stringify(originsFor(context.hostname, { agent, third })), type: 'json' };
    },
  };
}
