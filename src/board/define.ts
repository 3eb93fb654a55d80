/**
 * Registers `<presence-sync-board>` once (a second import, or another copy on the page, registers
 * nothing), and types `document.createElement('presence-sync-board')`.
 */
import { PresenceSyncBoardElement } from './board.js';

/** The tag name. */
export const BOARD_TAG = 'presence-sync-board';

/** Registers the board unless its tag is taken. */
export function defineBoard(): void {
  if (typeof customElements !== 'undefined' && customElements.get(BOARD_TAG) === undefined)
    customElements.define(BOARD_TAG, PresenceSyncBoardElement);
}

defineBoard();

export { PresenceSyncBoardElement };

declare global {
  interface HTMLElementTagNameMap {
    'presence-sync-board': PresenceSyncBoardElement;
  }
}
