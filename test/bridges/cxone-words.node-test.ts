/// <reference types="node" />
// The CXone bridge page speaks the element's languages: a bridge imports only the protocol, so its
// words are a table of its own, held here to the element's list.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { languageOf, wordsFor } from '../../src/bridges/cxone/words.js';
import { LOCALES } from '../../src/element/i18n.js';

describe('the CXone bridge page’s words', () => {
  it('are in each of the element’s languages, and English for any other', () => {
    assert.deepEqual(LOCALES.map(languageOf), LOCALES);
    assert.equal(languageOf('de-CH'), 'en');
    const connect = new Set(LOCALES.map((locale) => wordsFor(locale)('connect')));
    assert.equal(connect.size, LOCALES.length, 'each language has its own words');
  });
});
