// The one AgentState parser (src/protocol/cxone-events.ts) at its boundary: what NICE's SDK passes
// on is kept, what cannot be read is left out and counted, nothing throws.
import { expect } from '@open-wc/testing';
import { parseClientEventsMessage } from '../../src/adapters/agent-client-events.js';
import {
  parseAgentStateEvent,
  readAgentStateEvent,
  readCxoneFlag,
} from '../../src/protocol/cxone-events.js';
import { formatAcd, isBusy, settableOf } from '../../src/core/values.js';

const event = (fields: Record<string, unknown>) => ({
  Type: 'AgentState',
  CurrentState: 'Available',
  CurrentOutReason: '',
  IsAcw: 'False',
  StartTimeUTC: '2026-12-01T10:00:00Z',
  ...fields,
});

describe('readAgentStateEvent()', () => {
  for (const raw of ['Hold', 'Working', 'LoggedIn']) {
    it(`keeps CurrentState "${raw}" as a busy, unsettable Other state shown as it came`, () => {
      const read = readAgentStateEvent(event({ CurrentState: raw, CurrentOutReason: 'Lunch' }));
      expect(read?.state).to.deep.equal({
        state: 'Other',
        raw,
        reason: '',
        isAcw: false,
        since: Date.parse('2026-12-01T10:00:00Z'),
      });
      expect(read?.partial).to.deep.equal(['unknown-state']);
      const state = read!.state;
      expect(isBusy(state)).to.equal(true);
      expect(settableOf(state)).to.equal(null);
      expect(formatAcd(state)).to.equal(raw);
    });
  }

  it('drops only since for a StartTimeUTC that does not parse, and says so', () => {
    const read = readAgentStateEvent(
      event({ CurrentState: 'Unavailable', CurrentOutReason: 'Lunch', StartTimeUTC: 'soon' }),
    );
    expect(read?.state).to.deep.equal({ state: 'Unavailable', reason: 'Lunch', isAcw: false });
    expect(read?.partial).to.deep.equal(['bad-start-time']);
  });

  for (const flag of ['on', 'ON', 'TRUE', 'true', 'True', true]) {
    it(`reads IsAcw ${JSON.stringify(flag)} as after-contact work, as NICE's SDK does`, () => {
      const read = readAgentStateEvent(
        event({ CurrentState: 'Unavailable', CurrentOutReason: 'Wrap', IsAcw: flag }),
      );
      expect(read?.state.isAcw).to.equal(true);
      expect(read?.partial).to.deep.equal([]);
    });
  }

  for (const flag of ['off', 'FALSE', '', false, null, undefined]) {
    it(`reads IsAcw ${JSON.stringify(flag)} as no after-contact work`, () => {
      const read = readAgentStateEvent(
        event({ CurrentState: 'Unavailable', CurrentOutReason: 'Wrap', IsAcw: flag }),
      );
      expect(read?.state.isAcw).to.equal(false);
      expect(read?.partial).to.deep.equal([]);
    });
  }

  it('reads an unreadable IsAcw as false and counts it', () => {
    const read = readAgentStateEvent(event({ CurrentState: 'Unavailable', IsAcw: 'yes' }));
    expect(read?.state.isAcw).to.equal(false);
    expect(read?.partial).to.deep.equal(['bad-flag']);
  });

  it('refuses only an event with no state to keep, and never throws', () => {
    for (const bad of [
      event({ CurrentState: undefined }),
      event({ CurrentState: '' }),
      event({ CurrentState: 42 }),
      event({ CurrentOutReason: { toString: () => 'x' } }),
      event({ Type: 'AgentSessionStart' }),
      null,
      'AgentState',
    ])
      expect(parseAgentStateEvent(bad)).to.equal(null);
  });
});

describe('readCxoneFlag()', () => {
  it('reads booleans and true/on/false/off/"" in any case; anything else is unreadable', () => {
    expect(['True', 'on', 'oN', true].map(readCxoneFlag)).to.deep.equal([true, true, true, true]);
    expect(['FALSE', 'Off', '', false].map(readCxoneFlag)).to.deep.equal([
      false,
      false,
      false,
      false,
    ]);
    expect(['yes', 1, null, undefined, {}].map(readCxoneFlag)).to.deep.equal([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('parseClientEventsMessage(): the dialect keeps a partly read batch and counts it', () => {
  it('passes Hold, a bad start time and IsAcw "on" on, in order, with three parts not read', () => {
    const message = parseClientEventsMessage({
      issuer: 'CXA',
      events: [
        event({ CurrentState: 'Hold' }),
        event({ CurrentState: 'Available', StartTimeUTC: '2026-13-45' }),
        event({ CurrentState: 'Unavailable', CurrentOutReason: 'Wrap', IsAcw: 'on' }),
        event({ CurrentState: 'Unavailable', IsAcw: 'maybe' }),
      ],
    });
    expect(message?.type).to.equal('events');
    if (message?.type !== 'events') return;
    expect(message.states.map(formatAcd)).to.deep.equal([
      'Hold',
      'Available',
      'ACW/Wrap',
      'Unavailable',
    ]);
    expect(message.partial).to.equal(3);
  });
});
