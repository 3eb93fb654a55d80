/**
 * The element's words, per language: the product's six (en, fr, es, ja, ko, uk), English as the
 * fallback for any key or language.
 *
 * Only English is built in. The other five are language packs (`locales/*.ts`) so the classic
 * script Salesforce loads carries one language (size): the ES module build imports a pack
 * on demand (`locale-loader.ts`); the classic-script build ships each as `presence-sync.iife.<lang>.js`,
 * which leaves its table in `globalThis.PresenceSyncLocales` and fires `presence-sync-locale`
 * (`locale-pack.ts`), and this module takes it from there on first use, after checking it.
 *
 * Invariants: every table has exactly the English keys (a test checks it); placeholders are
 * `{name}` and are filled with text, never markup (the panel writes every text as `textContent`).
 */
import type { ErrorCode } from '../core/errors.js';
import type { DecisionWhy, Phase, PhaseCause } from '../core/snapshot.js';
import { LOCALE_EVENT, PACKS_GLOBAL } from './locale-pack.js';
import { en, type MessageKey, type Table } from './messages.js';

export type { MessageKey, Table };

export { LOCALE_EVENT };

/** The built-in words, the keys every pack may use. */
export const ENGLISH: Readonly<Table> = en;

/** The supported languages, English first. */
export const LOCALES: readonly string[] = ['en', 'fr', 'es', 'ja', 'ko', 'uk'];

const has = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);
const tables: Record<string, Table> = { en };
/** Languages whose pack was refused or failed to load, with why (reported once, English used). */
const refused: Record<string, string> = {};
const loading: Record<string, Promise<boolean>> = {};
let loader: ((locale: string) => Promise<unknown>) | null = null;

/** Picks a supported language from a BCP 47 tag (`fr-CA` → `fr`), English when unsupported. */
export function pickLocale(...tags: Array<string | null | undefined>): string {
  for (const tag of tags) {
    const primary = typeof tag === 'string' ? tag.trim().toLowerCase().split(/[-_]/)[0] : '';
    if (primary && LOCALES.includes(primary)) return primary;
  }
  return 'en';
}

const placeholders = (text: string): string[] => text.match(/\{\w+\}/g) ?? [];

/**
 * Checks a pack's table (untrusted until then: it comes from another script): a plain object of
 * English keys to strings of at most 500 characters, each using only its English text's
 * placeholders. Returns the copy to keep, or throws a `TypeError` naming the language and key.
 */
export function checkTable(locale: string, table: unknown): Table {
  const where = `language pack "${String(locale).slice(0, 20)}"`;
  if (!LOCALES.includes(locale) || locale === 'en')
    throw new TypeError(`${where}: not one of ${LOCALES.slice(1).join(', ')}`);
  if (typeof table !== 'object' || table === null || Array.isArray(table))
    throw new TypeError(`${where}: expected an object of messages`);
  const copy: Table = {};
  for (const key of Object.keys(table)) {
    const text = (table as Record<string, unknown>)[key];
    const at = `${where}, key "${key.slice(0, 60)}"`;
    if (!has(en, key)) throw new TypeError(`${at}: not a message key`);
    if (typeof text !== 'string' || text.length === 0 || text.length > 500)
      throw new TypeError(`${at}: expected text of 1 to 500 characters`);
    const allowed = placeholders(en[key as MessageKey]);
    const stray = placeholders(text).find((name) => !allowed.includes(name));
    if (stray) throw new TypeError(`${at}: ${stray} is not a placeholder of this message`);
    copy[key as MessageKey] = text;
  }
  return Object.freeze(copy);
}

/** Adds a language's table (checked, see `checkTable`); elements on the page re-render in it. */
export function registerLocale(locale: string, table: unknown): void {
  tables[locale] = checkTable(locale, table);
  delete refused[locale];
  if (typeof globalThis.dispatchEvent === 'function' && typeof CustomEvent === 'function')
    globalThis.dispatchEvent(new CustomEvent(LOCALE_EVENT, { detail: locale }));
}

/** How the ES module build fetches a pack (`locale-loader.ts`); the IIFE has none. */
export function setLocaleLoader(load: ((locale: string) => Promise<unknown>) | null): void {
  loader = load;
}

function refuse(locale: string, why: string): void {
  if (has(refused, locale)) return;
  refused[locale] = why;
  console.warn(`presence-sync: ${why}; showing English`);
}

/** The table for a supported language if it is here: built in, registered, or left by a classic-script pack. */
function tableOf(locale: string): Table | undefined {
  if (has(tables, locale)) return tables[locale];
  if (has(refused, locale)) return undefined;
  const packs = (globalThis as Record<string, unknown>)[PACKS_GLOBAL];
  if (typeof packs !== 'object' || packs === null || !has(packs, locale)) return undefined;
  try {
    tables[locale] = checkTable(locale, (packs as Record<string, unknown>)[locale]);
  } catch (error) {
    refuse(locale, (error as Error).message);
    return undefined;
  }
  return tables[locale];
}

/** Whether `locale`'s words are here (English always is). */
export function hasLocale(locale: string): boolean {
  return tableOf(locale) !== undefined;
}

/**
 * Makes a supported language's words available: at once when here, else through the loader (ES
 * module build). Resolves whether they are; a failed load is reported once and English stays.
 */
export function loadLocale(locale: string): Promise<boolean> {
  if (hasLocale(locale)) return Promise.resolve(true);
  if (!LOCALES.includes(locale) || loader === null || has(refused, locale))
    return Promise.resolve(false);
  const load = loader;
  loading[locale] ??= Promise.resolve()
    .then(() => load(locale))
    .then((table) => {
      registerLocale(locale, table);
      return true;
    })
    .catch((error: unknown) => {
      refuse(
        locale,
        error instanceof TypeError
          ? error.message
          : `language pack "${locale}" did not load (${String(error)})`,
      );
      return false;
    })
    .finally(() => delete loading[locale]);
  return loading[locale];
}

/** Fills a message's `{name}` placeholders with text. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;
const translators = new WeakMap<Table, Translate>();

/**
 * A translator for one language: fills `{name}` placeholders; falls back to English per key and for
 * a language not here. The same function while the language's table is the same, so callers can
 * keep what they translated until it changes (a pack arriving makes a new one).
 */
export function translator(locale: string): Translate {
  const table = tableOf(locale) ?? en;
  let translate = translators.get(table);
  if (translate === undefined) {
    translate = (key, values = {}) => {
      const template = table[key] ?? en[key];
      return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
        has(values, name) ? String(values[name]) : whole,
      );
    };
    translators.set(table, translate);
  }
  return translate;
}

/** Keys for phases, phase causes, whys and fixes, typed against the engine's unions. */
export const phaseKey = (phase: Phase) => `phase.${phase}` as MessageKey;
export const causeKey = (cause: PhaseCause) => `cause.${cause}` as MessageKey;
export const whyKey = (why: DecisionWhy) => `why.${why}` as MessageKey;
export const fixKey = (code: ErrorCode) => `fix.${code}` as MessageKey;

/**
 * A phase in words, for hosts that show it outside the panel (the Lightning utility label): the
 * panel's own wording, in `locale` (any BCP 47 tag; English when unsupported or its pack is not
 * loaded). An unknown phase is returned as given.
 */
export function phaseLabel(phase: string, locale?: string): string {
  const key = `phase.${phase}`;
  return has(en, key) ? translator(pickLocale(locale))(key as MessageKey) : phase;
}
