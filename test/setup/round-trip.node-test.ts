/// <reference types="node" />
// Properties of the editor's rule sets: any rule set its pickers produce parses; parse → export →
// import gives the same rule set; moving rows and rules keeps it valid and loses nothing; the diff
// of a rule set with itself is empty and a changed row shows as changed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseRules } from '../../src/core/rules/parse.js';
import { diffRuleSets } from '../../src/setup/diff.js';
import {
  canonicalDraft,
  type DraftRule,
  exportJson,
  type RuleSetDraft,
} from '../../src/setup/draft.js';
import { moveRow, moveRule, setCell } from '../../src/setup/edit.js';
import { importRuleDocument } from '../../src/setup/import-document.js';

const CODES = ['Lunch', 'Break', 'Chat', 'Training', 'Meeting'];
const STATUSES = [
  'Available_for_Chats',
  'Busy_On_Call',
  'Away',
  'Chat_Done',
  'Offline',
  '0N5000000000007AAA',
];
/** What the publisher table's ACD picker offers (codes in both spellings). */
const PUBLISHER_ACD = [
  'Available',
  'Unavailable',
  'InboundContact',
  'OutboundContact',
  'InboundConsult',
  'OutboundConsult',
  'Dialer',
  'ACW',
  'LoggedOut',
  ...CODES.map((code) => `Unavailable/${code}`),
  ...CODES.map((code) => `ACW/${code}`),
  'Lunch',
];
/** What the subscriber table's ACD picker offers. */
const SUBSCRIBER_ACD = [
  'Available',
  'Unavailable',
  'PreviousState',
  ...CODES.map((c) => `Unavailable/${c}`),
];

const rows = (
  sources: readonly string[],
  targets: readonly string[],
  sourceKey: 'acd' | 'salesforce',
) =>
  fc
    .uniqueArray(fc.constantFrom(...sources), {
      maxLength: sources.length,
      // 'Lunch' and 'Unavailable/Lunch' are one source: keep one of them.
      selector: (value) => (value === 'Lunch' ? 'Unavailable/Lunch' : value),
    })
    .chain((keys) =>
      fc.tuple(
        ...keys.map((key) => fc.constantFrom(...targets).map((target) => ({ key, target }))),
      ),
    )
    .map((pairs) =>
      pairs.map(({ key, target }) =>
        sourceKey === 'acd' ? { acd: key, salesforce: target } : { acd: target, salesforce: key },
      ),
    );

const rule = (name: string) =>
  fc
    .record({
      publisher: rows(PUBLISHER_ACD, STATUSES, 'acd'),
      subscriber: rows(STATUSES, SUBSCRIBER_ACD, 'salesforce'),
      teams: fc.uniqueArray(fc.constantFrom('Tier 1', 'Tier 2', '17'), { maxLength: 2 }),
      users: fc.uniqueArray(fc.constantFrom('005000000000001', 'agent-9'), { maxLength: 1 }),
      skip: fc.boolean(),
      omniWork: fc.option(
        fc.record({
          atPercent: fc.constantFrom(0.01, 50, 100),
          acd: fc.constantFrom('Available', 'Unavailable', 'Unavailable/Chat'),
        }),
        { nil: undefined },
      ),
    })
    .map(({ publisher, subscriber, teams, users, skip, omniWork }): DraftRule => {
      const draft: DraftRule = {
        name,
        teams,
        users,
        skipUnavailableCodeValidation: skip,
        publisher,
        subscriber,
      };
      if (omniWork !== undefined) draft.omniWork = omniWork;
      if (publisher.length === 0 && subscriber.length === 0 && omniWork === undefined)
        draft.publisher = [{ acd: 'Available', salesforce: 'Away' }];
      return draft;
    });

const ruleSet = fc
  .uniqueArray(fc.constantFrom('Chat', 'Voice', 'Tier 1 rule', 'Night', 'Règle'), {
    minLength: 1,
    maxLength: 4,
  })
  .chain((names) => fc.tuple(...names.map(rule)))
  .map((rules): RuleSetDraft => ({ version: 1, rules }));

describe('the editor’s rule sets', () => {
  it('parse with the product’s parser', () => {
    fc.assert(
      fc.property(ruleSet, (draft) => {
        const parsed = parseRules(draft);
        assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
      }),
    );
  });

  it('parse → export → import gives the same rule set', () => {
    fc.assert(
      fc.property(ruleSet, (draft) => {
        const parsed = parseRules(draft);
        assert.ok(parsed.ok);
        const exported = canonicalDraft(parsed.document);
        const imported = importRuleDocument(exportJson(exported));
        assert.ok(imported.ok);
        assert.deepEqual(imported.draft, exported);
        assert.deepEqual(diffRuleSets(draft, imported.draft).rules, []);
      }),
    );
  });

  it('moving a row or a rule keeps the rule set valid and every row once', () => {
    fc.assert(
      fc.property(
        ruleSet,
        fc.nat(),
        fc.nat(),
        fc.integer({ min: -3, max: 3 }),
        (draft, r, i, delta) => {
          const ruleIndex = r % draft.rules.length;
          const rowCount = draft.rules[ruleIndex]!.subscriber.length;
          const moved = moveRule(
            moveRow(draft, ruleIndex, 'subscriber', rowCount === 0 ? 0 : i % rowCount, delta),
            ruleIndex,
            delta,
          );
          assert.ok(parseRules(moved).ok);
          const sorted = (set: RuleSetDraft) =>
            set.rules
              .flatMap((one) =>
                one.subscriber.map((row) => `${one.name}:${row.salesforce}:${row.acd}`),
              )
              .sort();
          assert.deepEqual(sorted(moved), sorted(draft));
        },
      ),
    );
  });
});

describe('diffRuleSets()', () => {
  it('names a changed, an added and a removed row, and an added rule', () => {
    const before: RuleSetDraft = {
      version: 1,
      rules: [
        {
          name: 'Chat',
          teams: [],
          users: [],
          skipUnavailableCodeValidation: false,
          publisher: [
            { acd: 'Lunch', salesforce: 'Away' },
            { acd: 'Available', salesforce: 'Available_for_Chats' },
          ],
          subscriber: [],
        },
      ],
    };
    let after = setCell(before, 0, 'publisher', 0, 'salesforce', 'Busy');
    after = {
      ...after,
      rules: [
        {
          ...after.rules[0]!,
          publisher: [after.rules[0]!.publisher[0]!, { acd: 'LoggedOut', salesforce: 'Offline' }],
        },
      ],
    };
    after.rules.push({
      ...after.rules[0]!,
      name: 'Voice',
      publisher: [],
      omniWork: { atPercent: 100, acd: 'Unavailable' },
    });
    assert.deepEqual(diffRuleSets(before, after), {
      rules: [
        {
          kind: 'changed',
          name: 'Chat',
          settings: [],
          rows: [
            {
              direction: 'publisher',
              kind: 'changed',
              source: 'Unavailable/Lunch',
              before: 'Away',
              after: 'Busy',
            },
            { direction: 'publisher', kind: 'added', source: 'LoggedOut', after: 'Offline' },
            {
              direction: 'publisher',
              kind: 'removed',
              source: 'Available',
              before: 'Available_for_Chats',
            },
          ],
        },
        {
          kind: 'added',
          name: 'Voice',
          settings: [{ setting: 'omniWork', before: '', after: '100% → Unavailable' }],
          rows: [],
        },
      ],
    });
  });
});
