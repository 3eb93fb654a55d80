// Fuzzing the agent-side guards: generated junk and near-valid messages (11,000 cases per run)
// must never throw, and whatever passes must be exactly the documented types and sizes.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { AgentChannel, type MessageHost } from '../../src/adapters/agent-channel.js';
import {
  BRIDGE_LIMITS,
  PERMANENT_RESULTS,
  RECOVERABLE_RESULTS,
  isPermanentResult,
  parseBridgeMessage,
  type BridgeMessage,
} from '../../src/protocol/bridge.js';
import { parseClientEventsMessage } from '../../src/adapters/agent-client-events.js';
import type { AgentFact } from '../../src/core/inputs.js';
import { ACD_BASES, RAW_STATE_MAX, type AcdState } from '../../src/core/values.js';

const trickyKey = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'ns',
    'v',
    'type',
    'state',
    'seq',
    'events',
    'Type',
  ),
);
const junk = fc.anything({
  maxDepth: 4,
  key: trickyKey,
  withNullPrototype: true,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withDate: true,
});
/** Mostly the valid value, sometimes junk or missing: near-misses that exercise one field at a time. */
const maybe = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 12, arbitrary: valid },
    { weight: 1, arbitrary: junk },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );

const acdState = fc.record({
  state: maybe(fc.constantFrom(...ACD_BASES, 'LoggedIn', 'Busy', 'available')),
  raw: maybe(fc.string({ maxLength: 45 })),
  reason: maybe(fc.string({ maxLength: 110 })),
  isAcw: maybe(fc.boolean()),
  since: maybe(fc.oneof(fc.nat(), fc.double())),
  next: maybe(
    fc.record({ state: maybe(fc.constantFrom(...ACD_BASES, 'Busy')), reason: maybe(fc.string()) }),
  ),
});
const envelope = { ns: maybe(fc.constant('presence-sync')), v: maybe(fc.constant(1)) };
const code = fc.record({
  name: maybe(fc.string({ maxLength: 110 })),
  isAcw: maybe(fc.boolean()),
  isActive: maybe(fc.boolean()),
});

/** One record per message type, every field present, each mostly valid. */
const nearBridge = fc.oneof(
  fc.record({
    ...envelope,
    type: maybe(fc.constant('hello')),
    role: maybe(fc.constantFrom('agent', 'widget', 'host')),
    agent: maybe(
      fc.record({
        agentId: maybe(fc.string({ maxLength: 140 })),
        teamId: maybe(fc.string()),
        teamName: maybe(fc.string()),
        userId: maybe(fc.string()),
      }),
    ),
    codes: maybe(fc.array(code, { maxLength: 4 })),
    state: maybe(acdState),
    write: maybe(fc.boolean()),
  }),
  fc.record({
    ...envelope,
    type: maybe(fc.constant('state')),
    state: maybe(acdState),
    seq: maybe(fc.oneof(fc.integer(), fc.double())),
  }),
  fc.record({
    ...envelope,
    type: maybe(fc.constant('codes')),
    codes: maybe(fc.array(code, { maxLength: 4 })),
  }),
  fc.record({
    ...envelope,
    type: maybe(fc.constant('setState')),
    id: maybe(fc.string({ maxLength: 70 })),
    target: maybe(
      fc.record({
        state: maybe(fc.constantFrom('Available', 'Unavailable', 'InboundContact')),
        reason: maybe(fc.string()),
      }),
    ),
  }),
  fc.record({
    ...envelope,
    type: maybe(fc.constantFrom('result', 'bye')),
    id: maybe(fc.string({ maxLength: 70 })),
    ok: maybe(fc.boolean()),
    code: maybe(fc.string({ maxLength: 70 })),
    message: maybe(fc.string({ maxLength: 310 })),
  }),
);

const rawEvent = fc.record({
  Type: maybe(fc.constantFrom('AgentState', 'AgentSessionStart', 'CallContactEvent')),
  CurrentState: maybe(
    fc.constantFrom(
      'Available',
      'UNAVAILABLE',
      'InboundContact',
      'LoggedIn',
      'DialerPending',
      'LoggedOut',
      'Working',
      '',
    ),
  ),
  CurrentOutReason: maybe(fc.string({ maxLength: 110 })),
  IsAcw: maybe(fc.constantFrom('True', 'False', 'true', 'on', 'OFF', 'yes', true, false)),
  StartTimeUTC: maybe(
    fc.oneof(
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
      fc.string(),
    ),
  ),
  NextStates: maybe(
    fc.array(
      fc.record({
        State: maybe(fc.constantFrom('Available', 'Unavailable', 'Busy')),
        OutReason: maybe(fc.string()),
      }),
      { maxLength: 3 },
    ),
  ),
});
const nearClientEvents = fc.oneof(
  fc.record({
    issuer: maybe(fc.constantFrom('CXA', 'MAX', 'NICE')),
    events: maybe(fc.array(rawEvent, { maxLength: 5 })),
  }),
  fc.record({
    messageType: maybe(
      fc.constantFrom('ClientEventSubscriptionAcknowledge', 'RegisterForClientEvents'),
    ),
    status: maybe(fc.constantFrom('OK', 'ERROR', 'ok')),
    reason: maybe(fc.string()),
  }),
);

/** What every accepted state must be (docs/contract.md §5.1 types, BRIDGE_LIMITS sizes). */
function checkState(state: AcdState): void {
  expect(ACD_BASES).to.include(state.state);
  expect(state.reason).to.be.a('string');
  expect(state.reason.length).to.be.at.most(BRIDGE_LIMITS.reason);
  if (state.state !== 'Unavailable') expect(state.reason).to.equal('');
  expect(state.isAcw).to.be.a('boolean');
  if (state.isAcw) expect(state.state).to.equal('Unavailable');
  if (state.since !== undefined) expect(Number.isFinite(state.since)).to.equal(true);
  if (state.next !== undefined) expect(ACD_BASES).to.include(state.next.state);
  // A state the engine does not know carries its name, and only such a state does.
  if (state.state === 'Other')
    expect(state.raw).to.be.a('string').with.length.within(1, RAW_STATE_MAX);
  else expect(state.raw).to.equal(undefined);
}

function checkBridge(message: BridgeMessage, input: unknown): void {
  expect(message).to.not.equal(input);
  switch (message.type) {
    case 'hello':
      expect(['agent', 'widget']).to.include(message.role);
      expect(message.write).to.be.a('boolean');
      if (message.role === 'agent') {
        // No agent: nobody is signed in (docs/contract.md Details 47); otherwise a real id.
        if (message.agent !== null)
          expect(message.agent.agentId)
            .to.be.a('string')
            .with.length.within(1, BRIDGE_LIMITS.identity);
        expect(message.platform === null || ['cxone', 'webex'].includes(message.platform)).to.equal(
          true,
        );
        for (const code of message.codes ?? []) {
          expect(code.name).to.be.a('string').with.length.within(1, BRIDGE_LIMITS.reason);
          expect(code.isAcw).to.be.a('boolean');
          expect(code.isActive).to.be.a('boolean');
        }
        if (message.state !== null) checkState(message.state);
      }
      break;
    case 'state':
      checkState(message.state);
      expect(message.state).to.not.equal((input as { state: unknown }).state);
      expect(Number.isSafeInteger(message.seq)).to.equal(true);
      break;
    case 'codes':
      expect(message.codes.length).to.be.at.most(BRIDGE_LIMITS.codes);
      break;
    case 'setState':
      expect(['Available', 'Unavailable']).to.include(message.target.state);
      break;
    case 'result':
      expect(message.id.length).to.be.within(1, BRIDGE_LIMITS.id);
      if (!message.ok) expect(message.message.length).to.be.at.most(BRIDGE_LIMITS.message);
      break;
    default:
      expect.fail(`unknown type ${(message as { type: string }).type}`);
  }
}

describe('agent-side guards under fuzzing', () => {
  it('parseBridgeMessage never throws on junk and passes only well-typed messages', () => {
    fc.assert(
      fc.property(junk, (data) => {
        const message = parseBridgeMessage(data);
        if (message !== null) checkBridge(message, data);
      }),
      { numRuns: 3000 },
    );
  });

  it('parseBridgeMessage passes only well-typed messages among near-valid ones, and reaches every type', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(nearBridge, (data) => {
        const message = parseBridgeMessage(data);
        if (message === null) return;
        seen.add(message.type);
        checkBridge(message, data);
      }),
      { numRuns: 3000 },
    );
    expect([...seen].sort()).to.deep.equal(['codes', 'hello', 'result', 'setState', 'state']);
  });

  it('parseBridgeMessage refuses a state whose seq is not a safe integer', () => {
    const state = { state: 'Available', reason: '', isAcw: false, since: 1 };
    const message = (seq: unknown) => ({ ns: 'presence-sync', v: 1, type: 'state', state, seq });
    expect(parseBridgeMessage(message(42))).to.not.equal(null);
    for (const seq of [1e308, 2 ** 53, 1.5, Infinity])
      expect(parseBridgeMessage(message(seq)), String(seq)).to.equal(null);
  });

  it('parseClientEventsMessage never throws and passes only normalised AgentState events', () => {
    let states = 0;
    fc.assert(
      fc.property(fc.oneof(junk, nearClientEvents), (data) => {
        const message = parseClientEventsMessage(data);
        if (message?.type === 'events') {
          for (const state of message.states) checkState(state);
          states += message.states.length;
        }
      }),
      { numRuns: 3000 },
    );
    expect(states).to.be.greaterThan(0);
  });

  it('the channel never throws, and only the agent window on an allowed origin gets past it', () => {
    const allowed = 'https://agent.example.com';
    const peer = { postMessage: () => undefined };
    const other = { postMessage: () => undefined };
    const event = fc.record({
      origin: fc.constantFrom(
        allowed,
        'https://evil.example',
        '',
        'null',
        'https://agent.example.com.evil.example',
      ),
      source: fc.constantFrom(peer, other, null),
      data: fc.oneof(junk, nearBridge),
    });
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 20 }), (events) => {
        let listener: ((event: MessageEvent) => void) | null = null;
        const host: MessageHost = {
          addEventListener: (_type, handler) => (listener = handler),
          removeEventListener: () => (listener = null),
        };
        const channel = new AgentChannel({ origins: allowed, agentWindow: peer, host });
        const handled: unknown[] = [];
        const facts: AgentFact[] = [];
        channel.open(
          (fact) => facts.push(fact),
          (data) => {
            handled.push(data);
            return parseBridgeMessage(data) === null ? 'rejected' : 'accepted';
          },
          (data) => parseBridgeMessage(data)?.type === 'hello',
        );
        for (const sent of events)
          (listener as unknown as (event: MessageEvent) => void)(sent as unknown as MessageEvent);
        const admitted = events
          .filter((sent) => sent.origin === allowed && sent.source === peer)
          .map((sent) => sent.data);
        expect(handled).to.deep.equal(admitted);
        expect(
          facts.every(
            (fact) => fact.type === 'problem.reported' && fact.problem.code === 'origin-refused',
          ),
        ).to.equal(true);
        channel.close();
      }),
      { numRuns: 2000 },
    );
  });
});

describe('bridge protocol result codes', () => {
  it('are the contract’s, each permanent or recoverable, never both', () => {
    expect([...PERMANENT_RESULTS].sort()).to.deep.equal([
      'acw-without-contact',
      'forbidden',
      'invalid-reason',
      'unauthorized',
      'unsupported',
    ]);
    expect([...RECOVERABLE_RESULTS].sort()).to.deep.equal([
      'conflict',
      'network',
      'no-session',
      'not-connected',
      'throttled',
      'timeout',
    ]);
    for (const code of PERMANENT_RESULTS) expect(isPermanentResult(code)).to.equal(true);
    for (const code of RECOVERABLE_RESULTS) expect(isPermanentResult(code)).to.equal(false);
    expect(isPermanentResult('something-new'), 'an unknown code may be retried').to.equal(false);
  });
});
