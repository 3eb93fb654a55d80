// The simulated Webex Agent Desktop page (the Open CTI softphone in the Salesforce console): it
// defines AGENTX_SERVICE, then loads the built relay (the real SDK inside) and adds
// <presence-sync-relay> the way the Desktop does from its layout JSON. What a reload keeps (the
// agent's state and open calls live in Webex, not in the page) is kept in sessionStorage.
// Query: lightning (the relay's lightning-origin; absent = not set), service=none (no
// AGENTX_SERVICE), start (idle-code id to start in), aqm (the AQM layer's timeout in ms), tap (a
// key: every stateChange request is also beaconed to the dev server's /__tap, so a test can read
// what the Desktop received after its page is gone, scripts/sim-tap.js; and it counts as taken by
// Webex at once, so a reload shows it even when this page went before its event came).
// The demo drives the simulator with `{ ns: 'webex-desktop-sim', op, args }` messages from the
// parent window at the lightning origin (the tests call `window.desktopSim` directly).
import { createDesktopSim } from './service.js';

const query = new URL(location.href).searchParams;
const KEPT = 'presence-sync-e2e-webex';
const tap = query.get('tap');
const kept = JSON.parse(sessionStorage.getItem(KEPT) ?? 'null') as {
  auxCodeId: string;
  tasks: NonNullable<Parameters<typeof createDesktopSim>[0]['tasks']>;
} | null;
const sim = createDesktopSim({
  agentId: 'agent-7',
  idleCodes: [
    { id: 'c-lunch', name: 'Lunch', isSystem: false, isDefault: false },
    { id: 'c-chat', name: 'Chat', isSystem: false, isDefault: false },
    { id: 'c-break', name: 'Break', isSystem: false, isDefault: true },
    { id: 'c-rona', name: 'RONA', isSystem: true, isDefault: false },
  ],
  startCode: kept?.auxCodeId ?? query.get('start') ?? '0',
  tasks: kept?.tasks ?? [],
  latencyMs: 20,
  aqmTimeoutMs: Number(query.get('aqm') ?? 20_000),
  now: () => Date.now(),
  setTimeout: (callback, ms) => window.setTimeout(callback, ms),
  onChange: (state) => sessionStorage.setItem(KEPT, JSON.stringify(state)),
  ...(tap !== null
    ? {
        onRequest: (data: { auxCodeIdArray?: unknown }) => {
          navigator.sendBeacon(`/__tap?key=${encodeURIComponent(tap)}`, JSON.stringify(data));
          // Webex has the request now: a reload shows its state, even if this page is going.
          const now = JSON.parse(sessionStorage.getItem(KEPT) ?? 'null') as object | null;
          sessionStorage.setItem(
            KEPT,
            JSON.stringify({ tasks: [], ...now, auxCodeId: String(data.auxCodeIdArray) }),
          );
        },
      }
    : {}),
});
const page = window as unknown as Record<string, unknown>;
if (query.get('service') !== 'none') page.AGENTX_SERVICE = sim.service;
page.desktopSim = sim;
const script = document.createElement('script');
script.src = '/dist/bridges/webex-relay.js';
script.addEventListener('load', () => {
  const relay = document.createElement('presence-sync-relay');
  const lightning = query.get('lightning');
  if (lightning !== null) relay.setAttribute('lightning-origin', lightning);
  relay.setAttribute('agent-id', 'agent-7');
  document.body.append(relay);
  page.relayElement = relay;
});
document.head.append(script);

const CONTROLS = [
  'agentSets',
  'supervisorSets',
  'offerCall',
  'answer',
  'consult',
  'consultEnded',
  'endCall',
  'wrappedUp',
  'rona',
  'setMode',
  'logout',
  'stationLogin',
  'multiLogin',
] as const;
window.addEventListener('message', (event) => {
  const data: unknown = event.data;
  if (event.source !== window.parent || event.origin !== query.get('lightning')) return;
  if (typeof data !== 'object' || data === null) return;
  const { ns, op, args } = data as { ns?: unknown; op?: unknown; args?: unknown };
  if (ns !== 'webex-desktop-sim' || !CONTROLS.includes(op as (typeof CONTROLS)[number])) return;
  const call = sim[op as (typeof CONTROLS)[number]] as (...values: unknown[]) => void;
  call(...(Array.isArray(args) ? args : []));
});
