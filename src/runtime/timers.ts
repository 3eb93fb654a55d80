/**
 * Time for the runtime: the real clock, timers on an injected clock tracked so an owner can cancel
 * every one it started at once (a disposed engine or a closed leader must leave nothing running),
 * a deadline for any promise, and `nextTask`.
 */
import { SyncError, type ErrorCode } from '../core/errors.js';
import type { ClockPort } from '../core/ports.js';

/**
 * `now()` in epoch ms, anchored once on the wall clock and then moved only by a monotonic clock
 * (`performance.now()`, https://w3c.github.io/hr-time/#dom-performance-now): a wall-clock change
 * while the page lives (NTP stepping, a DST or time-zone change, the user setting the clock) moves
 * no deadline. Where there is no monotonic clock, the wall clock.
 */
export function anchoredNow(
  wall: () => number = () => Date.now(),
  monotonic: (() => number) | null = typeof performance === 'object' &&
  typeof performance.now === 'function'
    ? () => performance.now()
    : null,
): () => number {
  if (monotonic === null) return wall;
  const epoch = wall() - monotonic();
  return () => Math.round(epoch + monotonic());
}

/** The real clock: epoch ms anchored at start on a monotonic clock (`anchoredNow`). */
export const systemClock: ClockPort = {
  now: anchoredNow(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The timers one owner started. */
export interface TimerSet {
  /** Runs `callback` after `ms`; returns a handle for `cancel`. */
  after(ms: number, callback: () => void): unknown;
  cancel(handle: unknown): void;
  /** Cancels every timer still pending. */
  clear(): void;
}

/** A set of timers on `clock`. */
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

/** nextTask's callbacks in call order, one per message on one channel (a channel per call cost ~6% of the bench's main thread). */
const queued: Array<() => void> = [];
let taskPort: MessagePort | null = null;

/**
 * Runs `callback` in a later task, after whatever the current task has queued (a message posted to
 * the agent app is delivered first). A MessageChannel message, not `setTimeout(0)`: timers are
 * clamped after nesting and throttled in background tabs (up to a minute under Chromium's intensive
 * throttling, https://developer.chrome.com/blog/timer-throttling-in-chrome-88), and the console often
 * sits in one. Falls back to `setTimeout` where there is no MessageChannel (jsdom).
 */
export function nextTask(callback: () => void): void {
  if (typeof MessageChannel !== 'function') {
    setTimeout(callback, 0);
    return;
  }
  if (taskPort === null) {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => queued.shift()?.();
    // Node keeps its process alive for a listening port; nothing here should.
    (channel.port1 as MessagePort & { unref?: () => void }).unref?.();
    taskPort = channel.port2;
  }
  queued.push(callback);
  taskPort.postMessage(null);
}

/**
 * `promise`, or a `SyncError` with `code` when it has not settled within `ms` (a host promise that
 * never settles must not hold anything up). The code is the caller's: each says what timed out.
 */
export function withTimeout<T>(
  timers: TimerSet,
  promise: Promise<T>,
  ms: number,
  code: ErrorCode,
  what: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const handle = timers.after(ms, () => {
      if (done) return;
      done = true;
      reject(new SyncError(code, `${what} did not answer within ${ms} ms`));
    });
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      timers.cancel(handle);
      settle();
    };
    promise.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}
