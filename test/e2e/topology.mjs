// The end-to-end tests' servers in the production topology (scripts/topology.js): the dev server and
// its loopback proxies, each party named by the host it has in production.
import { serve } from '../../scripts/serve.mjs';
import { onSite, SITES } from '../../scripts/topology.js';

/**
 * Starts the dev server; resolves to the server and each party's origin: the Salesforce page, the
 * CXone bridge, the Webex Desktop and a third party, each on its own site. `loopback` keeps the
 * 127.0.0.1 origins for requests made from Node (which does not resolve the `*.localhost` hosts).
 */
export async function startTopology({ isolated = false } = {}) {
  const started = await serve(0, { isolated });
  const loopback = await (await fetch(`${started.origin}/__origins`)).json();
  return {
    server: started.server,
    loopback: { salesforce: started.origin, ...loopback },
    salesforce: onSite(started.origin, SITES.salesforce),
    bridge: onSite(loopback.agent, SITES.bridge),
    webex: onSite(loopback.agent, SITES.webex),
    third: onSite(loopback.third, SITES.third),
  };
}
