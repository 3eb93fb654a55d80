/**
 * Outside changes (ones the engine did not cause): conflicts between the two sides, changes that
 * race an open write of ours, and drift repair after a resync (docs/contract.md §6.4, §6.6).
 *
 * Glossary:
 * - held: an outside change that arrived while a write of ours to the same side was open; it waits
 *   until that write settles (its echo overrides it; a failure or the window passing releases it).
 * - lost: it lost a conflict to the other side's change and is never propagated.
 * - replaced: a write of ours came after it on its side, so it no longer competes in conflicts.
 *
 * Invariants: an outside change causes at most one write to the other side (or, when it loses a
 * conflict, one write back to its own); platform states (contact, ACW, logout) never conflict.
 */
import { publish, resolveSubscriber, returnFromContact, subscribe } from './directions.js';
import {
  acdWorkChanged,
  acdWorkCovers,
  acdWorkForget,
  acdWorkOverridden,
  acdWorkTarget,
} from './work.js';
import type { EngineState, OutsideChange } from './state.js';
import {
  acdTrigger,
  catalogue,
  ready,
  type Row,
  sfTrigger,
  type Side,
  Step,
  type Trigger,
} from './step.js';
import { openWrite, windowStart, write } from './writes.js';
import { matchPublisher, matchSubscriber, resolveOmniTarget } from '../rules/match.js';
import type { Rule } from '../rules/types.js';
import {
  type AcdState,
  type AcdTarget,
  formatAcd,
  isBusy,
  isPlatform,
  type OmniTarget,
  type SalesforceStatus,
  stateIs,
} from '../values.js';

/**
 * The agent is back from a contact or ACW while a Salesforce choice made during it is deferred or
 * stands. Both are set only while the ACD is busy, so the ACD showing anything else means the
 * contact ended, whether that was seen as its return, or only as a later state (an older write of
 * ours landing after the return, whose echo overrode it).
 */
export function backFromWork(state: EngineState, next: AcdState): boolean {
  return !isBusy(next) && (state.deferred !== null || state.standing !== null);
}

/** Where the winner of a conflict says this side should be, or null when its change maps to nothing here. */
function winnerTarget(
  step: Step,
  winner: OutsideChange,
): { side: Side; target: OmniTarget | AcdTarget; row: Row } | null {
  const rule = step.draft.rule as Rule;
  if (
    winner.side === 'acd' &&
    winner.acd &&
    (winner.acdWork !== undefined || acdWorkCovers(rule, winner.acd))
  ) {
    // An acdWork contact's start or end sent Omni-Channel somewhere of its own (or nowhere); with
    // no such record (the start found the agent on a contact), the busy status unless overridden.
    const target =
      winner.acdWork !== undefined
        ? winner.acdWork.target
        : step.draft.beforeContact?.overridden
          ? null
          : acdWorkTarget(step, rule);
    const text = rule.acdWork?.text ?? '';
    return target === null
      ? null
      : { side: 'salesforce', target, row: { direction: 'acdWork', index: 0, text } };
  }
  if (winner.side === 'acd' && winner.acd) {
    const row = matchPublisher(rule, winner.acd);
    const target = row === null ? null : resolveOmniTarget(row.salesforce, catalogue(step.draft));
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
    // A choice deferred through a contact keeps what it resolved to then (PreviousState: the state
    // before that contact), not what its row would resolve to now.
    const resolved =
      winner.resolved !== undefined
        ? { target: winner.resolved.target as AcdTarget | null }
        : resolveSubscriber(step, rule, row.acd);
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
function outside(step: Step, side: Side, trigger: Trigger, at = step.at): void {
  const draft = step.draft;
  // The user (or the platform) changed this side after our write was sent: our write is no longer
  // the intent there, though its echo is still recognised.
  draft.writes = draft.writes.map((w) =>
    w.side === side && !w.echoed ? { ...w, superseded: true } : w,
  );
  // Contact, ACW and logout states are the platform's doing, not a competing choice: never conflicts.
  const platform = side === 'acd' && draft.acd !== null && isPlatform(draft.acd);
  const other = draft.lastOutside[side === 'acd' ? 'salesforce' : 'acd'];
  let lost = false;
  const otherIsPlatform = other?.acd !== undefined && isPlatform(other.acd);
  const gap = Math.abs(at - (other?.at ?? 0));
  if (
    !platform &&
    other !== undefined &&
    !other.lost &&
    !other.replaced &&
    !otherIsPlatform &&
    gap < step.window
  ) {
    lost = draft.config.authority !== 'latest' && draft.config.authority !== side;
  }
  const change: OutsideChange =
    side === 'acd'
      ? { at, side, acd: draft.acd as AcdState, lost }
      : { at, side, salesforce: draft.salesforce as SalesforceStatus, lost };
  draft.lastOutside = { ...draft.lastOutside, [side]: change };
  if (!ready(draft)) return;
  if (lost && other !== undefined) {
    // A contact's end that lost a conflict still ends the contact: nothing is left to return to
    // (the winning change is the intent on both sides now).
    if (side === 'acd') acdWorkForget(step);
    if (side === 'acd' && backFromWork(draft, draft.acd as AcdState)) {
      // The winner is the Salesforce choice made during the contact: what it deferred (resolved when
      // it was chosen) is applied, not its row resolved again now.
      returnFromContact(step, trigger);
      return;
    }
    const winner = winnerTarget(step, other);
    if (winner === null || winner.side !== side) {
      step.skip('conflict-lost', trigger);
    } else {
      write(step, side, winner.target, trigger, winner.row, 'conflict-lost');
    }
    return;
  }
  if (side === 'acd') {
    const state = draft.acd as AcdState;
    if (state.state === 'Other') {
      // A state the engine does not know: shown as it came, and nothing is written because of it
      // (no row can map it; whether it begins or ends a contact is unknown).
      step.skip('unmapped', trigger);
      return;
    }
    // An acdWork contact beginning or ending moves Omni-Channel itself (not by a publisher row).
    const worked = acdWorkChanged(step, trigger);
    if (worked !== null) {
      const latest = draft.lastOutside.acd as OutsideChange;
      draft.lastOutside = { ...draft.lastOutside, acd: { ...latest, acdWork: worked } };
    }
    if (backFromWork(draft, state)) {
      // Back from a contact during which the agent chose a Salesforce status: that choice is the
      // newer intent, so its deferred write is applied (if it has one) and this return is not
      // published (docs/contract.md §6.5).
      returnFromContact(step, trigger);
      return;
    }
    if (worked !== null) return;
    if (
      draft.omniWorkActive &&
      draft.rule?.omniWork &&
      !stateIs(state, draft.rule.omniWork.acd) &&
      !isBusy(state)
    )
      draft.omniWorkActive = false;
    publish(step, state, trigger, 'mapped');
  } else {
    acdWorkOverridden(step);
    subscribe(step, draft.salesforce as SalesforceStatus, trigger, 'mapped');
  }
}

/** Lets held changes go ahead once no write of ours to their side can land any more. */
export function releaseHeld(step: Step): void {
  for (const side of ['salesforce', 'acd'] as const) {
    const held = step.draft.held[side];
    if (held === undefined || openWrite(step, side) !== undefined) continue;
    step.draft.held = { ...step.draft.held, [side]: undefined };
    outside(step, side, held.trigger, held.at);
  }
}

/** Holds an outside change that raced an open write of ours, or handles it now. */
export function outsideOrHold(step: Step, side: Side, trigger: Trigger): void {
  const open = openWrite(step, side);
  if (open === undefined) {
    outside(step, side, trigger);
    return;
  }
  const earlier = step.draft.held[side];
  step.draft.held = {
    ...step.draft.held,
    [side]: {
      at: step.at,
      trigger: earlier ? { ...trigger, from: earlier.trigger.from } : trigger,
    },
  };
  if (open.status !== 'inflight')
    step.effects.push({
      type: 'wake',
      delayMs: Math.max(1, windowStart(open) + step.window - step.at),
    });
}

export function repair(step: Step): void {
  const draft = step.draft;
  if (!ready(draft) || draft.acd === null || draft.salesforce === null) return;
  if (draft.deferred !== null || draft.standing !== null) {
    // A held Salesforce choice is newer than either side: it waits for the contact to end, or, when
    // it ended while no tab led (a takeover restored the choice), it is applied now.
    if (!isBusy(draft.acd))
      returnFromContact(step, {
        side: 'acd',
        from: 'resync',
        to: formatAcd(draft.acd),
        reason: 'resync',
      });
    return;
  }
  const changes = [draft.lastOutside.acd, draft.lastOutside.salesforce].filter(
    (c): c is OutsideChange => c !== undefined && !c.lost && !c.replaced,
  );
  const latest = changes.sort((x, y) => y.at - x.at)[0];
  const source: OutsideChange =
    latest ??
    (draft.config.startup === 'salesforce'
      ? { at: step.at, side: 'salesforce', salesforce: draft.salesforce, lost: false }
      : { at: step.at, side: 'acd', acd: draft.acd, lost: false });
  if (draft.config.startup === 'none' && latest === undefined) return;
  const wanted = winnerTarget(step, source);
  if (wanted === null) return;
  const trigger: Trigger =
    source.side === 'acd'
      ? acdTrigger(draft.acd, source.acd as AcdState, 'resync')
      : sfTrigger(draft.salesforce, source.salesforce as SalesforceStatus, 'resync');
  if (wanted.side === 'acd' && isBusy(draft.acd)) return;
  const decision = write(step, wanted.side, wanted.target, trigger, wanted.row, 'drift-repaired');
  if (decision.result === 'pending') step.count('driftRepairs');
}
