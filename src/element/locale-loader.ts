/**
 * The ES module build's language packs, fetched when an element first needs one (rollup splits
 * each into its own chunk). The classic-script build leaves this module out and ships the packs
 * as separate scripts instead (src/iife.ts, rollup.config.js).
 */
import { setLocaleLoader } from './i18n.js';

const PACKS: Record<string, () => Promise<{ default: unknown }>> = {
  fr: () => import('./locales/fr.js'),
  es: () => import('./locales/es.js'),
  ja: () => import('./locales/ja.js'),
  ko: () => import('./locales/ko.js'),
  uk: () => import('./locales/uk.js'),
};

setLocaleLoader(async (locale) => {
  const load = Object.prototype.hasOwnProperty.call(PACKS, locale) ? PACKS[locale] : undefined;
  if (load === undefined) throw new Error(`no language pack "${locale}"`);
  return (await load()).default;
});
