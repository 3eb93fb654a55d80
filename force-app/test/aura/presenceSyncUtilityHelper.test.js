import { loadAuraBundle } from './load-aura';
import { OMNI_EVENTS, OMNI_METHODS } from '../../main/default/lwc/presenceSyncHost/omniBridge';

function auraEvent(params) {
  return { getParams: () => params, getParam: (name) => (params ? params[name] : undefined) };
}

function fakeHost() {
  return { omniEvent: jest.fn(), omniResult: jest.fn() };
}

function fakeComponent(host, toolkit, valid = true) {
  return { find: (id) => ({ host, omniToolkit: toolkit })[id], isValid: () => valid };
}

// Lets the helper's promise callbacks run (a few microtask turns; no timers involved).
async function flush() {
  for (let i = 0; i < 5; i += 1) {
    await Promise.resolve();
  }
}

describe('Aura controller: console events', () => {
  const { controller, helper } = loadAuraBundle();

  it('has one action per console event, each forwarding its own event name', () => {
    const actions = Object.keys(controller).filter((name) => name !== 'onOmniCall');
    expect(actions).toHaveLength(10);
    const forwarded = actions.map((action) => {
      const host = fakeHost();
      controller[action](fakeComponent(host), auraEvent({ statusId: '0N5xx0000000001' }), helper);
      expect(host.omniEvent).toHaveBeenCalledTimes(1);
      return host.omniEvent.mock.calls[0][0];
    });
    expect(forwarded.sort()).toEqual([...OMNI_EVENTS].sort());
  });

  it('forwards the params unchanged in shape, as a copy', () => {
    const host = fakeHost();
    const params = {
      statusId: '0N5xx0000000002',
      statusName: 'Away',
      statusApiName: 'Away',
      channels: '[{"channelId":"0N9"}]',
      reason: 'OmniManualStatusChange',
    };
    controller.onStatusChanged(fakeComponent(host), auraEvent(params), helper);
    const [type, detail] = host.omniEvent.mock.calls[0];
    expect(type).toBe('lightning:omniChannelStatusChanged');
    expect(detail).toEqual(params);
    expect(detail).not.toBe(params);
  });

  it('forwards workload numbers as they came (strings stay strings; the element normalises)', () => {
    const host = fakeHost();
    const params = { configuredCapacity: '5', previousWorkload: 1, newWorkload: '2' };
    controller.onWorkloadChanged(fakeComponent(host), auraEvent(params), helper);
    expect(host.omniEvent.mock.calls[0][1]).toEqual(params);
  });

  it('forwards an event without params as an empty detail', () => {
    const host = fakeHost();
    controller.onLogout(fakeComponent(host), auraEvent(null), helper);
    expect(host.omniEvent).toHaveBeenCalledWith('lightning:omniChannelLogout', {});
    controller.onLogout(fakeComponent(host), {}, helper);
    expect(host.omniEvent).toHaveBeenLastCalledWith('lightning:omniChannelLogout', {});
  });

  it('does nothing while the LWC host is not there', () => {
    expect(
      helper.forwardEvent(fakeComponent(undefined), 'lightning:omniChannelLogout', auraEvent({}))
    ).toBe(false);
    expect(
      helper.forwardEvent(fakeComponent({}), 'lightning:omniChannelLogout', auraEvent({}))
    ).toBe(false);
  });
});

describe('Aura controller: toolkit calls', () => {
  const { controller, helper } = loadAuraBundle();

  function toolkitResolving(value) {
    return Object.fromEntries(
      OMNI_METHODS.map((method) => [method, jest.fn(() => Promise.resolve(value))])
    );
  }

  it.each(OMNI_METHODS)('runs %s on the toolkit and answers with its result', async (method) => {
    const host = fakeHost();
    const toolkit = toolkitResolving({ ok: method });
    controller.onOmniCall(
      fakeComponent(host, toolkit),
      auraEvent({ callId: 'omni-1', method, args: { statusId: '0N5xx0000000003', junk: 1 } }),
      helper
    );
    await flush();

    const takesStatus = method === 'setServicePresenceStatus' || method === 'login';
    expect(toolkit[method]).toHaveBeenCalledTimes(1);
    expect(toolkit[method].mock.calls[0]).toEqual(
      takesStatus ? [{ statusId: '0N5xx0000000003' }] : []
    );
    expect(host.omniResult).toHaveBeenCalledWith('omni-1', true, { ok: method });
  });

  it.each([
    ['an Error', new Error('Status not permitted'), 'Status not permitted'],
    ['a string', 'Agent is offline', 'Agent is offline'],
    ['an object with a message', { message: 'No access', code: 7 }, 'No access'],
    ['a plain object', { code: 7 }, '{"code":7}'],
    ['undefined', undefined, 'undefined'],
  ])('turns a rejection with %s into a message', async (_, error, message) => {
    const host = fakeHost();
    const toolkit = { login: jest.fn(() => Promise.reject(error)) };
    controller.onOmniCall(
      fakeComponent(host, toolkit),
      auraEvent({ callId: 'omni-2', method: 'login', args: { statusId: '0N5xx0000000001' } }),
      helper
    );
    await flush();
    expect(host.omniResult).toHaveBeenCalledWith('omni-2', false, message);
  });

  it('cuts a very long rejection message to 500 characters', async () => {
    const host = fakeHost();
    const toolkit = { logout: jest.fn(() => Promise.reject(new Error('x'.repeat(5000)))) };
    controller.onOmniCall(
      fakeComponent(host, toolkit),
      auraEvent({ callId: 'omni-3', method: 'logout' }),
      helper
    );
    await flush();
    expect(host.omniResult.mock.calls[0][2]).toHaveLength(500);
  });

  it('answers a toolkit method that throws instead of rejecting', () => {
    const host = fakeHost();
    const toolkit = {
      getAgentWorks: jest.fn(() => {
        throw new TypeError('toolkit not ready');
      }),
    };
    controller.onOmniCall(
      fakeComponent(host, toolkit),
      auraEvent({ callId: 'omni-4', method: 'getAgentWorks' }),
      helper
    );
    expect(host.omniResult).toHaveBeenCalledWith('omni-4', false, 'toolkit not ready');
  });

  it.each([
    'acceptAgentWork',
    'closeAgentWork',
    'constructor',
    '__proto__',
    'toString',
    undefined,
    42,
  ])('refuses %p without touching the toolkit', (method) => {
    const host = fakeHost();
    const toolkit = new Proxy(
      {},
      {
        get: () => {
          throw new Error('toolkit touched');
        },
      }
    );
    controller.onOmniCall(
      fakeComponent(host, toolkit),
      auraEvent({ callId: 'omni-5', method }),
      helper
    );
    expect(host.omniResult).toHaveBeenCalledWith(
      'omni-5',
      false,
      `Omni-Channel method "${String(method)}" is not forwarded by the Presence Sync utility`
    );
  });

  it('ignores a call without a string call id', () => {
    const host = fakeHost();
    const toolkit = toolkitResolving(true);
    expect(
      helper.runCall(fakeComponent(host, toolkit), auraEvent({ callId: 7, method: 'logout' }))
    ).toBe(false);
    expect(toolkit.logout).not.toHaveBeenCalled();
  });

  it('does not answer a component Aura has destroyed meanwhile', async () => {
    const host = fakeHost();
    controller.onOmniCall(
      fakeComponent(host, toolkitResolving(true), false),
      auraEvent({ callId: 'omni-6', method: 'logout' }),
      helper
    );
    await flush();
    expect(host.omniResult).not.toHaveBeenCalled();
  });

  it('answers through $A.getCallback, so Aura runs it inside its lifecycle', async () => {
    const wrapped = [];
    const $A = {
      getCallback:
        (callback) =>
        (...args) => {
          wrapped.push(args);
          return callback(...args);
        },
    };
    const bundle = loadAuraBundle($A);
    const host = fakeHost();
    bundle.controller.onOmniCall(
      fakeComponent(host, toolkitResolving(true)),
      auraEvent({ callId: 'omni-7', method: 'logout' }),
      bundle.helper
    );
    await flush();
    expect(wrapped).toEqual([[true, true]]);
    expect(host.omniResult).toHaveBeenCalledWith('omni-7', true, true);
  });
});
