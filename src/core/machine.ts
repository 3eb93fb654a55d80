/**
 * The sync engine's decision function: `transition(state, input)` → `{ state, effects }`.
 *
 * Invariants (CONTRACT.md §6; each is a property test in test/core/machine.property.test.ts):
 * - Pure: no clock, no I/O, no randomness; time comes in `input.at`. Effects are returned, never run.
 * - An outside change causes at most one write to the other side (plus, when it loses a conflict,
 *   at most one write back to its own side). Retries re-send the same write; they are not new writes.
 * - An outside change that arrives while a write of ours to the same side is still open is held
 *   until that write settles: if our write's echo follows, the side applied ours last and the held
 *   change was overridden; if our write fails or its window passes, the held change goes ahead.
 * - An echo (a change that matches a write we made) never causes a write.
 * - At most one write per side is in flight: a write decided while another to that side has no
 *   result yet waits (`queued`) and is replaced by any newer one, so a burst ends with the newest.
 * - Nothing is written before both sides are known and a valid rule is selected, nor while any
 *   blocking problem stands, nor in shadow/paused/follower mode, nor to Omni after a duplicate login.
 * - Every decision the engine takes is recorded as a `decide` effect; a decision whose write
 *   settles later is re-emitted with the same id and its final result.
 */
import type { Effect } from './effects.js';
import { ErrorCode, type Problem } from './errors.js';
import type { Input } from './inputs.js';
import {
  formatAcd,
  formatStatus,
  id15,
  isBusy,
  matchPublisher,
  matchSubscriber,
  resolveOmniTarget,
  sameTarget,
  selectRule,
  settableOf,
  stateIs,
  statusIs,
  validateRuleContext,
  type Rule,
} from './rules.js';
import {
  OFFLINE,
  type AcdState,
  type AcdTarget,
  type Decision,
  type DecisionWhy,
  type EngineConfig,
  type EngineState,
  type OmniTarget,
  type OutsideChange,
  type Phase,
  type SalesforceStatus,
  type StatusInfo,
  type SubscriberTarget,
  type SyncSnapshot,
  type WriteRecord,
} from './state.js';

/** The result of one step. */
export interface Step {
  readonly state: EngineState;
  readonly effects: readonly Effect[];
}

type Side = 'salesforce' | 'acd';
type Draft = { -readonly [K in keyof EngineState]: EngineState[K] };

/** At most this many attempts per write (CONTRACT.md §6.10). */
export const MAX_ATTEMPTS = 3;
/** Backoff before attempt n+1: 250 ms, then 750 ms, so three attempts fit in about 2 s with the calls. */
export function retryDelay(attempt: number): number {
  return 250 * 3 ** (attempt - 1);
}
const HISTORY_LIMIT = 20;
const PROBLEM_LIMIT = 20;

/** A fresh engine: nothing known, nothing written. */
export function initialState(config: EngineConfig, leader = true): EngineState {
  return {
    config,
    document: null,
    rule: null,
    blocking: [],
    problems: [],
    omniAttached: false,
    statusesExpected: false,
    salesforce: null,
    statuses: null,
    learned: [],
    acd: null,
    identity: null,
    codes: null,
    agentCanWrite: false,
    workload: null,
    omniWorkActive: false,
    duplicateLogin: false,
    started: false,
    restoring: false,
    paused: false,
    leader,
    history: [],
    deferred: null,
    writes: [],
    lastOutside: {},
    held: {},
    failed: false,
    nextId: 1,
    counters: { decisions: 0, writes: 0, echoes: 0, rejected: 0, retries: 0, driftRepairs: 0 },
  };
}

class Builder {
  readonly s: Draft;
  readonly effects: Effect[] = [];

  constructor(
    state: EngineState,
    readonly at: number,
  ) {
    this.s = { ...state };
  }

  get window(): number {
    return this.s.config.echoWindowMs;
  }

  count(key: keyof EngineState['counters'], by = 1): void {
    this.s.counters = { ...this.s.counters, [key]: this.s.counters[key] + by };
  }

  decide(decision: Omit<Decision, 'id' | 'at' | 'ms'> & { ms?: number }, id?: number): Decision {
    const full: Decision = { ms: 0, ...decision, id: id ?? this.s.nextId++, at: this.at };
    this.count('decisions');
    this.effects.push({ type: 'decide', decision: full });
    return full;
  }

  update(decision: Decision, result: Decision['result']): void {
    this.effects.push({ type: 'decide', decision: { ...decision, result } });
  }

  problem(problem: Problem): void {
    const others = this.s.problems.filter((existing) => existing.code !== problem.code);
    this.s.problems = [...others, problem].slice(-PROBLEM_LIMIT);
    this.effects.push({ type: 'report', problem });
  }

  clearProblem(...codes: Problem['code'][]): void {
    if (this.s.problems.some((problem) => codes.includes(problem.code))) {
      this.s.problems = this.s.problems.filter((problem) => !codes.includes(problem.code));
    }
  }

  /** Only the leading tab writes the stored state (CONTRACT §6.9): a follower's would race the leader's. */
  persist(): void {
    if (!this.s.leader) return;
    this.effects.push({ type: 'persist', history: this.s.history, deferred: this.s.deferred });
  }

  setWrite(id: number, change: Partial<WriteRecord>): void {
    this.s.writes = this.s.writes.map((write) =>
      write.id === id ? { ...write, ...change } : write,
    );
  }
}

function within(builder: Builder, then: number): boolean {
  // A wall clock that stepped back a little (NTP) keeps the window open; one that jumped back by
  // more than the window closes it rather than keeping it open for however long the jump was.
  return Math.abs(builder.at - then) < builder.window;
}

function catalogue(s: EngineState): readonly StatusInfo[] {
  return s.statuses ?? s.learned;
}

function sameStatus(a: SalesforceStatus, b: SalesforceStatus): boolean {
  if (a.id === null || b.id === null) return a.id === b.id;
  return id15(a.id) === id15(b.id);
}

function sameAcd(a: AcdState, b: AcdState): boolean {
  return a.state === b.state && a.reason === b.reason && a.isAcw === b.isAcw;
}

function showTarget(target: OmniTarget | AcdTarget): string {
  return 'state' in target ? formatAcd(target) : formatStatus(target);
}

function showSubscriber(target: SubscriberTarget): string {
  return 'previous' in target ? 'PreviousState' : formatAcd(target);
}

/** Whether a side's observed value is what this target sets. */
function shows(
  side: Side,
  value: SalesforceStatus | AcdState,
  target: OmniTarget | AcdTarget,
): boolean {
  return side === 'salesforce'
    ? statusIs(value as SalesforceStatus, target as OmniTarget)
    : stateIs(value as AcdState, target as AcdTarget);
}

function writeMatches(write: WriteRecord, side: Side, value: SalesforceStatus | AcdState): boolean {
  return write.side === side && shows(side, value, write.target);
}

/** Contact, ACW and logout: states the platform puts the agent in, not choices anyone competes with. */
function isPlatform(state: AcdState): boolean {
  return isBusy(state) || state.state === 'LoggedOut';
}

/** The agent just came back from a contact or ACW while a Salesforce choice was held. */
function backFromWork(s: EngineState, previous: AcdState | null, state: AcdState): boolean {
  return previous !== null && isBusy(previous) && !isBusy(state) && s.deferred !== null;
}

/** Why the engine may not write to a side right now, or null when it may. */
function blockedWhy(s: EngineState, side: Side): DecisionWhy | null {
  if (s.config.mode === 'off' || s.paused) return 'paused';
  if (!s.leader) return 'not-leader';
  if (s.config.mode === 'shadow') return 'shadow';
  if (side === 'salesforce' && s.duplicateLogin) return 'duplicate-login';
  if (side === 'acd' && !s.agentCanWrite) return 'read-only-agent';
  return null;
}

type Trigger = Decision['trigger'];
type Row = Decision['row'];

/** Issues a write (or records why it is not issued) and returns the decision. */
function write(
  b: Builder,
  side: Side,
  target: OmniTarget | AcdTarget,
  trigger: Trigger,
  row: Row,
  why: DecisionWhy,
  ms = 0,
): Decision {
  const current = side === 'salesforce' ? b.s.salesforce : b.s.acd;
  const base = {
    trigger,
    rule: b.s.rule?.name ?? null,
    row,
    action: { side, target: showTarget(target) },
  } as const;
  if (current !== null && shows(side, current, target)) {
    // Already there, and no newer write of ours is heading elsewhere: nothing to do.
    const heading = b.s.writes.some(
      (w) => w.side === side && isOpen(b, w) && !w.superseded && !writeMatches(w, side, current),
    );
    if (!heading) return b.decide({ ...base, action: 'none', why: 'in-sync', result: 'skipped' });
  }
  const blocked = blockedWhy(b.s, side);
  if (blocked !== null) {
    if (blocked === 'read-only-agent') {
      b.problem({
        code: ErrorCode.readOnlyAgent,
        message:
          'The agent app in this dialect cannot be written to: Salesforce → ACD rows are not applied.',
        recoverable: false,
      });
    }
    return b.decide({ ...base, why: blocked, result: 'skipped' });
  }
  // A newer write replaces older ones on the same side: their results and retries no longer matter,
  // but their echoes are still recognised as ours. One still waiting to be sent is dropped.
  for (const waiting of b.s.writes.filter((w) => w.side === side && w.status === 'queued')) {
    b.setWrite(waiting.id, { status: 'failed' });
    b.update(waiting.decision, 'skipped');
  }
  b.s.writes = b.s.writes.map((w) =>
    w.side === side && !w.echoed ? { ...w, superseded: true } : w,
  );
  // The last outside change on this side is replaced by this write: a change on the other side now
  // races our write, not it (found by the property tests: a call that ended within the window left
  // Omni-Channel on Busy, the ACD's return "losing" to a Salesforce change our write had replaced).
  const replaced = b.s.lastOutside[side];
  if (replaced !== undefined)
    b.s.lastOutside = { ...b.s.lastOutside, [side]: { ...replaced, replaced: true } };
  const decision = b.decide({ ...base, why, result: 'pending', ms });
  const record: WriteRecord = {
    id: decision.id,
    side,
    target,
    issuedAt: b.at,
    attempt: 1,
    status: 'inflight',
    echoed: false,
    superseded: false,
    decision,
  };
  if (busySending(b, side)) {
    // Coalesce: this write goes out when the one in flight settles, unless a newer one replaces it.
    b.s.writes = [...b.s.writes, { ...record, status: 'queued' }];
    b.effects.push({ type: 'wake', delayMs: b.window });
  } else {
    b.s.writes = [...b.s.writes, record];
    send(b, record);
  }
  return decision;
}

/** Whether a write to this side was sent and has had no result yet (within the echo window). */
function busySending(b: Builder, side: Side): boolean {
  return b.s.writes.some(
    (w) => w.side === side && w.status === 'inflight' && within(b, w.issuedAt),
  );
}

function send(b: Builder, write: WriteRecord): void {
  b.count('writes');
  b.effects.push(
    write.side === 'salesforce'
      ? {
          type: 'writeOmni',
          id: write.id,
          target: write.target as OmniTarget,
          attempt: write.attempt,
        }
      : {
          type: 'writeAcd',
          id: write.id,
          target: write.target as AcdTarget,
          attempt: write.attempt,
        },
  );
}

/**
 * Sends a queued write once nothing is in flight on its side any more. It is sent even if its side
 * seems to show the target already: an older write of ours may still land there.
 */
function sendQueued(b: Builder): void {
  for (const side of ['salesforce', 'acd'] as const) {
    const waiting = b.s.writes.find((w) => w.side === side && w.status === 'queued');
    if (waiting === undefined || busySending(b, side)) continue;
    const sent: WriteRecord = { ...waiting, status: 'inflight', issuedAt: b.at };
    b.setWrite(waiting.id, { status: 'inflight', issuedAt: b.at });
    send(b, sent);
  }
}

function ready(s: EngineState): boolean {
  return s.started && s.rule !== null && s.blocking.length === 0;
}

function recordHistory(b: Builder, state: AcdState): void {
  const settable = settableOf(state);
  if (settable === null) return;
  const last = b.s.history[b.s.history.length - 1];
  if (last !== undefined && sameTarget(last, settable)) return;
  b.s.history = [...b.s.history, settable].slice(-HISTORY_LIMIT);
  b.persist();
}

function collapse(history: readonly AcdTarget[]): AcdTarget[] {
  const result: AcdTarget[] = [];
  for (const entry of history) {
    const last = result[result.length - 1];
    if (last === undefined || !sameTarget(last, entry)) result.push(entry);
  }
  return result.slice(-HISTORY_LIMIT);
}

function previousTarget(s: EngineState): AcdTarget | null {
  return s.history.length >= 2 ? (s.history[s.history.length - 2] as AcdTarget) : null;
}

/** Resolves a subscriber target against the agent's codes and history; null with a why when nothing applies. */
function resolveSubscriber(
  b: Builder,
  rule: Rule,
  target: SubscriberTarget,
): { target: AcdTarget | null; why: DecisionWhy } {
  if ('previous' in target) {
    const previous = previousTarget(b.s);
    return previous === null
      ? { target: null, why: 'no-previous-state' }
      : { target: previous, why: 'previous-state' };
  }
  if (target.state === 'Unavailable' && target.reason !== '' && b.s.codes !== null) {
    const code = b.s.codes.find((candidate) => candidate.name === target.reason);
    if (code === undefined || !code.isActive || code.isAcw) {
      // The team lacks the code (CONTRACT.md §6.3): fall back to the default only when the rule says so.
      return rule.skipUnavailableCodeValidation
        ? { target: { state: 'Unavailable', reason: '' }, why: 'default-unavailable' }
        : { target: null, why: 'unmapped' };
    }
  }
  return { target, why: 'mapped' };
}

function acdTrigger(from: AcdState | null, to: AcdState, reason?: string): Trigger {
  return {
    side: 'acd',
    from: from === null ? 'unknown' : formatAcd(from),
    to: formatAcd(to),
    ...(reason ? { reason } : {}),
  };
}

function sfTrigger(from: SalesforceStatus | null, to: SalesforceStatus, reason?: string): Trigger {
  return {
    side: 'salesforce',
    from: from === null ? 'unknown' : formatStatus(from),
    to: formatStatus(to),
    ...(reason ? { reason } : {}),
  };
}

/** Publisher direction: an ACD state → Omni-Channel. */
function publish(b: Builder, state: AcdState, trigger: Trigger, mappedWhy: DecisionWhy): void {
  const rule = b.s.rule as Rule;
  const row = matchPublisher(rule, state);
  if (row === null) {
    b.decide({
      trigger,
      rule: rule.name,
      row: null,
      action: 'none',
      why: 'unmapped',
      result: 'skipped',
    });
    return;
  }
  const rowInfo: Row = { direction: 'publisher', index: row.index, text: row.text };
  const target = resolveOmniTarget(row.salesforce, catalogue(b.s));
  if (target === null) {
    b.problem({
      code: ErrorCode.statusNotPermitted,
      message: `Row "${row.text}" names a Salesforce status this tab has not seen and the host did not list; it cannot be set.`,
      recoverable: false,
      path: `rules[${rule.index}].publisher[${row.index}].salesforce`,
    });
    b.decide({
      trigger,
      rule: rule.name,
      row: rowInfo,
      action: 'none',
      why: 'unknown-status',
      result: 'skipped',
    });
    return;
  }
  write(b, 'salesforce', target, trigger, rowInfo, mappedWhy);
}

/** Subscriber direction: an Omni-Channel status → the ACD (or held while the agent works). */
function subscribe(
  b: Builder,
  status: SalesforceStatus,
  trigger: Trigger,
  mappedWhy: DecisionWhy,
): void {
  const rule = b.s.rule as Rule;
  const row = matchSubscriber(rule, status);
  let target: SubscriberTarget;
  let rowInfo: Row = null;
  let why: DecisionWhy = mappedWhy;
  if (row === null) {
    if (!rule.skipUnavailableCodeValidation) {
      if (b.s.deferred !== null) {
        // The agent's newest Salesforce choice has no ACD mapping: the older held write is stale.
        b.update(b.s.deferred.decision, 'skipped');
        b.s.deferred = null;
        b.persist();
      }
      b.decide({
        trigger,
        rule: rule.name,
        row: null,
        action: 'none',
        why: 'unmapped',
        result: 'skipped',
      });
      return;
    }
    target = { state: 'Unavailable', reason: '' };
    why = 'default-unavailable';
  } else {
    target = row.acd;
    rowInfo = { direction: 'subscriber', index: row.index, text: row.text };
  }
  if (b.s.acd !== null && isBusy(b.s.acd)) {
    hold(b, target, trigger, rowInfo);
    return;
  }
  const resolved = resolveSubscriber(b, rule, target);
  if (resolved.target === null) {
    b.decide({
      trigger,
      rule: rule.name,
      row: rowInfo,
      action: 'none',
      why: resolved.why,
      result: 'skipped',
    });
    return;
  }
  write(
    b,
    'acd',
    resolved.target,
    trigger,
    rowInfo,
    resolved.why === 'mapped' ? why : resolved.why,
  );
}

function hold(b: Builder, target: SubscriberTarget, trigger: Trigger, row: Row): void {
  const rule = b.s.rule as Rule;
  const blocked = blockedWhy(b.s, 'acd');
  const action = { side: 'acd' as const, target: showSubscriber(target) };
  if (blocked !== null) {
    b.decide({ trigger, rule: rule.name, row, action, why: blocked, result: 'skipped' });
    return;
  }
  if (b.s.deferred !== null) b.update(b.s.deferred.decision, 'skipped');
  const decision = b.decide({
    trigger,
    rule: rule.name,
    row,
    action,
    why: 'deferred-on-contact',
    result: 'pending',
  });
  b.s.deferred = { target, at: b.at, decision };
  b.persist();
}

function applyDeferred(b: Builder, trigger: Trigger): void {
  const deferred = b.s.deferred;
  if (deferred === null || b.s.rule === null) return;
  b.s.deferred = null;
  b.persist();
  const resolved = resolveSubscriber(b, b.s.rule, deferred.target);
  b.update(deferred.decision, resolved.target === null ? 'skipped' : 'ok');
  if (resolved.target === null) {
    b.decide({
      trigger,
      rule: b.s.rule.name,
      row: deferred.decision.row,
      action: 'none',
      why: resolved.why,
      result: 'skipped',
    });
    return;
  }
  write(
    b,
    'acd',
    resolved.target,
    trigger,
    deferred.decision.row,
    'deferred-applied',
    Math.max(0, b.at - deferred.at),
  );
}

/** Where the winner of a conflict says this side should be, or null when its change maps to nothing here. */
function winnerTarget(
  b: Builder,
  winner: OutsideChange,
): { side: Side; target: OmniTarget | AcdTarget; row: Row } | null {
  const rule = b.s.rule as Rule;
  if (winner.side === 'acd' && winner.acd) {
    const row = matchPublisher(rule, winner.acd);
    const target = row === null ? null : resolveOmniTarget(row.salesforce, catalogue(b.s));
    return row === null || target === null
      ? null
      : {
          side: 'salesforce',
          target,
          row: { direction: 'publisher', index: row.index, text: row.text },
        };
  }
  if (winner.side === 'salesforce' && winner.salesforce) {
    const row = matchSubscriber(rule, winner.salesforce);
    if (row === null) return null;
    const resolved = resolveSubscriber(b, rule, row.acd);
    return resolved.target === null
      ? null
      : {
          side: 'acd',
          target: resolved.target,
          row: { direction: 'subscriber', index: row.index, text: row.text },
        };
  }
  return null;
}

/** A change on one side that the engine did not cause. */
function outside(
  b: Builder,
  side: Side,
  trigger: Trigger,
  previousAcd: AcdState | null,
  at = b.at,
): void {
  const s = b.s;
  // The user (or the platform) changed this side after our write was sent: our write is no longer
  // the intent there, though its echo is still recognised.
  s.writes = s.writes.map((w) => (w.side === side && !w.echoed ? { ...w, superseded: true } : w));
  // Contact, ACW and logout states are the platform's doing, not a competing choice: never conflicts.
  const platform = side === 'acd' && s.acd !== null && isPlatform(s.acd);
  const other = s.lastOutside[side === 'acd' ? 'salesforce' : 'acd'];
  let lost = false;
  const otherIsPlatform = other?.acd !== undefined && isPlatform(other.acd);
  const gap = Math.abs(at - (other?.at ?? 0));
  if (
    !platform &&
    other !== undefined &&
    !other.lost &&
    !other.replaced &&
    !otherIsPlatform &&
    gap < b.window
  ) {
    lost = s.config.authority !== 'latest' && s.config.authority !== side;
  }
  const change: OutsideChange =
    side === 'acd'
      ? { at, side, acd: s.acd as AcdState, lost }
      : { at, side, salesforce: s.salesforce as SalesforceStatus, lost };
  s.lastOutside = { ...s.lastOutside, [side]: change };
  if (!ready(s)) return;
  if (lost && other !== undefined) {
    const winner = winnerTarget(b, other);
    if (winner === null || winner.side !== side) {
      b.decide({
        trigger,
        rule: s.rule?.name ?? null,
        row: null,
        action: 'none',
        why: 'conflict-lost',
        result: 'skipped',
      });
    } else {
      write(b, side, winner.target, trigger, winner.row, 'conflict-lost');
    }
    return;
  }
  if (side === 'acd') {
    const state = s.acd as AcdState;
    if (backFromWork(s, previousAcd, state)) {
      // Back from a contact with a held Salesforce choice: that choice is the newer intent, so it is
      // applied and this return is not published (CONTRACT.md §6.5).
      applyDeferred(b, trigger);
      return;
    }
    if (
      s.omniWorkActive &&
      s.rule?.omniWork &&
      !stateIs(state, s.rule.omniWork.acd) &&
      !isBusy(state)
    )
      s.omniWorkActive = false;
    publish(b, state, trigger, 'mapped');
  } else {
    subscribe(b, s.salesforce as SalesforceStatus, trigger, 'mapped');
  }
}

/** Finds the write this observation echoes, if any: same target, or Omni's own "toolkit" reason while one is open. */
/** Omni reasons that name someone other than the toolkit: such a change is never our echo. */
const NOT_OURS = new Set([
  'OmniManualStatusChange',
  'OmniSupervisorStatusChange',
  'OmniPushTimeout',
  'OmniDeclineWork',
  'OmniLoginStatusChange',
]);

function findEcho(
  b: Builder,
  side: Side,
  value: SalesforceStatus | AcdState,
  reason?: string,
): WriteRecord | undefined {
  if (reason !== undefined && NOT_OURS.has(reason)) return undefined;
  // A queued write has not been sent, so nothing on the wire can be its echo: matching one would
  // confirm it unsent while an older write, still to land, heads elsewhere (found by the property
  // tests: the sides ended apart).
  const open = b.s.writes.filter((w) => w.side === side && w.status !== 'queued' && isOpen(b, w));
  // Unconfirmed writes first: an outside change to the same value may have been taken for the
  // echo already, so a write keeps absorbing matching events until its result arrives.
  const fresh = open.filter((w) => !w.echoed);
  return (
    fresh.find((w) => writeMatches(w, side, value)) ??
    open.find((w) => writeMatches(w, side, value)) ??
    (side === 'salesforce' && reason === 'OmniToolkitStatusChange' ? fresh[0] : undefined)
  );
}

function echo(b: Builder, side: Side, found: WriteRecord, trigger: Trigger): void {
  b.setWrite(found.id, { echoed: true });
  b.count('echoes');
  b.decide({
    trigger,
    rule: b.s.rule?.name ?? null,
    row: found.decision.row,
    action: 'none',
    why: 'echo',
    result: 'skipped',
  });
  const held = b.s.held[side];
  if (held !== undefined) {
    // Our write's echo came after the held change: the side applied ours last, so the held change
    // was overridden there and propagating it would leave the two sides disagreeing.
    b.s.held = { ...b.s.held, [side]: undefined };
    b.decide({
      trigger: held.trigger,
      rule: b.s.rule?.name ?? null,
      row: null,
      action: 'none',
      why: 'overridden',
      result: 'skipped',
    });
  }
}

/** The echo window runs from a write's confirmation (or its sending, if later). */
function windowStart(write: WriteRecord): number {
  return write.settledAt ?? write.issuedAt;
}

/**
 * Whether a write of ours may still land or echo: in flight (until its result arrives), or
 * confirmed without an echo yet and inside its window.
 */
function isOpen(b: Builder, write: WriteRecord): boolean {
  return (
    write.status === 'queued' ||
    write.status === 'inflight' ||
    (write.status === 'done' && !write.echoed && within(b, windowStart(write)))
  );
}

/** The open write of ours to this side, if any. */
function openWrite(b: Builder, side: Side): WriteRecord | undefined {
  return b.s.writes.find((w) => w.side === side && isOpen(b, w));
}

/** Lets held changes go ahead once no write of ours to their side can land any more. */
function releaseHeld(b: Builder): void {
  for (const side of ['salesforce', 'acd'] as const) {
    const held = b.s.held[side];
    if (held === undefined || openWrite(b, side) !== undefined) continue;
    b.s.held = { ...b.s.held, [side]: undefined };
    outside(b, side, held.trigger, held.previousAcd, held.at);
  }
}

/** Holds an outside change that raced an open write of ours, or handles it now. */
function outsideOrHold(
  b: Builder,
  side: Side,
  trigger: Trigger,
  previousAcd: AcdState | null,
): void {
  const open = openWrite(b, side);
  if (open === undefined) {
    outside(b, side, trigger, previousAcd);
    return;
  }
  const earlier = b.s.held[side];
  b.s.held = {
    ...b.s.held,
    [side]: {
      at: b.at,
      trigger: earlier ? { ...trigger, from: earlier.trigger.from } : trigger,
      previousAcd: earlier ? earlier.previousAcd : previousAcd,
    },
  };
  if (open.status !== 'inflight')
    b.effects.push({ type: 'wake', delayMs: Math.max(1, windowStart(open) + b.window - b.at) });
}

function learn(b: Builder, status: SalesforceStatus): void {
  if (status.id === null || status.apiName === '' || b.s.statuses !== null) return;
  if (b.s.learned.some((known) => id15(known.id) === id15(status.id as string))) return;
  b.s.learned = [
    ...b.s.learned,
    { id: id15(status.id), apiName: status.apiName, label: status.label },
  ].slice(-200);
}

function observeSalesforce(
  b: Builder,
  status: SalesforceStatus,
  reason: string | undefined,
  read: boolean,
): void {
  const previous = b.s.salesforce;
  let resolved = status;
  if (status.id !== null && status.apiName === '') {
    const known = catalogue(b.s).find(
      (candidate) => id15(candidate.id) === id15(status.id as string),
    );
    if (known) resolved = { id: id15(status.id), apiName: known.apiName, label: known.label };
  }
  b.s.salesforce = resolved;
  learn(b, resolved);
  const trigger = sfTrigger(previous, resolved, reason ?? (read ? 'read' : undefined));
  const found = read ? undefined : findEcho(b, 'salesforce', resolved, reason);
  if (found) {
    echo(b, 'salesforce', found, trigger);
    return;
  }
  if (previous !== null && sameStatus(previous, resolved)) return;
  if (!b.s.started) {
    start(b);
    return;
  }
  outsideOrHold(b, 'salesforce', trigger, b.s.acd);
}

function observeAcd(b: Builder, state: AcdState, read: boolean): void {
  const previous = b.s.acd;
  b.s.acd = state;
  recordHistory(b, state);
  const trigger = acdTrigger(previous, state, read ? 'read' : undefined);
  const found = read ? undefined : findEcho(b, 'acd', state);
  if (found) {
    echo(b, 'acd', found, trigger);
    if (backFromWork(b.s, previous, state)) applyDeferred(b, trigger);
    return;
  }
  if (previous !== null && sameAcd(previous, state)) return;
  if (!b.s.started) {
    start(b);
    return;
  }
  outsideOrHold(b, 'acd', trigger, previous);
}

/** Recomputes the selected rule and the problems that block writing. */
function evaluate(b: Builder): void {
  const s = b.s;
  const blocking: Problem[] = [];
  let rule: Rule | null = null;
  if (s.document !== null) {
    if (
      s.document.orgId !== undefined &&
      s.config.orgId !== undefined &&
      id15(s.config.orgId) !== s.document.orgId
    ) {
      blocking.push({
        code: ErrorCode.orgMismatch,
        message: `The rule document is for org ${s.document.orgId} but this is org ${id15(s.config.orgId)}.`,
        recoverable: false,
        path: 'orgId',
      });
    }
    // Rule selection needs the agent's identity, which comes with the agent app's hello.
    if (s.acd !== null || s.identity !== null) {
      const selection = selectRule(s.document, s.identity, s.config.userId);
      if (selection.ok) {
        rule = selection.rule;
        if (s.statuses !== null || !s.statusesExpected)
          blocking.push(...validateRuleContext(rule, s.statuses, s.codes));
      } else blocking.push(selection.problem);
    }
  } else {
    blocking.push(...s.blocking.filter((problem) => problem.code === ErrorCode.rulesInvalid));
  }
  const changed = JSON.stringify(blocking) !== JSON.stringify(s.blocking);
  s.blocking = blocking;
  s.rule = rule;
  if (changed) for (const problem of blocking) b.effects.push({ type: 'report', problem });
}

/** Starts once both sides are known and a rule is selected; then `startup` decides the one initial copy. */
function start(b: Builder): void {
  const s = b.s;
  evaluate(b);
  if (
    s.started ||
    !s.omniAttached ||
    s.salesforce === null ||
    s.acd === null ||
    s.rule === null ||
    s.blocking.length > 0
  )
    return;
  if ((s.statusesExpected && s.statuses === null) || s.restoring) return;
  s.started = true;
  const trigger: Trigger = {
    side: s.config.startup === 'salesforce' ? 'salesforce' : 'acd',
    from: 'start',
    to: '',
    reason: 'startup',
  };
  if (s.deferred !== null && !isBusy(s.acd)) {
    // A choice held before a reload is newer than either side's current state.
    applyDeferred(b, { ...trigger, side: 'acd', to: formatAcd(s.acd) });
    return;
  }
  if (s.deferred !== null) {
    // Still on the contact the choice was held for: it stays held, and copying the ACD now would
    // overwrite that newer Salesforce choice.
    b.decide({
      trigger: { ...trigger, to: formatAcd(s.acd) },
      rule: s.rule.name,
      row: null,
      action: 'none',
      why: 'deferred-on-contact',
      result: 'skipped',
    });
    return;
  }
  if (s.config.startup === 'acd')
    publish(b, s.acd, { ...trigger, to: formatAcd(s.acd) }, 'startup');
  else if (s.config.startup === 'salesforce')
    subscribe(b, s.salesforce, { ...trigger, to: formatStatus(s.salesforce) }, 'startup');
}

function workload(b: Builder, capacity: number, current: number): void {
  const s = b.s;
  const before = s.workload;
  s.workload = { capacity, current };
  const work = s.rule?.omniWork;
  if (!work || !ready(s) || s.acd === null) return;
  const at = capacity > 0 && (current / capacity) * 100 >= work.atPercent;
  const trigger: Trigger = {
    side: 'salesforce',
    from: before === null ? 'unknown' : `workload ${before.current}/${before.capacity}`,
    to: `workload ${current}/${capacity}`,
  };
  const row: Row = { direction: 'omniWork', index: 0, text: work.text };
  if (at && !s.omniWorkActive) {
    s.omniWorkActive = true;
    if (isBusy(s.acd)) hold(b, work.acd, trigger, row);
    else write(b, 'acd', work.acd, trigger, row, 'omni-work');
  } else if (!at && s.omniWorkActive) {
    s.omniWorkActive = false;
    if (
      s.deferred !== null &&
      'state' in s.deferred.target &&
      sameTarget(s.deferred.target, work.acd)
    ) {
      b.update(s.deferred.decision, 'skipped');
      s.deferred = null;
      b.persist();
      b.decide({
        trigger,
        rule: s.rule?.name ?? null,
        row,
        action: 'none',
        why: 'omni-work-ended',
        result: 'skipped',
      });
      return;
    }
    const previous = previousTarget(s);
    if (stateIs(s.acd, work.acd) && previous !== null)
      write(b, 'acd', previous, trigger, row, 'omni-work-ended');
    else
      b.decide({
        trigger,
        rule: s.rule?.name ?? null,
        row,
        action: 'none',
        why: 'omni-work-ended',
        result: 'skipped',
      });
  }
}

/** The write worked (its result, or its echo before a late failure or retry): done, decision ok. */
function confirm(b: Builder, write: WriteRecord): void {
  b.setWrite(write.id, { status: 'done', settledAt: b.at });
  b.update(write.decision, 'ok');
}

/** The write is given up (replaced, or a newer outside change waits behind it): failed, no problem raised. */
function abandon(b: Builder, write: WriteRecord): void {
  b.setWrite(write.id, { status: 'failed' });
  b.update(write.decision, 'failed');
}

function writeFailed(b: Builder, id: number, problem: Problem, permanent: boolean): void {
  const found = b.s.writes.find((w) => w.id === id);
  if (!found || found.status !== 'inflight') return;
  if (found.echoed) {
    // The side already shows what we wrote (acknowledged ≠ applied, and the reverse): it worked.
    confirm(b, found);
    return;
  }
  // A newer outside change on that side (held behind this write) is the intent now: no retry.
  if (found.superseded || b.s.held[found.side] !== undefined) {
    abandon(b, found);
    return;
  }
  if (!permanent && found.attempt < MAX_ATTEMPTS) {
    b.count('retries');
    b.effects.push({ type: 'retryLater', id, delayMs: retryDelay(found.attempt) });
    return;
  }
  b.setWrite(id, { status: 'failed' });
  b.s.failed = true;
  b.problem(problem);
  b.update(found.decision, 'failed');
}

function repair(b: Builder): void {
  const s = b.s;
  if (!ready(s) || s.acd === null || s.salesforce === null) return;
  if (s.deferred !== null) {
    // A held Salesforce choice is newer than either side: it waits for the contact to end, or, when
    // it ended while no tab led (a takeover restored the choice), it is applied now.
    if (!isBusy(s.acd))
      applyDeferred(b, { side: 'acd', from: 'resync', to: formatAcd(s.acd), reason: 'resync' });
    return;
  }
  const changes = [s.lastOutside.acd, s.lastOutside.salesforce].filter(
    (c): c is OutsideChange => c !== undefined && !c.lost,
  );
  const latest = changes.sort((x, y) => y.at - x.at)[0];
  const source: OutsideChange =
    latest ??
    (s.config.startup === 'salesforce'
      ? { at: b.at, side: 'salesforce', salesforce: s.salesforce, lost: false }
      : { at: b.at, side: 'acd', acd: s.acd, lost: false });
  if (s.config.startup === 'none' && latest === undefined) return;
  const wanted = winnerTarget(b, source);
  if (wanted === null) return;
  const trigger: Trigger =
    source.side === 'acd'
      ? acdTrigger(s.acd, source.acd as AcdState, 'resync')
      : sfTrigger(s.salesforce, source.salesforce as SalesforceStatus, 'resync');
  if (wanted.side === 'acd' && isBusy(s.acd)) return;
  const decision = write(b, wanted.side, wanted.target, trigger, wanted.row, 'drift-repaired');
  if (decision.result === 'pending') b.count('driftRepairs');
}

/**
 * The engine's one decision function. Pure: the same state and input always give the same result.
 * @param state the current engine state (never mutated)
 * @param input a validated fact, stamped with the time it was seen
 */
export function transition(state: EngineState, input: Input): Step {
  const b = new Builder(state, input.at);
  const s = b.s;
  // Writes that settled and whose echo window passed are forgotten; in-flight ones wait for their result.
  s.writes = s.writes.filter((w) => isOpen(b, w));
  switch (input.type) {
    case 'rules.loaded':
      s.document = input.document;
      s.started = false;
      s.omniWorkActive = false;
      s.blocking = [];
      start(b);
      break;
    case 'rules.invalid':
      s.document = null;
      s.rule = null;
      s.started = false;
      s.blocking = input.problems;
      for (const problem of input.problems) b.effects.push({ type: 'report', problem });
      break;
    case 'omni.attached':
      s.omniAttached = true;
      s.statusesExpected = input.listsStatuses;
      start(b);
      break;
    case 'omni.detached':
      s.omniAttached = false;
      s.started = false;
      s.salesforce = null;
      break;
    case 'omni.statuses':
      s.statuses = input.statuses.map((status) => ({ ...status, id: id15(status.id) }));
      start(b);
      if (s.started) evaluate(b);
      break;
    case 'omni.statusRead':
    case 'omni.statusChanged':
      if (!s.omniAttached) break;
      observeSalesforce(
        b,
        input.status,
        input.type === 'omni.statusChanged' ? input.reason : undefined,
        input.type === 'omni.statusRead',
      );
      break;
    case 'omni.loginSucceeded': {
      if (!s.omniAttached) break;
      s.duplicateLogin = false;
      b.clearProblem(ErrorCode.duplicateLogin);
      const known = catalogue(s).find((status) => id15(status.id) === id15(input.statusId));
      observeSalesforce(
        b,
        { id: id15(input.statusId), apiName: known?.apiName ?? '', label: known?.label ?? '' },
        'OmniLoginSuccess',
        false,
      );
      break;
    }
    case 'omni.loggedOut':
      if (!s.omniAttached) break;
      if (input.reason === 'DuplicateLogin' || input.reason === 'DuplicateLoginInSameBrowser') {
        // Another session took Omni-Channel over: never log back in from here (that would ping-pong).
        s.duplicateLogin = true;
        s.salesforce = OFFLINE;
        b.problem({
          code: ErrorCode.duplicateLogin,
          message:
            'Omni-Channel was opened in another tab or browser; this tab stops writing to Omni-Channel until you log in here again.',
          recoverable: true,
        });
        b.decide({
          trigger: sfTrigger(state.salesforce, OFFLINE, input.reason),
          rule: s.rule?.name ?? null,
          row: null,
          action: 'none',
          why: 'duplicate-login',
          result: 'skipped',
        });
        break;
      }
      observeSalesforce(b, OFFLINE, input.reason, false);
      break;
    case 'omni.workloadChanged':
      workload(b, input.capacity, input.current);
      break;
    case 'omni.connectionError':
      b.problem({
        code: ErrorCode.omniWriteFailed,
        message: `Omni-Channel reported a connection error: ${input.message}`,
        recoverable: true,
      });
      break;
    case 'acd.hello':
      s.identity = input.identity;
      s.codes = input.codes;
      s.agentCanWrite = input.canWrite;
      if (input.state !== null) observeAcd(b, input.state, true);
      start(b);
      if (s.started) evaluate(b);
      break;
    case 'acd.stateChanged':
      observeAcd(b, input.state, false);
      break;
    case 'acd.codes':
      s.codes = input.codes;
      start(b);
      if (s.started) evaluate(b);
      break;
    case 'write.succeeded': {
      const found = s.writes.find((w) => w.id === input.id);
      if (!found || found.status !== 'inflight') break;
      confirm(b, found);
      // A change held behind this write goes ahead if no echo follows within the window.
      if (s.held[found.side] !== undefined && !found.echoed)
        b.effects.push({ type: 'wake', delayMs: b.window });
      if (!found.superseded) {
        s.failed = false;
        b.clearProblem(
          found.side === 'salesforce' ? ErrorCode.omniWriteFailed : ErrorCode.acdWriteFailed,
          ErrorCode.agentTimeout,
          ErrorCode.statusNotPermitted,
        );
      }
      break;
    }
    case 'write.failed':
      writeFailed(b, input.id, input.problem, input.permanent);
      break;
    case 'write.retry': {
      const found = s.writes.find((w) => w.id === input.id);
      if (!found || found.status !== 'inflight') break;
      if (found.superseded) {
        // A newer write replaced it while it waited: it is abandoned, not left open forever.
        abandon(b, found);
        break;
      }
      if (found.echoed) {
        confirm(b, found);
        break;
      }
      if (s.held[found.side] !== undefined) {
        abandon(b, found);
        break;
      }
      const attempt = found.attempt + 1;
      b.setWrite(input.id, { attempt, issuedAt: input.at });
      b.effects.push(
        found.side === 'salesforce'
          ? { type: 'writeOmni', id: found.id, target: found.target as OmniTarget, attempt }
          : { type: 'writeAcd', id: found.id, target: found.target as AcdTarget, attempt },
      );
      break;
    }
    case 'control.pause':
      s.paused = true;
      break;
    case 'control.resume':
      s.paused = false;
      s.failed = false;
      b.effects.push({ type: 'readBoth' });
      break;
    case 'control.resync':
      s.failed = false;
      b.clearProblem(ErrorCode.omniWriteFailed, ErrorCode.acdWriteFailed, ErrorCode.agentTimeout);
      b.effects.push({ type: 'readBoth' });
      break;
    case 'control.repair':
      repair(b);
      break;
    case 'clock.tick':
      break;
    case 'leader.changed':
      s.leader = input.leader;
      // Taking the lead after the stored state was read: read it again first, for what the previous
      // leader held (a follower holds nothing), then resync.
      if (input.leader && !state.leader)
        b.effects.push(s.restoring ? { type: 'readBoth' } : { type: 'restore' });
      break;
    case 'storage.attached':
      s.restoring = true;
      break;
    case 'storage.restored': {
      const takeover = input.takeover === true;
      // What was stored before the reload is older than anything seen since. On a takeover this
      // tab saw the same agent as the previous leader, so its own history stands unless it has none.
      if (!takeover) s.history = collapse([...input.history, ...s.history]);
      else if (s.history.length === 0) s.history = collapse(input.history);
      if (s.deferred === null && input.deferred !== null) {
        // Decision ids restart with each page: the restored one gets a fresh id so its update
        // cannot overwrite a decision of this page.
        s.deferred = {
          ...input.deferred,
          decision: { ...input.deferred.decision, id: s.nextId++ },
        };
      }
      s.restoring = false;
      if (!s.started) start(b);
      else if (takeover) {
        b.persist();
        b.effects.push({ type: 'readBoth' });
      }
      break;
    }
    case 'problem.reported':
      b.problem(input.problem);
      break;
    case 'problem.cleared':
      b.clearProblem(input.code);
      break;
    case 'agent.rejected':
      b.count('rejected', input.count);
      break;
    default: {
      const never: never = input;
      void never;
    }
  }
  sendQueued(b);
  releaseHeld(b);
  return { state: s, effects: b.effects };
}

/** The phase the element shows, derived from the state (never stored). */
export function phaseOf(state: EngineState): Phase {
  if (state.config.mode === 'off' || state.paused) return 'paused';
  if (!state.leader) return 'follower';
  if (state.blocking.length > 0 || state.failed) return 'error';
  if (!state.omniAttached) return 'waiting';
  if (!state.started) return 'starting';
  if (state.config.mode === 'shadow') return 'shadow';
  if (state.deferred !== null) return 'deferred';
  if (state.writes.some((w) => (w.status === 'inflight' || w.status === 'queued') && !w.superseded))
    return 'syncing';
  return 'in-sync';
}

/** The public snapshot of a state (CONTRACT.md §2). */
export function snapshotOf(state: EngineState): SyncSnapshot {
  const pending = state.writes
    .filter((w) => (w.status === 'inflight' || w.status === 'queued') && !w.superseded)
    .map((w) => ({ side: w.side, target: showTarget(w.target), attempt: w.attempt }));
  const previous = previousTarget(state);
  return {
    phase: phaseOf(state),
    salesforce: state.salesforce,
    acd: state.acd,
    rule: state.rule?.name ?? null,
    ...(pending.length > 0 ? { pending } : {}),
    ...(state.deferred !== null
      ? { deferred: { target: showSubscriber(state.deferred.target), since: state.deferred.at } }
      : {}),
    ...(previous !== null ? { previousAcd: formatAcd(previous) } : {}),
    leader: state.leader,
    problems: [...state.blocking, ...state.problems],
    counters: state.counters,
  };
}
