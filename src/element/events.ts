/**
 * The element's DOM events, typed (bubbling and composed, lower-case names so LWC templates can
 * bind them: docs/contract.md §2). Listeners get the event class from `GlobalEventHandlersEventMap`, so
 * `element.addEventListener('presencesyncchange', (event) => event.detail.phase)` needs no cast.
 */
import type { Problem } from '../core/errors.js';
import type { Decision, SyncSnapshot } from '../core/snapshot.js';

/** The `detail` of `presencesyncerror`. */
export interface PresenceSyncErrorDetail {
  code: Problem['code'];
  message: string;
  recoverable: boolean;
}

const options = { bubbles: true, composed: true } as const;

/** The snapshot changed; `detail` is the new `SyncSnapshot`. */
export class PresenceSyncChangeEvent extends CustomEvent<SyncSnapshot> {
  static readonly type = 'presencesyncchange';
  constructor(snapshot: SyncSnapshot) {
    super(PresenceSyncChangeEvent.type, { ...options, detail: snapshot });
  }
}

/** A decision was taken, or its write settled (same id); `detail` is the `Decision`. */
export class PresenceSyncDecisionEvent extends CustomEvent<Decision> {
  static readonly type = 'presencesyncdecision';
  constructor(decision: Decision) {
    super(PresenceSyncDecisionEvent.type, { ...options, detail: decision });
  }
}

/** A problem was found; `detail` is `{ code, message, recoverable }`. */
export class PresenceSyncErrorEvent extends CustomEvent<PresenceSyncErrorDetail> {
  static readonly type = 'presencesyncerror';
  constructor(problem: Problem) {
    const { code, message, recoverable } = problem;
    super(PresenceSyncErrorEvent.type, { ...options, detail: { code, message, recoverable } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    presencesyncchange: PresenceSyncChangeEvent;
    presencesyncdecision: PresenceSyncDecisionEvent;
    presencesyncerror: PresenceSyncErrorEvent;
  }
}
