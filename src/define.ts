/**
 * Registers `<presence-sync>`; importing it twice, or next to another copy, registers once.
 * Language packs load on demand (`element/locale-loader.ts`).
 */
import './element/locale-loader.js';
import { PresenceSyncElement, TAG, defineElement } from './element/define-element.js';

defineElement();

export { PresenceSyncElement, TAG };
