/**
 * The classic-script entry Salesforce `loadScript` runs (research/salesforce-omni.md §4.3): no
 * `import`, registers `<presence-sync>`, and the only global it writes is `PresenceSync`, through `globalThis` so that Lightning
 * Web Security's sandboxed window receives it.
 */
import * as PresenceSync from './index.js';
import './define.js';

(globalThis as unknown as { PresenceSync: typeof PresenceSync }).PresenceSync = PresenceSync;
