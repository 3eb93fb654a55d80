/**
 * The bridge protocol (docs/contract.md §5.1): the envelope, every message's guard, the `result`
 * codes and the limits, shared by the widget's agent side and by the pages on the contact-center
 * side (the CXone bridge), so the two ends cannot drift.
 *
 * Invariants: `parseBridgeMessage` is total (junk in, null out, never a throw) and returns only
 * values of the documented types and sizes; only own data properties are read; an unknown `ns` or
 * `v` is refused.
 */
import { finite, isPlain, list, name, own, text, type Plain } from '../core/guard.js';
import {
  ACD_BASES,
  RAW_STATE_MAX,
  readAcdTarget,
  type AcdBase,
  type AcdState,
  type AcdTarget,
  type AgentIdentity,
  type UnavailableCode,
} from '../core/values.js';

export type { AcdState, AcdTarget, AgentIdentity, UnavailableCode };

/** The envelope namespace. */
export const BRIDGE_NS = 'presence-sync';

/** Sizes past which a field is refused (a code name in CXone is far shorter). */
export const BRIDGE_LIMITS = {
  id: 64,
  reason: 100,
  identity: 128,
  codes: 500,
  message: 300,
  code: 64,
} as const;

/** A `bridge` message that passed the guard. */
export type BridgeMessage =
  | {
      readonly type: 'hello';
      readonly role: 'agent' | 'widget';
      readonly agent: AgentIdentity | null;
      readonly codes: UnavailableCode[] | null;
      readonly state: AcdState | null;
      readonly write: boolean;
      /** Why the agent side cannot sync now (not signed in, misconfigured), for the widget to show. */
      readonly problem: string | null;
      /** The widget's panel language (a language tag), which the agent side may show words in. */
      readonly locale: string | null;
      /** The widget's Salesforce org id, which the agent side may check its own settings against. */
      readonly orgId: string | null;
      /** Which contact center the agent side speaks for, so the widget can name it; a hint. */
      readonly platform: BridgePlatform | null;
    }
  | { readonly type: 'state'; readonly state: AcdState; readonly seq: number }
  | { readonly type: 'codes'; readonly codes: UnavailableCode[] }
  | { readonly type: 'setState'; readonly id: string; readonly target: AcdTarget }
  /**
   * The widget arms (a target) or disarms (null) the state the agent side sets as its page goes
   * for good: sent when the widget's tab is the user's last console tab (docs/contract.md §6.12).
   */
  | { readonly type: 'sessionEnd'; readonly target: AcdTarget | null }
  | { readonly type: 'result'; readonly id: string; readonly ok: true }
  | {
      readonly type: 'result';
      readonly id: string;
      readonly ok: false;
      /** One of `ResultCode`, or a newer code this end does not know (taken as recoverable). */
      readonly code: string;
      readonly message: string;
      /** How long the agent side asks the widget to wait before trying again (`throttled`). */
      readonly retryAfterMs: number | null;
    };

/** The contact centers an agent `hello` may name (`platform`). */
export const BRIDGE_PLATFORMS = ['cxone', 'webex'] as const;

/** One of `BRIDGE_PLATFORMS`. */
export type BridgePlatform = (typeof BRIDGE_PLATFORMS)[number];

/** `result` codes that retrying cannot fix (docs/contract.md §5.1). */
export const PERMANENT_RESULTS = [
  'invalid-reason',
  'acw-without-contact',
  'forbidden',
  'unsupported',
  'unauthorized',
] as const;

/** `result` codes worth retrying: the agent side may be fine a moment later. */
export const RECOVERABLE_RESULTS = [
  'timeout',
  'network',
  'throttled',
  'no-session',
  'conflict',
  'not-connected',
] as const;

/** A `result` code the agent side sends (docs/contract.md §5.1). */
export type ResultCode = (typeof PERMANENT_RESULTS)[number] | (typeof RECOVERABLE_RESULTS)[number];

/** How a `setState` ended, as the agent side answers it. */
export type ResultOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly code: ResultCode;
      readonly message: string;
      /** With `throttled`: the delay the contact center asked for. */
      readonly retryAfterMs?: number;
    };

/** The longest `retryAfterMs` a `result` may carry (an hour): longer is refused as junk. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/** Whether a `result` code says retrying cannot help (an unknown code is taken as recoverable). */
export function isPermanentResult(code: string): boolean {
  return (PERMANENT_RESULTS as readonly string[]).includes(code);
}

/** How often at most one side answers the other's `hello` with its own (docs/contract.md §5.1). */
export const HELLO_INTERVAL_MS = 1000;

function base(value: unknown): AcdBase | undefined {
  return typeof value === 'string' && (ACD_BASES as readonly string[]).includes(value)
    ? (value as AcdBase)
    : undefined;
}

/** Parses the `state` object of `hello` and `state` messages. */
export function parseBridgeState(value: unknown): AcdState | null {
  if (!isPlain(value)) return null;
  const state = base(own(value, 'state'));
  const rawReason = own(value, 'reason');
  const reason = rawReason === undefined ? '' : text(rawReason, BRIDGE_LIMITS.reason);
  const isAcw = own(value, 'isAcw');
  const since = finite(own(value, 'since'));
  // A state the ACD sent that the engine does not know comes with its name, shown as it came.
  const raw = state === 'Other' ? name(own(value, 'raw'), RAW_STATE_MAX) : undefined;
  if (
    state === undefined ||
    reason === undefined ||
    typeof isAcw !== 'boolean' ||
    since === undefined ||
    (state === 'Other' && raw === undefined)
  )
    return null;
  // Only Unavailable carries a code; ACW is Unavailable with an ACW code (https://developer.niceincontact.com/Documentation/AgentSessionEvents).
  const result: { -readonly [K in keyof AcdState]: AcdState[K] } = {
    state,
    reason: state === 'Unavailable' ? reason : '',
    isAcw: state === 'Unavailable' && isAcw,
    since,
    ...(raw !== undefined ? { raw } : {}),
  };
  const rawNext = own(value, 'next');
  if (rawNext !== undefined && rawNext !== null) {
    if (!isPlain(rawNext)) return null;
    const nextState = base(own(rawNext, 'state'));
    const nextReason =
      own(rawNext, 'reason') === undefined
        ? ''
        : text(own(rawNext, 'reason'), BRIDGE_LIMITS.reason);
    if (nextState === undefined || nextState === 'Other' || nextReason === undefined) return null;
    result.next = { state: nextState, reason: nextState === 'Unavailable' ? nextReason : '' };
  }
  return result;
}

/** Parses the team's unavailable codes; one bad entry refuses the whole list. */
export function parseCodes(value: unknown): UnavailableCode[] | null {
  const items = list(value, BRIDGE_LIMITS.codes);
  if (items === undefined) return null;
  const codes: UnavailableCode[] = [];
  for (const item of items) {
    if (!isPlain(item)) return null;
    const codeName = name(own(item, 'name'), BRIDGE_LIMITS.reason);
    const isAcw = own(item, 'isAcw');
    const isActive = own(item, 'isActive');
    if (codeName === undefined || typeof isAcw !== 'boolean' || typeof isActive !== 'boolean')
      return null;
    codes.push({ name: codeName, isAcw, isActive });
  }
  return codes;
}

function parseIdentity(value: unknown): AgentIdentity | null {
  if (!isPlain(value)) return null;
  const agentId = name(own(value, 'agentId'), BRIDGE_LIMITS.identity);
  if (agentId === undefined) return null;
  const identity: { -readonly [K in keyof AgentIdentity]: AgentIdentity[K] } = { agentId };
  for (const key of ['teamId', 'teamName', 'userId'] as const) {
    const raw = own(value, key);
    if (raw === undefined) continue;
    const field = name(raw, BRIDGE_LIMITS.identity);
    if (field === undefined) return null;
    identity[key] = field;
  }
  return identity;
}

/** A BCP 47 language tag's shape: a primary language and up to three subtags. */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;
/** A Salesforce organization id: `00D` and 12 more characters, or 15 more (the 18-character form). */
const ORG_ID = /^00D[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?$/;

function parseHello(data: Plain): BridgeMessage | null {
  const role = own(data, 'role');
  if (role === 'widget') {
    // Hints, not demands: a tag that is not a plain language tag, or an id that is not an org id,
    // is left out.
    const locale = own(data, 'locale');
    const orgId = own(data, 'orgId');
    return {
      type: 'hello',
      role,
      agent: null,
      codes: null,
      state: null,
      write: false,
      problem: null,
      locale:
        typeof locale === 'string' && LANGUAGE_TAG.test(locale) && locale.length <= 35
          ? locale
          : null,
      orgId: typeof orgId === 'string' && ORG_ID.test(orgId) ? orgId : null,
      platform: null,
    };
  }
  if (role !== 'agent') return null;
  // No `agent`: nobody is signed in on the agent side, so no rule can be chosen for anyone yet.
  const rawAgent = own(data, 'agent');
  const agent = rawAgent === undefined ? null : parseIdentity(rawAgent);
  const rawPlatform = own(data, 'platform');
  const platform = BRIDGE_PLATFORMS.find((known) => known === rawPlatform) ?? null;
  const write = own(data, 'write');
  const rawCodes = own(data, 'codes');
  const rawState = own(data, 'state');
  const rawProblem = own(data, 'problem');
  const codes = rawCodes === undefined ? null : parseCodes(rawCodes);
  const state = rawState === undefined ? null : parseBridgeState(rawState);
  const problem = rawProblem === undefined ? null : name(rawProblem, BRIDGE_LIMITS.message);
  if (
    (rawAgent !== undefined && agent === null) ||
    typeof write !== 'boolean' ||
    (rawCodes !== undefined && codes === null) ||
    (rawState !== undefined && state === null) ||
    problem === undefined
  )
    return null;
  return {
    type: 'hello',
    role,
    agent,
    codes,
    state,
    write,
    problem,
    locale: null,
    orgId: null,
    platform,
  };
}

/** Parses one `bridge` message; null for anything that is not exactly a v1 message of a known type. */
export function parseBridgeMessage(data: unknown): BridgeMessage | null {
  if (!isPlain(data) || own(data, 'ns') !== BRIDGE_NS || own(data, 'v') !== 1) return null;
  switch (own(data, 'type')) {
    case 'hello':
      return parseHello(data);
    case 'state': {
      const state = parseBridgeState(own(data, 'state'));
      // A safe integer: a seq of 1e308 would make every later state look stale until a hello.
      const raw = own(data, 'seq');
      const seq = Number.isSafeInteger(raw) ? finite(raw, Number.MIN_SAFE_INTEGER) : undefined;
      return state === null || seq === undefined ? null : { type: 'state', state, seq };
    }
    case 'codes': {
      const codes = parseCodes(own(data, 'codes'));
      return codes === null ? null : { type: 'codes', codes };
    }
    case 'setState': {
      const id = name(own(data, 'id'), BRIDGE_LIMITS.id);
      const target = readAcdTarget(own(data, 'target'), BRIDGE_LIMITS.reason, '');
      return id === undefined || target === null ? null : { type: 'setState', id, target };
    }
    case 'sessionEnd': {
      const raw = own(data, 'target');
      if (raw === null) return { type: 'sessionEnd', target: null };
      const target = readAcdTarget(raw, BRIDGE_LIMITS.reason, '');
      return target === null ? null : { type: 'sessionEnd', target };
    }
    case 'result': {
      const id = name(own(data, 'id'), BRIDGE_LIMITS.id);
      const ok = own(data, 'ok');
      if (id === undefined || typeof ok !== 'boolean') return null;
      if (ok) return { type: 'result', id, ok };
      const code = name(own(data, 'code'), BRIDGE_LIMITS.code);
      const message = text(own(data, 'message'), BRIDGE_LIMITS.message);
      const rawDelay = own(data, 'retryAfterMs');
      const delay = rawDelay === undefined ? null : finite(rawDelay);
      const retryAfterMs =
        delay === null
          ? null
          : delay !== undefined && delay <= MAX_RETRY_AFTER_MS
            ? delay
            : undefined;
      return code === undefined || message === undefined || retryAfterMs === undefined
        ? null
        : { type: 'result', id, ok, code, message, retryAfterMs };
    }
    default:
      return null;
  }
}

/** A protocol message as it goes on the wire: the envelope and the fields that are set. */
export type WireMessage = {
  readonly ns: typeof BRIDGE_NS;
  readonly v: 1;
  readonly type: BridgeMessage['type'];
} & Readonly<Record<string, unknown>>;

/**
 * The wire form of a message: the envelope, and only the fields that are set (a `null` is left
 * out, which the guard reads back as `null`), so `parseBridgeMessage(encodeBridgeMessage(m))`
 * gives `m` again.
 */
export function encodeBridgeMessage(message: BridgeMessage): WireMessage {
  const head = { ns: BRIDGE_NS, v: 1, type: message.type } as const;
  switch (message.type) {
    case 'hello': {
      const fields =
        message.role === 'widget'
          ? { locale: message.locale, orgId: message.orgId }
          : {
              platform: message.platform,
              agent: message.agent,
              codes: message.codes,
              state: message.state,
              write: message.write,
              problem: message.problem,
            };
      return { ...head, role: message.role, ...setOnly(fields) };
    }
    case 'state':
      return { ...head, state: message.state, seq: message.seq };
    case 'codes':
      return { ...head, codes: message.codes };
    case 'setState':
      return {
        ...head,
        id: message.id,
        target: wireTarget(message.target),
      };
    case 'sessionEnd':
      return { ...head, target: message.target === null ? null : wireTarget(message.target) };
    case 'result':
      return message.ok
        ? { ...head, id: message.id, ok: true }
        : {
            ...head,
            id: message.id,
            ok: false,
            code: message.code,
            message: message.message,
            ...setOnly({ retryAfterMs: message.retryAfterMs }),
          };
  }
}

function wireTarget(target: AcdTarget): Record<string, string> {
  return target.state === 'Available'
    ? { state: 'Available' }
    : { state: 'Unavailable', reason: target.reason };
}

function setOnly(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
}
