// The Salesforce side of the CXone end-to-end test: <presence-sync> with a simulated Omni-Channel,
// its agent-src the real CXone bridge page (from the query string). What the test drives and reads
// is on `window.e2e`: the Omni fake, the element, and every message the page heard from the bridge.
import '../../src/define.js';
import { EXAMPLE, STATUSES } from '../core/fixtures.js';
import { FakeOmni } from '../fakes/fake-omni.js';

const query = new URL(location.href).searchParams;
const bridge = query.get('bridge') ?? '';
const heard: unknown[] = [];
window.addEventListener('message', (event) => {
  if (event.origin === new URL(bridge).origin) heard.push(event.data);
});
const omni = new FakeOmni(STATUSES, 'Available_for_Chats');
const el = document.createElement('presence-sync');
// The simulated CXone's agent is on team 7: the rule is chosen only once the agent is known.
el.setAttribute(
  'rules',
  JSON.stringify({ ...EXAMPLE, orgId: undefined, rules: [{ ...EXAMPLE.rules[0], teams: ['7'] }] }),
);
el.setAttribute('agent-origin', new URL(bridge).origin);
el.setAttribute('agent-src', bridge);
// Another console tab of the same user by default; `?user=` makes it a tab that leads on its own.
el.setAttribute('user-id', query.get('user') ?? '005000000000001');
el.setAttribute('startup', 'none');
// The ACD target for the close of the last console tab (`session-end`), when the test gives one.
if (query.has('sessionEnd')) el.setAttribute('session-end', query.get('sessionEnd') ?? '');
if (query.has('locale')) el.setAttribute('locale', query.get('locale') ?? '');
el.omni = omni;
document.body.append(el);
(window as unknown as { e2e: unknown }).e2e = { omni, el, heard };
