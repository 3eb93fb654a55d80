/**
 * CXone's raw `AgentState` event, as the agent app posts it to a registered window (NICE's client
 * events) and as the Agent API's `get-next-event` returns it: the one parser both the widget's
 * `cxone-client-events` dialect and the CXone bridge use
 * (https://developer.niceincontact.com/Documentation/AgentSessionEvents).
 *
 * Invariants: total (junk in, null out); `CurrentState` is read case-insensitively, `IsAcw` from
 * `"True"`/`"False"` in any case or booleans, `StartTimeUTC` from ISO text (unparseable refuses the
 * event), the default unavailable reason is `""`, contact states are kept apart (NICE's SDK folds
 * them into "Working"; we must not), a malformed next state is left out.
 */
import { isPlain, list, own, text } from '../core/guard.js';
import type { AcdBase, AcdState } from '../core/values.js';

const LIMITS = { state: 40, reason: 100, time: 40, nextStates: 10 } as const;

/** Raw `CurrentState` values (lower-cased) and what the engine calls them. */
const RAW_STATES: Readonly<Record<string, AcdBase>> = {
  available: 'Available',
  unavailable: 'Unavailable',
  // A new session starts as the default Unavailable (NICE's help: a new session starts Unavailable with no reason; `LoggedIn` is undocumented).
  loggedin: 'Unavailable',
  inboundcontact: 'InboundContact',
  outboundcontact: 'OutboundContact',
  inboundconsult: 'InboundConsult',
  outboundconsult: 'OutboundConsult',
  dialer: 'Dialer',
  // A dialer contact is about to arrive: as busy as the dialer itself.
  dialerpending: 'Dialer',
  loggedout: 'LoggedOut',
};

function rawBase(value: unknown): AcdBase | undefined {
  const raw = text(value, LIMITS.state);
  if (raw === undefined) return undefined;
  const key = raw.toLowerCase();
  return Object.prototype.hasOwnProperty.call(RAW_STATES, key) ? RAW_STATES[key] : undefined;
}

function rawReason(value: unknown): string | undefined {
  return value === undefined || value === null ? '' : text(value, LIMITS.reason);
}

function rawFlag(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** Parses one raw `AgentState` event (https://developer.niceincontact.com/Documentation/AgentSessionEvents); null when any field is malformed. */
export function parseAgentStateEvent(event: unknown): AcdState | null {
  if (!isPlain(event) || own(event, 'Type') !== 'AgentState') return null;
  const state = rawBase(own(event, 'CurrentState'));
  const reason = rawReason(own(event, 'CurrentOutReason'));
  const isAcw = rawFlag(own(event, 'IsAcw'));
  if (state === undefined || reason === undefined || isAcw === undefined) return null;
  const result: { -readonly [K in keyof AcdState]: AcdState[K] } = {
    state,
    reason: state === 'Unavailable' ? reason : '',
    isAcw: state === 'Unavailable' && isAcw,
  };
  const rawTime = own(event, 'StartTimeUTC');
  if (rawTime !== undefined && rawTime !== null) {
    const time = text(rawTime, LIMITS.time);
    const since = time === undefined ? NaN : Date.parse(time);
    if (!Number.isFinite(since)) return null;
    result.since = since;
  }
  // The next state is information only: a malformed one is left out rather than refusing the event.
  const next = list(own(event, 'NextStates'), LIMITS.nextStates)?.[0];
  if (isPlain(next)) {
    const nextState = rawBase(own(next, 'State'));
    const nextReason = rawReason(own(next, 'OutReason'));
    if (nextState !== undefined && nextReason !== undefined)
      result.next = { state: nextState, reason: nextState === 'Unavailable' ? nextReason : '' };
  }
  return result;
}
