// acdWork and omniWork (docs/contract.md §4, §6.5), as tables of state, inputs, writes and why.
import { expect } from '@open-wc/testing';
import type { EngineState } from '../../src/core/engine/state.js';
import { initialState } from '../../src/core/engine/state.js';
import type { Input } from '../../src/core/inputs.js';
import { parseRules } from '../../src/core/rules/parse.js';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import type { Effect } from '../../src/core/effects.js';
import {
  ACD_WORK,
  CODES,
  STATUSES,
  acd,
  doc,
  lastWriteId,
  run,
  started,
  status,
  succeeded,
  whys,
  writes,
  T,
  acdChange,
  sfChange,
} from './fixtures.js';

/** Our own Omni write coming back. */
const omniEcho = (apiName: string, at = T): Input =>
  sfChange(apiName, at, 'OmniToolkitStatusChange');
const acdWorkRule = (acw = true) => ({
  ...ACD_WORK,
  rules: [{ ...ACD_WORK.rules[0], acdWork: { salesforce: 'Busy_On_Call', acw } }],
});
const persisted = (effects: readonly Effect[]) =>
  effects.flatMap((effect) => (effect.type === 'persist' ? [effect.beforeContact] : []));

describe('transition(): acdWork', () => {
  it('sets Omni-Channel busy for a voice call and returns it to the status from before, through ACW', () => {
    const result = run(
      started({ rules: ACD_WORK, sf: 'Away', acd: 'Unavailable/Lunch' }),
      acdChange('InboundContact'),
      omniEcho('Busy_On_Call', T + 1),
      acdChange('ACW/Wrap', T + 60_000),
      acdChange('Available', T + 90_000),
    );
    // The return is to Away (held before the call), not the Available row's Available_for_Chats.
    expect(writes(result.effects)).to.deep.equal(['omni:Busy_On_Call', 'omni:Away']);
    expect(whys(result.effects)).to.include.members(['acd-work', 'acd-work-ended']);
    expect(result.state.beforeContact).to.equal(null);
  });

  it('returns at the end of the call itself when ACW is not covered', () => {
    const result = run(
      started({ rules: acdWorkRule(false), sf: 'Away', acd: 'Unavailable/Lunch' }),
      acdChange('InboundContact'),
      omniEcho('Busy_On_Call', T + 1),
      acdChange('ACW/Wrap', T + 60_000),
    );
    expect(writes(result.effects)).to.deep.equal(['omni:Busy_On_Call', 'omni:Away']);
  });

  it('keeps the Salesforce status the agent chose during the call, and applies it to the ACD after', () => {
    const result = run(
      started({ rules: ACD_WORK, sf: 'Away', acd: 'Unavailable/Lunch' }),
      acdChange('InboundContact'),
      omniEcho('Busy_On_Call', T + 1),
      (state: EngineState) => succeeded(state, T + 2),
      sfChange('Available_for_Chats', T + 30_000),
      acdChange('Unavailable', T + 90_000),
    );
    expect(writes(result.effects)).to.deep.equal(['omni:Busy_On_Call', 'acd:Available']);
    expect(whys(result.effects)).to.include.members(['deferred-on-contact', 'deferred-applied']);
  });

  it('does not log an agent who is offline in Omni-Channel in because a call starts', () => {
    const result = run(
      started({ rules: ACD_WORK, sf: 'Offline', acd: 'Available' }),
      acdChange('InboundContact'),
    );
    expect(writes(result.effects)).to.deep.equal([]);
    expect(whys(result.effects)).to.include('omni-offline');
  });

  it('stores the status to return to, and returns to it after a reload mid-call', () => {
    const call = run(
      started({ rules: ACD_WORK, sf: 'Away', acd: 'Unavailable/Lunch' }),
      acdChange('InboundContact'),
      omniEcho('Busy_On_Call', T + 1),
    );
    const stored = persisted(call.effects).at(-1) ?? null;
    expect(stored?.status.apiName).to.equal('Away');
    // A new page: the stored state arrives before the sides, the call has ended meanwhile.
    const reloaded = run(
      initialState({ ...DEFAULT_CONFIG, startup: 'acd' }),
      { type: 'storage.attached', at: T + 5 },
      { type: 'rules.loaded', at: T + 5, document: doc(ACD_WORK) },
      { type: 'omni.attached', at: T + 5, listsStatuses: true },
      { type: 'omni.statuses', at: T + 5, statuses: STATUSES },
      { type: 'storage.restored', at: T + 6, history: [], deferred: null, beforeContact: stored },
      { type: 'omni.statusRead', at: T + 7, status: status('Busy_On_Call') },
      {
        type: 'acd.hello',
        at: T + 8,
        identity: { agentId: '1001' },
        codes: CODES,
        state: acd('Available'),
        canWrite: true,
      },
    );
    expect(writes(reloaded.effects)).to.deep.equal(['omni:Away']);
    expect(whys(reloaded.effects)).to.include('acd-work-ended');
  });

  it('sets Omni-Channel busy at start when the agent is already on a call, whatever startup says', () => {
    const boot = (startup: 'acd' | 'salesforce' | 'none') =>
      run(
        initialState({ ...DEFAULT_CONFIG, startup }),
        { type: 'rules.loaded', at: 1, document: doc(ACD_WORK) },
        { type: 'omni.attached', at: 1, listsStatuses: true },
        { type: 'omni.statuses', at: 1, statuses: STATUSES },
        { type: 'omni.statusRead', at: 1, status: status('Away') },
        {
          type: 'acd.hello',
          at: 2,
          identity: { agentId: '1001' },
          codes: CODES,
          state: acd('InboundContact'),
          canWrite: true,
        },
      );
    for (const startup of ['acd', 'salesforce', 'none'] as const) {
      expect(writes(boot(startup).effects), startup).to.deep.equal(['omni:Busy_On_Call']);
    }
  });

  it('repairs drift during a call to the busy status, not to a publisher row', () => {
    const failed = run(
      started({ rules: ACD_WORK, sf: 'Away', acd: 'Unavailable/Lunch' }),
      acdChange('InboundContact'),
      (state) => ({
        type: 'write.failed',
        at: T + 1,
        id: lastWriteId(state),
        permanent: true,
        problem: { code: 'omni-write-failed', message: 'down', recoverable: false },
      }),
    );
    const result = run(
      failed.state,
      { type: 'control.resync', at: T + 20_000 },
      { type: 'omni.statusRead', at: T + 20_001, status: status('Away') },
      { type: 'control.repair', at: T + 20_002 },
    );
    expect(writes(result.effects)).to.deep.equal(['omni:Busy_On_Call']);
    expect(whys(result.effects)).to.include('drift-repaired');
  });

  it('takes a status read during a call that differs from the busy one as the agent’s choice', () => {
    const base = run(
      started({ rules: ACD_WORK, sf: 'Away', acd: 'Unavailable/Lunch' }),
      acdChange('InboundContact'),
      omniEcho('Busy_On_Call', T + 1),
      (state: EngineState) => succeeded(state, T + 2),
    ).state;
    const result = run(
      base,
      { type: 'control.resync', at: T + 20_000 },
      { type: 'omni.statusRead', at: T + 20_001, status: status('Training') },
      { type: 'control.repair', at: T + 20_002 },
      acdChange('Available', T + 60_000),
    );
    expect(writes(result.effects)).to.deep.equal([]);
    expect(whys(result.effects)).to.include('acd-work-ended');
  });
});

describe('transition(): omniWork at any Omni work (atPercent 0.01)', () => {
  it('sets the idle code with the first Omni work item and restores the state when the last one closes', () => {
    const result = run(
      started({ rules: ACD_WORK, sf: 'Available_for_Chats', acd: 'Available' }),
      { type: 'omni.workloadChanged', at: T, capacity: 5, current: 1 },
      { type: 'acd.stateChanged', at: T + 1, state: acd('Unavailable/Chat') },
      { type: 'omni.workloadChanged', at: T + 60_000, capacity: 5, current: 0 },
    );
    expect(writes(result.effects)).to.deep.equal(['acd:Unavailable/Chat', 'acd:Available']);
  });
});

describe('parseRules(): acdWork', () => {
  const problems = (rule: object) => {
    const parsed = parseRules({ version: 1, rules: [{ name: 'r', ...rule }] });
    return parsed.ok ? [] : parsed.problems.map((problem) => problem.path);
  };

  it('accepts a rule with only acdWork and omniWork, as the Webex seed needs', () =>
    expect(
      problems({ publisher: [], subscriber: [], acdWork: { salesforce: 'Busy_On_Call' } }),
    ).to.deep.equal([]));

  it('refuses publisher rows that would fight acdWork, each with its path', () =>
    expect(
      problems({
        publisher: [
          { acd: 'Available', salesforce: 'Available_for_Chats' },
          { acd: 'InboundContact', salesforce: 'Busy_On_Call' },
          { acd: 'ACW', salesforce: 'Away' },
        ],
        acdWork: { salesforce: 'Busy_On_Call' },
      }),
    ).to.deep.equal(['rules[0].publisher[1].acd', 'rules[0].publisher[2].acd']));

  it('allows an ACW row when acdWork does not cover ACW', () =>
    expect(
      problems({
        publisher: [{ acd: 'ACW', salesforce: 'Away' }],
        acdWork: { salesforce: 'Busy_On_Call', acw: false },
      }),
    ).to.deep.equal([]));

  it('refuses Offline, a bad acw and unknown keys, with their paths', () => {
    expect(problems({ acdWork: { salesforce: 'Offline' } })).to.deep.equal([
      'rules[0].acdWork.salesforce',
    ]);
    expect(problems({ acdWork: { salesforce: 'Busy_On_Call', acw: 'yes' } })).to.deep.equal([
      'rules[0].acdWork.acw',
    ]);
    expect(problems({ acdWork: { salesforce: 'Busy_On_Call', during: 'call' } })).to.deep.equal([
      'rules[0].acdWork.during',
    ]);
  });
});
