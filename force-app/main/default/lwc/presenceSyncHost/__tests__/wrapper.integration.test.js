// The whole wrapper with the real static resource: the IIFE that `npm run build` writes runs in
// jsdom as loadScript would run it, the LWC host hands the element its Omni port, the Aura
// controller and helper (as they ship) carry calls to a simulated toolkit and its console events back,
// and a simulated agent window speaks the bridge protocol (docs/contract.md §5.1).
import { createElement } from 'lwc';
import PresenceSyncHost from 'c/presenceSyncHost';
import { loadScript } from 'lightning/platformResourceLoader';
import { EnclosingUtilityId, updateUtility } from 'lightning/platformUtilityBarApi';
import listStatuses from '@salesforce/apex/PresenceSyncController.listStatuses';
import getOrgId from '@salesforce/apex/PresenceSyncController.getOrgId';
import { loadAuraBundle } from '../../../../../test/aura/load-aura';

const fs = require('fs');
const path = require('path');

jest.mock('@salesforce/resourceUrl/presenceSync', () => ({ default: '/resource/1/presenceSync' }), {
  virtual: true,
});
jest.mock(
  '@salesforce/resourceUrl/presenceSyncFr',
  () => ({ default: '/resource/1/presenceSyncFr' }),
  { virtual: true },
);
jest.mock('@salesforce/user/Id', () => ({ default: '005000000000001AAA' }), { virtual: true });
jest.mock('@salesforce/apex/PresenceSyncController.listStatuses', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/PresenceSyncController.getOrgId', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/PresenceSyncRules.getRuleDocument', () => ({ default: jest.fn() }), {
  virtual: true,
});

const RESOURCES = path.join(__dirname, '../../../staticresources');
const STATIC_RESOURCE = path.join(RESOURCES, 'presenceSync.js');
const AGENT_ORIGIN = 'https://agent.example';
const STATUSES = [
  {
    id: '0N5000000000001AAA',
    apiName: 'Available_for_Chats',
    label: 'Available for Chats',
    online: true,
  },
  { id: '0N5000000000003AAA', apiName: 'Away', label: 'Away', online: false },
];
const RULES = {
  version: 1,
  orgId: '00D5g000004ABCD',
  rules: [
    {
      name: 'Chat',
      publisher: [
        { acd: 'Available', salesforce: 'Available_for_Chats' },
        { acd: 'Unavailable/Lunch', salesforce: 'Away' },
      ],
      subscriber: [
        { salesforce: 'Available_for_Chats', acd: 'Available' },
        { salesforce: 'Away', acd: 'Unavailable/Lunch' },
      ],
      teams: ['Tier 1'],
    },
  ],
};
const CODES = [{ name: 'Lunch', isAcw: false, isActive: true }];

/** A toolkit that keeps one status and, like Omni-Channel, echoes each change as a console event. */
function simulatedToolkit(fire) {
  let current = STATUSES[1];
  const describe = (status) => ({
    statusId: status.id.slice(0, 15),
    statusName: status.label,
    statusApiName: status.apiName,
  });
  return {
    getServicePresenceStatusId: jest.fn(() => Promise.resolve(describe(current))),
    setServicePresenceStatus: jest.fn(({ statusId }) => {
      current = STATUSES.find((status) => status.id.startsWith(statusId.slice(0, 15)));
      Promise.resolve().then(() =>
        fire('onStatusChanged', {
          ...describe(current),
          channels: '[]',
          reason: 'OmniToolkitStatusChange',
        }),
      );
      return Promise.resolve({ ...describe(current), channels: '[]' });
    }),
    login: jest.fn(() => Promise.resolve(true)),
    logout: jest.fn(() => Promise.resolve(true)),
    getAgentWorkload: jest.fn(() => Promise.resolve({ configuredCapacity: 5, currentWorkload: 0 })),
    getAgentWorks: jest.fn(() => Promise.resolve({ works: '[]' })),
    agentChanges(status) {
      current = status;
      fire('onStatusChanged', {
        ...describe(status),
        channels: '[]',
        reason: 'OmniManualStatusChange',
      });
    },
  };
}

/** Resolves once the element's snapshot satisfies `predicate` (event-driven: no timers). */
function until(element, predicate) {
  return new Promise((resolve) => {
    if (predicate(element.snapshot)) {
      resolve(element.snapshot);
      return;
    }
    const listener = (event) => {
      if (predicate(event.detail)) {
        element.removeEventListener('presencesyncchange', listener);
        resolve(event.detail);
      }
    };
    element.addEventListener('presencesyncchange', listener);
  });
}

async function settle() {
  for (let i = 0; i < 10; i += 1) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

let host;

beforeAll(() => {
  if (!fs.existsSync(STATIC_RESOURCE))
    throw new Error('staticresources/presenceSync.js is missing: run npm run build first');
});

function runClassicScript(text) {
  const script = document.createElement('script');
  script.textContent = text;
  document.head.appendChild(script);
  script.remove();
}

beforeEach(() => {
  // What loadScript does in Salesforce: run the static resource as a classic script (the element
  // script once: a second run would find its tag taken).
  loadScript.mockImplementation((_, url) => {
    const file = path.join(RESOURCES, `${url.split('/').pop()}.js`);
    if (file !== STATIC_RESOURCE || !customElements.get('presence-sync'))
      // A classic script in the page's global scope, as loadScript runs it: a script element.
      runClassicScript(fs.readFileSync(file, 'utf8'));
    return Promise.resolve();
  });
  listStatuses.mockResolvedValue(STATUSES);
  getOrgId.mockResolvedValue('00D5g000004ABCDEAA');
  updateUtility.mockClear();
});

afterEach(() => {
  // Removing the host stops the element's engine and its timers before jsdom goes away.
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
});

it('syncs both ways through the LWC host, the Aura helper and the real element', async () => {
  const { controller, helper } = loadAuraBundle();
  host = createElement('c-presence-sync-host', { is: PresenceSyncHost });
  let toolkit;
  const component = { find: (id) => (id === 'host' ? host : toolkit), isValid: () => true };
  const fire = (action, params) =>
    controller[action](
      component,
      { getParams: () => params, getParam: (name) => params[name] },
      helper,
    );
  toolkit = simulatedToolkit(fire);
  Object.assign(host, {
    bridged: true,
    rules: JSON.stringify(RULES),
    agentOrigin: AGENT_ORIGIN,
    locale: 'en',
  });
  host.addEventListener('omnicall', (event) =>
    controller.onOmniCall(component, { getParam: (name) => event.detail[name] }, helper),
  );

  // The agent app: a window the element learns from its hello; what the element posts to it is recorded.
  const frame = document.createElement('iframe');
  document.body.appendChild(frame);
  const agentWindow = frame.contentWindow;
  const posted = [];
  agentWindow.postMessage = (message, origin) => posted.push({ message, origin });
  const fromAgent = (data) =>
    window.dispatchEvent(
      new MessageEvent('message', { data, origin: AGENT_ORIGIN, source: agentWindow }),
    );

  document.body.appendChild(host);
  EnclosingUtilityId.emit('utility-9');
  await settle();
  const element = host.shadowRoot.querySelector('presence-sync');
  expect(element).not.toBeNull();
  expect(element.omni).toBeDefined();
  await until(element, (snapshot) => snapshot.salesforce && snapshot.salesforce.apiName === 'Away');
  expect(toolkit.getServicePresenceStatusId).toHaveBeenCalled();
  expect(listStatuses).toHaveBeenCalled();

  // The agent app says hello, Available: startup copies the ACD side to Omni-Channel.
  fromAgent({
    ns: 'presence-sync',
    v: 1,
    type: 'hello',
    role: 'agent',
    agent: { agentId: '42', teamName: 'Tier 1' },
    codes: CODES,
    state: { state: 'Available', reason: '', isAcw: false, since: Date.now() },
    write: true,
  });
  const inSync = await until(
    element,
    (snapshot) =>
      snapshot.phase === 'in-sync' && snapshot.salesforce.apiName === 'Available_for_Chats',
  );
  expect(inSync.rule).toBe('Chat');
  expect(toolkit.setServicePresenceStatus).toHaveBeenCalledTimes(1);
  expect(toolkit.setServicePresenceStatus).toHaveBeenCalledWith({ statusId: '0N5000000000001' });
  await settle();
  expect(updateUtility).toHaveBeenLastCalledWith('utility-9', {
    label: 'Presence Sync: In sync',
    icon: 'success',
    iconVariant: 'success',
    highlighted: false,
  });

  // The agent picks Away in Omni-Channel: the element asks the agent app for Unavailable/Lunch.
  toolkit.agentChanges(STATUSES[1]);
  await until(element, (snapshot) => snapshot.salesforce.apiName === 'Away');
  await settle();
  const setState = posted
    .map((entry) => entry.message)
    .find((message) => message && message.type === 'setState');
  expect(setState).toMatchObject({
    ns: 'presence-sync',
    v: 1,
    target: { state: 'Unavailable', reason: 'Lunch' },
  });
  expect(posted.every((entry) => entry.origin === AGENT_ORIGIN)).toBe(true);
  expect(toolkit.setServicePresenceStatus).toHaveBeenCalledTimes(1);
});

/** A host whose element is stopped by an empty rules attribute, in a utility, once it has drawn. */
async function brokenHost(locale, utilityId) {
  host = createElement('c-presence-sync-host', { is: PresenceSyncHost });
  Object.assign(host, { bridged: true, rules: '', agentOrigin: AGENT_ORIGIN, locale });
  document.body.appendChild(host);
  EnclosingUtilityId.emit(utilityId);
  await settle();
  const element = host.shadowRoot.querySelector('presence-sync');
  await element.updateComplete;
  await settle();
  return element;
}

it('shows an attribute error of the real element in the utility item', async () => {
  const element = await brokenHost('en', 'utility-4');
  expect(element.snapshot.phase).toBe('error');
  expect(updateUtility).toHaveBeenLastCalledWith('utility-4', {
    label: 'Presence Sync: Needs attention',
    icon: 'error',
    iconVariant: 'error',
    highlighted: true,
  });
});

it('speaks the user language with its pack, in the panel and the utility item', async () => {
  const element = await brokenHost('fr-FR', 'utility-5');
  expect(loadScript.mock.calls.map(([, url]) => url)).toEqual(
    expect.arrayContaining(['/resource/1/presenceSync', '/resource/1/presenceSyncFr']),
  );
  expect(updateUtility).toHaveBeenLastCalledWith('utility-5', {
    label: 'Presence Sync: Intervention requise',
    icon: 'error',
    iconVariant: 'error',
    highlighted: true,
  });
  expect(element.shadowRoot.querySelector('[part=phase]').textContent.trim()).toBe(
    'Intervention requise',
  );
});
