// The production topology for the end-to-end tests and the browser benchmarks: the Salesforce page,
// each contact-center frame, the CXone API and a third party on distinct *sites*, as deployed
// (`*.lightning.force.com`, the customer's bridge host, `*.niceincontact.com`, the Webex Desktop).
//
// The hosts are `*.localhost` names on the existing loopback servers. Such names are loopback by
// definition (RFC 6761 §6.3) and potentially trustworthy (W3C Secure Contexts §3.2), so sign-in's
// `crypto.subtle` runs over plain http without `--unsafely-treat-insecure-origin-as-secure`. The
// site of a host under an unknown top-level domain is its last two labels (the Public Suffix List's
// default rule `*`), so `acme.lightning.force.localhost` and `bridge.acme-cc.localhost` are
// different sites: measured in Chromium 156, a frame of one origin keeps apart storage under each
// of them as top-level site, and shares it under two hosts of one site (test/e2e/topology.e2e.mjs).

/** The host of each party. */
export const SITES = Object.freeze({
  /** The Salesforce Lightning page (site `force.localhost`). */
  salesforce: 'acme.lightning.force.localhost',
  /** The CXone bridge, on the customer's own host (site `acme-cc.localhost`). */
  bridge: 'bridge.acme-cc.localhost',
  /** The CXone API and sign-in (site `niceincontact.localhost`). */
  cxone: 'api.niceincontact.localhost',
  /** The Webex Contact Center Agent Desktop (site `webex.localhost`). */
  webex: 'desktop.webex.localhost',
  /** The simulated agent app of the demo and the benchmarks (site `contact-center.localhost`). */
  agent: 'agent.contact-center.localhost',
  /** A third party: an ad, another widget, an attacker (site `evil.localhost`). */
  third: 'evil.localhost',
});

/** `origin` (a loopback origin) with its host replaced by `host`, keeping the port. */
export function onSite(origin, host) {
  const url = new URL(origin);
  url.hostname = host;
  return url.origin;
}

/** True when `hostname` is one of the topology's hosts (a page reached by its production name). */
export function inTopology(hostname) {
  return Object.values(SITES).includes(hostname);
}

/**
 * The dev server's extra origins (`{ agent, third }` on 127.0.0.1) as a page at `hostname` sees
 * them: on the topology's hosts when the page is, unchanged otherwise (the demo on plain loopback).
 */
export function originsFor(hostname, loopback) {
  if (!inTopology(hostname)) return loopback;
  return { agent: onSite(loopback.agent, SITES.agent), third: onSite(loopback.third, SITES.third) };
}

/** Chromium resolves every topology host to the loopback servers (they listen on 127.0.0.1 only). */
export const hostResolverRules = '--host-resolver-rules=MAP *.localhost 127.0.0.1';
