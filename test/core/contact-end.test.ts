// Previous State and held Salesforce choices meeting the end of a contact (docs/contract.md §6.2,
// §6.5), as engine tables. The seed: "If you select Previous State … the agent's CXone state returns
// to the previous state it was in … to bring an agent's state back to what it was before handling
// an interaction."
import { expect } from '@open-wc/testing';
import { snapshotOf } from '../../src/core/engine/projection.js';
import type { Input } from '../../src/core/inputs.js';
import { formatAcd } from '../../src/core/values.js';
import { ACD_WORK, acdChange, run, sfChange, started, T, whys, writes } from './fixtures.js';
import { confirm, table } from './table.js';

/** The third story's rule: one row each way, no row for the contact itself. */
const PLAIN = {
  version: 1,
  rules: [
    {
      name: 'Plain',
      publisher: [{ acd: 'Available', salesforce: 'Available_for_Chats' }],
      subscriber: [{ salesforce: 'Away', acd: 'Unavailable/Lunch' }],
    },
  ],
};

describe('transition(): Previous State chosen during a contact (§6.2)', () => {
  table([
    {
      it: 'means the state before the contact: back from a call to Lunch, Chat_Done writes nothing',
      given: () => started({ sf: 'Away', acd: 'Available' }),
      when: () => [
        acdChange('Unavailable/Lunch', T),
        acdChange('InboundContact', T + 10_000),
        ...confirm(T + 10_050),
        sfChange('Chat_Done', T + 20_000),
        acdChange('Unavailable/Lunch', T + 60_000),
      ],
      writes: ['omni:Busy_On_Call'],
      why: ['deferred-on-contact', 'in-sync'],
      check: (state) => expect(state.deferred).to.equal(null),
    },
    {
      it: 'means the state before the contact: back from a call to Available, Chat_Done restores Lunch',
      given: () => started({ sf: 'Away', acd: 'Available' }),
      when: () => [
        acdChange('Unavailable/Lunch', T),
        acdChange('InboundContact', T + 10_000),
        ...confirm(T + 10_050),
        sfChange('Chat_Done', T + 20_000),
        acdChange('Available', T + 60_000),
      ],
      writes: ['omni:Busy_On_Call', 'acd:Unavailable/Lunch'],
      why: ['deferred-on-contact', 'deferred-applied'],
    },
    {
      it: 'holds the concrete state it resolved to, which a reload keeps',
      given: () => started({ sf: 'Away', acd: 'Unavailable/Lunch' }),
      when: () => [
        acdChange('InboundContact', T),
        ...confirm(T + 50),
        sfChange('Chat_Done', T + 20_000),
      ],
      writes: ['omni:Busy_On_Call'],
      phase: 'deferred',
      check: (state) => {
        expect(state.deferred?.target).to.deep.equal({ state: 'Unavailable', reason: 'Lunch' });
        expect(snapshotOf(state).deferred?.target).to.equal('Unavailable/Lunch');
      },
    },
  ]);
});

describe('transition(): a held write replacing the contact’s return (§6.2, §6.5)', () => {
  table([
    {
      it: 'keeps a return state the held write replaces out of the history: Chat_Done then restores Available',
      given: () => started({ sf: 'Available_for_Chats', acd: 'Available' }),
      when: () => [
        acdChange('InboundContact', T),
        ...confirm(T + 50),
        sfChange('Away', T + 10_000),
        acdChange('Unavailable', T + 60_000),
        ...confirm(T + 60_050),
        sfChange('Chat_Done', T + 90_000),
      ],
      writes: ['omni:Busy_On_Call', 'acd:Unavailable/Lunch', 'acd:Available'],
      why: ['deferred-applied', 'previous-state'],
      check: (state) =>
        expect(state.history).to.deep.equal([
          { state: 'Available' },
          { state: 'Unavailable', reason: 'Lunch' },
        ]),
    },
  ]);
});

describe('transition(): a contact whose return an older write of ours overrode (§6.5)', () => {
  table([
    {
      it: 'applies the held choice when the ACD shows our older write after the contact ended',
      given: () => started({ sf: 'Away', acd: 'Unavailable/Lunch' }),
      when: () => [
        sfChange('Available_for_Chats', T),
        acdChange('InboundContact', T + 10),
        acdChange('ACW/Wrap', T + 20),
        sfChange('Chat_Done', T + 30),
        acdChange('Unavailable/Lunch', T + 40),
        (state) => ({ type: 'write.succeeded', at: T + 50, id: state.writes[0]!.id }),
        acdChange('Available', T + 60),
      ],
      writes: ['acd:Available', 'acd:Unavailable/Lunch'],
      why: ['deferred-on-contact', 'overridden', 'deferred-applied'],
      check: (state) => expect(state.deferred).to.equal(null),
    },
  ]);
});

describe('transition(): an unmapped Salesforce choice during a contact (§6.5)', () => {
  table([
    {
      it: 'drops the held write and does not publish the return: the newer Salesforce choice stands',
      given: () => started({ rules: PLAIN, sf: 'Available_for_Chats', acd: 'Available' }),
      when: () => [
        acdChange('InboundContact', T),
        sfChange('Away', T + 10_000),
        sfChange('Busy_On_Call', T + 20_000),
        acdChange('Available', T + 60_000),
      ],
      writes: [],
      why: ['deferred-on-contact', 'unmapped', 'overridden'],
      check: (state) => expect(state.deferred).to.equal(null),
    },
  ]);

  it('keeps the choice standing across a reload: the stored time comes back and the return is not published', () => {
    const before = run(
      started({ rules: PLAIN, sf: 'Available_for_Chats', acd: 'Available' }),
      acdChange('InboundContact', T),
      sfChange('Busy_On_Call', T + 20_000),
    );
    const stored = before.effects.flatMap((effect) =>
      effect.type === 'persist' ? [effect.standing] : [],
    );
    expect(stored.at(-1)).to.equal(T + 20_000);
    const reloaded = run(
      started({ rules: PLAIN, sf: 'Busy_On_Call', acd: 'InboundContact' }),
      {
        type: 'storage.restored',
        at: T + 30_000,
        history: [],
        deferred: null,
        standing: T + 20_000,
      },
      acdChange('Available', T + 60_000),
    );
    expect(writes(reloaded.effects)).to.deep.equal([]);
    expect(whys(reloaded.effects)).to.include('overridden');
    expect(reloaded.state.standing).to.equal(null);
  });

  it('publishes the return of a later contact again', () => {
    const given = started({ rules: PLAIN, sf: 'Available_for_Chats', acd: 'Available' });
    const first = run(
      given,
      acdChange('InboundContact', T),
      sfChange('Busy_On_Call', T + 20_000),
      acdChange('Available', T + 60_000),
      acdChange('InboundContact', T + 90_000),
      acdChange('Unavailable/Lunch', T + 120_000),
      acdChange('Available', T + 150_000),
    );
    expect(writes(first.effects)).to.deep.equal(['omni:Available_for_Chats']);
    expect(whys(first.effects)).to.include('overridden');
  });
});

describe('transition(): an ACD state the engine does not know (§6.1, §6.5)', () => {
  const hold = (at: number): Input => ({
    type: 'acd.stateChanged',
    at,
    state: { state: 'Other', raw: 'Hold', reason: '', isAcw: false },
  });
  table([
    {
      it: 'shows it as it came, publishes nothing for it and keeps it out of the history',
      given: () => started({ sf: 'Available_for_Chats', acd: 'Available' }),
      when: () => [hold(T)],
      writes: [],
      why: ['unmapped'],
      check: (state) => {
        expect(snapshotOf(state).acd && formatAcd(snapshotOf(state).acd!)).to.equal('Hold');
        expect(state.history).to.deep.equal([{ state: 'Available' }]);
      },
    },
    {
      it: 'holds a Salesforce choice while it lasts, and applies it when the agent is back',
      given: () => started({ sf: 'Available_for_Chats', acd: 'Available' }),
      when: () => [hold(T), sfChange('Away', T + 10_000), acdChange('Available', T + 60_000)],
      writes: ['acd:Unavailable/Lunch'],
      why: ['deferred-on-contact', 'deferred-applied'],
    },
    {
      it: 'never matches a publisher row, not even a code of the same name',
      given: () =>
        started({
          rules: {
            version: 1,
            rules: [{ name: 'r', publisher: [{ acd: 'Hold', salesforce: 'Away' }] }],
          },
          codes: [{ name: 'Hold', isAcw: false, isActive: true }],
        }),
      when: () => [hold(T)],
      writes: [],
      why: ['unmapped'],
    },
    {
      it: 'neither begins nor ends an acdWork contact: Omni-Channel stays busy through it',
      given: () => started({ rules: ACD_WORK, sf: 'Away', acd: 'Unavailable/Lunch' }),
      when: () => [
        acdChange('InboundContact', T),
        sfChange('Busy_On_Call', T + 1, 'OmniToolkitStatusChange'),
        hold(T + 10_000),
        acdChange('InboundContact', T + 20_000),
        acdChange('Unavailable/Lunch', T + 60_000),
      ],
      writes: ['omni:Busy_On_Call', 'omni:Away'],
    },
  ]);

  it('counts agent-state events read in part', () => {
    const result = run(started(), { type: 'agent.partial', at: T, count: 2 });
    expect(snapshotOf(result.state).counters.partial).to.equal(2);
  });
});
