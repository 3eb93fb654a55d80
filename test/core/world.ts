// The world the property tests of transition() play in. A small world plays both sides: each
// side applies writes and outside changes in some order and reports them to the engine first-in
// first-out, as the toolkit and the agent app do; results, echoes and retries arrive late and
// interleaved; writes fail; the clock jumps. Then quiet time lets everything settle with every
// write succeeding, and the properties check invariants on what happened.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Effect } from '../../src/core/effects.js';
import type { Fact, Input } from '../../src/core/inputs.js';
import { transition } from '../../src/core/engine/transition.js';
import { matchPublisher, matchSubscriber, resolveOmniTarget } from '../../src/core/rules/match.js';
import { formatAcd, isBusy, settableOf, sameTarget } from '../../src/core/values.js';
import type { EngineState } from '../../src/core/engine/state.js';
import type { AcdState, AcdTarget, OmniTarget, SalesforceStatus } from '../../src/core/values.js';
import { CODES, STATUSES, acd, started, status } from './fixtures.js';
import { acdWorkCovers } from '../../src/core/engine/work.js';

/** Generated runs per property. */
export const RUNS = 1000;
const SF_VALUES = ['Available_for_Chats', 'Busy_On_Call', 'Away', 'Training', 'Offline'];
const ACD_VALUES = [
  'Available',
  'Unavailable/Lunch',
  'Unavailable/Meeting',
  'Unavailable',
  'InboundContact',
  'ACW/Wrap',
  'LoggedOut',
];

export type Side = 'salesforce' | 'acd';
/** `shadowed`: the echo of a write whose value an outside change had already shown (see below). */
type Origin = 'outside' | 'ours' | 'shadowed' | 'engine';
export type Action =
  | { kind: 'outside'; side: Side; value: number }
  | { kind: 'apply'; side: Side; fail: boolean }
  | { kind: 'deliver'; side: Side }
  | { kind: 'result' }
  | { kind: 'tick'; ms: number }
  /** A resync (the Resync button, or this tab taking the lead): both sides read, then a repair. */
  | { kind: 'resync'; fresh: boolean }
  | { kind: 'jump'; ms: number };

interface Pending {
  input: Fact;
  origin: Origin;
  /** For echoes: the write they report. */
  op?: number;
  /** For outside changes: the value, to spot the writes it shadows. */
  value?: string;
}

/** One input fed to the engine: who caused it, and the decisions and writes it caused. */
export interface Fed {
  input: Fact;
  origin: Origin;
  side?: Side;
  writes: Array<{ side: Side; why: string }>;
  decided: Array<{ why: string; result: string }>;
}

export interface World {
  state: EngineState;
  now: number;
  actual: { salesforce: SalesforceStatus; acd: AcdState };
  events: { salesforce: Pending[]; acd: Pending[] };
  ops: {
    salesforce: Array<{ id: number; target: OmniTarget | AcdTarget }>;
    acd: Array<{ id: number; target: OmniTarget | AcdTarget }>;
  };
  /** Writes issued whose own echo the engine has not been given yet, by side: id → value. */
  unechoed: { salesforce: Map<number, string>; acd: Map<number, string> };
  /** Writes whose value an outside change showed the engine while they were open. */
  shadowed: Set<number>;
  results: Pending[];
  timers: Array<{ due: number; input: Fact }>;
  fed: Fed[];
  outsideCount: number;
  /** Writes that failed for good: each leaves drift a resync may repair with one more write. */
  finalFailures: number;
  /** The last change each side applied, and whether it was an outside change or a write of ours. */
  lastApplied: {
    salesforce?: { origin: Origin; seq: number };
    acd?: { origin: Origin; seq: number };
  };
  /** The latest outside change delivered to the engine: across sides, arrival order is the only order it can know. */
  latest: {
    side: Side;
    seq: number;
    salesforce?: SalesforceStatus;
    acd?: AcdState;
    shadowing?: boolean;
    fromCovered?: boolean;
    stood?: boolean;
    overtaken?: boolean;
  } | null;
  pendingSeq: { salesforce: number[]; acd: number[] };
  seq: number;
  /**
   * Every ACD state the engine was told, in order (for the history property); `replaced`: a return
   * from a contact that a held write replaced in the same step (the agent never held it).
   */
  acdSeen: Array<{ state: AcdState; replaced: boolean }>;
  /** The values `outside` actions pick from, by index. */
  values: { salesforce: readonly string[]; acd: readonly string[] };
}

function sfValue(world: World, index: number): SalesforceStatus {
  const values = world.values.salesforce;
  return status(values[index % values.length] as string);
}
function acdValue(world: World, index: number): AcdState {
  const values = world.values.acd;
  return acd(values[index % values.length] as string);
}
function valueKey(side: Side, value: OmniTarget | AcdTarget | SalesforceStatus | AcdState): string {
  if (side === 'salesforce')
    return 'logout' in value
      ? 'Offline'
      : (value as SalesforceStatus).id === null
        ? 'Offline'
        : (value as SalesforceStatus).apiName;
  const target = value as AcdState;
  return target.isAcw
    ? `ACW/${target.reason}`
    : formatAcd({
        state: target.state,
        reason: target.state === 'Unavailable' ? target.reason : '',
      } as AcdTarget);
}

function sameSf(a: SalesforceStatus, b: SalesforceStatus): boolean {
  return a.id === b.id;
}
function sameAcd(a: AcdState, b: AcdState): boolean {
  return a.state === b.state && a.reason === b.reason && a.isAcw === b.isAcw;
}

/** Which fed input decided each decision id (ids are unique within one played world). */
let decidedBy = new Map<number, { record: Fed; why: string }>();

function feed(world: World, input: Fact, origin: Origin, side?: Side): void {
  const told =
    input.type === 'acd.stateChanged'
      ? input.state
      : input.type === 'acd.hello'
        ? input.state
        : null;
  if (told !== null) world.acdSeen.push({ state: told, replaced: false });
  if (origin === 'outside' && side)
    world.latest = {
      side,
      seq: world.pendingSeq[side].shift() as number,
      // Leaving an acdWork contact returns Omni-Channel to its earlier status, not a publisher row.
      fromCovered: side === 'acd' && acdWorkCovers(world.state.rule, world.state.acd),
      ...(side === 'acd'
        ? { acd: (input as { state: AcdState }).state }
        : {
            salesforce:
              input.type === 'omni.loggedOut'
                ? status('Offline')
                : (input as { status: SalesforceStatus }).status,
          }),
    };
  const chosen = world.state.deferred !== null || world.state.standing !== null;
  const step = transition(world.state, { ...input, at: world.now } as Input);
  // The contact's return was not published: a Salesforce choice made during it was held or stands
  // (seen now, or later when a return held behind our own write goes ahead).
  if (
    world.latest?.side === 'acd' &&
    chosen &&
    step.state.deferred === null &&
    step.state.standing === null &&
    world.latest !== null
  )
    world.latest = { ...world.latest, stood: true };
  // A change on the other side held behind our open write there is older than this one but will
  // be handled after it: the engine's order differs from the world's, so neither is "the latest".
  const other = side === 'acd' ? 'salesforce' : 'acd';
  if (origin === 'outside' && side && step.state.held[other] !== undefined && world.latest !== null)
    world.latest = { ...world.latest, overtaken: true };
  world.state = step.state;
  const record: Fed = { input, origin, ...(side ? { side } : {}), writes: [], decided: [] };
  for (const effect of step.effects as Effect[]) {
    if (effect.type === 'decide' && !decidedBy.has(effect.decision.id))
      record.decided.push({ why: effect.decision.why, result: effect.decision.result });
    if (
      told !== null &&
      effect.type === 'decide' &&
      effect.decision.why === 'deferred-applied' &&
      effect.decision.result === 'pending'
    )
      (world.acdSeen.at(-1) as { replaced: boolean }).replaced = true;
    // A write is the doing of the input that decided it: a queued write (coalesced behind one in
    // flight) is sent by a later input, but counts for the one that decided it.
    if (effect.type === 'decide' && !decidedBy.has(effect.decision.id))
      decidedBy.set(effect.decision.id, { record, why: effect.decision.why });
    if (effect.type === 'writeOmni' || effect.type === 'writeAcd') {
      const target = effect.target;
      const writeSide: Side = effect.type === 'writeOmni' ? 'salesforce' : 'acd';
      world.ops[writeSide].push({ id: effect.id, target });
      world.unechoed[writeSide].set(effect.id, valueKey(writeSide, target));
      const decided = decidedBy.get(effect.id);
      if (effect.attempt === 1)
        (decided?.record ?? record).writes.push({ side: writeSide, why: decided?.why ?? '?' });
    }
    if (
      effect.type === 'report' &&
      (effect.problem.code === 'omni-write-failed' || effect.problem.code === 'acd-write-failed')
    )
      world.finalFailures += 1;
    if (effect.type === 'retryLater')
      world.timers.push({
        due: world.now + effect.delayMs,
        input: { type: 'write.retry', id: effect.id },
      });
    if (effect.type === 'wake')
      world.timers.push({ due: world.now + effect.delayMs, input: { type: 'clock.tick' } });
  }
  world.fed.push(record);
}

function applyOp(world: World, side: Side, fail: boolean): void {
  const op = world.ops[side].shift();
  if (!op) return;
  if (fail) {
    world.results.push({
      input: {
        type: 'write.failed',
        id: op.id,
        permanent: false,
        problem: {
          code: side === 'acd' ? 'acd-write-failed' : 'omni-write-failed',
          message: 'refused',
          recoverable: true,
        },
      },
      origin: 'engine',
    });
    return;
  }
  world.seq += 1;
  world.lastApplied[side] = { origin: 'ours', seq: world.seq };
  if (side === 'salesforce') {
    const target = op.target as OmniTarget;
    if ('logout' in target) {
      world.actual.salesforce = status('Offline');
      world.events.salesforce.push({
        input: { type: 'omni.loggedOut' },
        origin: 'ours',
        op: op.id,
      });
    } else {
      world.actual.salesforce = status(target.apiName);
      world.events.salesforce.push({
        input: {
          type: 'omni.statusChanged',
          status: world.actual.salesforce,
          reason: 'OmniToolkitStatusChange',
        },
        origin: 'ours',
        op: op.id,
      });
    }
  } else {
    const target = op.target as AcdTarget;
    world.actual.acd = {
      state: target.state,
      reason: target.state === 'Unavailable' ? target.reason : '',
      isAcw: false,
    };
    world.events.acd.push({
      input: { type: 'acd.stateChanged', state: world.actual.acd },
      origin: 'ours',
      op: op.id,
    });
  }
  world.results.push({ input: { type: 'write.succeeded', id: op.id }, origin: 'engine' });
}

function outside(world: World, side: Side, value: number): void {
  world.seq += 1;
  if (side === 'salesforce') {
    const next = sfValue(world, value);
    if (sameSf(next, world.actual.salesforce)) return;
    world.actual.salesforce = next;
    world.events.salesforce.push({
      input:
        next.id === null
          ? { type: 'omni.loggedOut' }
          : { type: 'omni.statusChanged', status: next, reason: 'OmniManualStatusChange' },
      origin: 'outside',
      value: valueKey('salesforce', next),
    });
    world.pendingSeq.salesforce.push(world.seq);
  } else {
    const next = acdValue(world, value);
    if (sameAcd(next, world.actual.acd)) return;
    world.actual.acd = next;
    world.events.acd.push({
      input: { type: 'acd.stateChanged', state: next },
      origin: 'outside',
      value: valueKey('acd', next),
    });
    world.pendingSeq.acd.push(world.seq);
  }
  world.outsideCount += 1;
  world.lastApplied[side] = { origin: 'outside', seq: world.seq };
}

function deliver(world: World, side: Side): void {
  const event = world.events[side].shift();
  if (!event) return;
  let origin = event.origin;
  if (event.op !== undefined) {
    world.unechoed[side].delete(event.op);
    if (world.shadowed.has(event.op)) origin = 'shadowed';
  }
  if (event.origin === 'outside') {
    // Nothing on the wire tells this outside change from the echo of an open write to the same
    // value (the ACD and Omni logouts carry no correlation): the engine may take it for the echo,
    // and the real echo, arriving later, for a change. That echo is marked, and allowed one write.
    let shadowing = false;
    for (const [id, value] of world.unechoed[side]) {
      if (value === event.value) {
        world.shadowed.add(id);
        shadowing = true;
      }
    }
    // Likewise for a write whose echo came but whose result has not: it stays open and takes every
    // change to its value for its own until the result arrives (docs/contract.md, Details 2).
    if (
      world.state.writes.some(
        (w) =>
          w.side === side && w.status === 'inflight' && valueKey(side, w.target) === event.value,
      )
    )
      shadowing = true;
    feed(world, event.input, origin, side);
    if (world.latest && shadowing) world.latest = { ...world.latest, shadowing };
    return;
  }
  feed(world, event.input, origin, side);
}

/**
 * The contract's echo window is "how long a write waits for its echo": the world models a side that
 * reports what it applied before time moves on. Within one instant, every interleaving is possible.
 */
function flush(world: World): void {
  while (world.events.salesforce.length + world.events.acd.length > 0) {
    deliver(world, 'salesforce');
    deliver(world, 'acd');
  }
}

function fireTimers(world: World): void {
  const due = world.timers.filter((timer) => timer.due <= world.now).sort((a, b) => a.due - b.due);
  world.timers = world.timers.filter((timer) => timer.due > world.now);
  for (const timer of due) feed(world, timer.input, 'engine');
}

function act(world: World, action: Action): void {
  switch (action.kind) {
    case 'outside':
      outside(world, action.side, action.value);
      break;
    case 'apply':
      applyOp(world, action.side, action.fail);
      break;
    case 'deliver':
      deliver(world, action.side);
      break;
    case 'result': {
      const result = world.results.shift();
      if (result) feed(world, result.input, result.origin);
      break;
    }
    case 'tick':
      flush(world);
      world.now += action.ms;
      fireTimers(world);
      break;
    case 'resync':
      feed(world, { type: 'control.resync' }, 'engine');
      if (action.fresh) {
        // A fresh read answers after the side's own events (the toolkit and the agent app report
        // in order); a stale one (the toolkit's read lagging behind a write it confirmed, its echo
        // still on the way) shows what the engine was last told, i.e. nothing new: no read at all.
        flush(world);
        feed(world, { type: 'omni.statusRead', status: world.actual.salesforce }, 'engine');
        feed(
          world,
          {
            type: 'acd.hello',
            identity: { agentId: '1001', teamId: '7', teamName: 'Tier 1' },
            codes: CODES,
            state: world.actual.acd,
            canWrite: true,
          },
          'engine',
        );
      }
      feed(world, { type: 'control.repair' }, 'engine');
      break;
    case 'jump':
      // Wall clocks jump (NTP, sleep, a user changing the time); timers run on their own schedule.
      flush(world);
      world.now += action.ms;
      world.timers = world.timers.map((timer) => ({
        ...timer,
        due: Math.min(timer.due, world.now + 1_000),
      }));
      break;
  }
}

/** Everything settles with every write succeeding: the "quiet time" of the invariants. */
function quiet(world: World): void {
  for (let round = 0; round < 500; round += 1) {
    const busy =
      world.ops.salesforce.length +
      world.ops.acd.length +
      world.events.salesforce.length +
      world.events.acd.length +
      world.results.length +
      world.timers.length;
    if (
      busy === 0 &&
      world.state.writes.every((w) => w.status !== 'inflight') &&
      !world.state.held.acd &&
      !world.state.held.salesforce
    )
      return;
    applyOp(world, 'salesforce', false);
    applyOp(world, 'acd', false);
    deliver(world, 'salesforce');
    deliver(world, 'acd');
    const result = world.results.shift();
    if (result) feed(world, result.input, result.origin);
    flush(world);
    world.now += 1_000;
    fireTimers(world);
    if (busy === 0) feed(world, { type: 'clock.tick' }, 'engine');
  }
  throw new Error('the world never went quiet');
}

const side = fc.constantFrom<Side>('salesforce', 'acd');
/** One thing that happens in the world. */
export const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('outside' as const), side, value: fc.nat(20) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('apply' as const),
      side,
      fail: fc.nat(3).map((n) => n === 0),
    }),
  },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('deliver' as const), side }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('result' as const) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      ms: fc.integer({ min: 1, max: 7_000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('resync' as const), fresh: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('jump' as const),
      ms: fc.oneof(
        fc.integer({ min: -3_600_000, max: -1 }),
        fc.integer({ min: 60_000, max: 3_600_000 }),
      ),
    }),
  },
);
/** A world's start and what happens in it. */
export const scenario = fc.record({
  authority: fc.constantFrom('latest', 'salesforce', 'acd') as fc.Arbitrary<
    'latest' | 'salesforce' | 'acd'
  >,
  sf: fc.nat(3),
  acd: fc.nat(2),
  actions: fc.array(action, { minLength: 1, maxLength: 60 }),
});
export type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

export function rule0(world: World) {
  if (world.state.rule === null) throw new Error('no rule');
  return world.state.rule;
}

function toStatus(target: OmniTarget): SalesforceStatus {
  return 'logout' in target ? status('Offline') : status(target.apiName);
}

/** Plays a scenario to quiet time; `values` replaces the values `outside` actions pick from. */
export function play(input: {
  authority: 'latest' | 'salesforce' | 'acd';
  sf: number;
  acd: number;
  actions: Action[];
  rules?: unknown;
  values?: { salesforce: readonly string[]; acd: readonly string[] };
}): World {
  const values = input.values ?? { salesforce: SF_VALUES, acd: ACD_VALUES };
  const sfStart = values.salesforce[input.sf] as string;
  const acdStart = values.acd[input.acd] as string;
  const state = started({
    ...(input.rules === undefined ? {} : { rules: input.rules }),
    config: { authority: input.authority },
    sf: sfStart,
    acd: acdStart,
    at: 1_000_000,
  });
  const world: World = {
    state,
    now: 1_000_000,
    actual: { salesforce: status(sfStart), acd: acd(acdStart) },
    events: { salesforce: [], acd: [] },
    ops: { salesforce: [], acd: [] },
    results: [],
    timers: [],
    unechoed: { salesforce: new Map(), acd: new Map() },
    shadowed: new Set(),
    fed: [],
    outsideCount: 0,
    finalFailures: 0,
    lastApplied: {},
    latest: null,
    pendingSeq: { salesforce: [], acd: [] },
    seq: 0,
    acdSeen: [{ state: acd(acdStart), replaced: false }],
    values,
  };
  decidedBy = new Map();
  for (const step of input.actions) act(world, step);
  quiet(world);
  return world;
}

/** At most one write per outside change (plus one per write that failed for good), none by itself. */
export function checkWriteCount(world: World): void {
  const writes = world.fed.reduce((sum, record) => sum + record.writes.length, 0);
  expect(writes).to.be.at.most(world.outsideCount + world.finalFailures);
  for (const record of world.fed) {
    // No input causes two writes to the same side, and none writes to both sides at once.
    expect(record.writes.length).to.be.at.most(1);
  }
}

/** An echo of our own write causes no write, except applying a choice held during a contact. */
export function checkNoEchoWrites(world: World): void {
  for (const record of world.fed.filter((fed) => fed.origin === 'ours')) {
    for (const write of record.writes)
      expect(write.why, 'an echo caused a write').to.equal('deferred-applied');
  }
}

/**
 * After quiet time, the latest outside change's mapping shows on the other side; returns whether
 * the world ended with such a change to check.
 */
export function checkLatest(world: World): boolean {
  const latest = world.latest;
  expect(world.state.writes.filter((w) => w.status === 'inflight')).to.deep.equal([]);
  // The latest outside change still shows on its side (no later write of ours overrode it,
  // as a lost conflict or an applied held Salesforce choice does), and it did not lose a
  // conflict to the side with authority (that is a table test of its own).
  if (latest === null || world.lastApplied[latest.side]?.seq !== latest.seq) return false;
  if (world.state.lastOutside[latest.side]?.lost) return false;
  if (latest.fromCovered || latest.stood || latest.overtaken) return false;
  if (latest.shadowing) {
    // Indistinguishable from our own write's echo: the sides must still agree one way round.
    const publisherRow = matchPublisher(rule0(world), world.actual.acd);
    const subscriberRow = matchSubscriber(rule0(world), world.actual.salesforce);
    const forward =
      publisherRow !== null &&
      resolveOmniTarget(publisherRow.salesforce, STATUSES) !== null &&
      sameSf(
        toStatus(resolveOmniTarget(publisherRow.salesforce, STATUSES) as OmniTarget),
        world.actual.salesforce,
      );
    const settable = settableOf(world.actual.acd);
    const backward =
      subscriberRow !== null &&
      !('previous' in subscriberRow.acd) &&
      settable !== null &&
      sameTarget(settable, subscriberRow.acd);
    // Taken for the echo, it leaves the sides as our write landing would have: as the change
    // before it left them, which may be one that maps to nothing (FOUND's third case: an
    // unmapped Salesforce status, then the ACD moving to our write's value as it failed).
    // A PreviousState row agrees with whatever the history gave: the mapping alone cannot say.
    const previous = subscriberRow !== null && 'previous' in subscriberRow.acd;
    expect(
      forward || backward || previous || publisherRow === null || subscriberRow === null,
      'sides disagree both ways',
    ).to.equal(true);
    return false;
  }
  const rule = world.state.rule;
  if (rule === null) throw new Error('no rule');
  if (latest.side === 'acd') {
    const row = matchPublisher(rule, latest.acd as AcdState);
    if (row === null) return false;
    const target = resolveOmniTarget(row.salesforce, STATUSES) as OmniTarget;
    const shows =
      'logout' in target
        ? world.actual.salesforce.id === null
        : world.actual.salesforce.apiName === target.apiName;
    expect(
      shows,
      `Omni-Channel shows ${world.actual.salesforce.apiName} after ACD ${formatAcd(latest.acd as AcdState)}`,
    ).to.equal(true);
    return true;
  } else {
    const row = matchSubscriber(rule, latest.salesforce as SalesforceStatus);
    if (row === null || 'previous' in row.acd) return false;
    if (isBusy(world.actual.acd)) {
      // Held until the contact ends (§6.5).
      expect(world.state.deferred?.target).to.deep.equal(row.acd);
      return false;
    }
    const settable = settableOf(world.actual.acd);
    expect(
      settable !== null && sameTarget(settable, row.acd),
      `ACD shows ${formatAcd(world.actual.acd)} after Salesforce ${latest.salesforce?.apiName}`,
    ).to.equal(true);
    return true;
  }
  return false;
}

/**
 * The previous-state history the engine should hold: the settable, non-ACW states it was told, in
 * order, repeats collapsed, without returns a held write replaced.
 */
export function expectedHistory(world: World): AcdTarget[] {
  const expected: AcdTarget[] = [];
  for (const { state, replaced } of world.acdSeen) {
    const settable = settableOf(state);
    const last = expected[expected.length - 1];
    if (settable !== null && !replaced && (last === undefined || !sameTarget(last, settable)))
      expected.push(settable);
  }
  return expected.slice(-20);
}
