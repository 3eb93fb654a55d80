/**
 * The engine's one decision function: `transition(state, input)` → `{ state, effects }`.
 *
 * Invariants (docs/contract.md §6; each is a property test in test/core/transition.property.test.ts):
 * - Pure: no clock, no I/O, no randomness; time comes in `input.at`. Effects are returned, never run.
 * - An outside change causes at most one write to the other side (plus, when it loses a conflict,
 *   at most one write back to its own side). Retries re-send the same write; they are not new writes.
 * - An echo (a change that matches a write we made) never causes a write.
 * - Nothing is written before both sides are known and a valid rule is selected, nor while any
 *   blocking problem stands, nor in shadow/paused/follower mode, nor to Omni after a duplicate login.
 * - Every decision the engine takes is recorded as a `decide` effect; a decision whose write
 *   settles later is re-emitted with the same id and its final result.
 *
 * This module only dispatches; each concern has its own module beside it: writes.ts (the ledger),
 * arbitration.ts (outside changes), directions.ts, work.ts, history.ts, observe.ts, lifecycle.ts.
 */
import type { Effect } from '../effects.js';
import type { Input } from '../inputs.js';
import { releaseHeld, repair } from './arbitration.js';
import * as deadlines from './deadlines.js';
import * as lifecycle from './lifecycle.js';
import * as observe from './observe.js';
import type { EngineState } from './state.js';
import { Step } from './step.js';
import { omniWorkload } from './work.js';
import { forgetSettled, retryOrFail, sendQueued, writeSucceeded } from './writes.js';

/** The result of one step. */
export interface Transition {
  readonly state: EngineState;
  readonly effects: readonly Effect[];
}

/**
 * The engine's one decision function. Pure: the same state and input always give the same result.
 * @param state the current engine state (never mutated)
 * @param input a validated fact, stamped with the time it was seen
 */
export function transition(state: EngineState, input: Input): Transition {
  const step = new Step(state, input.at);
  forgetSettled(step);
  dispatch(step, input);
  // Whatever the input, a queued write may now go out and a held change may now go ahead.
  sendQueued(step);
  releaseHeld(step);
  // Last, so a deadline sees both sides as this input left them (docs/contract.md §6.12).
  deadlines.deadlinesAfter(state, step);
  return { state: step.draft, effects: step.effects };
}

function dispatch(step: Step, input: Input): void {
  switch (input.type) {
    case 'rules.loaded':
      return lifecycle.rulesLoaded(step, input.document);
    case 'rules.invalid':
      return lifecycle.rulesInvalid(step, input.problems);
    case 'omni.attached':
      return lifecycle.omniAttached(step, input.listsStatuses);
    case 'omni.detached':
      return lifecycle.omniDetached(step);
    case 'omni.statuses':
      return lifecycle.statusesListed(step, input.statuses);
    case 'omni.statusRead':
    case 'omni.statusChanged':
      return observe.salesforceSeen(step, input);
    case 'omni.loginSucceeded':
      return observe.loginSucceeded(step, input.statusId);
    case 'omni.loggedOut':
      return observe.loggedOut(step, input.reason);
    case 'omni.workloadChanged':
      return omniWorkload(step, input.capacity, input.current);
    case 'omni.connectionError':
      return observe.connectionLost(step, input.message);
    case 'acd.hello':
      return observe.helloReceived(step, input);
    case 'acd.stateChanged':
      return observe.acdSeen(step, input.state);
    case 'acd.codes':
      return lifecycle.codesReceived(step, input.codes);
    case 'write.succeeded':
      return writeSucceeded(step, input.id);
    case 'write.failed':
      return retryOrFail(step, input.id, input);
    case 'write.retry':
      return retryOrFail(step, input.id, null);
    case 'control.pause':
      return lifecycle.control(step, 'pause');
    case 'control.resume':
      return lifecycle.control(step, 'resume');
    case 'control.resync':
      return lifecycle.control(step, 'resync');
    case 'control.repair':
      return repair(step);
    case 'clock.tick':
      return;
    case 'leader.changed':
      return lifecycle.leaderChanged(step, input.leader);
    case 'storage.attached':
      step.draft.restoring = true;
      return;
    case 'storage.restored':
      return lifecycle.storageRestored(step, input);
    case 'problem.reported':
      return step.problem(input.problem);
    case 'problem.cleared':
      return step.clearProblem(input.code);
    case 'agent.rejected':
      return step.count('rejected', input.count);
    case 'agent.partial':
      return step.count('partial', input.count);
    case 'activity.seen':
      return deadlines.activitySeen(step);
    case 'schedule.added':
      return deadlines.scheduleAdded(step, input.entry);
    case 'deadline.cancelled':
      return deadlines.deadlineCancelled(step, input.id);
    case 'session.uncleanEnd':
      return deadlines.uncleanEnd(step, input.lastSeen);
    default: {
      const never: never = input;
      void never;
    }
  }
}
