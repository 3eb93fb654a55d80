/// <reference types="node" />
// The setup editor's six tables: each has exactly the English keys, non-empty texts, and only its
// English text's placeholders; every finding and note code has its words.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SETUP_WORDS, setupTranslator } from '../../src/setup/words/index.js';

const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
const FINDINGS = [
  'rules-invalid',
  'status-missing',
  'status-case',
  'status-not-granted',
  'available-to-busy',
  'to-offline',
  'logged-out-to-online',
  'offline-to-available',
  'code-unknown',
  'code-case',
  'code-inactive',
  'code-acw-target',
  'row-unreachable',
  'row-shadowed',
  'unmapped-acd',
  'unmapped-salesforce',
  'flip-flop',
  'rules-ambiguous',
];
const NOTES = [
  'unmapped',
  'duplicate',
  'not-settable',
  'previous-on-publisher',
  'status-from-label',
  'status-unknown',
  'row-invalid',
  'ignored-field',
  'cisco-sync-off',
  'cisco-sync-on',
  'blank-setting',
];

describe('the setup editor’s words', () => {
  const en = SETUP_WORDS.en!;
  it('are in six languages, each with exactly the English keys and placeholders', () => {
    assert.deepEqual(Object.keys(SETUP_WORDS).sort(), ['en', 'es', 'fr', 'ja', 'ko', 'uk']);
    for (const [locale, table] of Object.entries(SETUP_WORDS)) {
      assert.deepEqual(Object.keys(table).sort(), Object.keys(en).sort(), locale);
      for (const [key, text] of Object.entries(table)) {
        assert.ok(text.trim().length > 0, `${locale} ${key}`);
        assert.deepEqual(
          placeholders(text),
          placeholders(en[key as keyof typeof en]),
          `${locale} ${key}`,
        );
      }
    }
  });

  it('word every finding and its fix, and every import note', () => {
    for (const code of FINDINGS) {
      assert.ok(`finding.${code}` in en, code);
      assert.ok(`fix.${code}` in en, code);
    }
    for (const code of NOTES) assert.ok(`note.${code}` in en, code);
  });

  it('fill placeholders with text and fall back to English for an unknown language', () => {
    assert.equal(setupTranslator('fr-CA')('rowN', { n: 3 }), 'Ligne 3');
    assert.equal(setupTranslator('de')('rowN', { n: 3 }), 'Row 3');
    assert.equal(setupTranslator('en')('goTo', { where: '<b>' }), 'Go to <b>');
  });
});
