/**
 * A reload the page is told of before it unloads (docs/contract.md §6.12): the Navigation API's
 * `navigate` event with `navigationType === 'reload'` (`location.reload()`, and the browser's
 * reload where it fires one, https://html.spec.whatwg.org/multipage/nav-history-apis.html#the-navigateevent-interface),
 * and the reload keys (F5, Ctrl+R, ⌘R, with or without Shift). The browser's own reload button
 * fires neither in Chromium: that reload looks like a close to the dying page.
 *
 * Invariants: `onReload(true)` when a reload is signalled; `onReload(false)` at the next input
 * that is not a reload key (the reload did not happen: a `beforeunload` prompt was answered
 * "stay", or the key was taken by the page); `stop()` removes every listener.
 */
import { isReloadKey } from '../protocol/session-end.js';

/** The part of the Navigation API used here. */
interface NavigationLike {
  addEventListener(type: 'navigate', listener: (event: Event) => void): void;
  removeEventListener(type: 'navigate', listener: (event: Event) => void): void;
}

/** Watches `win` for a signalled reload; returns stop. */
export function watchReload(
  win: Pick<Window, 'addEventListener' | 'removeEventListener'> & { navigation?: unknown },
  onReload: (reloading: boolean) => void,
): () => void {
  let reloading = false;
  const set = (value: boolean): void => {
    if (value === reloading) return;
    reloading = value;
    onReload(value);
  };
  const key = (event: Event): void => set(isReloadKey(event as KeyboardEvent));
  const pointer = (): void => set(false);
  const navigate = (event: Event): void => {
    if ((event as Event & { navigationType?: unknown }).navigationType === 'reload') set(true);
  };
  const navigation = (win.navigation ?? null) as NavigationLike | null;
  win.addEventListener('keydown', key, { capture: true });
  win.addEventListener('pointerdown', pointer, { capture: true });
  navigation?.addEventListener('navigate', navigate);
  return () => {
    win.removeEventListener('keydown', key, { capture: true });
    win.removeEventListener('pointerdown', pointer, { capture: true });
    navigation?.removeEventListener('navigate', navigate);
  };
}
