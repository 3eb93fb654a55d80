/**
 * The previous-state history (docs/contract.md §6.2): the agent's settable, non-ACW ACD states in order,
 * repeats collapsed, so `PreviousState` can restore the one before the last. Persisted by the leader.
 */
import type { EngineState } from './state.js';
import { Step } from './step.js';
import { type AcdState, type AcdTarget, sameTarget, settableOf } from '../values.js';

const HISTORY_LIMIT = 20;

export function recordHistory(step: Step, state: AcdState): void {
  const settable = settableOf(state);
  if (settable === null) return;
  const last = step.draft.history[step.draft.history.length - 1];
  if (last !== undefined && sameTarget(last, settable)) return;
  step.draft.history = [...step.draft.history, settable].slice(-HISTORY_LIMIT);
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

export function previousTarget(state: EngineState): AcdTarget | null {
  return state.history.length >= 2 ? (state.history[state.history.length - 2] as AcdTarget) : null;
}
