import { expect } from '@open-wc/testing';
import { phaseOf } from '../../src/core/engine/projection.js';
import { initialState } from '../../src/core/engine/state.js';
import { matchPublisher, matchSubscriber } from '../../src/core/rules/match.js';
import { parseRules } from '../../src/core/rules/parse.js';
import { selectRule, validateRuleContext } from '../../src/core/rules/select.js';
import type { Rule } from '../../src/core/rules/types.js';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import { CODES, EXAMPLE, STATUSES, acd, doc, run, status, writes } from './fixtures.js';

const rule0 = (patch: Record<string, unknown>) => ({
  version: 1,
  rules: [{ ...EXAMPLE.rules[0], ...patch }],
});

function paths(input: unknown): string[] {
  const result = parseRules(input);
  if (result.ok) return [];
  for (const problem of result.problems) expect(problem.code).to.equal('rules-invalid');
  return result.problems.map((problem) => problem.path ?? '');
}

describe('parseRules()', () => {
  it('accepts the contract example as an object and as a JSON string', () => {
    expect(parseRules(EXAMPLE).ok).to.equal(true);
    expect(parseRules(JSON.stringify(EXAMPLE)).ok).to.equal(true);
  });

  it('normalises an 18-character org id and status id to 15 characters', () => {
    const parsed = parseRules({
      version: 1,
      orgId: '00D5g000004ABCDEAA',
      rules: [{ name: 'r', publisher: [{ acd: 'Available', salesforce: '0N5000000000001AAA' }] }],
    });
    expect(parsed.ok && parsed.document.orgId).to.equal('00D5g000004ABCD');
    expect(parsed.ok && parsed.document.rules[0]!.publisher[0]!.salesforce).to.deep.equal({
      kind: 'id',
      id: '0N5000000000001',
    });
  });

  it('reads a bare code name as Unavailable/<code> and accepts the object form', () => {
    const parsed = parseRules({
      version: 1,
      rules: [
        {
          name: 'r',
          subscriber: [
            { salesforce: 'Away', acd: 'Lunch' },
            { salesforce: 'Busy', acd: { state: 'unavailable', reason: 'Meeting' } },
          ],
        },
      ],
    });
    expect(parsed.ok && parsed.document.rules[0]!.subscriber.map((row) => row.acd)).to.deep.equal([
      { state: 'Unavailable', reason: 'Lunch' },
      { state: 'Unavailable', reason: 'Meeting' },
    ]);
  });

  const bad: Array<[string, unknown, string[]]> = [
    ['not JSON', '{"version": 1,', ['$']],
    ['not an object', '[1,2]', ['$']],
    ['a wrong version', { ...EXAMPLE, version: 2 }, ['version']],
    ['a malformed org id', { ...EXAMPLE, orgId: '005000000000001' }, ['orgId']],
    ['no rules', { version: 1, rules: [] }, ['rules']],
    ['an unknown top-level key', { ...EXAMPLE, rule: [] }, ['rule']],
    ['a rule without a name', rule0({ name: '' }), ['rules[0].name']],
    [
      'an empty ACD value',
      rule0({ publisher: [{ acd: '', salesforce: 'Away' }] }),
      ['rules[0].publisher[0].acd'],
    ],
    [
      'an unknown keyword in the object form',
      rule0({ publisher: [{ acd: { state: 'Lunchtime' }, salesforce: 'Away' }] }),
      ['rules[0].publisher[0].acd.state'],
    ],
    [
      'a code on a keyword that takes none',
      rule0({ publisher: [{ acd: 'Available/Now', salesforce: 'Away' }] }),
      ['rules[0].publisher[0].acd'],
    ],
    [
      'PreviousState on the publisher side',
      rule0({ publisher: [{ acd: 'PreviousState', salesforce: 'Away' }] }),
      ['rules[0].publisher[0].acd'],
    ],
    [
      'a platform state as a subscriber target',
      rule0({ subscriber: [{ salesforce: 'Away', acd: 'InboundContact' }] }),
      ['rules[0].subscriber[0].acd'],
    ],
    [
      'duplicate publisher sources',
      rule0({
        publisher: [
          { acd: 'Available', salesforce: 'Away' },
          { acd: 'available', salesforce: 'Busy_On_Call' },
        ],
      }),
      ['rules[0].publisher[1].acd'],
    ],
    [
      'duplicate subscriber sources',
      rule0({
        subscriber: [
          { salesforce: 'Away', acd: 'Available' },
          { salesforce: 'Away', acd: 'Lunch' },
          { salesforce: 'Chat_Done', acd: 'Lunch' },
        ],
      }),
      ['rules[0].subscriber[1].salesforce'],
    ],
    [
      'a malformed status id',
      rule0({ subscriber: [{ salesforce: '0N5123', acd: 'Available' }] }),
      ['rules[0].subscriber[0].salesforce'],
    ],
    [
      'a status name with spaces',
      rule0({ subscriber: [{ salesforce: 'Available for Chats', acd: 'Available' }] }),
      ['rules[0].subscriber[0].salesforce'],
    ],
    [
      'a code with trailing spaces',
      rule0({ subscriber: [{ salesforce: 'Away', acd: 'Lunch ' }] }),
      ['rules[0].subscriber[0].acd'],
    ],
    [
      'omniWork above 100%',
      rule0({ omniWork: { atPercent: 150, acd: 'Unavailable/Chat' } }),
      ['rules[0].omniWork.atPercent'],
    ],
    [
      'omniWork to PreviousState',
      rule0({ omniWork: { atPercent: 100, acd: 'PreviousState' } }),
      ['rules[0].omniWork.acd'],
    ],
    [
      'a non-boolean skip flag',
      rule0({ skipUnavailableCodeValidation: 'yes' }),
      ['rules[0].skipUnavailableCodeValidation'],
    ],
    ['teams that are not a list', rule0({ teams: 'Tier 1' }), ['rules[0].teams']],
    [
      'duplicate rule names',
      { version: 1, rules: [EXAMPLE.rules[0], EXAMPLE.rules[0]] },
      ['rules[1].name'],
    ],
    [
      'a __proto__ key',
      JSON.parse('{"version":1,"rules":[{"name":"r","publisher":[],"__proto__":{"x":1}}]}'),
      ['rules[0].__proto__'],
    ],
  ];
  for (const [what, input, expected] of bad) {
    it(`reports ${what} as rules-invalid at ${expected.join(', ')}`, () =>
      expect(paths(input)).to.deep.equal(expected));
  }

  it('reports every problem of a document at once', () => {
    expect(
      paths(
        rule0({
          name: '',
          publisher: [{ acd: 'PreviousState', salesforce: 'Away' }],
          subscriber: [{ salesforce: 'x y', acd: 'Dialer' }],
        }),
      ),
    ).to.deep.equal([
      'rules[0].name',
      'rules[0].publisher[0].acd',
      'rules[0].subscriber[0].salesforce',
      'rules[0].subscriber[0].acd',
    ]);
  });

  it('leaves the engine writing nothing on an invalid document', () => {
    const parsed = parseRules(rule0({ publisher: [{ acd: 'PreviousState', salesforce: 'Away' }] }));
    expect(parsed.ok).to.equal(false);
    const result = run(
      initialState({ ...DEFAULT_CONFIG }),
      { type: 'rules.invalid', at: 1, problems: parsed.ok ? [] : parsed.problems },
      { type: 'omni.attached', at: 1, listsStatuses: false },
      { type: 'omni.statusRead', at: 1, status: status('Away') },
      {
        type: 'acd.hello',
        at: 2,
        identity: { teamName: 'Tier 1' },
        codes: CODES,
        state: acd('Available'),
        canWrite: true,
      },
      { type: 'acd.stateChanged', at: 10_000, state: acd('InboundContact') },
      {
        type: 'omni.statusChanged',
        at: 20_000,
        status: status('Available_for_Chats'),
        reason: 'OmniManualStatusChange',
      },
    );
    expect(writes(result.effects)).to.deep.equal([]);
    expect(phaseOf(result.state)).to.equal('error');
  });
});

describe('validateRuleContext()', () => {
  const rule = doc().rules[0] as Rule;

  it('accepts the example against its statuses and codes', () =>
    expect(validateRuleContext(rule, STATUSES, CODES)).to.deep.equal([]));

  it('reports a code the team lacks with its path, case-sensitively', () => {
    const problems = validateRuleContext(
      rule,
      STATUSES,
      CODES.map((code) => (code.name === 'Lunch' ? { ...code, name: 'lunch' } : code)),
    );
    expect(problems.map((problem) => problem.path)).to.deep.equal([
      'rules[0].publisher[2].acd',
      'rules[0].subscriber[1].acd',
    ]);
  });

  it('skips code checks with skipUnavailableCodeValidation', () => {
    const skipping = doc(rule0({ skipUnavailableCodeValidation: true })).rules[0] as Rule;
    expect(validateRuleContext(skipping, STATUSES, [])).to.deep.equal([]);
  });

  it('refuses an after-contact-work code as a target even when skipping validation', () => {
    const acw = doc(
      rule0({
        skipUnavailableCodeValidation: true,
        subscriber: [{ salesforce: 'Away', acd: 'Wrap' }],
      }),
    ).rules[0] as Rule;
    expect(validateRuleContext(acw, STATUSES, CODES).map((problem) => problem.path)).to.deep.equal([
      'rules[0].subscriber[0].acd',
    ]);
  });

  it('reports codes it cannot check when the agent app sends none', () => {
    expect(validateRuleContext(rule, STATUSES, null).length).to.be.greaterThan(0);
  });
});

describe('selectRule()', () => {
  const document = doc({
    version: 1,
    rules: [
      { name: 'team', teams: ['7'], publisher: [{ acd: 'Available', salesforce: 'Away' }] },
      {
        name: 'user',
        users: ['005000000000001AAA'],
        publisher: [{ acd: 'Available', salesforce: 'Away' }],
      },
      { name: 'default', publisher: [{ acd: 'Available', salesforce: 'Away' }] },
    ],
  });
  const pick = (identity: Parameters<typeof selectRule>[1], userId?: string) => {
    const selection = selectRule(document, identity, userId);
    return selection.ok ? selection.rule.name : selection.problem.code;
  };

  it('prefers a rule listing the user (Salesforce ids compared on 15 characters)', () =>
    expect(pick({ teamId: '7' }, '005000000000001')).to.equal('user'));
  it("falls back to a rule listing the agent's team", () =>
    expect(pick({ teamId: '7', agentId: '9' })).to.equal('team'));
  it('falls back to the rule with neither teams nor users', () =>
    expect(pick({ teamId: '8' })).to.equal('default'));
  it('reports rules-no-match when nothing applies', () => {
    const only = doc({
      version: 1,
      rules: [
        { name: 'team', teams: ['7'], publisher: [{ acd: 'Available', salesforce: 'Away' }] },
      ],
    });
    const selection = selectRule(only, { teamId: '8' });
    expect(selection.ok ? '' : selection.problem.code).to.equal('rules-no-match');
  });
});

describe('matching', () => {
  const rule = doc({
    version: 1,
    rules: [
      {
        name: 'r',
        publisher: [
          { acd: 'ACW', salesforce: 'Busy_On_Call' },
          { acd: 'ACW/Wrap', salesforce: 'Away' },
          { acd: 'Unavailable', salesforce: 'Training' },
          { acd: 'Dialer', salesforce: 'Busy_On_Call' },
        ],
        subscriber: [{ salesforce: '0N5000000000003AAA', acd: 'Available' }],
      },
    ],
  }).rules[0] as Rule;

  it('picks ACW/<code> before ACW', () => {
    expect(matchPublisher(rule, acd('ACW/Wrap'))?.salesforce).to.deep.equal({
      kind: 'apiName',
      apiName: 'Away',
    });
    expect(matchPublisher(rule, acd('ACW/Other'))?.salesforce).to.deep.equal({
      kind: 'apiName',
      apiName: 'Busy_On_Call',
    });
  });

  it('matches a bare Unavailable row for any non-ACW code and the default reason', () => {
    expect(matchPublisher(rule, acd('Unavailable/Anything'))?.index).to.equal(2);
    expect(matchPublisher(rule, acd('Unavailable'))?.index).to.equal(2);
  });

  it('matches nothing for a state no row names', () =>
    expect(matchPublisher(rule, acd('Available'))).to.equal(null));

  it('matches a status by its 18-character id against a 15-character event id', () => {
    expect(matchSubscriber(rule, status('Away'))?.index).to.equal(0);
    expect(matchSubscriber(rule, status('Training'))).to.equal(null);
  });
});
