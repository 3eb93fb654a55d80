/**
 * The classic-script entry Salesforce `loadScript` runs (research/salesforce-omni.md §4.3): no
 * `import`, and the only global it writes is `PresenceSync`, through `globalThis` so that Lightning
 * Web Security's sandboxed window receives it.
 */
import * as PresenceSync from './index.js';

(globalThis as unknown as { PresenceSync: typeof PresenceSync }).PresenceSync = PresenceSync;
