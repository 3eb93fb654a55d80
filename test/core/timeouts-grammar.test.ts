// The rule grammar's `timeouts` (docs/contract.md §4, "Timed states"): what is accepted, what it
// parses to, and every refusal with its JSON path.
import { expect } from '@open-wc/testing';
import { parseRules } from '../../src/core/rules/parse.js';
import { validateRuleContext } from '../../src/core/rules/select.js';
import type { Rule } from '../../src/core/rules/types.js';
import { CODES, EXAMPLE, STATUSES } from './fixtures.js';

const withTimeouts = (timeouts: unknown) => ({
  version: 1,
  rules: [{ ...EXAMPLE.rules[0], timeouts }],
});

function parsed(timeouts: unknown): Rule {
  const result = parseRules(withTimeouts(timeouts));
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('; '));
  return result.document.rules[0]!;
}

function paths(timeouts: unknown): string[] {
  const result = parseRules(withTimeouts(timeouts));
  if (result.ok) return [];
  for (const problem of result.problems) expect(problem.code).to.equal('rules-invalid');
  return result.problems.map((problem) => problem.path ?? '');
}

describe('rule timeouts', () => {
  it('parses a Salesforce, an ACD and a notify-only timeout on their own sides', () => {
    const rule = parsed([
      { salesforce: 'Away', minutes: 30, then: 'Available_for_Chats' },
      { acd: 'Lunch', minutes: 0.5, then: 'Available' },
      { acd: 'Unavailable/Meeting', minutes: 1440, then: 'notify' },
    ]);
    expect(rule.timeouts).to.deep.equal([
      {
        index: 0,
        text: 'Away ≤ 30 min → Available_for_Chats',
        source: { side: 'salesforce', status: { kind: 'apiName', apiName: 'Away' } },
        minutes: 30,
        ms: 1_800_000,
        then: { side: 'salesforce', status: { kind: 'apiName', apiName: 'Available_for_Chats' } },
      },
      {
        index: 1,
        text: 'Unavailable/Lunch ≤ 0.5 min → Available',
        source: { side: 'acd', state: { state: 'Unavailable', reason: 'Lunch' } },
        minutes: 0.5,
        ms: 30_000,
        then: { side: 'acd', state: { state: 'Available' } },
      },
      {
        index: 2,
        text: 'Unavailable/Meeting ≤ 1440 min → notify',
        source: { side: 'acd', state: { state: 'Unavailable', reason: 'Meeting' } },
        minutes: 1440,
        ms: 86_400_000,
        then: { side: null, notify: true },
      },
    ]);
  });

  it('is empty when a rule has none', () => {
    const result = parseRules(EXAMPLE);
    expect(result.ok && result.document.rules[0]!.timeouts).to.deep.equal([]);
  });

  it('reads a bare "then" word with the timed side\'s grammar (an ACD code, a Salesforce API name)', () => {
    const rule = parsed([
      { acd: 'Available', minutes: 5, then: 'Meeting' },
      { salesforce: 'Training', minutes: 5, then: 'Offline' },
    ]);
    expect(rule.timeouts.map((timeout) => timeout.then)).to.deep.equal([
      { side: 'acd', state: { state: 'Unavailable', reason: 'Meeting' } },
      { side: 'salesforce', status: { kind: 'offline' } },
    ]);
  });

  const bad: Array<[string, unknown, string[]]> = [
    ['a timeouts object', { salesforce: 'Away' }, ['rules[0].timeouts']],
    ['an entry that is a string', ['Away'], ['rules[0].timeouts[0]']],
    ['an entry naming no state', [{ minutes: 5, then: 'notify' }], ['rules[0].timeouts[0]']],
    [
      'an entry naming both sides',
      [{ salesforce: 'Away', acd: 'Lunch', minutes: 5, then: 'notify' }],
      ['rules[0].timeouts[0]'],
    ],
    [
      'zero minutes',
      [{ salesforce: 'Away', minutes: 0, then: 'notify' }],
      ['rules[0].timeouts[0].minutes'],
    ],
    [
      'more than a day',
      [{ salesforce: 'Away', minutes: 1441, then: 'notify' }],
      ['rules[0].timeouts[0].minutes'],
    ],
    [
      'minutes as a string',
      [{ salesforce: 'Away', minutes: '30', then: 'notify' }],
      ['rules[0].timeouts[0].minutes'],
    ],
    [
      'an infinite timeout',
      [{ acd: 'Lunch', minutes: Number.POSITIVE_INFINITY, then: 'notify' }],
      ['rules[0].timeouts[0].minutes'],
    ],
    ['a missing then', [{ salesforce: 'Away', minutes: 5 }], ['rules[0].timeouts[0].then']],
    [
      'a then the timed side cannot take',
      [{ salesforce: 'Away', minutes: 5, then: 'Unavailable/Lunch' }],
      ['rules[0].timeouts[0].then'],
    ],
    [
      'an ACD then that is not settable',
      [{ acd: 'Lunch', minutes: 5, then: 'PreviousState' }],
      ['rules[0].timeouts[0].then'],
    ],
    [
      'a timed ACD state nobody chooses',
      [{ acd: 'InboundContact', minutes: 5, then: 'Available' }],
      ['rules[0].timeouts[0].acd'],
    ],
    [
      'a timed Offline',
      [{ salesforce: 'Offline', minutes: 5, then: 'Available_for_Chats' }],
      ['rules[0].timeouts[0].salesforce'],
    ],
    [
      'a then that is the timed state',
      [{ acd: 'Lunch', minutes: 5, then: 'Unavailable/Lunch' }],
      ['rules[0].timeouts[0].then'],
    ],
    [
      'an unknown key',
      [{ salesforce: 'Away', minutes: 5, then: 'notify', warn: 2 }],
      ['rules[0].timeouts[0].warn'],
    ],
    [
      'two timeouts for one status',
      [
        { acd: 'Available', minutes: 5, then: 'notify' },
        { salesforce: 'Away', minutes: 5, then: 'notify' },
        { acd: 'Unavailable/Lunch', minutes: 5, then: 'notify' },
        { acd: 'Lunch', minutes: 9, then: 'Available' },
      ],
      ['rules[0].timeouts[3].acd'],
    ],
  ];
  for (const [what, timeouts, expected] of bad) {
    it(`reports ${what} at ${expected.join(', ')}`, () =>
      expect(paths(timeouts)).to.deep.equal(expected));
  }

  it('reports every bad field of one entry at once', () =>
    expect(paths([{ salesforce: 'x y', minutes: -1, then: 3 }])).to.deep.equal([
      'rules[0].timeouts[0].salesforce',
      'rules[0].timeouts[0].minutes',
    ]));

  it("checks a timeout's statuses and codes against what the user and team have", () => {
    const rule = parsed([
      { salesforce: 'Lunch_Break', minutes: 5, then: 'Available_for_Chats' },
      { acd: 'Available', minutes: 5, then: 'Brunch' },
      { acd: 'Lunch', minutes: 5, then: 'Wrap' },
    ]);
    expect(validateRuleContext(rule, STATUSES, CODES).map((problem) => problem.path)).to.deep.equal(
      ['rules[0].timeouts[0].salesforce', 'rules[0].timeouts[1].then', 'rules[0].timeouts[2].then'],
    );
  });
});
