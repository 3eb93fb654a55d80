import { createElement } from 'lwc';
import PresenceSyncSetupHost, { RESULT_CHANNEL, waitForOutcome } from 'c/presenceSyncSetupHost';
import { loadScript } from 'lightning/platformResourceLoader';
import { subscribe, unsubscribe } from 'lightning/empApi';
import getCatalog from '@salesforce/apex/PresenceSyncSetup.getCatalog';
import saveRules from '@salesforce/apex/PresenceSyncSetup.save';
import getRuleDocument from '@salesforce/apex/PresenceSyncRules.getRuleDocument';

jest.mock(
  '@salesforce/resourceUrl/presenceSyncSetup',
  () => ({ default: '/resource/123/presenceSyncSetup' }),
  { virtual: true },
);
jest.mock('@salesforce/apex/PresenceSyncSetup.getCatalog', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/PresenceSyncSetup.save', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/PresenceSyncRules.getRuleDocument', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('lightning/empApi', () => ({
  subscribe: jest.fn(),
  unsubscribe: jest.fn(),
  onError: jest.fn(),
}));

// A stand-in for the element the static resource registers: it keeps what the host sets.
class FakeSetup extends HTMLElement {
  constructor() {
    super();
    this.catalog = null;
    this.saver = null;
  }
}
if (!customElements.get('presence-sync-setup'))
  customElements.define('presence-sync-setup', FakeSetup);

// Lets the host's promise chains (loadScript, Apex, the render, the subscription) settle.
async function settle() {
  for (let i = 0; i < 6; i += 1) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}
let handler;

async function mount(props = {}) {
  const host = createElement('c-presence-sync-setup-host', { is: PresenceSyncSetupHost });
  Object.assign(host, props);
  document.body.appendChild(host);
  await settle();
  return host;
}

beforeEach(() => {
  loadScript.mockResolvedValue();
  getRuleDocument.mockResolvedValue({ document: '{"version":1,"rules":[]}', rules: 1 });
  getCatalog.mockResolvedValue('{"statuses":[],"groups":[],"codes":null}');
  subscribe.mockImplementation((channel, replay, callback) => {
    handler = callback;
    return Promise.resolve({ channel });
  });
});

afterEach(() => {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  jest.clearAllMocks();
  jest.useRealTimers();
});

describe('c-presence-sync-setup-host', () => {
  it('loads the setup script, starts from the rule set’s records and wires the catalog', async () => {
    const host = await mount({ ruleSet: 'Night' });
    expect(loadScript).toHaveBeenCalledWith(expect.anything(), '/resource/123/presenceSyncSetup');
    expect(getRuleDocument).toHaveBeenCalledWith({ ruleSet: 'Night' });
    const element = host.shadowRoot.querySelector('presence-sync-setup');
    expect(element.getAttribute('rule-set')).toBe('Night');
    await expect(element.catalog.load()).resolves.toEqual({
      statuses: [],
      groups: [],
      codes: null,
    });
  });

  it('saves through Apex and resolves with the deployment’s outcome from the platform event', async () => {
    saveRules.mockResolvedValue('0Af000000000001AAA');
    const host = await mount();
    const element = host.shadowRoot.querySelector('presence-sync-setup');
    const records = [
      { type: 'Presence_Sync_Rule__mdt', record: 'Default_Chat', label: 'Chat', fields: {} },
    ];
    const saving = element.saver.save({ ruleSet: 'Default', records, document: {} });
    await settle();
    expect(saveRules).toHaveBeenCalledWith({
      ruleSet: 'Default',
      recordsJson: JSON.stringify(records),
    });
    expect(subscribe).toHaveBeenCalledWith(RESULT_CHANNEL, -1, expect.any(Function));
    handler({
      data: { payload: { Job_Id__c: '0Af000000000009AAA', Success__c: true, Message__c: 'other' } },
    });
    handler({
      data: {
        payload: {
          Job_Id__c: '0Af000000000001AAA',
          Success__c: false,
          Message__c: 'Presence_Sync_Row.X: Invalid',
        },
      },
    });
    await expect(saving).resolves.toEqual({
      ok: false,
      message: '0Af000000000001AAA: Presence_Sync_Row.X: Invalid',
    });
    expect(unsubscribe).toHaveBeenCalled();
  });

  it('says the deployment is still running when no outcome arrives in time', async () => {
    jest.useFakeTimers();
    const outcome = waitForOutcome('0Af000000000002AAA', 1000);
    jest.advanceTimersByTime(1000);
    await expect(outcome).resolves.toEqual({
      ok: false,
      message: 'deployment 0Af000000000002AAA is still running; see Setup › Deployment Status',
    });
  });

  it('passes an Apex refusal (not an admin) to the element as an Error with Apex’s message', async () => {
    saveRules.mockRejectedValue({
      body: { message: 'Only users with the Presence Sync Admin permission set…' },
    });
    const host = await mount();
    const element = host.shadowRoot.querySelector('presence-sync-setup');
    await expect(
      element.saver.save({ ruleSet: 'Default', records: [], document: {} }),
    ).rejects.toThrow('Only users with the Presence Sync Admin permission set…');
  });

  it('shows why when the static resource does not load, and renders no editor', async () => {
    loadScript.mockRejectedValue(new Error('404'));
    const host = await mount();
    expect(host.shadowRoot.querySelector('[role="alert"]').textContent).toBe(
      'The presenceSyncSetup static resource did not load: 404',
    );
    expect(host.shadowRoot.querySelector('presence-sync-setup')).toBeNull();
  });
});
