/**
 * The agent's day (docs/contract.md §6.12): timed states (a rule's `timeouts`), scheduled states
 * (`el.scheduleState`) and idle — times at which the engine acts by itself.
 *
 * Glossary:
 * - deadline: a time at which the engine acts (`Deadline`); timed and scheduled ones are stored,
 *   idle's is derived each step from `idleFrom`.
 * - a choice: a change the agent (or the host) made on either side — an outside change that is not
 *   our echo and not a contact's doing (a contact, ACW, a return from them). It cancels timeouts
 *   and the end of a scheduled state set before it.
 * - held: due while the ACD is on a contact or in ACW; it fires when the contact ends, as a
 *   subscriber write would be applied then.
 *
 * Invariants (each a test in test/core/deadlines*.test.ts):
 * - A deadline fires at most once: firing removes it (a scheduled state with `until` is replaced
 *   by its end, a different decision), and it writes at most once per side, through `write()`.
 * - Only the leader fires; a follower keeps its deadlines and takes the stored ones on a takeover.
 * - A timeout fires only while its side shows the state it times and no write of ours to that side
 *   is under way; never while the ACD is busy; never after a choice made since it was set.
 * - Idle fires only while the agent is available on either side and not on a contact, and counts
 *   from the latest input, choice, contact or return to available; nothing is restored after it.
 */
import { matchPublisher, matchSubscriber, refMatches, resolveOmniTarget } from '../rules/match.js';
import { resolveSubscriber } from './directions.js';
import { Collector } from '../rules/fields.js';
import { parseSideTarget, showTimed, sourceKey } from '../rules/timeouts.js';
import type { TimedSource } from '../rules/types.js';
import { ErrorCode } from '../errors.js';
import type { EngineState } from './state.js';
import { catalogue, ready, type Row, type Side, Step, type Trigger } from './step.js';
import {
  type AcdState,
  type AcdTarget,
  formatAcd,
  formatStatus,
  isBusy,
  OFFLINE,
  type OmniTarget,
  type SalesforceStatus,
  settableOf,
  stateIs,
} from '../values.js';
import { type Deadline, type ScheduledState, WARN_BEFORE_MS } from '../snapshot.js';
import { openWrite, write } from './writes.js';
import type { DecisionWhy } from '../snapshot.js';

/** At most this many scheduled states at once; more are refused. */
export const MAX_SCHEDULED = 50;

/** `idleFrom` is saved when it moved at least this much (input comes every few seconds). */
const IDLE_SAVE_MS = 60_000;

function warnAt(at: number, setAt: number): number {
  return Math.max(setAt, at - WARN_BEFORE_MS);
}

/** The side a timeout times (its id says: `timeout:<side>:…`). */
function timedSide(deadline: Deadline): Side {
  return deadline.id.startsWith('timeout:acd:') ? 'acd' : 'salesforce';
}

/** What a side shows now, as a deadline's text names it; null when unknown. */
function shown(state: EngineState, side: Side): string | null {
  if (side === 'salesforce')
    return state.salesforce === null ? null : formatStatus(state.salesforce);
  return state.acd === null ? null : formatAcd(state.acd);
}

/** A state's text read back as a target on its side (texts come from validated input or records). */
export function readTarget(side: Side, text: string): TimedSource | undefined {
  return parseSideTarget(side, text, side, new Collector());
}

function shows(state: EngineState, target: TimedSource): boolean {
  if (target.side === 'salesforce')
    return state.salesforce !== null && refMatches(target.status, state.salesforce);
  return state.acd !== null && stateIs(state.acd, target.state);
}

function showsText(state: EngineState, side: Side, text: string | undefined): boolean {
  const target = text === undefined ? undefined : readTarget(side, text);
  return target !== undefined && shows(state, target);
}

/** Available on either side: the ACD's Available, or an Omni-Channel status that takes work. */
export function available(state: EngineState): boolean {
  if (state.acd?.state === 'Available' && !isBusy(state.acd)) return true;
  const id = state.salesforce?.id;
  if (id === null || id === undefined) return false;
  return catalogue(state).some((status) => status.id === id && status.online === true);
}

function trigger(state: EngineState, deadline: Deadline, side: Side): Trigger {
  return { side, from: shown(state, side) ?? 'unknown', to: deadline.target, reason: deadline.id };
}

/** Writes on the other side what the rule's rows map `target` to, as a change there would be. */
function follow(
  step: Step,
  side: Side,
  target: OmniTarget | AcdTarget,
  cause: Trigger,
  why: DecisionWhy,
): void {
  const rule = step.draft.rule;
  if (rule === null) return;
  if (side === 'salesforce') {
    const omni = target as OmniTarget;
    const status: SalesforceStatus =
      'logout' in omni ? OFFLINE : { id: omni.statusId, apiName: omni.apiName, label: omni.label };
    const row = matchSubscriber(rule, status);
    const rowInfo: Row =
      row === null ? null : { direction: 'subscriber', index: row.index, text: row.text };
    const wanted =
      row?.acd ??
      (rule.skipUnavailableCodeValidation ? { state: 'Unavailable' as const, reason: '' } : null);
    if (wanted === null) {
      step.skip('unmapped', cause);
      return;
    }
    const resolved = resolveSubscriber(step, rule, wanted);
    if (resolved.target === null) step.skip(resolved.why, cause, rowInfo);
    else write(step, 'acd', resolved.target, cause, rowInfo, why);
    return;
  }
  const acd = target as AcdTarget;
  const state: AcdState = {
    state: acd.state,
    reason: acd.state === 'Unavailable' ? acd.reason : '',
    isAcw: false,
  };
  const row = matchPublisher(rule, state);
  if (row === null) {
    step.skip('unmapped', cause);
    return;
  }
  const rowInfo: Row = { direction: 'publisher', index: row.index, text: row.text };
  const omni = resolveOmniTarget(row.salesforce, catalogue(step.draft));
  if (omni === null) step.skip('unknown-status', cause, rowInfo);
  else write(step, 'salesforce', omni, cause, rowInfo, why);
}

/** Writes `text` on `side` and what the rows map it to on the other side; false when it cannot. */
function apply(step: Step, side: Side, text: string, cause: Trigger, why: DecisionWhy): boolean {
  const target = readTarget(side, text);
  if (target === undefined) {
    step.skip('unknown-status', cause);
    return false;
  }
  let resolved: OmniTarget | AcdTarget | null;
  if (target.side === 'salesforce') {
    resolved = resolveOmniTarget(target.status, catalogue(step.draft));
    if (resolved === null) {
      step.problem({
        code: ErrorCode.statusNotPermitted,
        message: `"${text}" is a Salesforce status this tab has not seen and the host did not list; it cannot be set (${cause.reason ?? why}).`,
        recoverable: false,
      });
      step.skip('unknown-status', cause);
      return false;
    }
  } else resolved = target.state;
  // A deadline never logs the agent in to Omni-Channel (as a contact never does, §6.5): the ACD
  // side still follows.
  if (side === 'salesforce' && step.draft.salesforce?.id === null && !('logout' in resolved))
    step.skip('omni-offline', cause);
  else write(step, side, resolved, cause, null, why);
  follow(step, side, resolved, cause, why);
  return true;
}

/** Fires one due deadline; returns what replaces it (a scheduled state's end), or null. */
function fire(step: Step, deadline: Deadline): Deadline | null {
  const draft = step.draft;
  if (deadline.kind === 'timeout') {
    const side = deadline.side ?? timedSide(deadline);
    if (deadline.side === null) step.skip('timeout-notify', trigger(draft, deadline, side));
    else apply(step, side, deadline.target, trigger(draft, deadline, side), 'timed-out');
    return null;
  }
  if (deadline.kind === 'idle') {
    draft.idleFrom = step.at;
    apply(step, 'salesforce', deadline.target, trigger(draft, deadline, 'salesforce'), 'idle');
    return null;
  }
  const side = deadline.side ?? 'salesforce';
  const cause = trigger(draft, deadline, side);
  if (deadline.source !== undefined) {
    // The end of a scheduled state: the state held before comes back, unless the scheduled state
    // is no longer there (it never landed, or something else replaced it).
    if (showsText(draft, side, deadline.source))
      apply(step, side, deadline.target, cause, 'schedule-ended');
    else step.skip('schedule-ended', cause);
    return null;
  }
  if (deadline.until !== undefined && deadline.until <= step.at) {
    // The whole scheduled window passed while nothing could act (the console was closed).
    step.skip('schedule-ended', cause);
    return null;
  }
  const before = shown(draft, side);
  const restorable =
    side === 'salesforce' || (draft.acd !== null && settableOf(draft.acd) !== null);
  if (!apply(step, side, deadline.target, cause, 'scheduled')) return null;
  if (deadline.until === undefined || before === null || !restorable) return null;
  return {
    id: deadline.id,
    kind: 'scheduled',
    at: deadline.until,
    warnAt: warnAt(deadline.until, step.at),
    warning: false,
    side,
    target: before,
    source: deadline.target,
    setAt: step.at,
  };
}

/** A host scheduled a state: it replaces one with the same id. */
export function scheduleAdded(step: Step, entry: ScheduledState): void {
  const id = `scheduled:${entry.id}`;
  const others = step.draft.deadlines.filter((deadline) => deadline.id !== id);
  if (others.filter((deadline) => deadline.kind === 'scheduled').length >= MAX_SCHEDULED) {
    step.problem({
      code: ErrorCode.configInvalid,
      message: `At most ${MAX_SCHEDULED} scheduled states are kept; "${entry.id}" was not scheduled.`,
      recoverable: true,
      path: 'scheduleState',
    });
    return;
  }
  const deadline: Deadline = {
    id,
    kind: 'scheduled',
    at: entry.at,
    warnAt: warnAt(entry.at, step.at),
    warning: false,
    side: entry.target.side,
    target: entry.target.target,
    ...(entry.until !== undefined ? { until: entry.until } : {}),
    setAt: step.at,
  };
  step.draft.deadlines = [...others, deadline];
}

/** The agent or the host cancelled a deadline: it is gone, and the log says so. */
export function deadlineCancelled(step: Step, id: string): void {
  const found = step.draft.deadlines.find((deadline) => deadline.id === id);
  if (found === undefined) return;
  step.draft.deadlines = step.draft.deadlines.filter((deadline) => deadline.id !== id);
  // Cancelling idle is input from the agent: the idle period starts again.
  if (found.kind === 'idle') step.draft.idleFrom = step.at;
  const side = found.side ?? timedSide(found);
  step.skip('deadline-cancelled', { ...trigger(step.draft, found, side), reason: found.id });
}

/** Input was seen in a console tab: the idle period starts again (never later than now). */
export function activitySeen(step: Step): void {
  step.draft.idleFrom = Math.max(step.draft.idleFrom ?? step.at, step.at);
}

/** The previous console session ended without a close: the agent is told. */
export function uncleanEnd(step: Step, lastSeen: number): void {
  step.skip('unclean-end', {
    side: 'acd',
    from: 'console open',
    to: 'closed without a clean end',
    // Date's range is ±8.64e15 ms; a time outside it is shown as the number it is.
    reason: Math.abs(lastSeen) <= 8.64e15 ? new Date(lastSeen).toISOString() : String(lastSeen),
  });
}

/** Stored deadlines are in: at start they join what this page has; on a takeover they replace it. */
export function deadlinesRestored(
  step: Step,
  stored: readonly Deadline[],
  idleFrom: number | null,
  takeover: boolean,
): void {
  const draft = step.draft;
  const own = takeover ? [] : draft.deadlines.filter((deadline) => deadline.kind !== 'idle');
  const ids = new Set(own.map((deadline) => deadline.id));
  draft.deadlines = [...own, ...stored.filter((deadline) => !ids.has(deadline.id))];
  if (idleFrom !== null) draft.idleFrom = Math.max(draft.idleFrom ?? idleFrom, idleFrom);
}

function keepTimeout(state: EngineState, deadline: Deadline): boolean {
  const rule = state.rule;
  const side = timedSide(deadline);
  // Until a rule is selected and the side is known nothing can be judged (a restored deadline waits).
  if (rule === null || shown(state, side) === null) return true;
  const timed = rule.timeouts.find(
    (timeout) => timeout.source.side === side && showTimed(timeout.source) === deadline.source,
  );
  if (timed === undefined) return false;
  // Still in the timed state, or moved by a contact (or by a write of ours still landing): kept.
  return shows(state, timed.source) || (state.acd !== null && isBusy(state.acd));
}

function idleDeadline(state: EngineState, at: number): Deadline | null {
  const { idleMinutes, idleStatus } = state.config;
  if (idleMinutes <= 0 || idleStatus === undefined || !ready(state)) return null;
  if (state.acd === null || isBusy(state.acd) || !available(state)) return null;
  const from = state.idleFrom ?? at;
  const due = from + idleMinutes * 60_000;
  return {
    id: `idle:${from}`,
    kind: 'idle',
    at: due,
    warnAt: warnAt(due, from),
    warning: false,
    side: 'salesforce',
    target: idleStatus,
    setAt: from,
  };
}

/**
 * After every input: cancels what the agent's choices ended, starts timeouts for timed states just
 * entered, keeps idle's deadline, fires what is due, flips warnings, and saves what changed.
 */
export function deadlinesAfter(before: EngineState, step: Step): void {
  const draft = step.draft;
  // A choice ends timeouts (and scheduled states' ends) set before it: the agent's newer intent stands.
  let list = draft.deadlines.filter(
    (deadline) =>
      deadline.kind !== 'idle' &&
      !(
        (deadline.kind === 'timeout' || deadline.source !== undefined) &&
        step.chose.some((choice) => choice.at >= deadline.setAt)
      ),
  );
  list = list.filter(
    (deadline) =>
      deadline.kind !== 'timeout' ||
      keepTimeout(draft, deadline) ||
      openWrite(step, timedSide(deadline)) !== undefined,
  );
  if (draft.rule !== null && draft.started) {
    for (const timeout of draft.rule.timeouts) {
      const side = timeout.source.side;
      const entered =
        shows(draft, timeout.source) &&
        (!shows(before, timeout.source) || !before.started || before.rule !== draft.rule);
      const key = showTimed(timeout.source);
      const running = list.some(
        (deadline) =>
          deadline.kind === 'timeout' && timedSide(deadline) === side && deadline.source === key,
      );
      if (!entered || running) continue;
      const at = step.at + timeout.ms;
      list.push({
        id: `timeout:${sourceKey(timeout.source)}:${step.at}`,
        kind: 'timeout',
        at,
        warnAt: warnAt(at, step.at),
        warning: false,
        side: timeout.then.side,
        target: timeout.then.side === null ? 'notify' : showTimed(timeout.then),
        source: key,
        setAt: step.at,
      });
    }
  }
  // Idle counts from the latest input, choice, contact (or return from one) or return to available.
  const busyNow = draft.acd !== null && isBusy(draft.acd);
  const busyBefore = before.acd !== null && isBusy(before.acd);
  if (
    draft.idleFrom === null ||
    busyNow ||
    busyBefore ||
    step.chose.length > 0 ||
    (available(draft) && !available(before))
  )
    draft.idleFrom = Math.max(draft.idleFrom ?? step.at, step.at);
  const idle = idleDeadline(draft, step.at);
  if (idle !== null) list.push(idle);
  list.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  const next: Deadline[] = [];
  for (const deadline of list) {
    const due = deadline.at <= step.at;
    if (!due || !draft.leader || !ready(draft)) {
      next.push(deadline);
      continue;
    }
    const side = deadline.side ?? timedSide(deadline);
    if (draft.acd !== null && isBusy(draft.acd)) {
      // Held until the contact (or ACW) ends, as a subscriber write is.
      next.push({ ...deadline, held: true });
      continue;
    }
    if (
      openWrite(step, side) !== undefined ||
      (deadline.kind === 'timeout' && !keepTimeout(draft, deadline))
    ) {
      // A write of ours is still landing on that side: decide once it has.
      next.push(deadline);
      continue;
    }
    const replacement = fire(step, deadline);
    if (replacement !== null) next.push(replacement);
  }
  const warned = next
    .map((deadline) => ({ ...deadline, warning: step.at >= deadline.warnAt }))
    .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  const stored = (deadlines: readonly Deadline[]) =>
    JSON.stringify(deadlines.filter((deadline) => deadline.kind !== 'idle'));
  const changed = stored(warned) !== stored(before.deadlines);
  draft.deadlines = warned;
  const idleMoved =
    draft.idleFrom !== null &&
    (draft.idleSaved === null || draft.idleFrom - draft.idleSaved >= IDLE_SAVE_MS);
  const persisted = step.effects.some((effect) => effect.type === 'persist');
  if (changed || persisted || (idleMoved && draft.config.idleMinutes > 0)) {
    // One save per step, of the state as the step left it.
    for (let index = step.effects.length - 1; index >= 0; index--)
      if (step.effects[index]?.type === 'persist') step.effects.splice(index, 1);
    step.persist();
  }
}
