/**
 * The previous-state history (docs/contract.md §6.2): the agent's settable, non-ACW ACD states in
 * order, repeats collapsed, so `PreviousState` can restore one. Persisted by the leader.
 *
 * Invariants: only states the ACD showed enter, and only settable ones (never a contact, ACW,
 * logout or an `Other` state); a return from a contact that a held write replaces in the same step
 * leaves again (the agent never chose it); `PreviousState` on a contact means the last settable
 * state before it, otherwise the state before the latest one.
 */
import type { EngineState } from './state.js';
import { Step } from './step.js';
import { type AcdState, type AcdTarget, isBusy, sameTarget, settableOf } from '../values.js';

const HISTORY_LIMIT = 20;

/** Adds the state the ACD shows now, when it is settable and differs from the last entry. */
export function recordHistory(step: Step, state: AcdState): void {
  const settable = settableOf(state);
  if (settable === null) return;
  const last = step.draft.history[step.draft.history.length - 1];
  if (last !== undefined && sameTarget(last, settable)) return;
  step.draft.history = [...step.draft.history, settable].slice(-HISTORY_LIMIT);
  step.recorded = settable;
  step.persist();
}

/**
 * A held write replaced the state the ACD returned to from a contact, in the step that saw the
 * return: that state was the platform's for an instant, not one the agent held, so it leaves the
 * history (else a later `PreviousState` would restore it).
 */
export function forgetReturn(step: Step): void {
  const recorded = step.recorded;
  const last = step.draft.history[step.draft.history.length - 1];
  if (recorded === null || last !== recorded) return;
  step.draft.history = step.draft.history.slice(0, -1);
  step.recorded = null;
  step.persist();
}

export function collapse(history: readonly AcdTarget[]): AcdTarget[] {
  const result: AcdTarget[] = [];
  for (const entry of history) {
    const last = result[result.length - 1];
    if (last === undefined || !sameTarget(last, entry)) result.push(entry);
  }
  return result.slice(-HISTORY_LIMIT);
}

/**
 * What `PreviousState` means now: on a contact (or in ACW, or an `Other` state), the last settable
 * state before it — where the agent was before the interaction, as the seed says; otherwise the
 * state before the latest one.
 */
export function previousTarget(state: EngineState): AcdTarget | null {
  const back = state.acd !== null && isBusy(state.acd) ? 1 : 2;
  return state.history[state.history.length - back] ?? null;
}
