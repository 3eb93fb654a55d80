/// <reference types="node" />
// Preflight against a simulated org: a clean rule set has no finding; each fixture below breaks it
// in one way and gets exactly one finding, pointing at the row and cell to fix.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CatalogSnapshot, EMPTY_CATALOG, readCatalog } from '../../src/setup/catalog.js';
import type { DraftRule, RuleSetDraft } from '../../src/setup/draft.js';
import type { Finding } from '../../src/setup/finding.js';
import { preflight } from '../../src/setup/preflight.js';

const CATALOG: CatalogSnapshot = {
  statuses: [
    {
      id: '0N5000000000001',
      apiName: 'Available_for_Chats',
      label: 'Available for Chats',
      online: true,
    },
    { id: '0N5000000000002', apiName: 'Busy_On_Call', label: 'On Call', online: false },
    { id: '0N5000000000003', apiName: 'Away', label: 'Away', online: false },
    { id: '0N5000000000004', apiName: 'Chat_Done', label: 'Chat done', online: false },
  ],
  groups: [
    {
      profile: 'Chat Agent',
      permissionSets: ['Presence_Sync_User'],
      agents: 12,
      statuses: ['Available_for_Chats', 'Busy_On_Call', 'Away', 'Chat_Done'],
    },
  ],
  codes: {
    source: 'cxone',
    codes: [
      { name: 'Lunch', isAcw: false, isActive: true },
      { name: 'Chat', isAcw: false, isActive: true },
      { name: 'Old', isAcw: false, isActive: false },
      { name: 'Wrap', isAcw: true, isActive: true },
    ],
  },
};

/** Maps every ACD state and every status, with no row fighting another. */
function clean(): RuleSetDraft {
  return {
    version: 1,
    rules: [
      {
        name: 'Chat and voice',
        teams: [],
        users: [],
        skipUnavailableCodeValidation: false,
        publisher: [
          { acd: 'Available', salesforce: 'Available_for_Chats' },
          { acd: 'Unavailable', salesforce: 'Chat_Done' },
          { acd: 'Unavailable/Lunch', salesforce: 'Away' },
          { acd: 'Unavailable/Chat', salesforce: 'Busy_On_Call' },
          { acd: 'Unavailable/Old', salesforce: 'Chat_Done' },
          { acd: 'LoggedOut', salesforce: 'Offline' },
        ],
        subscriber: [
          { salesforce: 'Available_for_Chats', acd: 'Available' },
          { salesforce: 'Away', acd: 'Unavailable/Lunch' },
          { salesforce: 'Busy_On_Call', acd: 'Unavailable/Chat' },
          { salesforce: 'Chat_Done', acd: 'PreviousState' },
          { salesforce: 'Offline', acd: 'Unavailable' },
        ],
        acdWork: { salesforce: 'Busy_On_Call', acw: true },
      },
    ],
  };
}

/** The clean rule set with one rule edited. */
function broken(edit: (rule: DraftRule) => void): RuleSetDraft {
  const draft = clean();
  edit(draft.rules[0]!);
  return draft;
}

const shown = (findings: readonly Finding[]) =>
  findings.map(({ code, severity, path }) => ({ code, severity, path }));

/** Findings other than the inactive code the clean rule maps on purpose. */
const check = (draft: RuleSetDraft, catalog = CATALOG) =>
  shown(preflight(draft, catalog).filter((finding) => finding.code !== 'code-inactive'));

describe('preflight()', () => {
  it('finds nothing to fix in a clean rule set, only the inactive code it maps', () => {
    assert.deepEqual(shown(preflight(clean(), CATALOG)), [
      { code: 'code-inactive', severity: 'warning', path: 'rules[0].publisher[4].acd' },
    ]);
  });

  it('a missing status: the publisher cell that names it, with the statuses the org has', () => {
    const findings = preflight(
      broken((rule) => (rule.publisher[0]!.salesforce = 'Available_Chats')),
      CATALOG,
    );
    assert.deepEqual(shown(findings.filter((finding) => finding.code === 'status-missing')), [
      { code: 'status-missing', severity: 'error', path: 'rules[0].publisher[0].salesforce' },
    ]);
    assert.match(findings[0]!.params.known!, /Available_for_Chats/);
  });

  it('a case mismatch is its own finding, with the exact API name', () => {
    const findings = preflight(
      broken((rule) => (rule.acdWork!.salesforce = 'busy_on_call')),
      CATALOG,
    );
    assert.deepEqual(shown(findings.slice(0, 1)), [
      { code: 'status-case', severity: 'error', path: 'rules[0].acdWork.salesforce' },
    ]);
    assert.equal(findings[0]!.params.exact, 'Busy_On_Call');
  });

  it('a profile whose agents cannot use a mapped status, at the first cell that writes it', () => {
    const catalog: CatalogSnapshot = {
      ...CATALOG,
      groups: [
        ...CATALOG.groups,
        { profile: 'Voice Agent', permissionSets: [], agents: 3, statuses: ['Busy_On_Call'] },
        { profile: 'Nobody', permissionSets: [], agents: 0, statuses: [] },
      ],
    };
    const findings = preflight(clean(), catalog).filter(
      (finding) => finding.code === 'status-not-granted',
    );
    assert.deepEqual(
      findings.map((finding) => [finding.params.status, finding.path, finding.params.profile]),
      [
        ['Available_for_Chats', 'rules[0].publisher[0].salesforce', 'Voice Agent'],
        ['Chat_Done', 'rules[0].publisher[1].salesforce', 'Voice Agent'],
        ['Away', 'rules[0].publisher[2].salesforce', 'Voice Agent'],
      ],
    );
    assert.equal(findings[0]!.params.agents, '3');
  });

  it('a subscriber row shadowed by an earlier row naming the same status by id', () => {
    const draft = broken((rule) =>
      rule.subscriber.push({ salesforce: '0N5000000000003AAA', acd: 'Unavailable/Chat' }),
    );
    assert.deepEqual(check(draft), [
      { code: 'row-shadowed', severity: 'warning', path: 'rules[0].subscriber[5]' },
    ]);
  });

  it('a generic ACW row shadowed by a row for every ACW code', () => {
    const draft = broken((rule) => {
      delete rule.acdWork;
      rule.publisher.push(
        { acd: 'ACW/Wrap', salesforce: 'Busy_On_Call' },
        { acd: 'ACW', salesforce: 'Busy_On_Call' },
      );
    });
    const findings = check(draft).filter((finding) => finding.severity !== 'info');
    assert.deepEqual(findings, [
      { code: 'row-shadowed', severity: 'warning', path: 'rules[0].publisher[7]' },
    ]);
  });

  it('a flip-flop: a publisher row A → X and a subscriber row X → B with B ≠ A, said as one finding', () => {
    const draft = broken((rule) => (rule.subscriber[1]!.acd = 'Unavailable/Chat'));
    const findings = preflight(draft, CATALOG).filter((finding) => finding.code === 'flip-flop');
    assert.deepEqual(shown(findings), [
      { code: 'flip-flop', severity: 'warning', path: 'rules[0].subscriber[1].acd' },
    ]);
    assert.deepEqual(findings[0]!.params, {
      acd: 'Unavailable/Lunch',
      status: 'Away',
      back: 'Unavailable/Chat',
      publisherRow: 'rules[0].publisher[2]',
      subscriberRow: 'rules[0].subscriber[1]',
    });
  });

  it('an unknown code and a code in the wrong case, each at its cell', () => {
    const draft = broken((rule) => {
      rule.subscriber[1]!.acd = 'Unavailable/Lunh';
      rule.publisher[3]!.acd = 'Unavailable/chat';
    });
    const findings = check(draft).filter((finding) => finding.code.startsWith('code-'));
    assert.deepEqual(findings, [
      { code: 'code-case', severity: 'error', path: 'rules[0].publisher[3].acd' },
      { code: 'code-unknown', severity: 'error', path: 'rules[0].subscriber[1].acd' },
    ]);
  });

  it('an unknown code is a warning when the rule skips code validation (the default Unavailable is set)', () => {
    const draft = broken((rule) => {
      rule.skipUnavailableCodeValidation = true;
      rule.subscriber[1]!.acd = 'Unavailable/Lunh';
    });
    const found = preflight(draft, CATALOG).find((finding) => finding.code === 'code-unknown');
    assert.equal(found?.severity, 'warning');
    assert.equal(found?.params.effect, 'default');
  });

  it('an ACW code as a target, and an ACW code matched as Unavailable', () => {
    const draft = broken((rule) => {
      rule.subscriber[2]!.acd = 'Unavailable/Wrap';
      rule.publisher[4]!.acd = 'Unavailable/Wrap';
    });
    const findings = check(draft).filter(
      (finding) => finding.severity !== 'info' && finding.code !== 'flip-flop',
    );
    assert.deepEqual(findings, [
      { code: 'code-acw-target', severity: 'error', path: 'rules[0].subscriber[2].acd' },
      { code: 'row-unreachable', severity: 'warning', path: 'rules[0].publisher[4].acd' },
    ]);
  });

  it('Available to a Busy status, a state to Offline, and Offline to Available', () => {
    const draft = broken((rule) => {
      rule.publisher[0]!.salesforce = 'Away';
      rule.publisher[1]!.salesforce = 'Offline';
      rule.subscriber[4]!.acd = 'Available';
    });
    const findings = check(draft).filter(
      (finding) => finding.code !== 'flip-flop' && finding.severity !== 'info',
    );
    assert.deepEqual(findings, [
      { code: 'available-to-busy', severity: 'warning', path: 'rules[0].publisher[0].salesforce' },
      { code: 'to-offline', severity: 'warning', path: 'rules[0].publisher[1].salesforce' },
      { code: 'offline-to-available', severity: 'warning', path: 'rules[0].subscriber[4].acd' },
    ]);
  });

  it('lists unmapped ACD states and Salesforce statuses with what will happen', () => {
    const draft = broken((rule) => {
      rule.publisher.splice(0, 1);
      rule.subscriber.splice(0, 1);
    });
    const findings = preflight(draft, CATALOG).filter((finding) => finding.severity === 'info');
    assert.deepEqual(
      findings.map((finding) => [finding.code, finding.path, finding.params]),
      [
        ['unmapped-acd', 'rules[0].publisher', { states: 'Available' }],
        [
          'unmapped-salesforce',
          'rules[0].subscriber',
          { statuses: 'Available_for_Chats', effect: 'nothing' },
        ],
      ],
    );
  });

  it('two default rules, or one team in two rules, make selection ambiguous', () => {
    const draft = clean();
    draft.rules.push({ ...structuredClone(draft.rules[0]!), name: 'Second' });
    assert.deepEqual(check(draft), [
      { code: 'rules-ambiguous', severity: 'error', path: 'rules[1]' },
    ]);
    draft.rules[0]!.teams = ['Tier 1'];
    draft.rules[1]!.teams = ['Tier 2', 'Tier 1'];
    assert.deepEqual(check(draft), [
      { code: 'rules-ambiguous', severity: 'error', path: 'rules[1].teams[1]' },
    ]);
  });

  it('gives the parser’s problems, with their paths, for a rule set it refuses', () => {
    const findings = preflight(
      broken((rule) => (rule.publisher[0]!.acd = 'PreviousState')),
      CATALOG,
    );
    assert.deepEqual(shown(findings), [
      { code: 'rules-invalid', severity: 'error', path: 'rules[0].publisher[0].acd' },
    ]);
  });

  it('checks nothing it cannot know without a catalog', () => {
    const findings = preflight(
      broken((rule) => (rule.publisher[0]!.salesforce = 'Nope')),
      EMPTY_CATALOG,
    );
    assert.deepEqual(
      findings.filter((finding) => finding.severity !== 'info'),
      [],
    );
  });
});

describe('readCatalog()', () => {
  it('accepts the simulated org and refuses a bad value with its path', () => {
    assert.deepEqual(readCatalog(CATALOG), { ok: true, catalog: CATALOG });
    const bad = structuredClone(CATALOG) as unknown as { statuses: { online: unknown }[] };
    bad.statuses[2]!.online = 'yes';
    assert.deepEqual(readCatalog(bad), {
      ok: false,
      path: 'statuses[2].online',
      message: 'must be true or false',
    });
    assert.equal(
      (readCatalog({ codes: { source: 'x' } }) as { path: string }).path,
      'codes.source',
    );
  });
});
