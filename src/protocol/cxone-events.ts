/**
 * CXone's raw `AgentState` event, as the agent app posts it to a registered window (NICE's client
 * events) and as the Agent API's `get-next-event` returns it: the one parser both the widget's
 * `cxone-client-events` dialect and the CXone bridge use
 * (https://developer.niceincontact.com/Documentation/AgentSessionEvents), and the one reader of
 * CXone's flags.
 *
 * Invariants: total (junk in, null out, never a throw); it keeps what it can, as NICE's SDK does
 * (`@nice-devone/common-sdk`'s `AgentStateEvent.parse` passes every event on), and says what it
 * could not read: a `CurrentState` it does not know is kept as `Other` with its raw name (busy,
 * unsettable, shown as it came), an unparsable `StartTimeUTC` drops only `since`, an unreadable
 * `IsAcw` reads as false; only an event with no usable `CurrentState` or a malformed reason is
 * refused. `CurrentState` is read case-insensitively; the default unavailable reason is `""`;
 * contact states are kept apart (NICE's SDK folds them into "Working"; we must not); a malformed
 * next state is left out.
 */
import { isPlain, list, own, text } from '../core/guard.js';
import { RAW_STATE_MAX, type AcdBase, type AcdState } from '../core/values.js';

const LIMITS = { reason: 100, time: 40, nextStates: 10 } as const;

/** Raw `CurrentState` values (lower-cased) and what the engine calls them. */
const RAW_STATES: Readonly<Record<string, AcdBase>> = {
  available: 'Available',
  unavailable: 'Unavailable',
  inboundcontact: 'InboundContact',
  outboundcontact: 'OutboundContact',
  inboundconsult: 'InboundConsult',
  outboundconsult: 'OutboundConsult',
  dialer: 'Dialer',
  // A dialer contact is about to arrive: as busy as the dialer itself.
  dialerpending: 'Dialer',
  loggedout: 'LoggedOut',
};

/** What an `AgentState` event carried that could not be read, and was left out or kept as `Other`. */
export type AgentStatePart = 'unknown-state' | 'bad-start-time' | 'bad-flag';

function rawBase(value: unknown): AcdBase | undefined {
  const raw = text(value, RAW_STATE_MAX);
  if (raw === undefined) return undefined;
  const key = raw.toLowerCase();
  return Object.prototype.hasOwnProperty.call(RAW_STATES, key) ? RAW_STATES[key] : undefined;
}

function rawReason(value: unknown): string | undefined {
  return value === undefined || value === null ? '' : text(value, LIMITS.reason);
}

/**
 * A CXone flag as NICE's SDK reads it (`parseBooleanString` in
 * `nice-devone/nice-cxone-agent-sdk`, `dist/common-sdk/src/util/utility.js`): a boolean, or the
 * text `true`/`on` in any case; `false`/`off`/`""` in any case are false; anything else is
 * unreadable (undefined), which callers refuse or count.
 */
export function readCxoneFlag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  if (/^(true|on)$/i.test(value)) return true;
  if (/^(false|off)?$/i.test(value)) return false;
  return undefined;
}

/**
 * Reads one raw `AgentState` event, keeping what it can; `partial` lists what was not read. Null
 * when it is no `AgentState` event, has no `CurrentState` text, or a malformed reason.
 */
export function readAgentStateEvent(
  event: unknown,
): { readonly state: AcdState; readonly partial: readonly AgentStatePart[] } | null {
  if (!isPlain(event) || own(event, 'Type') !== 'AgentState') return null;
  const raw = text(own(event, 'CurrentState'), RAW_STATE_MAX);
  const reason = rawReason(own(event, 'CurrentOutReason'));
  if (raw === undefined || raw === '' || reason === undefined) return null;
  const partial: AgentStatePart[] = [];
  const state = rawBase(raw) ?? 'Other';
  if (state === 'Other') partial.push('unknown-state');
  const rawAcw = own(event, 'IsAcw');
  const isAcw = rawAcw === undefined || rawAcw === null ? false : readCxoneFlag(rawAcw);
  if (isAcw === undefined) partial.push('bad-flag');
  const result: { -readonly [K in keyof AcdState]: AcdState[K] } = {
    state,
    reason: state === 'Unavailable' ? reason : '',
    isAcw: state === 'Unavailable' && isAcw === true,
    ...(state === 'Other' ? { raw } : {}),
  };
  const rawTime = own(event, 'StartTimeUTC');
  if (rawTime !== undefined && rawTime !== null) {
    const time = text(rawTime, LIMITS.time);
    const since = time === undefined ? NaN : Date.parse(time);
    if (Number.isFinite(since)) result.since = since;
    else partial.push('bad-start-time');
  }
  // The next state is information only: a malformed or unknown one is left out.
  const next = list(own(event, 'NextStates'), LIMITS.nextStates)?.[0];
  if (isPlain(next)) {
    const nextState = rawBase(own(next, 'State'));
    const nextReason = rawReason(own(next, 'OutReason'));
    if (nextState !== undefined && nextReason !== undefined)
      result.next = { state: nextState, reason: nextState === 'Unavailable' ? nextReason : '' };
  }
  return { state: result, partial };
}

/** Parses one raw `AgentState` event (https://developer.niceincontact.com/Documentation/AgentSessionEvents), keeping what it can; null when it is none. */
export function parseAgentStateEvent(event: unknown): AcdState | null {
  return readAgentStateEvent(event)?.state ?? null;
}
