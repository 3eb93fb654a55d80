/**
 * The body of a classic-script language pack (`presence-sync.iife.<lang>.js`, rollup.config.js): it may
 * load before or after `presence-sync.iife.js`, so it only leaves its table where `i18n.ts` looks
 * (`globalThis.PresenceSyncLocales`, through `globalThis` so Lightning Web Security's sandbox
 * sees it) and fires `presence-sync-locale` so rendered elements redraw. It imports no values from
 * `i18n.ts`: a pack carries its own words and nothing else.
 */
import type { Table } from './messages.js';

/** Where packs leave their tables, and the event they fire. */
export const PACKS_GLOBAL = 'PresenceSyncLocales';
export const LOCALE_EVENT = 'presence-sync-locale';

/** Leaves a language's table where the element looks for packs, and tells rendered elements. */
export function offerLocale(locale: string, table: Table): void {
  const scope = globalThis as unknown as Record<string, unknown> & {
    dispatchEvent?: (event: Event) => boolean;
  };
  const current = scope[PACKS_GLOBAL];
  const packs =
    typeof current === 'object' && current !== null ? (current as Record<string, Table>) : {};
  packs[locale] = table;
  scope[PACKS_GLOBAL] = packs;
  if (typeof scope.dispatchEvent === 'function' && typeof CustomEvent === 'function')
    scope.dispatchEvent(new CustomEvent(LOCALE_EVENT, { detail: locale }));
}

declare global {
  interface WindowEventMap {
    'presence-sync-locale': CustomEvent<string>;
  }
}
