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
 * - A reload by the browser's own button looks like a close to the dying page (Chromium fires no
 *   `navigate` event and no key for it), so what was applied is remembered in this frame's
 *   `sessionStorage` (which lives as long as the tab, and dies with it): a start within
 *   `RESTORE_MS` that finds the agent still in the applied state sets the state held before. The
 *   record is read once and removed; a malformed one is ignored.
 */
import { finite, isPlain, own } from '../core/guard.js';
import { readAcdTarget, stateIs, type AcdState } from '../core/values.js';
import { BRIDGE_LIMITS, type AcdTarget } from './bridge.js';

/** How long after a session end a start takes it for a reload and restores the state before. */
export const RESTORE_MS = 60_000;

/** The `sessionStorage` key of the applied session end. */
const KEY = 'presence-sync-session-end';

/** What a start restores: the agent is still in `applied`, so `before` is set again. */
export interface SessionEndRestore {
  readonly applied: AcdTarget;
  readonly before: AcdTarget;
}

/** The part of `Storage` used here. */
export type RestoreStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A settable state (Available, or Unavailable outside after-contact work) as a target, else null. */
function settable(state: AcdState | null): AcdTarget | null {
  if (state === null || state.isAcw) return null;
  if (state.state === 'Available') return { state: 'Available' };
  return state.state === 'Unavailable' ? { state: 'Unavailable', reason: state.reason } : null;
}

/**
 * Takes the record of a session end applied less than `RESTORE_MS` ago (and removes it): what to
 * restore, or null.
 */
export function takeRestore(storage: RestoreStorage | null, now: number): SessionEndRestore | null {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(KEY) ?? null;
    storage?.removeItem(KEY);
  } catch {
    return null;
  }
  if (raw === null || raw.length > 1000) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isPlain(value)) return null;
  const at = finite(own(value, 'at'));
  const applied = readAcdTarget(own(value, 'applied'), BRIDGE_LIMITS.reason);
  const before = readAcdTarget(own(value, 'before'), BRIDGE_LIMITS.reason);
  if (at === undefined || applied === null || before === null) return null;
  return now - at >= 0 && now - at < RESTORE_MS ? { applied, before } : null;
}

/** The target to set at start: `before`, when the agent is still where the session end put them. */
export function restoreTarget(
  restore: SessionEndRestore | null,
  state: AcdState | null,
): AcdTarget | null {
  if (restore === null || state === null) return null;
  if (stateIs(state, restore.applied) && !stateIs(state, restore.before)) return restore.before;
  return null;
}

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
    /**
     * Sets the state as the page goes; returns the state as the contact center will show it (the
     * default unavailable code by its name, where it has one), or null when nothing left.
     */
    private readonly apply: (target: AcdTarget) => AcdTarget | null,
    /** Where an applied session end is remembered for a reload, and the state before it. */
    private readonly remember: {
      readonly storage: () => RestoreStorage | null;
      readonly now: () => number;
      readonly current: () => AcdState | null;
    } | null = null,
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
    const before = settable(this.remember?.current() ?? null);
    const sent = this.apply(target);
    if (sent !== null && before !== null && this.remember !== null) {
      try {
        this.remember
          .storage()
          ?.setItem(KEY, JSON.stringify({ at: this.remember.now(), applied: sent, before }));
      } catch {
        // No storage: a reload by the browser's button then keeps the session-end state.
      }
    }
    return sent !== null;
  }
}
