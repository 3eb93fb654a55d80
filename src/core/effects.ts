/**
 * Effects: orders `transition()` gives and the store carries out through ports. They are plain
 * data so tests can compare them and the store can run each in its own error boundary.
 */
import type { Problem } from './errors.js';
import type { BeforeContact, Deadline, Decision, DeferredWrite } from './snapshot.js';
import type { AcdTarget, OmniTarget } from './values.js';

/** Every effect `transition()` can order. */
export type Effect =
  | {
      readonly type: 'writeOmni';
      readonly id: number;
      readonly target: OmniTarget;
      readonly attempt: number;
    }
  | {
      readonly type: 'writeAcd';
      readonly id: number;
      readonly target: AcdTarget;
      readonly attempt: number;
    }
  | { readonly type: 'retryLater'; readonly id: number; readonly delayMs: number }
  /** Send `clock.tick` after this long. */
  | { readonly type: 'wake'; readonly delayMs: number }
  | { readonly type: 'decide'; readonly decision: Decision }
  | {
      readonly type: 'persist';
      readonly history: readonly AcdTarget[];
      readonly deferred: DeferredWrite | null;
      readonly beforeContact: BeforeContact | null;
      readonly standing: number | null;
      /** Timed and scheduled deadlines (idle's is derived from `idleFrom`). */
      readonly deadlines: readonly Deadline[];
      readonly idleFrom: number | null;
    }
  /**
   * This tab took the lead: read the stored state again (the previous leader's held choice) and send
   * `storage.restored`, or, without storage, do `readBoth`.
   */
  | { readonly type: 'restore' }
  /** Re-read both sides (resync), then send `control.repair`. */
  | { readonly type: 'readBoth' }
  | { readonly type: 'report'; readonly problem: Problem };
