// The agent's day as engine tables on the manual clock (docs/contract.md §6.12): timed states,
// scheduled states, idle, cancelling, and a reload mid-lunch.
import { expect } from '@open-wc/testing';
import type { Effect } from '../../src/core/effects.js';
import type { Input } from '../../src/core/inputs.js';
import { snapshotOf } from '../../src/core/engine/projection.js';
import { initialState } from '../../src/core/engine/state.js';
import type { EngineState } from '../../src/core/engine/state.js';
import { DEFAULT_CONFIG, type EngineConfig } from '../../src/core/config.js';
import type { Decision } from '../../src/core/snapshot.js';
import {
  acd,
  acdChange,
  CODES,
  doc,
  run,
  sfChange,
  started,
  status,
  STATUSES,
  T,
  whys,
  writes,
} from './fixtures.js';
import { table } from './table.js';
import { settle, tick, TIMED } from './day.js';

const MIN = 60_000;

/** Runs inputs, where a function may give several inputs from the state before them. */
function play(
  state: EngineState,
  ...steps: Array<Input | ((state: EngineState) => Input | Input[])>
): { state: EngineState; effects: Effect[] } {
  let current = state;
  const effects: Effect[] = [];
  for (const given of steps) {
    const inputs = typeof given === 'function' ? [given(current)].flat() : [given];
    for (const input of inputs) {
      const result = run(current, input);
      current = result.state;
      effects.push(...result.effects);
    }
  }
  return { state: current, effects };
}

function decisions(effects: readonly Effect[]): Decision[] {
  return effects.flatMap((effect) => (effect.type === 'decide' ? [effect.decision] : []));
}

const timed = (
  config: Partial<EngineConfig> = {},
  sf = 'Available_for_Chats',
  state = 'Available',
) => started({ rules: TIMED, sf, acd: state, config });

/** The agent takes a 30-minute Away (the ACD follows to Lunch), all settled by T + 100 ms. */
const lunch = (config: Partial<EngineConfig> = {}) =>
  play(timed(config), sfChange('Away', T), settle(T + 100)).state;

describe('timed states (§6.12)', () => {
  table([
    {
      it: 'writes the timeout target and the mapped ACD state when the timed status lasts its minutes',
      given: () => lunch(),
      when: () => [tick(T + 30 * MIN - 1), tick(T + 30 * MIN)],
      writes: ['omni:Available_for_Chats', 'acd:Available'],
      why: ['timed-out'],
      check: (state) => expect(snapshotOf(state).deadlines).to.equal(undefined),
    },
    {
      it: 'writes nothing a moment before the deadline',
      given: () => lunch(),
      when: () => [tick(T + 30 * MIN - 1)],
      writes: [],
    },
    {
      it: 'is cancelled by a change the agent makes on the timed side',
      given: () => lunch(),
      when: () => [sfChange('Training', T + 10 * MIN), tick(T + 30 * MIN)],
      writes: [],
      check: (state) => expect(snapshotOf(state).deadlines).to.equal(undefined),
    },
    {
      it: 'is cancelled by a change the agent makes on the other side, even one no row maps',
      given: () => lunch(),
      when: () => [acdChange('Unavailable/Meeting', T + 10 * MIN), tick(T + 30 * MIN)],
      writes: [],
      check: (state) =>
        expect(snapshotOf(state).deadlines?.map((deadline) => deadline.source)).to.deep.equal([
          'Unavailable/Meeting',
        ]),
    },
    {
      it: 'waits for a contact that is on when it comes, then writes once the contact ends',
      given: () => lunch(),
      when: () => [
        acdChange('InboundContact', T + 20 * MIN),
        settle(T + 20 * MIN + 100),
        tick(T + 30 * MIN),
        (state) => {
          expect(snapshotOf(state).deadlines?.[0]?.held).to.equal(true);
          return tick(T + 31 * MIN);
        },
        acdChange('Unavailable/Lunch', T + 40 * MIN),
        settle(T + 40 * MIN + 100),
      ],
      writes: ['omni:Busy_On_Call', 'omni:Away', 'omni:Available_for_Chats', 'acd:Available'],
      why: ['timed-out'],
    },
    {
      it: 'ends with the contact when the contact ends in another state the agent did not time',
      given: () => lunch(),
      when: () => [
        acdChange('InboundContact', T + 20 * MIN),
        settle(T + 20 * MIN + 100),
        tick(T + 30 * MIN),
        acdChange('Available', T + 40 * MIN),
        settle(T + 40 * MIN + 100),
        tick(T + 60 * MIN),
      ],
      writes: ['omni:Busy_On_Call', 'omni:Available_for_Chats'],
    },
    {
      it: 'with "notify" writes nothing and logs timeout-notify',
      given: () => timed(),
      when: () => [acdChange('Unavailable/Meeting', T), tick(T + 60 * MIN)],
      writes: [],
      why: ['timeout-notify'],
    },
    {
      it: 'in shadow mode logs the timeout and writes nothing',
      given: () => lunch({ mode: 'shadow' }),
      when: () => [tick(T + 30 * MIN)],
      writes: [],
      why: ['shadow'],
      check: (state) => expect(snapshotOf(state).deadlines).to.equal(undefined),
    },
    {
      it: 'in a follower tab writes nothing and keeps the deadline for the leader',
      given: () => {
        const state = lunch();
        return run(state, { type: 'leader.changed', at: T + 200, leader: false }).state;
      },
      when: () => [tick(T + 30 * MIN)],
      writes: [],
      check: (state) => expect(snapshotOf(state).deadlines?.length).to.equal(1),
    },
    {
      it: 'is cancelled by the agent from the panel, and the log says so',
      given: () => lunch(),
      when: (state) => [
        { type: 'deadline.cancelled', at: T + MIN, id: state.deadlines[0]!.id },
        tick(T + 30 * MIN),
      ],
      writes: [],
      why: ['deadline-cancelled'],
    },
  ]);

  it('warns two minutes before: the snapshot flips warning at warnAt', () => {
    const state = lunch();
    const [deadline] = snapshotOf(state).deadlines ?? [];
    expect(deadline).to.include({
      kind: 'timeout',
      at: T + 30 * MIN,
      warnAt: T + 28 * MIN,
      warning: false,
      side: 'salesforce',
      target: 'Available_for_Chats',
      source: 'Away',
      setAt: T,
    });
    expect(snapshotOf(run(state, tick(T + 28 * MIN - 1)).state).deadlines?.[0]?.warning).to.equal(
      false,
    );
    expect(snapshotOf(run(state, tick(T + 28 * MIN)).state).deadlines?.[0]?.warning).to.equal(true);
  });

  it('lists deadlines soonest first', () => {
    const state = play(lunch(), {
      type: 'schedule.added',
      at: T + 200,
      entry: { id: 'b', at: T + 10 * MIN, target: { side: 'acd', target: 'Available' } },
    }).state;
    expect(snapshotOf(state).deadlines?.map((deadline) => deadline.id)).to.deep.equal([
      'scheduled:b',
      `timeout:salesforce:Away:${T}`,
    ]);
  });

  it('keeps the deadline over a reload mid-lunch', () => {
    const { effects } = play(timed(), sfChange('Away', T), settle(T + 100));
    const saved = effects.filter((effect) => effect.type === 'persist').at(-1);
    if (saved?.type !== 'persist') throw new Error('nothing saved');
    expect(saved.deadlines.map((deadline) => deadline.at)).to.deep.equal([T + 30 * MIN]);
    const reloaded = reload(saved, T + 12 * MIN);
    expect(snapshotOf(reloaded).deadlines?.map((deadline) => deadline.at)).to.deep.equal([
      T + 30 * MIN,
    ]);
    const result = play(reloaded, tick(T + 30 * MIN));
    expect(writes(result.effects)).to.deep.equal(['omni:Available_for_Chats', 'acd:Available']);
  });
});

/** A new page: storage is read first, then both sides come, as after a reload. */
function reload(stored: Extract<Effect, { type: 'persist' }>, at: number): EngineState {
  const config = { ...DEFAULT_CONFIG, startup: 'none', orgId: '00D5g000004ABCD' } as EngineConfig;
  return play(
    initialState(config),
    { type: 'storage.attached', at },
    { type: 'rules.loaded', at, document: doc(TIMED) },
    { type: 'omni.attached', at, listsStatuses: true },
    { type: 'omni.statuses', at, statuses: STATUSES },
    {
      type: 'storage.restored',
      at,
      history: stored.history,
      deferred: stored.deferred,
      deadlines: stored.deadlines,
      idleFrom: stored.idleFrom,
    },
    { type: 'omni.statusRead', at, status: status('Away') },
    {
      type: 'acd.hello',
      at,
      identity: { agentId: '1001', teamId: '7', teamName: 'Tier 1' },
      codes: CODES,
      state: acd('Unavailable/Lunch'),
      canWrite: true,
    },
  ).state;
}

describe('scheduled states (§6.12)', () => {
  const schedule = (until?: number): Input => ({
    type: 'schedule.added',
    at: T,
    entry: {
      id: 'break-1',
      at: T + 60 * MIN,
      target: { side: 'acd', target: 'Unavailable/Meeting' },
      ...(until !== undefined ? { until } : {}),
    },
  });
  table([
    {
      it: 'writes the scheduled state on its side and the mapped one on the other at its time',
      given: () => started(),
      when: () => [schedule(), tick(T + 60 * MIN - 1), tick(T + 60 * MIN)],
      writes: ['acd:Unavailable/Meeting'],
      why: ['scheduled', 'unmapped'],
    },
    {
      it: 'writes the mapped Salesforce status too when a row maps the scheduled state',
      given: () => started(),
      when: () => [
        {
          type: 'schedule.added',
          at: T,
          entry: { id: 'lunch', at: T + MIN, target: { side: 'acd', target: 'Lunch' } },
        },
        tick(T + MIN),
      ],
      writes: ['acd:Unavailable/Lunch', 'omni:Away'],
      why: ['scheduled'],
    },
    {
      it: 'restores the state held before at `until`',
      given: () => started(),
      when: () => [
        schedule(T + 75 * MIN),
        tick(T + 60 * MIN),
        settle(T + 60 * MIN + 100),
        tick(T + 75 * MIN),
      ],
      // Omni-Channel stayed Available_for_Chats (no row maps Meeting): only the ACD comes back.
      writes: ['acd:Unavailable/Meeting', 'acd:Available'],
      why: ['scheduled', 'schedule-ended'],
    },
    {
      it: 'restores nothing when the agent changed after the scheduled state began',
      given: () => started(),
      when: () => [
        schedule(T + 75 * MIN),
        tick(T + 60 * MIN),
        settle(T + 60 * MIN + 100),
        sfChange('Training', T + 65 * MIN),
        tick(T + 75 * MIN),
      ],
      writes: ['acd:Unavailable/Meeting'],
      check: (state) => expect(snapshotOf(state).deadlines).to.equal(undefined),
    },
    {
      it: 'waits for a contact that is on when it comes',
      given: () => started(),
      when: () => [
        schedule(),
        acdChange('InboundContact', T + 59 * MIN),
        settle(T + 59 * MIN + 100),
        tick(T + 60 * MIN),
        acdChange('Available', T + 70 * MIN),
      ],
      // The return is published as usual; the scheduled state follows it at once.
      writes: ['omni:Busy_On_Call', 'omni:Available_for_Chats', 'acd:Unavailable/Meeting'],
      why: ['scheduled'],
    },
    {
      it: 'writes nothing when its whole window passed before anything could act',
      given: () => started(),
      when: () => [
        schedule(T + 75 * MIN),
        { type: 'leader.changed', at: T + 1, leader: false },
        tick(T + 80 * MIN),
        { type: 'leader.changed', at: T + 80 * MIN, leader: true },
        tick(T + 80 * MIN + 1),
      ],
      writes: [],
      why: ['schedule-ended'],
    },
    {
      it: 'is cancelled by id',
      given: () => started(),
      when: () => [
        schedule(),
        { type: 'deadline.cancelled', at: T + MIN, id: 'scheduled:break-1' },
        tick(T + 60 * MIN),
      ],
      writes: [],
      why: ['deadline-cancelled'],
    },
  ]);
});

describe('idle (§6.12)', () => {
  const idle = (config: Partial<EngineConfig> = {}, sf?: string, state?: string) =>
    started({
      config: { idleMinutes: 10, idleStatus: 'Away', ...config },
      ...(sf !== undefined ? { sf } : {}),
      ...(state !== undefined ? { acd: state } : {}),
    });
  const activity = (at: number): Input => ({ type: 'activity.seen', at });
  table([
    {
      it: 'sets the idle status and the mapped ACD state after the idle minutes without input',
      given: () => idle(),
      when: () => [activity(T), tick(T + 10 * MIN - 1), tick(T + 10 * MIN)],
      writes: ['omni:Away', 'acd:Unavailable/Lunch'],
      why: ['idle'],
    },
    {
      it: 'counts again from each input',
      given: () => idle(),
      when: () => [activity(T), activity(T + 5 * MIN), tick(T + 10 * MIN), tick(T + 14 * MIN)],
      writes: [],
    },
    {
      it: 'restores nothing afterwards, and the agent’s next choice stands',
      given: () => idle(),
      when: () => [
        activity(T),
        tick(T + 10 * MIN),
        settle(T + 10 * MIN + 100),
        tick(T + 60 * MIN),
        sfChange('Training', T + 61 * MIN),
        tick(T + 120 * MIN),
      ],
      writes: ['omni:Away', 'acd:Unavailable/Lunch'],
    },
    {
      it: 'does nothing while the agent is on a contact, and counts from its end',
      given: () => idle(),
      when: () => [
        activity(T),
        acdChange('InboundContact', T + MIN),
        settle(T + MIN + 100),
        tick(T + 30 * MIN),
        acdChange('Available', T + 40 * MIN),
        settle(T + 40 * MIN + 100),
        tick(T + 49 * MIN),
      ],
      writes: ['omni:Busy_On_Call', 'omni:Available_for_Chats'],
    },
    {
      it: 'does nothing while the agent is available on neither side',
      given: () => idle({}, 'Away', 'Unavailable/Lunch'),
      when: () => [activity(T), tick(T + 120 * MIN)],
      writes: [],
      check: (state) => expect(snapshotOf(state).deadlines).to.equal(undefined),
    },
    {
      it: 'never logs the agent in to Omni-Channel: logged out there, only the ACD follows',
      given: () => idle({}, 'Offline', 'Available'),
      when: () => [activity(T), tick(T + 10 * MIN)],
      writes: ['acd:Unavailable/Lunch'],
      why: ['omni-offline', 'idle'],
    },
    {
      it: 'does nothing when off (idle-minutes 0)',
      given: () => idle({ idleMinutes: 0 }),
      when: () => [activity(T), tick(T + 120 * MIN)],
      writes: [],
    },
    {
      it: 'writes nothing in a follower tab',
      given: () => idle(),
      when: () => [
        { type: 'leader.changed', at: T, leader: false },
        activity(T),
        tick(T + 120 * MIN),
      ],
      writes: [],
    },
  ]);

  it('lists its deadline while it counts', () => {
    const state = run(idle(), activity(T)).state;
    expect(snapshotOf(state).deadlines?.[0]).to.include({
      kind: 'idle',
      at: T + 10 * MIN,
      side: 'salesforce',
      target: 'Away',
    });
  });
});

describe('an unclean end of the last session', () => {
  it('is logged for the agent and writes nothing', () => {
    const result = run(started(), { type: 'session.uncleanEnd', at: T, lastSeen: T - 3_600_000 });
    expect(writes(result.effects)).to.deep.equal([]);
    expect(whys(result.effects)).to.deep.equal(['unclean-end']);
    expect(decisions(result.effects)[0]?.action).to.equal('none');
  });
});
