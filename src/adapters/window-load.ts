/**
 * When a window the host handed us (`agentWindow`) may first be posted to: once the page in it has
 * loaded.
 *
 * Why: inside Lightning Web Security a frame's window that sandboxed code first saw as
 * `about:blank` gets its cross-origin `postMessage` distortion only on the frame's `load`
 * (@locker/sandbox@0.28.4, `createSecondaryWindowSandboxRecord` → `onDOMContentLoadedOrWindowLoad`).
 * A post between the cross-origin navigation's commit and that `load` reaches the raw
 * `postMessage`, which the sandbox's membrane then keeps for that window: that post and every later
 * one, to the same window read any way, fail with `DataCloneError`. Outside a sandbox such a post
 * is merely lost (nothing in the page listens yet), so waiting costs nothing there.
 *
 * The element has the window, not the frame element, so it cannot listen for `load` itself. The
 * page's Resource Timing says it instead: a frame's navigation is reported to its parent's timeline
 * in the iframe load event steps, as `initiatorType: 'iframe'` with the frame's URL as `name`
 * (HTML, "iframe load event steps"; https://w3c.github.io/resource-timing/), and a
 * `PerformanceObserver` hears it after the `load` listeners have run. A window still showing its
 * initial `about:blank` is not loaded; a cross-origin one is loaded when the page's timeline already
 * holds such an entry for an allowed origin. A timeline whose buffer was full, or a window that is
 * not a frame (a popup), gives no entry: a cross-origin window still unannounced after
 * {@link LOAD_FALLBACK_MS} is taken as loaded.
 */
import type { ClockPort } from '../core/ports.js';

/** Whether a host-given window may be posted to, and when a page loads in it. */
export interface WindowLoad {
  /** True once the window's page has loaded. */
  loaded(): boolean;
  /**
   * Calls `onLoad` once, when the window's page has loaded (never when it already had); returns a
   * stop function. A later load (a reload) is not reported: an agent page introduces itself.
   */
  watch(onLoad: () => void): () => void;
}

/** Builds the {@link WindowLoad} for a host-given window, given the allowed agent origins. */
export type WindowLoadFactory = (
  window: unknown,
  origins: readonly string[],
  clock: ClockPort,
) => WindowLoad;

/** A cross-origin window still unannounced this long after it was handed over is taken as loaded. */
export const LOAD_FALLBACK_MS = 5000;

const ALWAYS: WindowLoad = { loaded: () => true, watch: () => () => undefined };

/** What a window is from here: a real window object, and if so whether its document is readable. */
function inspect(
  target: unknown,
): 'not-a-window' | 'initial' | 'loaded-same-origin' | 'cross-origin' {
  try {
    const win = target as Window;
    // A window's `window` is itself (readable cross-origin); a stand-in object has none.
    if (typeof target !== 'object' || target === null || win.window !== win) return 'not-a-window';
  } catch {
    return 'not-a-window';
  }
  try {
    const doc = (target as Window).document;
    return doc.URL === 'about:blank' || doc.readyState !== 'complete'
      ? 'initial'
      : 'loaded-same-origin';
  } catch {
    return 'cross-origin';
  }
}

/** True for a Resource Timing entry of a frame navigation to one of `origins`. */
function isFrameLoad(entry: PerformanceEntry, origins: readonly string[]): boolean {
  if ((entry as PerformanceResourceTiming).initiatorType !== 'iframe') return false;
  try {
    return origins.includes(new URL(entry.name).origin);
  } catch {
    return false;
  }
}

/**
 * The real {@link WindowLoadFactory}: Resource Timing of frame navigations, as above. A value that
 * is not a window (a stand-in), or a browser without `PerformanceObserver`, is always loaded.
 */
export const observeWindowLoad: WindowLoadFactory = (target, origins, clock) => {
  const kind = inspect(target);
  if (kind === 'not-a-window' || typeof PerformanceObserver !== 'function') return ALWAYS;
  let loaded =
    kind === 'loaded-same-origin' ||
    (kind === 'cross-origin' &&
      performance.getEntriesByType('resource').some((entry) => isFrameLoad(entry, origins)));
  return {
    loaded: () => loaded,
    watch(onLoad) {
      if (loaded) return () => undefined;
      let fallback: unknown = null;
      const stop = (): void => {
        observer.disconnect();
        if (fallback !== null) clock.clearTimeout(fallback);
        fallback = null;
      };
      const arrived = (): void => {
        stop();
        loaded = true;
        onLoad();
      };
      const observer = new PerformanceObserver((list) => {
        if (list.getEntries().some((entry) => isFrameLoad(entry, origins))) arrived();
      });
      observer.observe({ type: 'resource' });
      const check = (): void => {
        fallback = null;
        if (inspect(target) === 'cross-origin') arrived();
        else fallback = clock.setTimeout(check, LOAD_FALLBACK_MS);
      };
      fallback = clock.setTimeout(check, LOAD_FALLBACK_MS);
      return stop;
    },
  };
};
