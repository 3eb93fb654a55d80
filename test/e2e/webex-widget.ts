// The Salesforce side of the Webex end-to-end test: <presence-sync> with a simulated Omni-Channel
// and the Webex seed's rule (acdWork + omniWork), its agent-src the simulated Agent Desktop page
// with the real relay (from the query string). Omni-Channel's status is kept across a reload like
// the real one. What the test drives and reads is on `window.e2e`.
import '../../src/define.js';
import { ACD_WORK, STATUSES } from '../core/fixtures.js';
import { FakeOmni } from '../fakes/fake-omni.js';

const query = new URL(location.href).searchParams;
const desktop = query.get('desktop') ?? '';
const KEPT = 'presence-sync-e2e-omni';
const heard: unknown[] = [];
window.addEventListener('message', (event) => {
  if (event.origin === new URL(desktop).origin) heard.push(event.data);
});
const kept = sessionStorage.getItem(KEPT);
const omni = new FakeOmni(
  STATUSES,
  kept === null ? 'Available_for_Chats' : kept === '' ? null : kept,
);
omni.subscribe(() => sessionStorage.setItem(KEPT, omni.current?.apiName ?? ''));
const el = document.createElement('presence-sync');
el.setAttribute('rules', query.get('rules') ?? JSON.stringify(ACD_WORK));
el.setAttribute('agent-origin', new URL(desktop).origin);
el.setAttribute('agent-src', desktop);
el.setAttribute('user-id', '005000000000001');
el.setAttribute('startup', 'none');
// The ACD target for the close of the last console tab (`session-end`), when the test gives one.
if (query.has('sessionEnd')) el.setAttribute('session-end', query.get('sessionEnd') ?? '');
el.omni = omni;
document.body.append(el);
(window as unknown as { e2e: unknown }).e2e = { omni, el, heard };
