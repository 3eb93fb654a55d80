/**
 * The board's classic-script entry, for Salesforce `loadScript` (the static resource
 * `presenceSyncBoard`): registers `<presence-sync-board>` and writes no global. A bundle of its
 * own, so the agents' utility never carries the supervisors' board.
 */
import './define.js';
