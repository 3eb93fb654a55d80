/**
 * The classic-script entry Salesforce `loadScript` runs (https://developer.salesforce.com/docs/platform/lwc/guide/security-lwsec-js.html): no
 * `import`, registers `<presence-sync>`, and the only global it writes is `PresenceSync`, through `globalThis` so that Lightning
 * Web Security's sandboxed window receives it. English only: the other languages are the
 * classic-script packs `presence-sync.iife.<lang>.js`, loaded next to it (element/i18n.ts).
 */
import * as PresenceSync from './api.js';
import { defineElement } from './element/define-element.js';

defineElement();

(globalThis as unknown as { PresenceSync: typeof PresenceSync }).PresenceSync = PresenceSync;
