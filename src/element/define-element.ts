/**
 * Registers `<presence-sync>` once, and types `document.createElement('presence-sync')`.
 */
import { PresenceSyncElement } from './presence-sync.js';

/** The tag name. */
export const TAG = 'presence-sync';

/** Registers the element unless this tag is taken (a second import, or another copy on the page). */
export function defineElement(): void {
  if (typeof customElements !== 'undefined' && customElements.get(TAG) === undefined)
    customElements.define(TAG, PresenceSyncElement);
}

export { PresenceSyncElement };

declare global {
  interface HTMLElementTagNameMap {
    'presence-sync': PresenceSyncElement;
  }
}
