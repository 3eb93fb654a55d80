/**
 * Timers on an injected clock, tracked so an owner can cancel every one it started at once
 * (a disposed engine or a closed leader must leave nothing running).
 */
import type { ClockPort } from './ports.js';

/** The timers one owner started. */
export interface TimerSet {
  /** Runs `callback` after `ms`; returns a handle for `cancel`. */
  after(ms: number, callback: () => void): unknown;
  cancel(handle: unknown): void;
  /** Cancels every timer still pending. */
  clear(): void;
}

export function timerSet(clock: ClockPort): TimerSet {
  const handles = new Set<unknown>();
  return {
    after(ms, callback) {
      const handle = clock.setTimeout(() => {
        handles.delete(handle);
        callback();
      }, ms);
      handles.add(handle);
      return handle;
    },
    cancel(handle) {
      clock.clearTimeout(handle);
      handles.delete(handle);
    },
    clear() {
      for (const handle of handles) clock.clearTimeout(handle);
      handles.clear();
    },
  };
}
