/**
 * The setup editor's words in the six languages the product ships (en, fr, es, ja, ko, uk). The
 * editor is an admin page, not the utility bar's classic script, so all six travel together.
 *
 * Invariants: every table has exactly the English keys and each text only its English text's
 * placeholders (a test checks both); placeholders are filled with text, never markup.
 */
import { en, type SetupWordKey, type SetupWords } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { ja } from './ja.js';
import { ko } from './ko.js';
import { uk } from './uk.js';

export type { SetupWordKey, SetupWords };

/** Every language's table. */
export const SETUP_WORDS: Readonly<Record<string, SetupWords>> = { en, fr, es, ja, ko, uk };

/** A translator: a key and its values in the chosen language (English for an unknown language). */
export type SetupTranslate = (
  key: SetupWordKey,
  values?: Record<string, string | number>,
) => string;

/** The supported language of a BCP 47 tag (`fr-CA` → `fr`), English when unsupported. */
export function setupLocale(locale: string | undefined): string {
  const primary = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return Object.prototype.hasOwnProperty.call(SETUP_WORDS, primary) ? primary : 'en';
}

/** The translator for a language tag (`fr-CA` → French). */
export function setupTranslator(locale: string | undefined): SetupTranslate {
  const table = SETUP_WORDS[setupLocale(locale)]!;
  return (key, values = {}) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole,
    );
}
