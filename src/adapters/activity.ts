/**
 * The agent's input in one console tab, for the idle timer (docs/contract.md §6.12): pointer,
 * key, wheel and touch events, and the tab becoming visible, reported at most once per
 * `ACTIVITY_GAP_MS`.
 *
 * Invariants: the first input after a quiet spell is reported at once; input during the gap is
 * reported once when the gap ends, with the time of the latest one, so the idle timer is never
 * more than one gap early; nothing is read from the events but that they happened; `stop()`
 * removes every listener and timer.
 */
import type { ClockPort } from '../core/ports.js';
import { systemClock, timerSet } from '../platform/time.js';

/** At most one activity report per tab in this many ms. */
export const ACTIVITY_GAP_MS = 10_000;

/** The input events that count as the agent being there. */
export const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** What the watcher listens on (a window, or a test's event target with a `document`). */
export interface ActivityTarget {
  addEventListener(type: string, listener: () => void, options?: AddEventListenerOptions): void;
  removeEventListener(type: string, listener: () => void, options?: EventListenerOptions): void;
  readonly document: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
}

/** Watches input on `target`; `report(at)` is called coalesced. Returns stop. */
export function watchActivity(
  target: ActivityTarget,
  report: (at: number) => void,
  clock: ClockPort = systemClock,
  gapMs = ACTIVITY_GAP_MS,
): () => void {
  const timers = timerSet(clock);
  /** Until when reports wait; the latest input seen meanwhile, if any. */
  let quietUntil = Number.NEGATIVE_INFINITY;
  let pending: number | null = null;
  const flush = (): void => {
    const at = pending;
    pending = null;
    if (at === null) return;
    report(at);
    quietUntil = clock.now() + gapMs;
    timers.after(gapMs, flush);
  };
  const seen = (): void => {
    const now = clock.now();
    if (now >= quietUntil) {
      report(now);
      quietUntil = now + gapMs;
      timers.after(gapMs, flush);
    } else pending = now;
  };
  const visible = (): void => {
    if (target.document.visibilityState === 'visible') seen();
  };
  const options = { capture: true, passive: true };
  for (const type of ACTIVITY_EVENTS) target.addEventListener(type, seen, options);
  target.document.addEventListener('visibilitychange', visible);
  return () => {
    for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, seen, { capture: true });
    target.document.removeEventListener('visibilitychange', visible);
    timers.clear();
  };
}
