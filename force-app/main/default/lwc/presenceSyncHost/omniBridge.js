/**
 * OmniPort (docs/contract.md §3) over the Aura bridge: LWC cannot reach the Omni-Channel toolkit
 * (Salesforce documents it for Aura only), so each call leaves as an `omnicall` DOM event that the Aura
 * utility runs on `lightning:omniToolkitAPI`, and comes back through `deliverResult`; the ten
 * console events come in through `deliverEvent`, unchanged in name and shape.
 */

/** The toolkit methods the element uses; the Aura side refuses any other name. */
export const OMNI_METHODS = Object.freeze([
  'getServicePresenceStatusId',
  'setServicePresenceStatus',
  'login',
  'logout',
  'getAgentWorkload',
  'getAgentWorks',
]);

/** The ten Omni-Channel console events (the console event reference). */
export const OMNI_EVENTS = Object.freeze([
  'lightning:omniChannelLoginSuccess',
  'lightning:omniChannelStatusChanged',
  'lightning:omniChannelLogout',
  'lightning:omniChannelConnectionError',
  'lightning:omniChannelWorkAssigned',
  'lightning:omniChannelWorkAccepted',
  'lightning:omniChannelWorkDeclined',
  'lightning:omniChannelWorkClosed',
  'lightning:omniChannelWorkFlagUpdated',
  'lightning:omniChannelWorkloadChanged',
]);

/** How long a toolkit call may stay unanswered before it is rejected (the engine then retries). */
export const CALL_TIMEOUT_MS = 15000;

function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of the event's own enumerable params, so later changes by the sender cannot reach the engine. */
function copyDetail(detail) {
  const copy = {};
  if (!isRecord(detail)) return copy;
  for (const key of Object.keys(detail)) {
    if (key !== '__proto__') copy[key] = detail[key];
  }
  return copy;
}

/**
 * Creates the port and the two inbound doors of the bridge.
 * @param {{ send: (call: {callId: string, method: string, args?: object}) => void,
 *           listStatuses?: () => Promise<Array<object>>, timeoutMs?: number }} options
 */
export function createOmniBridge({ send, listStatuses, timeoutMs = CALL_TIMEOUT_MS }) {
  const pending = new Map();
  const listeners = new Set();
  let nextId = 1;
  let closed = false;

  function call(method, args) {
    return new Promise((resolve, reject) => {
      if (closed) {
        reject(new Error(`Omni-Channel bridge closed; ${method} not sent`));
        return;
      }
      const callId = `omni-${nextId++}`;
      // A bounded wait for the Aura side's answer, so a lost call fails instead of hanging.
      // eslint-disable-next-line @lwc/lwc/no-async-operation
      const timer = setTimeout(() => {
        pending.delete(callId);
        reject(new Error(`Omni-Channel did not answer ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(callId, { resolve, reject, timer });
      try {
        send(args === undefined ? { callId, method } : { callId, method, args });
      } catch (error) {
        clearTimeout(timer);
        pending.delete(callId);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  const port = {
    getServicePresenceStatusId: () => call('getServicePresenceStatusId'),
    setServicePresenceStatus: (args) =>
      call('setServicePresenceStatus', { statusId: args && args.statusId }),
    login: (args) => call('login', { statusId: args && args.statusId }),
    logout: () => call('logout'),
    getAgentWorkload: () => call('getAgentWorkload'),
    getAgentWorks: () => call('getAgentWorks'),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  if (typeof listStatuses === 'function') port.listStatuses = () => listStatuses();

  return {
    port,
    /** The Aura side's answer to one call; unknown or late ids are ignored. */
    deliverResult(callId, ok, value) {
      const entry = pending.get(callId);
      if (!entry) return false;
      pending.delete(callId);
      clearTimeout(entry.timer);
      if (ok) entry.resolve(value);
      else
        entry.reject(
          new Error(typeof value === 'string' && value ? value : 'Omni-Channel refused the call'),
        );
      return true;
    },
    /** One console event from the Aura handlers; a name outside the ten is dropped. */
    deliverEvent(type, detail) {
      if (closed || !OMNI_EVENTS.includes(type)) return false;
      const event = { type, detail: copyDetail(detail) };
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch {
          // One listener failing must not keep the event from the others.
        }
      }
      return true;
    },
    /** Rejects what is still waiting and stops listening (the host was removed). */
    close() {
      closed = true;
      listeners.clear();
      for (const [callId, entry] of pending) {
        clearTimeout(entry.timer);
        entry.reject(new Error(`Omni-Channel bridge closed before ${callId} was answered`));
      }
      pending.clear();
    },
  };
}
