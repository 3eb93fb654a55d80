/**
 * The mailbox around `transition()`: inputs in arrival order, one step each, effects handed to the
 * runner, the state published after each step.
 *
 * Invariants: one input is processed at a time (an input an effect sends while a step runs waits
 * behind it, so no step ever sees another half-done); the writes a step ordered run before its
 * bookkeeping (decision log, storage, timers), so the sides learn the change before IndexedDB
 * transactions are opened; the state is already decided, so the order changes no outcome; an
 * effect that throws is reported as `internal-error` and the mailbox goes on.
 */
import { BehaviorSubject } from 'rxjs';
import type { Effect } from '../core/effects.js';
import type { EngineState } from '../core/engine/state.js';
import { transition } from '../core/engine/transition.js';
import { ErrorCode, describeRejection, type Problem } from '../core/errors.js';
import type { Input } from '../core/inputs.js';

/** A running mailbox. */
export interface Mailbox {
  /** The state after each step (published once its effects ran), replayed to each subscriber. */
  readonly state$: BehaviorSubject<EngineState>;
  /** The newest state, already decided while its effects run. */
  readonly state: EngineState;
  /** Queues an input; it is processed at once unless a step is running. */
  post(input: Input): void;
}

const isWrite = (effect: Effect): boolean =>
  effect.type === 'writeOmni' || effect.type === 'writeAcd';

/**
 * A mailbox from `initial`, running each effect with `run`; `fault` hears effects that threw (a bug
 * in a port), as a problem the caller feeds back as an input so the snapshot shows it.
 */
export function createMailbox(
  initial: EngineState,
  run: (effect: Effect) => void,
  fault: (problem: Problem) => void,
): Mailbox {
  const state$ = new BehaviorSubject(initial);
  const queue: Input[] = [];
  let current = initial;
  let running = false;
  const drain = (): void => {
    if (running) return;
    running = true;
    try {
      while (queue.length > 0) {
        const step = transition(current, queue.shift() as Input);
        current = step.state;
        const ordered = [
          ...step.effects.filter(isWrite),
          ...step.effects.filter((effect) => !isWrite(effect)),
        ];
        for (const effect of ordered) {
          try {
            run(effect);
          } catch (error) {
            fault({
              code: ErrorCode.internalError,
              message: `Internal error running ${effect.type}: ${describeRejection(error)}`,
              recoverable: true,
            });
          }
        }
        state$.next(current);
      }
    } finally {
      running = false;
    }
  };
  return {
    state$,
    get state() {
      return current;
    },
    post(input) {
      queue.push(input);
      drain();
    },
  };
}
