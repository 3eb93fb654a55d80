// The element's words: English built in, the other five languages as packs (src/element/i18n.ts),
// fetched on demand by the ES module build or left by a classic script (presence-sync.<lang>.js).
// phaseLabel is what hosts show outside the panel (the Lightning utility label).
import { expect } from '@open-wc/testing';
import {
  ENGLISH,
  LOCALES,
  LOCALE_EVENT,
  checkTable,
  hasLocale,
  loadLocale,
  phaseLabel,
  registerLocale,
  setLocaleLoader,
  translator,
  type Table,
} from '../../src/element/i18n.js';
import { offerLocale } from '../../src/element/locale-pack.js';
import es from '../../src/element/locales/es.js';
import fr from '../../src/element/locales/fr.js';
import ja from '../../src/element/locales/ja.js';
import ko from '../../src/element/locales/ko.js';
import uk from '../../src/element/locales/uk.js';

const PACKS: Record<string, Table> = { fr, es, ja, ko, uk };

/** Collects the language events fired while `run` runs. */
async function eventsDuring(run: () => unknown): Promise<string[]> {
  const seen: string[] = [];
  const listener = (event: WindowEventMap['presence-sync-locale']) => seen.push(event.detail);
  window.addEventListener(LOCALE_EVENT, listener);
  try {
    await run();
  } finally {
    window.removeEventListener(LOCALE_EVENT, listener);
  }
  return seen;
}

describe('message tables', () => {
  const neutral = ['salesforce', 'acd.cxone', 'acd.webex', 'nothing'];
  const englishKeys = Object.keys(ENGLISH);

  it('there is a pack for every supported language but English', () => {
    expect(Object.keys(PACKS).sort()).to.deep.equal(
      LOCALES.filter((locale) => locale !== 'en').sort(),
    );
  });

  for (const [locale, table] of Object.entries(PACKS)) {
    it(`${locale} has every English key but product names, no other, and passes the pack check`, () => {
      expect(Object.keys(table).filter((key) => !englishKeys.includes(key))).to.deep.equal([]);
      expect(englishKeys.filter((key) => !(key in table) && !neutral.includes(key))).to.deep.equal(
        [],
      );
      expect(() => checkTable(locale, table)).to.not.throw();
    });
  }
});

describe('language packs', () => {
  it('refuses a bad pack, naming the language and the key', () => {
    expect(() => checkTable('xx', {})).to.throw(
      TypeError,
      'language pack "xx": not one of fr, es, ja, ko, uk',
    );
    expect(() => checkTable('en', {})).to.throw(TypeError, 'language pack "en"');
    expect(() => checkTable('fr', null)).to.throw(
      TypeError,
      'language pack "fr": expected an object of messages',
    );
    expect(() => checkTable('fr', ['a'])).to.throw(TypeError, 'expected an object of messages');
    expect(() => checkTable('fr', { titel: 'x' })).to.throw(
      TypeError,
      'language pack "fr", key "titel": not a message key',
    );
    expect(() => checkTable('fr', { toString: 'x' })).to.throw(
      TypeError,
      'key "toString": not a message key',
    );
    expect(() => checkTable('fr', { title: 42 })).to.throw(
      TypeError,
      'key "title": expected text of 1 to 500 characters',
    );
    expect(() => checkTable('fr', { title: '' })).to.throw(
      TypeError,
      'expected text of 1 to 500 characters',
    );
    expect(() => checkTable('fr', { title: 'x'.repeat(501) })).to.throw(
      TypeError,
      'expected text of 1 to 500 characters',
    );
    expect(() => checkTable('fr', { 'set.acd': 'CXone sur {cible}' })).to.throw(
      TypeError,
      'key "set.acd": {cible} is not a placeholder of this message',
    );
    expect(() => checkTable('fr', { title: 'Synchro {target}' })).to.throw(
      TypeError,
      '{target} is not a placeholder',
    );
  });

  it('keeps a checked copy, so changing the offered object later changes nothing', () => {
    const offered = { title: 'Titre' };
    const kept = checkTable('fr', offered);
    offered.title = 'changed';
    expect(kept.title).to.equal('Titre');
    expect(Object.isFrozen(kept)).to.equal(true);
  });

  it('shows English for a language whose pack is not here, and says so through hasLocale', () => {
    expect(hasLocale('en')).to.equal(true);
    expect(hasLocale('es')).to.equal(false);
    expect(phaseLabel('in-sync', 'es')).to.equal('In sync');
    expect(translator('es')('pause')).to.equal('Pause');
  });

  it('without a loader (the classic-script build) loadLocale resolves false and stays English', async () => {
    setLocaleLoader(null);
    expect(await loadLocale('es')).to.equal(false);
    expect(phaseLabel('paused', 'es')).to.equal('Paused');
    expect(await loadLocale('en')).to.equal(true);
    expect(await loadLocale('xx')).to.equal(false);
  });

  it('a classic-script pack left before or after the element is taken on first use, and fires the event', async () => {
    const seen = await eventsDuring(() => offerLocale('es', es));
    expect(seen).to.deep.equal(['es']);
    expect(phaseLabel('paused', 'es-MX')).to.equal('En pausa');
    expect(hasLocale('es')).to.equal(true);
  });

  it('a bad classic-script pack is refused once, with a warning, and English stays', () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      offerLocale('uk', { ...uk, 'set.acd': 'CXone {evil}' });
      expect(phaseLabel('in-sync', 'uk')).to.equal('In sync');
      expect(phaseLabel('paused', 'uk')).to.equal('Paused');
    } finally {
      console.warn = warn;
    }
    expect(warnings).to.deep.equal([
      'presence-sync: language pack "uk", key "set.acd": {evil} is not a placeholder of this message; showing English',
    ]);
  });

  it('the ES module loader fetches a pack once, registers it and fires the event', async () => {
    const asked: string[] = [];
    setLocaleLoader(async (locale) => {
      asked.push(locale);
      return PACKS[locale];
    });
    const seen = await eventsDuring(async () => {
      const [first, second] = await Promise.all([loadLocale('ja'), loadLocale('ja')]);
      expect([first, second]).to.deep.equal([true, true]);
    });
    expect(asked).to.deep.equal(['ja']);
    expect(seen).to.deep.equal(['ja']);
    expect(phaseLabel('error', 'ja-JP')).to.equal(ja['phase.error']);
    expect(await loadLocale('ja')).to.equal(true);
    expect(asked).to.deep.equal(['ja']);
  });

  it('a loader that fails or returns a bad table leaves English, with one warning', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      setLocaleLoader(async () => {
        throw new Error('offline');
      });
      expect(await loadLocale('ko')).to.equal(false);
      expect(await loadLocale('ko')).to.equal(false);
      expect(phaseLabel('in-sync', 'ko')).to.equal('In sync');
    } finally {
      console.warn = warn;
      setLocaleLoader(null);
    }
    expect(warnings).to.deep.equal([
      'presence-sync: language pack "ko" did not load (Error: offline); showing English',
    ]);
  });

  it('registerLocale replaces a refused language once a good table comes', () => {
    registerLocale('ko', ko);
    expect(phaseLabel('in-sync', 'ko')).to.equal(ko['phase.in-sync']);
    expect(() => registerLocale('ko', { nope: 'x' })).to.throw(TypeError, 'key "nope"');
    expect(phaseLabel('in-sync', 'ko')).to.equal(ko['phase.in-sync']);
  });
});

describe('phaseLabel', () => {
  before(() => registerLocale('fr', fr));

  it('gives the panel wording in the nearest supported language', () => {
    expect(phaseLabel('in-sync', 'en')).to.equal('In sync');
    expect(phaseLabel('in-sync', 'fr-CA')).to.equal('Synchronisé');
    expect(phaseLabel('error', 'fr')).to.not.equal(phaseLabel('error', 'en'));
  });

  it('falls back to English for an unsupported or missing language', () => {
    expect(phaseLabel('error', 'xx')).to.equal('Needs attention');
    expect(phaseLabel('not-mapped')).to.equal('Not mapped');
  });

  it('returns an unknown phase as given, never a key or undefined', () => {
    expect(phaseLabel('weird', 'fr')).to.equal('weird');
    expect(phaseLabel('toString', 'en')).to.equal('toString');
  });
});
