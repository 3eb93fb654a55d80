/// <reference types="node" />
// The importers against golden fixtures: each input gives exactly the expected rule set and notes,
// the rule set parses with the product's parser, and bad input is refused with its JSON path.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRules } from '../../src/core/rules/parse.js';
import { EMPTY_CATALOG } from '../../src/setup/catalog.js';
import { canonicalDraft, exportJson } from '../../src/setup/draft.js';
import { applyImport, importRuleDocument } from '../../src/setup/import-document.js';
import { importNiceRule } from '../../src/setup/import-nice.js';
import { importWebexSettings } from '../../src/setup/import-webex.js';
import { ORG } from './catalog-fixture.js';
import {
  NICE_EXPECTED,
  NICE_INPUT,
  NICE_NOTES,
  SEED_RULE,
  WEBEX_EXPECTED,
  WEBEX_INPUT,
  WEBEX_LEGACY_EXPECTED,
  WEBEX_LEGACY_INPUT,
  WEBEX_LEGACY_NOTES,
} from './golden.js';

const paths = (result: { ok: boolean; problems?: readonly { path?: string }[] }) =>
  result.ok ? [] : (result.problems ?? []).map((problem) => problem.path);

describe('importNiceRule()', () => {
  it('gives exactly the golden rule set and notes for NICE’s answer', () => {
    const result = importNiceRule(NICE_INPUT, { name: 'CXone', catalog: ORG });
    assert.ok(result.ok);
    assert.deepEqual(result.draft, NICE_EXPECTED);
    assert.deepEqual(result.notes, NICE_NOTES);
    assert.ok(parseRules(result.draft).ok);
  });

  it('reads the answer as JSON text too', () => {
    const result = importNiceRule(JSON.stringify(NICE_INPUT), { name: 'CXone', catalog: ORG });
    assert.ok(result.ok);
    assert.deepEqual(result.draft, NICE_EXPECTED);
  });

  it('without a catalog, a code is an unavailable code and a label cannot be read', () => {
    const result = importNiceRule(NICE_INPUT, { name: 'CXone', catalog: EMPTY_CATALOG });
    assert.ok(result.ok);
    const publisher = result.draft.rules[0]!.publisher.map((row) => row.acd);
    assert.ok(publisher.includes('Unavailable/Wrap'));
    assert.ok(
      result.notes.some(
        (note) =>
          note.code === 'status-unknown' && note.path === 'publisherStateMap[7].partnerAgentState',
      ),
    );
  });

  it('refuses a missing list, a non-object entry and a non-string value, naming each path', () => {
    assert.deepEqual(
      paths(importNiceRule({ publisherStateMap: [] }, { name: 'x', catalog: ORG })),
      ['subscriberStateMap'],
    );
    assert.deepEqual(
      paths(
        importNiceRule(
          {
            publisherStateMap: [7, { incontactAgentState: 3, partnerAgentState: 'Away' }],
            subscriberStateMap: [],
          },
          { name: 'x', catalog: ORG },
        ),
      ),
      ['publisherStateMap[0]', 'publisherStateMap[1].incontactAgentState'],
    );
    assert.deepEqual(
      paths(importNiceRule('{"publisherStateMap": [', { name: 'x', catalog: ORG })),
      ['$'],
    );
    assert.deepEqual(paths(importNiceRule([], { name: 'x', catalog: ORG })), ['$']);
  });
});

describe('importWebexSettings()', () => {
  it('turns the three v2 settings into the contract’s acdWork + omniWork rule', () => {
    const result = importWebexSettings(WEBEX_INPUT, { name: 'Webex', catalog: ORG });
    assert.ok(result.ok);
    assert.deepEqual(result.draft, WEBEX_EXPECTED);
    assert.deepEqual(result.notes, [
      { code: 'cisco-sync-on', path: 'enableOmniChannelSync', params: {} },
    ]);
  });

  it('reads the legacy names, a status label and a blank setting', () => {
    const result = importWebexSettings(WEBEX_LEGACY_INPUT, { name: 'Webex', catalog: ORG });
    assert.ok(result.ok);
    assert.deepEqual(result.draft, WEBEX_LEGACY_EXPECTED);
    assert.deepEqual(result.notes, WEBEX_LEGACY_NOTES);
  });

  it('refuses settings that give nothing to sync, and values of the wrong type, by name', () => {
    assert.deepEqual(
      paths(importWebexSettings({ enableOmniChannelSync: 'true' }, { name: 'W', catalog: ORG })),
      ['$'],
    );
    assert.deepEqual(
      paths(
        importWebexSettings(
          { enableOmniChannelSync: 'yes', wxCCIdleReasonCode: 4 },
          { name: 'W', catalog: ORG },
        ),
      ),
      ['enableOmniChannelSync', 'wxCCIdleReasonCode'],
    );
  });
});

describe('importRuleDocument()', () => {
  it('gives the canonical spelling of a rule document', () => {
    const result = importRuleDocument(SEED_RULE);
    assert.ok(result.ok);
    const rule = result.draft.rules[0]!;
    assert.deepEqual(rule.publisher[2], { acd: 'Unavailable/Lunch', salesforce: 'Away' });
    assert.deepEqual(rule.omniWork, { atPercent: 100, acd: 'Unavailable/Chat' });
  });

  it('refuses a bad document with the parser’s JSON paths', () => {
    const bad = structuredClone(SEED_RULE);
    bad.rules[0]!.subscriber[1]!.acd = 'InboundContact';
    assert.deepEqual(paths(importRuleDocument(bad)), ['rules[0].subscriber[1].acd']);
  });

  it('imports what it exported as the same rule set', () => {
    const parsed = parseRules(SEED_RULE);
    assert.ok(parsed.ok);
    const draft = canonicalDraft(parsed.document);
    const again = importRuleDocument(exportJson(draft));
    assert.ok(again.ok);
    assert.deepEqual(again.draft, draft);
  });
});

describe('applyImport()', () => {
  it('replaces a rule of the same name in place and appends the others', () => {
    const current = importRuleDocument(SEED_RULE);
    const nice = importNiceRule(NICE_INPUT, { name: 'Chat and voice', catalog: ORG });
    const webex = importWebexSettings(WEBEX_INPUT, { name: 'Webex', catalog: ORG });
    assert.ok(current.ok && nice.ok && webex.ok);
    const merged = applyImport(current.draft, nice.draft, 'merge-by-name');
    assert.deepEqual(merged.rules.length, 1);
    assert.deepEqual(merged.rules[0], nice.draft.rules[0]);
    const both = applyImport(merged, webex.draft, 'merge-by-name');
    assert.deepEqual(
      both.rules.map((rule) => rule.name),
      ['Chat and voice', 'Webex'],
    );
    assert.deepEqual(applyImport(current.draft, webex.draft, 'replace-all'), webex.draft);
  });
});
