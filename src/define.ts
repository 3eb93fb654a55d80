/**
 * Registers `<presence-sync>`; importing it twice, or next to another copy, registers once.
 */
import { PresenceSyncElement } from './element/presence-sync.js';

/** The tag name. */
export const TAG = 'presence-sync';

if (typeof customElements !== 'undefined' && customElements.get(TAG) === undefined) customElements.define(TAG, PresenceSyncElement);

export { PresenceSyncElement };
