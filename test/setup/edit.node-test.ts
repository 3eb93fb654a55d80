/// <reference types="node" />
// The editor's typed edits as pure functions: a cell, a list, the work settings switched on by
// their first value and off when emptied, an unreadable percentage kept as a problem for the parser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRules } from '../../src/core/rules/parse.js';
import type { RuleSetDraft } from '../../src/setup/draft.js';
import { addRule, editedDraft, freeName, looksLikeDraft, removeRow } from '../../src/setup/edit.js';

const base = (): RuleSetDraft => ({
  version: 1,
  rules: [
    {
      name: 'Chat',
      teams: [],
      users: [],
      skipUnavailableCodeValidation: false,
      publisher: [{ acd: 'Available', salesforce: 'Available_for_Chats' }],
      subscriber: [],
    },
  ],
});

const problemPaths = (draft: RuleSetDraft) => {
  const parsed = parseRules(draft);
  return parsed.ok ? [] : parsed.problems.map((problem) => problem.path);
};

describe('editedDraft()', () => {
  it('sets a cell and leaves the given draft as it was', () => {
    const before = base();
    const after = editedDraft(before, 'rules[0].publisher[0].salesforce', 'Away');
    assert.equal(after.rules[0]!.publisher[0]!.salesforce, 'Away');
    assert.equal(before.rules[0]!.publisher[0]!.salesforce, 'Available_for_Chats');
  });

  it('reads teams and users as a list, commas or lines between names', () => {
    const after = editedDraft(base(), 'rules[0].teams', 'Tier 1, Tier 2\nNight ,');
    assert.deepEqual(after.rules[0]!.teams, ['Tier 1', 'Tier 2', 'Night']);
  });

  it('switches omniWork on with its first value and off when both are empty', () => {
    let draft = editedDraft(base(), 'rules[0].omniWork.acd', 'Unavailable/Chat');
    assert.deepEqual(problemPaths(draft), ['rules[0].omniWork.atPercent']);
    draft = editedDraft(draft, 'rules[0].omniWork.atPercent', '0,01');
    assert.deepEqual(draft.rules[0]!.omniWork, { atPercent: 0.01, acd: 'Unavailable/Chat' });
    assert.deepEqual(problemPaths(draft), []);
    draft = editedDraft(draft, 'rules[0].omniWork.atPercent', 'lots');
    assert.deepEqual(problemPaths(draft), ['rules[0].omniWork.atPercent']);
    draft = editedDraft(draft, 'rules[0].omniWork.atPercent', '');
    draft = editedDraft(draft, 'rules[0].omniWork.acd', '');
    assert.equal(draft.rules[0]!.omniWork, undefined);
  });

  it('switches acdWork on with a status, keeps its ACW choice, and off when the status is emptied', () => {
    let draft = editedDraft(base(), 'rules[0].acdWork.salesforce', 'Busy_On_Call');
    assert.deepEqual(draft.rules[0]!.acdWork, { salesforce: 'Busy_On_Call', acw: true });
    draft = editedDraft(draft, 'rules[0].acdWork.acw', false);
    assert.deepEqual(draft.rules[0]!.acdWork, { salesforce: 'Busy_On_Call', acw: false });
    draft = editedDraft(draft, 'rules[0].acdWork.salesforce', ' ');
    assert.equal(draft.rules[0]!.acdWork, undefined);
  });

  it('ignores a path that names nothing it edits', () => {
    assert.deepEqual(editedDraft(base(), 'rules[0].colour', 'blue'), base());
    assert.deepEqual(editedDraft(base(), 'version', '2'), base());
  });
});

describe('the structural edits', () => {
  it('name a new rule freely and start it with one row to fill', () => {
    const draft = addRule(addRule(base(), 'Chat'), 'Chat');
    assert.deepEqual(
      draft.rules.map((rule) => rule.name),
      ['Chat', 'Chat 2', 'Chat 3'],
    );
    assert.equal(freeName(draft, 'Night'), 'Night');
    assert.deepEqual(draft.rules[1]!.publisher, [{ acd: '', salesforce: '' }]);
    assert.deepEqual(problemPaths(draft).slice(0, 2), [
      'rules[1].publisher[0].acd',
      'rules[1].publisher[0].salesforce',
    ]);
  });

  it('leave the draft as it was for an index out of range', () => {
    assert.deepEqual(removeRow(base(), 5, 'publisher', 0), base());
  });

  it('tell a draft-shaped value from anything else', () => {
    assert.equal(looksLikeDraft(base()), true);
    assert.equal(looksLikeDraft({ rules: [{ name: 3 }] }), false);
    assert.equal(looksLikeDraft('rules'), false);
  });
});
