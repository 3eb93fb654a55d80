// The CXone bridge's config.json for the tests and benchmarks that serve the built bridge
// (`dist/bridges/cxone/`): the build ships no config.json, so the dev server answers that path from
// the value a test last set (a 404 until then, as a deployment without one). Set it through
// `setBridgeConfig`, from the process that started the server or from another.

const PATH = '/dist/bridges/cxone/config.json';
const CONTROL = '/__bridge-config';

/** A dev-server plugin: `PUT /__bridge-config` sets the body `GET …/config.json` answers (`null` unsets). */
export function bridgeConfigPlugin() {
  let config = null;
  return {
    name: 'bridge-config',
    async serve(context) {
      if (context.path === CONTROL && context.method === 'PUT') {
        const raw = await new Promise((resolve) => {
          let data = '';
          context.req.on('data', (chunk) => (data += chunk));
          context.req.on('end', () => resolve(data));
        });
        config = JSON.parse(raw);
        return { body: 'ok', type: 'text' };
      }
      // Unset: the static file, which the build never writes (so a 404).
      if (context.path === PATH && config !== null)
        return { body: JSON.stringify(config), type: 'json' };
      return undefined;
    },
  };
}

/**
 * Makes the dev server at `serverOrigin` (a loopback origin Node can reach) answer the built
 * bridge's config.json with `config` on every host it serves; `null` makes it answer 404.
 */
export async function setBridgeConfig(serverOrigin, config) {
  const response = await fetch(`${serverOrigin}${CONTROL}`, {
    method: 'PUT',
    body: JSON.stringify(config),
  });
  if (!response.ok) throw new Error(`setting the bridge's config.json: ${response.status}`);
}
