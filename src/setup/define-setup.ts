/**
 * Registers `<presence-sync-setup>` once (a second import, or another copy on the page, is a no-op).
 */
import { PresenceSyncSetupElement } from './setup-element.js';

/** The tag name. */
export const SETUP_TAG = 'presence-sync-setup';

if (typeof customElements !== 'undefined' && customElements.get(SETUP_TAG) === undefined)
  customElements.define(SETUP_TAG, PresenceSyncSetupElement);

export { PresenceSyncSetupElement };

declare global {
  interface HTMLElementTagNameMap {
    'presence-sync-setup': PresenceSyncSetupElement;
  }
}
