import { languagePackOf } from '../languagePacks';

// jest.mock calls are hoisted, so each is written out.
jest.mock(
  '@salesforce/resourceUrl/presenceSyncEs',
  () => ({ default: '/resource/1/presenceSyncEs' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/resourceUrl/presenceSyncFr',
  () => ({ default: '/resource/1/presenceSyncFr' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/resourceUrl/presenceSyncJa',
  () => ({ default: '/resource/1/presenceSyncJa' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/resourceUrl/presenceSyncKo',
  () => ({ default: '/resource/1/presenceSyncKo' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/resourceUrl/presenceSyncUk',
  () => ({ default: '/resource/1/presenceSyncUk' }),
  { virtual: true },
);

const LANGUAGES = { es: 'Es', fr: 'Fr', ja: 'Ja', ko: 'Ko', uk: 'Uk' };

describe('languagePackOf', () => {
  it('knows a pack for exactly the element’s packed languages (the files of src/element/locales)', () => {
    const fs = require('fs');
    const path = require('path');
    const locales = fs
      .readdirSync(path.join(__dirname, '../../../../../../src/element/locales'))
      .map((file) => file.replace(/\.ts$/, ''));
    expect(Object.keys(LANGUAGES).sort()).toEqual(locales.sort());
  });

  it('maps each of the five packed languages, by primary subtag, to its static resource', () => {
    for (const [language, suffix] of Object.entries(LANGUAGES)) {
      expect(languagePackOf(language)).toEqual({
        language,
        url: `/resource/1/presenceSync${suffix}`,
      });
    }
    expect(languagePackOf('fr-CA')).toEqual({ language: 'fr', url: '/resource/1/presenceSyncFr' });
    expect(languagePackOf(' KO_kr ')).toEqual({
      language: 'ko',
      url: '/resource/1/presenceSyncKo',
    });
  });

  it('has no pack for English, unsupported languages or junk', () => {
    for (const locale of [
      'en',
      'en-US',
      'de',
      '',
      undefined,
      null,
      42,
      'constructor',
      '__proto__',
      'hasOwnProperty',
    ]) {
      expect(languagePackOf(locale)).toBeUndefined();
    }
  });
});
