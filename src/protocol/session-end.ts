/**
 * The agent side's part of `session-end` (docs/contract.md §5.1, §6.12), shared by the CXone bridge
 * and the Webex relay: the widget arms a target while its tab is the user's last console tab; the
 * agent side applies it in its own `pagehide` when the page goes for good.
 *
 * Invariants:
 * - Applied at most once, only when armed, only on a `pagehide` that is not persisted (a page put
 *   in the back/forward cache is not gone), and never after a reload key was pressed in this frame
 *   (until the next other input here, or the widget arms again).
 * - `apply` runs synchronously inside `pagehide`: whatever it sends must survive the page (a
 *   `keepalive` request, or the host's own call).
 */
import type { AcdTarget } from './bridge.js';

/** Whether a key event is one of the browser's reload shortcuts (F5, Ctrl+R, ⌘R, with Shift too). */
export function isReloadKey(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
): boolean {
  if (event.key === 'F5') return !event.altKey;
  return (
    (event.key === 'r' || event.key === 'R') && (event.ctrlKey || event.metaKey) && !event.altKey
  );
}

/** The window the keeper listens on. */
export interface SessionEndWindow {
  addEventListener(type: string, listener: (event: Event) => void, options?: object): void;
  removeEventListener(type: string, listener: (event: Event) => void, options?: object): void;
}

/** Holds what the widget armed and applies it as the page goes. */
export class SessionEndKeeper {
  private target: AcdTarget | null = null;
  /** A reload key was pressed here: the coming `pagehide` is a reload, not a close. */
  private reloading = false;
  private applied = false;

  constructor(
    /** Sets the state as the page goes; returns whether a request left. */
    private readonly apply: (target: AcdTarget) => boolean,
  ) {}

  /** What is armed now (null: nothing). */
  get armed(): AcdTarget | null {
    return this.reloading ? null : this.target;
  }

  /** The widget armed (or with null disarmed) the session end. */
  arm(target: AcdTarget | null): void {
    this.target = target;
    this.reloading = false;
  }

  /** Listens on `win`; returns stop. */
  listen(win: SessionEndWindow): () => void {
    const key = (event: Event): void => {
      this.reloading = isReloadKey(event as KeyboardEvent);
    };
    const pointer = (): void => {
      this.reloading = false;
    };
    const hide = (event: Event): void => {
      if (!(event as PageTransitionEvent).persisted) this.pageGoes();
    };
    win.addEventListener('keydown', key, { capture: true });
    win.addEventListener('pointerdown', pointer, { capture: true });
    win.addEventListener('pagehide', hide);
    return () => {
      win.removeEventListener('keydown', key, { capture: true });
      win.removeEventListener('pointerdown', pointer, { capture: true });
      win.removeEventListener('pagehide', hide);
    };
  }

  /** The page goes for good: applies what is armed, once; whether a request left. */
  pageGoes(): boolean {
    const target = this.armed;
    if (target === null || this.applied) return false;
    this.applied = true;
    return this.apply(target);
  }
}
