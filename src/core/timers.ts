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
