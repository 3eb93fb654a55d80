/**
 * The classic-script entry Salesforce `loadScript` runs (https://developer.salesforce.com/docs/platform/lwc/guide/security-lwsec-js.html): no
 * `import`, registers `<presence-sync>`, and the only global it writes is `PresenceSync`, through `globalThis` so that Lightning
 * Web Security's sandboxed window receives it. English only: the other languages are the
 * classic-script packs `presence-sync.iife.<lang>.js`, loaded next to it (element/i18n.ts).
 */
import * as api from './api.js';
import { defineElement } from './element/define-element.js';
// Kept in the declarations (a type-only import would be dropped) so that a TypeScript page using
// the classic script gets the `<presence-sync>` tag map along with the global.
import './element/define-element.js';

declare global {
  /** Everything public (`api.ts`), set by the classic script. */
  var PresenceSync: typeof api;
}

defineElement();

globalThis.PresenceSync = api;
