// What a simulated vendor page received, kept where a test can read it after the page is gone: a
// page `POST`s (`navigator.sendBeacon`) each record to `/__tap?key=K`, and the test `GET`s
// `/__tap?key=K` for the list. The simulated Webex Desktop taps its `stateChange` requests so, a
// test can see what the relay asked of it while its page was going away.

const PATH = '/__tap';

/** A dev-server plugin: `POST /__tap?key=K` appends the body (JSON) to K; `GET` answers K's list. */
export function simTapPlugin() {
  const taps = new Map();
  return {
    name: 'sim-tap',
    async serve(context) {
      const key = context.query.key;
      if (context.path !== PATH || typeof key !== 'string' || key.length > 100) return undefined;
      if (context.method === 'POST') {
        const raw = await new Promise((resolve) => {
          let data = '';
          context.req.on('data', (chunk) => (data += chunk));
          context.req.on('end', () => resolve(data));
        });
        let record;
        try {
          record = JSON.parse(raw);
        } catch {
          return { status: 400, body: 'not JSON', type: 'text' };
        }
        taps.set(key, [...(taps.get(key) ?? []), record].slice(-100));
        return { body: 'ok', type: 'text' };
      }
      return { body: JSON.stringify(taps.get(key) ?? []), type: 'json' };
    },
  };
}

/** The records the tap `key` holds, read from the dev server at `serverOrigin`. */
export async function readTap(serverOrigin, key) {
  const response = await fetch(`${serverOrigin}${PATH}?key=${encodeURIComponent(key)}`);
  if (!response.ok) throw new Error(`reading the tap ${key}: ${response.status}`);
  return response.json();
}
