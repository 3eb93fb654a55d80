import PACK_ES from '@salesforce/resourceUrl/presenceSyncEs';
import PACK_FR from '@salesforce/resourceUrl/presenceSyncFr';
import PACK_JA from '@salesforce/resourceUrl/presenceSyncJa';
import PACK_KO from '@salesforce/resourceUrl/presenceSyncKo';
import PACK_UK from '@salesforce/resourceUrl/presenceSyncUk';

// The element's language packs: the presenceSync script carries English only (src/element/i18n.ts),
// and each other language is a static resource of its own, so a user loads just theirs.
const LANGUAGE_PACKS = { es: PACK_ES, fr: PACK_FR, ja: PACK_JA, ko: PACK_KO, uk: PACK_UK };

/** The pack for a BCP 47 tag (`fr-CA` → fr), or undefined for English and unsupported languages. */
export function languagePackOf(locale) {
  const primary = typeof locale === 'string' ? locale.trim().toLowerCase().split(/[-_]/)[0] : '';
  return Object.prototype.hasOwnProperty.call(LANGUAGE_PACKS, primary)
    ? { language: primary, url: LANGUAGE_PACKS[primary] }
    : undefined;
}
