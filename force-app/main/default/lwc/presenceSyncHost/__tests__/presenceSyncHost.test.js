import { createElement } from 'lwc';
import PresenceSyncHost from 'c/presenceSyncHost';
import { loadScript } from 'lightning/platformResourceLoader';
import { EnclosingUtilityId, updateUtility } from 'lightning/platformUtilityBarApi';
import listStatuses from '@salesforce/apex/PresenceSyncController.listStatuses';
import getOrgId from '@salesforce/apex/PresenceSyncController.getOrgId';
import getRuleDocument from '@salesforce/apex/PresenceSyncRules.getRuleDocument';
import { OMNI_EVENTS, OMNI_METHODS, CALL_TIMEOUT_MS } from '../omniBridge';
import { loadAuraBundle } from '../../../../../test/aura/load-aura';

jest.mock(
  '@salesforce/resourceUrl/presenceSync',
  () => ({ default: '/resource/123/presenceSync' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/resourceUrl/presenceSyncFr',
  () => ({ default: '/resource/123/presenceSyncFr' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/resourceUrl/presenceSyncJa',
  () => ({ default: '/resource/123/presenceSyncJa' }),
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

const ORG_ID = '00D5g000004ABCDEAA';

// A stand-in for the element the static resource registers: it records what the host sets.
const RECORDED = [
  'rules',
  'agentOrigin',
  'agentSrc',
  'agentProtocol',
  'mode',
  'authority',
  'startup',
  'echoWindowMs',
  'idleMinutes',
  'idleStatus',
  'sessionEnd',
  'locale',
  'userId',
  'orgId',
  'omni',
  'snapshot',
];
class FakePresenceSync extends HTMLElement {
  constructor() {
    super();
    this.values = {};
  }
}
for (const name of RECORDED) {
  Object.defineProperty(FakePresenceSync.prototype, name, {
    get() {
      return this.values[name];
    },
    set(value) {
      this.values[name] = value;
    },
    configurable: true,
  });
}

/** What loadScript does in Salesforce: run the static resource, which registers the element. */
function scriptRegistersElement() {
  if (!customElements.get('presence-sync'))
    customElements.define('presence-sync', FakePresenceSync);
  window.PresenceSync = { phaseLabel: (phase, locale) => `[${locale}] ${phase}` };
  return Promise.resolve();
}

// Lets the host's promise chains (loadScript, Apex, rerender) settle.
async function settle() {
  for (let i = 0; i < 5; i += 1) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

async function mount(props = {}) {
  const host = createElement('c-presence-sync-host', { is: PresenceSyncHost });
  Object.assign(host, {
    bridged: true,
    rules: '{"version":1,"rules":[]}',
    agentOrigin: 'https://cxagent.nicecxone.com',
    ...props,
  });
  document.body.appendChild(host);
  await settle();
  return host;
}

const inner = (host) => host.shadowRoot.querySelector('presence-sync');
const notices = (host) =>
  [...host.shadowRoot.querySelectorAll('.notice')].map((node) => node.textContent);
const roles = (host) =>
  [...host.shadowRoot.querySelectorAll('.notice')].map((node) => node.getAttribute('role'));

beforeEach(() => {
  loadScript.mockReset();
  loadScript.mockImplementation(scriptRegistersElement);
  getOrgId.mockReset();
  getOrgId.mockResolvedValue(ORG_ID);
  listStatuses.mockReset();
  updateUtility.mockClear();
  delete window.PresenceSync;
});

afterEach(() => {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  jest.useRealTimers();
});

describe('loading the static resource', () => {
  it('loads presenceSync with loadScript and renders the element only after it ran', async () => {
    let finish;
    loadScript.mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    const host = await mount();

    expect(loadScript).toHaveBeenCalledTimes(1);
    expect(loadScript).toHaveBeenCalledWith(expect.anything(), '/resource/123/presenceSync');
    expect(inner(host)).toBeNull();

    await scriptRegistersElement();
    finish();
    await settle();
    expect(inner(host)).not.toBeNull();
    expect(inner(host)).toBeInstanceOf(FakePresenceSync);
  });

  it('says what failed and renders no element when the script cannot load', async () => {
    EnclosingUtilityId.emit('utility-7');
    loadScript.mockRejectedValue(new Error('404 Not Found'));
    const host = await mount();
    EnclosingUtilityId.emit('utility-7');
    await settle();

    expect(inner(host)).toBeNull();
    expect(notices(host).join(' ')).toMatch(
      /presenceSync static resource could not be loaded: 404 Not Found/,
    );
    expect(roles(host)).toEqual(['alert']);
    expect(updateUtility).toHaveBeenLastCalledWith(
      'utility-7',
      expect.objectContaining({ icon: 'error', iconVariant: 'error', highlighted: true }),
    );
  });

  it('still starts, with a notice, when the org id cannot be read', async () => {
    getOrgId.mockRejectedValue({
      body: { message: 'You do not have access to the Apex class named PresenceSyncController.' },
    });
    const host = await mount();

    expect(inner(host)).not.toBeNull();
    expect(inner(host).orgId).toBeUndefined();
    expect(notices(host).join(' ')).toMatch(
      /org id could not be read \(You do not have access to the Apex class/,
    );
    expect(roles(host)).toEqual(['status']);
  });
});

describe('language packs', () => {
  const loaded = () => loadScript.mock.calls.map(([, url]) => url);

  it('loads only the element script for English', async () => {
    const host = await mount({ locale: 'en-GB' });
    expect(loaded()).toEqual(['/resource/123/presenceSync']);
    expect(inner(host)).not.toBeNull();
  });

  it("loads the user's language pack next to the element script, and renders once both ran", async () => {
    const finish = {};
    loadScript.mockImplementation((_, url) => new Promise((resolve) => (finish[url] = resolve)));
    const host = await mount({ locale: 'ja-JP' });
    expect(loaded()).toEqual(['/resource/123/presenceSync', '/resource/123/presenceSyncJa']);

    await scriptRegistersElement();
    finish['/resource/123/presenceSync']();
    await settle();
    expect(inner(host)).toBeNull();
    finish['/resource/123/presenceSyncJa']();
    await settle();
    expect(inner(host)).not.toBeNull();
    expect(inner(host).locale).toBe('ja-JP');
  });

  it('still starts, in English with a notice, when the pack cannot load', async () => {
    loadScript.mockImplementation((_, url) => {
      if (url.endsWith('Fr')) return Promise.reject(new Error('404 Not Found'));
      return scriptRegistersElement();
    });
    const host = await mount({ locale: 'fr' });
    expect(inner(host)).not.toBeNull();
    expect(notices(host).join(' ')).toMatch(
      /"fr" language pack .* could not be loaded \(404 Not Found\), so the panel shows English/,
    );
    expect(roles(host)).toEqual(['status']);
  });
});

describe('design attributes', () => {
  it('passes every design attribute, the user id and the org id down to the element', async () => {
    const design = {
      rules: '{"version":1,"rules":[{"name":"R"}]}',
      agentOrigin: 'https://a.example https://b.example',
      agentSrc: 'https://a.example/agent',
      agentProtocol: 'cxone-client-events',
      mode: 'shadow',
      authority: 'acd',
      startup: 'none',
      echoWindowMs: 2500,
      idleStatus: 'Away',
      sessionEnd: 'Unavailable/EndOfShift',
      locale: 'fr',
    };
    const host = await mount({ ...design, idleMinutes: 15 });

    expect(inner(host).values).toMatchObject({
      ...design,
      // As an attribute would carry it: the element checks the digits.
      idleMinutes: '15',
      userId: '005000000000001AAA',
      orgId: ORG_ID,
    });
  });

  it('leaves empty optional attributes unset and follows the user language when no locale is given', async () => {
    const host = await mount({
      agentSrc: '',
      agentProtocol: '',
      idleStatus: '',
      sessionEnd: '',
      locale: '',
    });

    expect(inner(host).agentSrc).toBeUndefined();
    expect(inner(host).agentProtocol).toBeUndefined();
    expect(inner(host).idleStatus).toBeUndefined();
    expect(inner(host).sessionEnd).toBeUndefined();
    expect(typeof inner(host).locale).toBe('string');
    expect(inner(host).locale.length).toBeGreaterThan(1);
  });

  it('follows a later change of an attribute', async () => {
    const host = await mount({ mode: 'active' });
    host.mode = 'off';
    await settle();
    expect(inner(host).mode).toBe('off');
  });
});

describe('the Omni-Channel port over the Aura bridge', () => {
  async function bridgedHost() {
    const host = await mount();
    const calls = [];
    host.addEventListener('omnicall', (event) => calls.push(event.detail));
    return { host, port: inner(host).omni, calls };
  }

  it('is handed to the element only when the Aura utility hosts it', async () => {
    const standalone = await mount({ bridged: false });
    expect(inner(standalone).omni).toBeUndefined();
    expect(notices(standalone).join(' ')).toMatch(/Aura utility item "Presence Sync"/);
    expect(roles(standalone)).toEqual(['alert']);

    const { port } = await bridgedHost();
    for (const method of OMNI_METHODS) expect(typeof port[method]).toBe('function');
    expect(typeof port.subscribe).toBe('function');
    expect(typeof port.listStatuses).toBe('function');
  });

  it.each([
    [
      'getServicePresenceStatusId',
      undefined,
      undefined,
      { statusId: '0N5xx0000000001', statusName: 'Available', statusApiName: 'Available' },
    ],
    [
      'setServicePresenceStatus',
      { statusId: '0N5xx0000000002' },
      { statusId: '0N5xx0000000002' },
      { statusId: '0N5xx0000000002', statusName: 'Away', statusApiName: 'Away', channels: '[]' },
    ],
    ['login', { statusId: '0N5xx0000000001' }, { statusId: '0N5xx0000000001' }, true],
    ['logout', undefined, undefined, true],
    ['getAgentWorkload', undefined, undefined, { configuredCapacity: 5, currentWorkload: 2 }],
    ['getAgentWorks', undefined, undefined, { works: '[]' }],
  ])(
    '%s goes out as one omnicall and resolves with the Aura answer',
    async (method, args, sentArgs, answer) => {
      const { host, port, calls } = await bridgedHost();

      const result = port[method](args);
      expect(calls).toHaveLength(1);
      expect(calls[0].method).toBe(method);
      expect(calls[0].args).toEqual(sentArgs);
      expect(typeof calls[0].callId).toBe('string');

      expect(host.omniResult(calls[0].callId, true, answer)).toBe(true);
      await expect(result).resolves.toEqual(answer);
      expect(host.omniResult(calls[0].callId, true, answer)).toBe(false);
    },
  );

  it('sends only the status id, whatever else the caller passes', async () => {
    const { port, calls } = await bridgedHost();
    port
      .setServicePresenceStatus({ statusId: '0N5xx0000000002', extra: 'x' })
      .catch(() => undefined);
    expect(calls[0].args).toEqual({ statusId: '0N5xx0000000002' });
  });

  it('rejects with the toolkit message when Aura reports a failure', async () => {
    const { host, port, calls } = await bridgedHost();
    const result = port.setServicePresenceStatus({ statusId: '0N5xx0000000009' });
    host.omniResult(calls[0].callId, false, 'Status is not permitted for this user');
    await expect(result).rejects.toThrow('Status is not permitted for this user');
  });

  it('keeps concurrent calls apart by call id', async () => {
    const { host, port, calls } = await bridgedHost();
    const first = port.getServicePresenceStatusId();
    const second = port.getAgentWorkload();
    host.omniResult(calls[1].callId, true, { configuredCapacity: 1, currentWorkload: 0 });
    host.omniResult(calls[0].callId, true, { statusId: '0N5xx0000000001' });
    await expect(first).resolves.toEqual({ statusId: '0N5xx0000000001' });
    await expect(second).resolves.toEqual({ configuredCapacity: 1, currentWorkload: 0 });
  });

  it('rejects a call Aura never answers, after the bridge timeout', async () => {
    jest.useFakeTimers();
    const { port } = await bridgedHost();
    const result = port.logout();
    let settled = false;
    result.catch(() => (settled = true));
    jest.advanceTimersByTime(CALL_TIMEOUT_MS - 1);
    await Promise.resolve();
    expect(settled).toBe(false);
    jest.advanceTimersByTime(1);
    await expect(result).rejects.toThrow(
      `Omni-Channel did not answer logout within ${CALL_TIMEOUT_MS} ms`,
    );
  });

  it('rejects what is still waiting when the host is removed', async () => {
    const { host, port } = await bridgedHost();
    const result = port.getAgentWorks();
    document.body.removeChild(host);
    await expect(result).rejects.toThrow(/bridge closed/);
  });

  it('lists statuses through Apex', async () => {
    const rows = [
      { id: '0N5xx0000000001AAA', apiName: 'Available', label: 'Available', online: true },
    ];
    listStatuses.mockResolvedValue(rows);
    const { port } = await bridgedHost();
    await expect(port.listStatuses()).resolves.toEqual(rows);
    expect(listStatuses).toHaveBeenCalledTimes(1);
  });

  it('forwards every one of the ten console events, unchanged, to subscribers', async () => {
    const { host, port } = await bridgedHost();
    const seen = [];
    const unsubscribe = port.subscribe((event) => seen.push(event));

    OMNI_EVENTS.forEach((type, index) => {
      expect(host.omniEvent(type, { statusId: `0N5xx000000000${index}`, n: index })).toBe(true);
    });
    expect(seen.map((event) => event.type)).toEqual(OMNI_EVENTS);
    expect(seen[1]).toEqual({
      type: 'lightning:omniChannelStatusChanged',
      detail: { statusId: '0N5xx0000000001', n: 1 },
    });
    expect(OMNI_EVENTS).toHaveLength(10);

    unsubscribe();
    host.omniEvent('lightning:omniChannelLogout', {});
    expect(seen).toHaveLength(10);
  });

  it('drops events outside the ten and never hands out the sender object', async () => {
    const { host, port } = await bridgedHost();
    const seen = [];
    port.subscribe((event) => seen.push(event));
    expect(host.omniEvent('lightning:somethingElse', { statusId: 'x' })).toBe(false);
    expect(host.omniEvent('omniChannelStatusChanged', { statusId: 'x' })).toBe(false);

    const detail = { statusId: '0N5xx0000000001' };
    host.omniEvent('lightning:omniChannelLoginSuccess', detail);
    host.omniEvent('lightning:omniChannelLogout', null);
    expect(seen).toHaveLength(2);
    expect(seen[0].detail).not.toBe(detail);
    expect(seen[1].detail).toEqual({});
  });

  it('keeps delivering when one subscriber throws', async () => {
    const { host, port } = await bridgedHost();
    const seen = [];
    port.subscribe(() => {
      throw new Error('boom');
    });
    port.subscribe((event) => seen.push(event.type));
    host.omniEvent('lightning:omniChannelWorkClosed', { workItemId: '0Mw', workId: '0Bz' });
    expect(seen).toEqual(['lightning:omniChannelWorkClosed']);
  });

  it('round-trips through the Aura helper as it ships, against a toolkit', async () => {
    const { helper } = loadAuraBundle();
    const host = await mount();
    const toolkit = {
      setServicePresenceStatus: jest.fn(() =>
        Promise.resolve({
          statusId: '0N5xx0000000002',
          statusName: 'Away',
          statusApiName: 'Away',
          channels: '[]',
        }),
      ),
    };
    const component = { find: (id) => (id === 'host' ? host : toolkit), isValid: () => true };
    host.addEventListener('omnicall', (event) =>
      helper.runCall(component, { getParam: (name) => event.detail[name] }),
    );

    await expect(
      inner(host).omni.setServicePresenceStatus({ statusId: '0N5xx0000000002' }),
    ).resolves.toMatchObject({ statusApiName: 'Away' });
    expect(toolkit.setServicePresenceStatus).toHaveBeenCalledWith({ statusId: '0N5xx0000000002' });
  });
});

describe('the utility label and icon', () => {
  const change = (host, phase) =>
    inner(host).dispatchEvent(new CustomEvent('presencesyncchange', { detail: { phase } }));

  it('follow the phase: in sync, syncing, error', async () => {
    const host = await mount({ locale: 'fr' });
    EnclosingUtilityId.emit('utility-1');
    await settle();
    expect(updateUtility).toHaveBeenLastCalledWith('utility-1', {
      label: 'Presence Sync: [fr] waiting',
      icon: 'clock',
      iconVariant: 'warning',
      highlighted: false,
    });

    change(host, 'in-sync');
    await settle();
    expect(updateUtility).toHaveBeenLastCalledWith('utility-1', {
      label: 'Presence Sync: [fr] in-sync',
      icon: 'success',
      iconVariant: 'success',
      highlighted: false,
    });

    change(host, 'syncing');
    await settle();
    expect(updateUtility).toHaveBeenLastCalledWith('utility-1', {
      label: 'Presence Sync: [fr] syncing',
      icon: 'sync',
      iconVariant: 'warning',
      highlighted: false,
    });

    change(host, 'error');
    await settle();
    expect(updateUtility).toHaveBeenLastCalledWith('utility-1', {
      label: 'Presence Sync: [fr] error',
      icon: 'error',
      iconVariant: 'error',
      highlighted: true,
    });
  });

  it('turns to error on an attribute error, which stops the element without a change event', async () => {
    const host = await mount();
    EnclosingUtilityId.emit('utility-3');
    await settle();
    inner(host).snapshot = { phase: 'error' };
    inner(host).dispatchEvent(
      new CustomEvent('presencesyncerror', {
        detail: { code: 'rules-invalid', message: 'rules: required', recoverable: false },
      }),
    );
    await settle();
    expect(updateUtility).toHaveBeenLastCalledWith(
      'utility-3',
      expect.objectContaining({ icon: 'error', highlighted: true }),
    );

    // A recoverable problem while the element stays in sync leaves the item as it is.
    change(host, 'in-sync');
    await settle();
    const calls = updateUtility.mock.calls.length;
    inner(host).snapshot = { phase: 'in-sync' };
    inner(host).dispatchEvent(
      new CustomEvent('presencesyncerror', {
        detail: { code: 'storage-unavailable', message: 'x', recoverable: true },
      }),
    );
    await settle();
    expect(updateUtility.mock.calls.length).toBe(calls);
  });

  it('is updated once per change of phase, not once per snapshot', async () => {
    const host = await mount();
    EnclosingUtilityId.emit('utility-1');
    await settle();
    const before = updateUtility.mock.calls.length;
    change(host, 'in-sync');
    change(host, 'in-sync');
    change(host, 'in-sync');
    await settle();
    expect(updateUtility.mock.calls.length).toBe(before + 1);
  });

  it('is left alone outside a utility', async () => {
    const host = await mount();
    EnclosingUtilityId.emit(null);
    change(host, 'error');
    await settle();
    expect(updateUtility).not.toHaveBeenCalled();
  });

  it('falls back to the phase name when the script exposes no labels, and treats an unknown phase as an error', async () => {
    loadScript.mockImplementation(() => {
      if (!customElements.get('presence-sync'))
        customElements.define('presence-sync', FakePresenceSync);
      return Promise.resolve();
    });
    const host = await mount();
    EnclosingUtilityId.emit('utility-2');
    change(host, 'weird');
    await settle();
    expect(updateUtility).toHaveBeenLastCalledWith(
      'utility-2',
      expect.objectContaining({ label: 'Presence Sync: error', icon: 'error' }),
    );
  });
});

describe('rules from Custom Metadata', () => {
  const DOCUMENT = '{"version":1,"rules":[{"name":"Chat and voice"}]}';
  const SOURCES = [
    {
      path: 'rules[0]',
      type: 'Presence_Sync_Rule__mdt',
      record: 'Elinor',
      label: 'Chat and voice',
    },
    {
      path: 'rules[0].publisher[1]',
      type: 'Presence_Sync_Row__mdt',
      record: 'Elinor_Pub_2',
      label: 'On a call → Busy on call',
    },
  ];

  beforeEach(() => {
    getRuleDocument.mockReset();
    getRuleDocument.mockResolvedValue({ document: DOCUMENT, sources: SOURCES, rules: 1 });
  });

  it('reads the rule set through Apex and gives the element its document', async () => {
    const host = await mount({ rules: '', ruleSet: 'Elinor' });
    expect(getRuleDocument).toHaveBeenCalledWith({ ruleSet: 'Elinor' });
    expect(inner(host).values.rules).toBe(DOCUMENT);
    expect(notices(host)).toEqual([]);
  });

  it('lets the JSON attribute override the rule set, without asking Apex', async () => {
    const host = await mount({ rules: '{"version":1,"rules":[]}', ruleSet: 'Elinor' });
    expect(getRuleDocument).not.toHaveBeenCalled();
    expect(inner(host).values.rules).toBe('{"version":1,"rules":[]}');
  });

  it('names the record and field of a problem the element found', async () => {
    const host = await mount({ rules: '', ruleSet: 'Elinor' });
    const element = inner(host);
    element.values.snapshot = {
      phase: 'error',
      problems: [
        {
          code: 'rules-invalid',
          message: 'names a Salesforce status this org does not have (Busy_On_Cal).',
          path: 'rules[0].publisher[1].salesforce',
        },
        { code: 'omni-unavailable', message: 'Omni-Channel is not there.' },
      ],
    };
    element.dispatchEvent(new CustomEvent('presencesyncerror', { detail: {} }));
    await settle();
    expect(notices(host)).toEqual([
      'Fix the Presence Sync Row "On a call → Busy on call" (Elinor_Pub_2), field Salesforce Status: names a Salesforce status this org does not have (Busy_On_Cal).',
    ]);
    // Fixed: the next snapshot has no such problem, and the notice goes.
    element.values.snapshot = { phase: 'in-sync', problems: [] };
    element.dispatchEvent(new CustomEvent('presencesyncchange', { detail: { phase: 'in-sync' } }));
    await settle();
    expect(notices(host)).toEqual([]);
  });

  it('says so when the rule set has no active rule, or cannot be read', async () => {
    getRuleDocument.mockResolvedValue({
      document: '{"version":1,"rules":[]}',
      sources: [],
      rules: 0,
    });
    const empty = await mount({ rules: '', ruleSet: 'Webx' });
    expect(notices(empty)[0]).toMatch(/"Webx" has no active Presence Sync Rule records/);
    getRuleDocument.mockRejectedValue({ body: { message: 'Cannot read the Presence Sync rules' } });
    const failed = await mount({ rules: '', ruleSet: 'Webex' });
    expect(notices(failed)).toContain(
      'The rule set "Webex" could not be read: Cannot read the Presence Sync rules',
    );
  });
});
