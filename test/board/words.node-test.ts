/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boardLanguage, boardTables, boardWords, phaseWords } from '../../src/board/words.js';

describe('the board’s words', () => {
  const tables = boardTables();
  it('come in the product’s six languages', () => {
    assert.deepEqual(Object.keys(tables), ['en', 'fr', 'es', 'ja', 'ko', 'uk']);
  });
  for (const [language, table] of Object.entries(tables)) {
    it(`has every English key in ${language}, with the same placeholders`, () => {
      assert.deepEqual(Object.keys(table).sort(), Object.keys(tables.en!).sort());
      for (const [key, text] of Object.entries(table)) {
        const wanted = (tables.en![key]!.match(/\{\w+\}/g) ?? []).sort();
        assert.deepEqual((text.match(/\{\w+\}/g) ?? []).sort(), wanted, `${language} ${key}`);
      }
    });
  }
  it('picks a language from a tag and shows an unknown phase by its name', () => {
    assert.equal(boardLanguage('fr-CA'), 'fr');
    assert.equal(boardLanguage('de', 'ko-KR'), 'ko');
    assert.equal(boardLanguage('xx'), 'en');
    const words = boardWords('ja');
    assert.equal(phaseWords(words, 'in-sync'), '同期済み');
    assert.equal(phaseWords(words, 'not-writing'), 'not-writing');
    assert.equal(words('shown', { shown: 3, total: 9 }), '9 人中 3 人を表示');
  });
});
