/// <reference types="node" />
// A rule's timed states through the rules editor: imported in the parser's spelling, exported to JSON
// and back unchanged, written as Timeout rows that read back (as PresenceSyncRules.cls and the demo
// shape them) to the same rule set, and shown in an import's diff.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentFromRecords } from '../../demo/setup-records.js';
import { parseRules } from '../../src/core/rules/parse.js';
import { diffRuleSets } from '../../src/setup/diff.js';
import { canonicalDraft, exportJson, type RuleSetDraft } from '../../src/setup/draft.js';
import { importRuleDocument } from '../../src/setup/import-document.js';
import { recordsFromDraft, recordXml } from '../../src/setup/records.js';

const DOCUMENT = {
  version: 1,
  rules: [
    {
      name: 'Chat',
      publisher: [{ acd: 'Lunch', salesforce: 'Away' }],
      subscriber: [{ salesforce: 'Away', acd: 'Lunch' }],
      timeouts: [
        { salesforce: 'Away', minutes: 30, then: 'Available_for_Chats' },
        { acd: 'Lunch', minutes: 0.5, then: 'notify' },
      ],
    },
    { name: 'Voice', publisher: [{ acd: 'Available', salesforce: 'Available_for_Chats' }] },
  ],
};

function imported(document: unknown = DOCUMENT): RuleSetDraft {
  const result = importRuleDocument(document);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  return result.draft;
}

describe('timed states in the editor’s draft', () => {
  it('are kept in the parser’s spelling, and only on a rule that has them', () => {
    const draft = imported();
    assert.deepEqual(draft.rules[0]!.timeouts, [
      { salesforce: 'Away', minutes: 30, then: 'Available_for_Chats' },
      { acd: 'Unavailable/Lunch', minutes: 0.5, then: 'notify' },
    ]);
    assert.equal('timeouts' in draft.rules[1]!, false);
  });

  it('export to JSON and import back as the same rule set', () => {
    const draft = imported();
    assert.deepEqual(imported(exportJson(draft)), draft);
  });

  it('show in an import’s diff as a changed setting, and not at all when equal', () => {
    const before = imported();
    const after = structuredClone(before);
    after.rules[0]!.timeouts![1]!.minutes = 15;
    assert.deepEqual(diffRuleSets(before, before), { rules: [] });
    assert.deepEqual(diffRuleSets(before, after).rules[0]!.settings, [
      {
        setting: 'timeouts',
        before: 'Away ≤ 30 min → Available_for_Chats, Unavailable/Lunch ≤ 0.5 min → notify',
        after: 'Away ≤ 30 min → Available_for_Chats, Unavailable/Lunch ≤ 15 min → notify',
      },
    ]);
  });
});

describe('timed states as Custom Metadata records', () => {
  it('are Timeout rows of their rule, with the state they time, minutes and then', () => {
    const result = recordsFromDraft(imported(), 'Night');
    assert.ok(result.ok);
    const timeouts = result.records.filter((record) => record.record.includes('_Tmo_'));
    assert.deepEqual(
      timeouts.map(({ record, label, fields }) => ({ record, label, fields })),
      [
        {
          record: 'Night_Chat_Tmo_1',
          label: 'Away ≤ 30 min → Available_for_Chats',
          fields: {
            Rule__c: 'Night_Chat',
            Direction__c: 'Timeout',
            Acd_State__c: null,
            Salesforce_Status__c: 'Away',
            Minutes__c: 30,
            Then__c: 'Available_for_Chats',
            Order__c: 1,
          },
        },
        {
          record: 'Night_Chat_Tmo_2',
          label: 'Unavailable/Lunch ≤ 0.5 min → notify',
          fields: {
            Rule__c: 'Night_Chat',
            Direction__c: 'Timeout',
            Acd_State__c: 'Unavailable/Lunch',
            Salesforce_Status__c: null,
            Minutes__c: 0.5,
            Then__c: 'notify',
            Order__c: 2,
          },
        },
      ],
    );
    const xml = recordXml(timeouts[1]!);
    assert.match(xml, /<field>Minutes__c<\/field>\s*<value xsi:type="xsd:double">0.5<\/value>/);
    assert.match(xml, /<field>Salesforce_Status__c<\/field>\s*<value xsi:nil="true"\/>/);
    assert.equal(
      result.records.some((record) => record.record.startsWith('Night_Voice_Tmo')),
      false,
    );
  });

  it('read back, as the org shapes its records, to the same rule set', () => {
    const draft = imported();
    const result = recordsFromDraft(draft, 'Night');
    assert.ok(result.ok);
    const { document, sources } = documentFromRecords(result.records, 'Night');
    const parsed = parseRules(document);
    assert.ok(parsed.ok);
    assert.deepEqual(canonicalDraft(parsed.document), draft);
    assert.deepEqual(
      sources.filter((source) => source.path.includes('timeouts')).map((source) => source.path),
      ['rules[0].timeouts[0]', 'rules[0].timeouts[1]'],
    );
  });

  it('refuse minutes finer than the record keeps, with their JSON path', () => {
    const draft = imported();
    draft.rules[0]!.timeouts![0]!.minutes = 1.001;
    assert.ok(recordsFromDraft(draft, 'Night').ok, 'three decimals are kept');
    draft.rules[0]!.timeouts![0]!.minutes = 0.0005;
    const result = recordsFromDraft(draft, 'Night');
    assert.ok(!result.ok);
    assert.deepEqual(
      result.problems.map((problem) => problem.path),
      ['rules[0].timeouts[0].minutes'],
    );
  });
});
