/**
 * The element's side of scheduled states: a checked request (schedule-request.ts) gets an id and
 * goes to the engine, or waits for it when none runs yet (a host may schedule before the element
 * starts) and goes when it starts.
 *
 * Invariants: a bad request throws a `TypeError` naming the field, from here or from the engine's
 * own check (the statuses, the rule), and nothing is kept of it; an id is given once.
 */
import { SyncError, type Problem } from '../core/errors.js';
import type { ScheduledState } from '../core/snapshot.js';
import type { Engine } from '../session.js';
import { readScheduleRequest, type ScheduleRequest } from './schedule-request.js';

/** What the scheduler needs of the element. */
export interface SchedulerHost {
  /** The running engine, if any. */
  engine(): Pick<Engine, 'scheduleState' | 'cancelDeadline'> | null;
  /** Now on the engine's clock. */
  now(): number;
  /** A waiting entry the engine refused when it started. */
  problem(problem: Problem): void;
}

/** Schedules and cancels states for one element. */
export class Scheduler {
  private waiting: ScheduledState[] = [];
  private count = 0;

  constructor(private readonly host: SchedulerHost) {}

  /** Checks and hands on a request; returns its id. */
  schedule(request: ScheduleRequest): string {
    const entry = readScheduleRequest(request, this.host.now());
    this.count += 1;
    const id = `${entry.at.toString(36)}-${this.count}-${Math.random().toString(36).slice(2, 8)}`;
    const engine = this.host.engine();
    if (engine === null) {
      this.waiting.push({ id, ...entry });
      return id;
    }
    try {
      engine.scheduleState({ id, ...entry });
    } catch (error) {
      // The engine checks what only it knows (the user's statuses, the rule): still the caller's input.
      if (!(error instanceof SyncError)) throw error;
      throw new TypeError(`scheduleState: ${error.message}`);
    }
    return id;
  }

  /** Cancels a scheduled state by the id `schedule` gave; an unknown or past id does nothing. */
  cancel(id: string): void {
    this.waiting = this.waiting.filter((entry) => entry.id !== id);
    this.host.engine()?.cancelDeadline(`scheduled:${String(id)}`);
  }

  /** The engine started: the waiting entries go to it. */
  flush(): void {
    const engine = this.host.engine();
    if (engine === null) return;
    for (const entry of this.waiting.splice(0)) {
      try {
        engine.scheduleState(entry);
      } catch (error) {
        if (!(error instanceof SyncError)) throw error;
        this.host.problem(error.toProblem());
      }
    }
  }
}
