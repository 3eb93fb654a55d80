// Property tests of the agent's day (docs/contract.md §6.12): random days of agent changes on both
// sides, contacts, writes landing, input, scheduled states, cancels, leadership moving and time
// passing, with timed states and idle on. Whatever happens, a deadline writes at most once per side,
// only from the leader, never during a contact, never after a choice the agent made since it was
// set, and idle only while the agent is available and not on a contact.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Effect } from '../../src/core/effects.js';
import type { Input } from '../../src/core/inputs.js';
import { available } from '../../src/core/engine/deadlines.js';
import type { EngineState } from '../../src/core/engine/state.js';
import { transition } from '../../src/core/engine/transition.js';
import type { Decision } from '../../src/core/snapshot.js';
import { isBusy, showTarget, type AcdState, type SalesforceStatus } from '../../src/core/values.js';
import { acd, started, status, T } from './fixtures.js';
import { TIMED } from './day.js';

const SF = ['Available_for_Chats', 'Busy_On_Call', 'Away', 'Training', 'Offline'];
const ACD = [
  'Available',
  'Unavailable/Lunch',
  'Unavailable/Meeting',
  'Unavailable',
  'InboundContact',
  'ACW/Wrap',
];
const DEADLINE_WHYS = ['timed-out', 'scheduled', 'schedule-ended', 'idle'];
const MIN = 60_000;

type Move =
  | { kind: 'sf'; value: number }
  | { kind: 'acd'; value: number }
  | { kind: 'settle' }
  | { kind: 'tick'; ms: number }
  | { kind: 'activity' }
  | { kind: 'schedule'; side: 'salesforce' | 'acd'; value: number; in: number; for?: number }
  | { kind: 'cancel'; index: number }
  | { kind: 'leader'; leader: boolean };

const move: fc.Arbitrary<Move> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sf' as const), value: fc.nat(4) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('acd' as const), value: fc.nat(5) }) },
  { weight: 4, arbitrary: fc.constant({ kind: 'settle' as const }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      ms: fc.integer({ min: 1, max: 45 * MIN }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'activity' as const }) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        kind: fc.constant('schedule' as const),
        side: fc.constantFrom('salesforce' as const, 'acd' as const),
        value: fc.nat(3),
        in: fc.integer({ min: 0, max: 60 * MIN }),
        for: fc.integer({ min: 1, max: 60 * MIN }),
      },
      { requiredKeys: ['kind', 'side', 'value', 'in'] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), index: fc.nat(3) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('leader' as const), leader: fc.boolean() }),
  },
);

interface Day {
  state: EngineState;
  now: number;
  sf: SalesforceStatus;
  acd: AcdState;
  /** Times the agent changed a side by choice (not a contact, not an echo). */
  choices: number[];
  /** Deadline-made writes, by deadline, decision and side. */
  fired: Map<string, number>;
}

function step(
  day: Day,
  input: Input,
  check: (before: EngineState, effects: readonly Effect[]) => void,
) {
  const before = day.state;
  const result = transition(before, input);
  day.state = result.state;
  check(before, result.effects);
}

function sameSf(a: SalesforceStatus, b: SalesforceStatus) {
  return a.id === b.id;
}

/** Whether a write of ours not yet echoed carries this value to this side. */
function ours(state: EngineState, side: 'salesforce' | 'acd', value: string): boolean {
  return state.writes.some(
    (write) =>
      write.side === side &&
      !write.echoed &&
      write.status !== 'failed' &&
      showTarget(write.target) === value,
  );
}

/** How many deadline writes of each kind the runs made: the properties are not vacuous. */
const coverage = new Map<string, number>();

function play(moves: readonly Move[], leader: boolean, idleMinutes: number): void {
  const initial = started({
    rules: TIMED,
    at: T,
    config: { idleMinutes, idleStatus: 'Away' },
  });
  const day: Day = {
    state: leader
      ? initial
      : transition(initial, { type: 'leader.changed', at: T, leader: false }).state,
    now: T,
    sf: status('Available_for_Chats'),
    acd: acd('Available'),
    choices: [],
    fired: new Map(),
  };
  const check = (before: EngineState, effects: readonly Effect[]) => {
    const follower = !before.leader && !day.state.leader;
    for (const effect of effects) {
      if (effect.type !== 'decide') continue;
      const decision: Decision = effect.decision;
      if (!DEADLINE_WHYS.includes(decision.why) || decision.result !== 'pending') continue;
      if (decision.action === 'none') continue;
      expect(follower, `a follower fired ${decision.trigger.reason}`).to.equal(false);
      const key = `${decision.trigger.reason}|${decision.why}|${decision.action.side}`;
      day.fired.set(key, (day.fired.get(key) ?? 0) + 1);
      coverage.set(decision.why, (coverage.get(decision.why) ?? 0) + 1);
      expect(day.fired.get(key), `${key} wrote twice`).to.equal(1);
      expect(isBusy(day.state.acd!), 'a deadline wrote during a contact').to.equal(false);
      if (decision.why === 'idle')
        expect(available(day.state), 'idle while available on neither side').to.equal(true);
      if (decision.why === 'timed-out') {
        const setAt = Number(decision.trigger.reason?.split(':').at(-1));
        const since = day.choices.filter((at) => at > setAt && at <= day.now);
        expect(since, `${decision.trigger.reason} fired over a later choice`).to.deep.equal([]);
      }
    }
  };
  for (const next of moves) {
    day.now += 1;
    switch (next.kind) {
      case 'sf': {
        const value = status(SF[next.value]!);
        if (sameSf(value, day.sf)) break;
        day.sf = value;
        if (!ours(day.state, 'salesforce', SF[next.value]!)) day.choices.push(day.now);
        step(
          day,
          value.id === null
            ? { type: 'omni.loggedOut', at: day.now }
            : {
                type: 'omni.statusChanged',
                at: day.now,
                status: value,
                reason: 'OmniManualStatusChange',
              },
          check,
        );
        break;
      }
      case 'acd': {
        const value = acd(ACD[next.value]!);
        if (
          value.state === day.acd.state &&
          value.reason === day.acd.reason &&
          value.isAcw === day.acd.isAcw
        )
          break;
        // A change to what a write of ours is carrying is taken for its echo: no one can tell them apart.
        if (!isBusy(value) && !isBusy(day.acd) && !ours(day.state, 'acd', ACD[next.value]!))
          day.choices.push(day.now);
        day.acd = value;
        step(day, { type: 'acd.stateChanged', at: day.now, state: value }, check);
        break;
      }
      case 'settle':
        for (const write of day.state.writes.filter((w) => w.status === 'inflight')) {
          step(day, { type: 'write.succeeded', at: day.now, id: write.id }, check);
          if (write.side === 'acd') {
            const target = write.target as { state: 'Available' | 'Unavailable'; reason?: string };
            if (isBusy(day.acd)) continue;
            day.acd = { state: target.state, reason: target.reason ?? '', isAcw: false };
            step(day, { type: 'acd.stateChanged', at: day.now, state: day.acd }, check);
          } else {
            const target = write.target as { logout?: true; apiName: string };
            day.sf = target.logout ? status('Offline') : status(target.apiName);
            step(
              day,
              target.logout
                ? { type: 'omni.loggedOut', at: day.now }
                : {
                    type: 'omni.statusChanged',
                    at: day.now,
                    status: day.sf,
                    reason: 'OmniToolkitStatusChange',
                  },
              check,
            );
          }
        }
        break;
      case 'tick':
        day.now += next.ms;
        step(day, { type: 'clock.tick', at: day.now }, check);
        break;
      case 'activity':
        step(day, { type: 'activity.seen', at: day.now }, check);
        break;
      case 'schedule': {
        const target = next.side === 'salesforce' ? SF[next.value]! : ACD[next.value]!;
        const at = day.now + next.in;
        step(
          day,
          {
            type: 'schedule.added',
            at: day.now,
            entry: {
              id: `s${day.now}`,
              at,
              target: { side: next.side, target },
              ...(next.for !== undefined ? { until: at + next.for } : {}),
            },
          },
          check,
        );
        break;
      }
      case 'cancel': {
        const found = day.state.deadlines[next.index];
        if (found) step(day, { type: 'deadline.cancelled', at: day.now, id: found.id }, check);
        break;
      }
      case 'leader':
        step(day, { type: 'leader.changed', at: day.now, leader: next.leader }, check);
        break;
    }
  }
}

describe('deadlines: properties (§6.12)', () => {
  it('write at most once per deadline and side, from the leader, never during a contact or over a later choice; idle only while available', () => {
    fc.assert(
      fc.property(
        fc.array(move, { minLength: 5, maxLength: 60 }),
        fc.boolean(),
        fc.constantFrom(0, 5, 30),
        (moves, leader, idle) => play(moves, leader, idle),
      ),
      { numRuns: 500 },
    );
    // A scheduled state's end rarely survives a random day's choices: the tables cover it.
    for (const why of ['timed-out', 'scheduled', 'idle'])
      expect(coverage.get(why) ?? 0, `runs that wrote ${why}`).to.be.greaterThan(5);
  });
});
