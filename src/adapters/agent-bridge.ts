/**
 * The `bridge` dialect (docs/contract.md §5.1): our own envelope, read and write, for a page on the
 * contact-center side that relays the agent state.
 *
 * Invariants: `parseBridgeMessage` is total (junk in, null out, never a throw) and returns only
 * values of the documented types and sizes; a `state` whose `seq` does not increase is stale and
 * dropped; every `setState` settles, by its `result` or by `agent-timeout`; a `result` settles only
 * the request with its id; we answer an agent `hello` with ours at most once a second.
 */
import { ErrorCode, SyncError } from '../core/errors.js';
import type { AgentFact, AgentPort } from '../core/ports.js';
import {
  ACD_BASES,
  formatAcd,
  readAcdTarget,
  type AcdBase,
  type AcdState,
  type AcdTarget,
  type AgentIdentity,
  type UnavailableCode,
} from '../core/values.js';
import { AgentChannel, type AgentChannelOptions } from './agent-channel.js';
import { finite, isPlain, list, name, own, text, type Plain } from '../core/guard.js';

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
    }
  | { readonly type: 'state'; readonly state: AcdState; readonly seq: number }
  | { readonly type: 'codes'; readonly codes: UnavailableCode[] }
  | { readonly type: 'setState'; readonly id: string; readonly target: AcdTarget }
  | { readonly type: 'result'; readonly id: string; readonly ok: true }
  | {
      readonly type: 'result';
      readonly id: string;
      readonly ok: false;
      readonly code: string;
      readonly message: string;
    };

/** Agent-app error codes that retrying cannot fix (docs/contract.md §5.1). */
const PERMANENT = new Set(['invalid-reason', 'acw-without-contact', 'forbidden', 'unsupported']);

/** The hello-answer rate limit (docs/contract.md §5.1). */
const HELLO_INTERVAL_MS = 1000;

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
  if (
    state === undefined ||
    reason === undefined ||
    typeof isAcw !== 'boolean' ||
    since === undefined
  )
    return null;
  // Only Unavailable carries a code; ACW is Unavailable with an ACW code (https://developer.niceincontact.com/Documentation/AgentSessionEvents).
  const result: { -readonly [K in keyof AcdState]: AcdState[K] } = {
    state,
    reason: state === 'Unavailable' ? reason : '',
    isAcw: state === 'Unavailable' && isAcw,
    since,
  };
  const rawNext = own(value, 'next');
  if (rawNext !== undefined && rawNext !== null) {
    if (!isPlain(rawNext)) return null;
    const nextState = base(own(rawNext, 'state'));
    const nextReason =
      own(rawNext, 'reason') === undefined
        ? ''
        : text(own(rawNext, 'reason'), BRIDGE_LIMITS.reason);
    if (nextState === undefined || nextReason === undefined) return null;
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

function parseHello(data: Plain): BridgeMessage | null {
  const role = own(data, 'role');
  if (role === 'widget')
    return { type: 'hello', role, agent: null, codes: null, state: null, write: false };
  if (role !== 'agent') return null;
  const agent = parseIdentity(own(data, 'agent'));
  const write = own(data, 'write');
  const rawCodes = own(data, 'codes');
  const rawState = own(data, 'state');
  const codes = rawCodes === undefined ? null : parseCodes(rawCodes);
  const state = rawState === undefined ? null : parseBridgeState(rawState);
  if (
    agent === null ||
    typeof write !== 'boolean' ||
    (rawCodes !== undefined && codes === null) ||
    (rawState !== undefined && state === null)
  )
    return null;
  return { type: 'hello', role, agent, codes, state, write };
}

/** Parses one `bridge` message; null for anything that is not exactly a v1 message of a known type. */
export function parseBridgeMessage(data: unknown): BridgeMessage | null {
  if (!isPlain(data) || own(data, 'ns') !== BRIDGE_NS || own(data, 'v') !== 1) return null;
  switch (own(data, 'type')) {
    case 'hello':
      return parseHello(data);
    case 'state': {
      const state = parseBridgeState(own(data, 'state'));
      const seq = finite(own(data, 'seq'), Number.MIN_SAFE_INTEGER);
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
    case 'result': {
      const id = name(own(data, 'id'), BRIDGE_LIMITS.id);
      const ok = own(data, 'ok');
      if (id === undefined || typeof ok !== 'boolean') return null;
      if (ok) return { type: 'result', id, ok };
      const code = name(own(data, 'code'), BRIDGE_LIMITS.code);
      const message = text(own(data, 'message'), BRIDGE_LIMITS.message);
      return code === undefined || message === undefined
        ? null
        : { type: 'result', id, ok, code, message };
    }
    default:
      return null;
  }
}

/** True when the data is an agent `hello`: the only message that may introduce the agent window. */
function isAgentHello(data: unknown): boolean {
  const message = parseBridgeMessage(data);
  return message !== null && message.type === 'hello' && message.role === 'agent';
}

interface PendingWrite {
  readonly target: AcdTarget;
  readonly timer: unknown;
  readonly resolve: () => void;
  readonly reject: (error: SyncError) => void;
}

/** The `bridge` dialect as an `AgentPort`. */
export class BridgeAgentPort implements AgentPort {
  private readonly channel: AgentChannel;
  private readonly pending = new Map<string, PendingWrite>();
  private lastSeq: number | null = null;
  private lastHelloSent = Number.NEGATIVE_INFINITY;
  private canWrite = false;
  private nextId = 1;
  private readonly prefix = Math.random().toString(36).slice(2, 10);

  /** Throws a `SyncError` (`origin-refused`) for a bad allow-list. */
  constructor(options: AgentChannelOptions) {
    this.channel = new AgentChannel(options);
  }

  connect(sink: (fact: AgentFact) => void): () => void {
    const close = this.channel.open(sink, (data) => this.handle(data), isAgentHello);
    this.sayHello();
    return () => {
      close();
      this.failAll(
        new SyncError(
          ErrorCode.acdWriteFailed,
          'The agent app was disconnected before it answered',
        ),
      );
    };
  }

  private sayHello(): void {
    if (this.channel.post({ ns: BRIDGE_NS, v: 1, type: 'hello', role: 'widget' }))
      this.lastHelloSent = this.channel.clock.now();
  }

  private handle(data: unknown): 'accepted' | 'rejected' | 'ignored' {
    const message = parseBridgeMessage(data);
    if (message === null) return 'rejected';
    switch (message.type) {
      case 'hello': {
        if (message.role !== 'agent') return 'ignored';
        // A new hello starts a new sequence (the agent app reloaded).
        this.lastSeq = null;
        this.canWrite = message.write;
        this.channel.emit({
          type: 'acd.hello',
          identity: message.agent,
          codes: message.codes,
          state: message.state,
          canWrite: message.write,
        });
        if (this.channel.clock.now() - this.lastHelloSent >= HELLO_INTERVAL_MS) this.sayHello();
        this.channel.stateArrived();
        return 'accepted';
      }
      case 'state':
        if (this.lastSeq !== null && message.seq <= this.lastSeq) return 'rejected';
        this.lastSeq = message.seq;
        this.channel.emit({ type: 'acd.stateChanged', state: message.state });
        this.channel.stateArrived();
        return 'accepted';
      case 'codes':
        this.channel.emit({ type: 'acd.codes', codes: message.codes });
        return 'accepted';
      case 'result': {
        const write = this.pending.get(message.id);
        // A late result (after its timeout) or another widget's: nothing waits for it.
        if (write === undefined) return 'ignored';
        this.settle(message.id);
        if (message.ok) write.resolve();
        else {
          write.reject(
            new SyncError(
              ErrorCode.acdWriteFailed,
              `The agent app refused ${formatAcd(write.target)}: ${message.message} (${message.code})`,
              {
                recoverable: !PERMANENT.has(message.code),
              },
            ),
          );
        }
        return 'accepted';
      }
      default:
        // A widget → agent message coming back at us.
        return 'ignored';
    }
  }

  write(target: AcdTarget, options: { timeoutMs: number }): Promise<void> {
    if (this.channel.window === null) {
      return Promise.reject(
        new SyncError(
          ErrorCode.acdWriteFailed,
          'The agent app has not introduced itself yet (no hello from an allowed origin)',
        ),
      );
    }
    if (!this.canWrite) {
      return Promise.reject(
        new SyncError(
          ErrorCode.readOnlyAgent,
          'The agent app said it cannot set the agent state (hello with write: false)',
          { recoverable: false },
        ),
      );
    }
    const id = `${this.prefix}-${this.nextId++}`;
    return new Promise<void>((resolve, reject) => {
      const timer = this.channel.clock.setTimeout(() => {
        if (!this.pending.has(id)) return;
        this.pending.delete(id);
        reject(
          new SyncError(
            ErrorCode.agentTimeout,
            `The agent app did not answer setting ${formatAcd(target)} within ${options.timeoutMs} ms`,
          ),
        );
      }, options.timeoutMs);
      this.pending.set(id, { target, timer, resolve, reject });
      const wire =
        target.state === 'Available'
          ? { state: 'Available' }
          : { state: 'Unavailable', reason: target.reason };
      this.channel.post({ ns: BRIDGE_NS, v: 1, type: 'setState', id, target: wire });
    });
  }

  refresh(options: { timeoutMs: number }): Promise<void> {
    return this.channel.refresh(options.timeoutMs, () => this.sayHello());
  }

  private settle(id: string): void {
    const write = this.pending.get(id);
    if (write === undefined) return;
    this.channel.clock.clearTimeout(write.timer);
    this.pending.delete(id);
  }

  private failAll(error: SyncError): void {
    for (const [id, write] of [...this.pending]) {
      this.settle(id);
      write.reject(error);
    }
  }
}
