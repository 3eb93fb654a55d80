import { expect } from '@open-wc/testing';
import type { Input } from '../../src/core/inputs.js';
import { phaseOf, snapshotOf } from '../../src/core/engine/projection.js';
import { MAX_RETRY_WAIT_MS } from '../../src/core/engine/writes.js';
import { initialState } from '../../src/core/engine/state.js';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import type { EngineState } from '../../src/core/engine/state.js';
import {
  CODES,
  EXAMPLE,
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
import { confirm, table } from './table.js';

describe('transition(): §6.1 publisher', () => {
  table([
    {
      it: "writes the seeds' example: ACD Open (Available) sets Omni-Channel to Available for Chats",
      given: () => started({ sf: 'Away', acd: 'Unavailable/Lunch' }),
      when: () => [acdChange('Available')],
      writes: ['omni:Available_for_Chats'],
      why: ['mapped'],
      phase: 'syncing',
    },
    {
      it: 'maps a platform contact state (InboundContact → Busy_On_Call)',
      given: () => started(),
      when: () => [acdChange('InboundContact')],
      writes: ['omni:Busy_On_Call'],
    },
    {
      it: 'prefers Unavailable/<code> over a bare Unavailable row',
      given: () =>
        started({
          rules: {
            version: 1,
            rules: [
              {
                name: 'r',
                publisher: [
                  { acd: 'Unavailable', salesforce: 'Training' },
                  { acd: 'Lunch', salesforce: 'Away' },
                ],
              },
            ],
          },
        }),
      when: () => [acdChange('Unavailable/Lunch'), acdChange('Unavailable/Meeting', T + 10_000)],
      writes: ['omni:Away', 'omni:Training'],
    },
    {
      it: 'logs out of Omni-Channel for LoggedOut → Offline',
      given: () => started(),
      when: () => [acdChange('LoggedOut')],
      writes: ['omni:Offline'],
    },
    {
      it: 'writes nothing for an ACD state no row maps, and says unmapped',
      given: () => started(),
      when: () => [acdChange('Unavailable/Meeting')],
      writes: [],
      why: ['unmapped'],
    },
    {
      it: 'shows error, not in sync, for a row whose status the host did not list and the tab has not seen',
      given: () =>
        run(
          initialState({ ...DEFAULT_CONFIG, startup: 'none' }),
          { type: 'rules.loaded', at: 1, document: doc() },
          { type: 'omni.attached', at: 1, listsStatuses: false },
          { type: 'omni.statusRead', at: 1, status: status('Away') },
          {
            type: 'acd.hello',
            at: 1,
            identity: { agentId: '1', teamName: 'Tier 1' },
            codes: CODES,
            state: acd('Available'),
            canWrite: true,
          },
        ).state,
      when: () => [acdChange('InboundContact')],
      writes: [],
      why: ['unknown-status'],
      phase: 'error',
      check: (state) =>
        expect(snapshotOf(state).problems.map((p) => p.code)).to.include('status-not-permitted'),
    },
    {
      it: 'writes nothing when Omni-Channel already shows the mapped status',
      given: () => started({ sf: 'Busy_On_Call', acd: 'Available' }),
      when: () => [acdChange('InboundContact')],
      writes: [],
      why: ['in-sync'],
    },
  ]);
});

describe('transition(): §6.2 subscriber and PreviousState', () => {
  table([
    {
      it: 'writes the mapped ACD state for an outside Salesforce change (Away → Unavailable/Lunch)',
      given: () => started(),
      when: () => [sfChange('Away')],
      writes: ['acd:Unavailable/Lunch'],
      why: ['mapped'],
    },
    {
      it: 'restores the state held before the latest one (Lunch, then Available, then Chat_Done → Lunch)',
      given: () => started({ acd: 'Unavailable/Lunch', sf: 'Away' }),
      when: () => [acdChange('Available', T), ...confirm(), sfChange('Chat_Done', T + 20_000)],
      writes: ['omni:Available_for_Chats', 'acd:Unavailable/Lunch'],
      why: ['previous-state'],
    },
    {
      it: 'returns to the state held before handling an interaction (Available → chat at capacity → Chat_Done)',
      given: () => started(),
      when: () => [
        { type: 'omni.workloadChanged', at: T, capacity: 2, current: 2 },
        { type: 'acd.stateChanged', at: T + 100, state: acd('Unavailable/Chat') },
        sfChange('Chat_Done', T + 30_000),
      ],
      writes: ['acd:Unavailable/Chat', 'acd:Available'],
      why: ['omni-work', 'echo', 'previous-state'],
    },
    {
      it: 'collapses repeats and keeps only settable, non-ACW states in the history',
      given: () => started(),
      when: () => [
        acdChange('InboundContact', T),
        acdChange('ACW/Wrap', T + 10_000),
        acdChange('Available', T + 20_000),
        acdChange('Unavailable/Meeting', T + 30_000),
      ],
      writes: ['omni:Busy_On_Call', 'omni:Available_for_Chats'],
      check: (state) =>
        expect(
          state.history.map((h) => (h.state === 'Unavailable' ? `U/${h.reason}` : h.state)),
        ).to.deep.equal(['Available', 'U/Meeting']),
    },
    {
      it: 'uses a history restored from storage after a reload',
      given: () =>
        run(started(), { type: 'storage.restored', at: T, history: [], deferred: null }).state,
      when: () => [
        {
          type: 'storage.restored',
          at: T,
          history: [{ state: 'Unavailable', reason: 'Meeting' }, { state: 'Available' }],
          deferred: null,
        },
      ],
      writes: [],
      check: (state) => expect(snapshotOf(state).previousAcd).to.equal('Unavailable/Meeting'),
    },
    {
      it: 'says no-previous-state when there is nothing to restore',
      given: () => started(),
      when: () => [sfChange('Chat_Done')],
      writes: [],
      why: ['no-previous-state'],
    },
  ]);
});

describe('transition(): §6.3 unmapped and default unavailable', () => {
  const skipping = {
    ...EXAMPLE,
    rules: [
      {
        ...EXAMPLE.rules[0],
        skipUnavailableCodeValidation: true,
        subscriber: [
          ...EXAMPLE.rules[0]!.subscriber,
          { salesforce: 'Training', acd: 'Unavailable/Coaching' },
        ],
      },
    ],
  };
  table([
    {
      it: 'writes nothing for an unmapped Salesforce status without skipUnavailableCodeValidation',
      given: () => started(),
      when: () => [sfChange('Training')],
      writes: [],
      why: ['unmapped'],
    },
    {
      it: 'sets the default Unavailable for an unmapped status with skipUnavailableCodeValidation',
      given: () =>
        started({
          rules: {
            ...skipping,
            rules: [{ ...skipping.rules[0], subscriber: EXAMPLE.rules[0]!.subscriber }],
          },
        }),
      when: () => [sfChange('Training')],
      writes: ['acd:Unavailable'],
      why: ['default-unavailable'],
    },
    {
      it: "sets the default Unavailable when the target code is not among the team's codes and validation is skipped",
      given: () => started({ rules: skipping }),
      when: () => [sfChange('Training')],
      writes: ['acd:Unavailable'],
      why: ['default-unavailable'],
    },
  ]);
});

describe('transition(): §6.4 echoes', () => {
  it('treats the Omni echo of its own write as confirmation, not a new change', () => {
    const result = run(
      started({ sf: 'Away', acd: 'Unavailable/Lunch' }),
      () => acdChange('Available'),
      (s) => succeeded(s),
      () => sfChange('Available_for_Chats', T + 50, 'OmniToolkitStatusChange'),
    );
    expect(writes(result.effects)).to.deep.equal(['omni:Available_for_Chats']);
    expect(result.state.counters.echoes).to.equal(1);
    expect(phaseOf(result.state)).to.equal('in-sync');
  });

  it('treats any OmniToolkitStatusChange while a write is open as its echo', () => {
    const result = run(
      started({ sf: 'Away', acd: 'Unavailable/Lunch' }),
      () => acdChange('Available'),
      () => sfChange('Training', T + 10, 'OmniToolkitStatusChange'),
    );
    expect(writes(result.effects)).to.deep.equal(['omni:Available_for_Chats']);
    expect(whys(result.effects)).to.include('echo');
  });

  it('treats the ACD echo of its own write as confirmation, and it arriving before the result changes nothing', () => {
    const result = run(
      started(),
      () => sfChange('Away'),
      () => acdChange('Unavailable/Lunch', T + 20),
      (s) => ({ type: 'write.succeeded', at: T + 30, id: s.writes[0]!.id }),
    );
    expect(writes(result.effects)).to.deep.equal(['acd:Unavailable/Lunch']);
    expect(result.state.counters.echoes).to.equal(1);
    expect(phaseOf(result.state)).to.equal('in-sync');
  });

  it('propagates a real change to the same status after the echo window has passed', () => {
    const result = run(
      started({ sf: 'Away', acd: 'Unavailable/Lunch' }),
      () => acdChange('Available'),
      (s) => succeeded(s),
      () => sfChange('Available_for_Chats', T + 50, 'OmniToolkitStatusChange'),
      () => sfChange('Away', T + 60_000),
    );
    expect(writes(result.effects)).to.deep.equal([
      'omni:Available_for_Chats',
      'acd:Unavailable/Lunch',
    ]);
  });
});

describe('transition(): §6.5 work in progress', () => {
  table([
    {
      it: 'holds a Salesforce change while the agent is on a contact, and applies only the last one when it ends',
      given: () => started({ acd: 'InboundContact', sf: 'Busy_On_Call' }),
      when: () => [
        sfChange('Available_for_Chats', T),
        sfChange('Away', T + 10_000),
        acdChange('Available', T + 60_000),
      ],
      writes: ['acd:Unavailable/Lunch'],
      why: ['deferred-on-contact', 'deferred-applied'],
      check: (state) => expect(state.deferred).to.equal(null),
    },
    {
      it: 'does not publish the return from the contact when it applies a held change',
      given: () => started({ acd: 'ACW/Wrap', sf: 'Busy_On_Call' }),
      when: () => [sfChange('Away', T), acdChange('Available', T + 60_000)],
      writes: ['acd:Unavailable/Lunch'],
    },
    {
      it: 'shows the deferred phase while a change is held',
      given: () => started({ acd: 'InboundContact', sf: 'Busy_On_Call' }),
      when: () => [sfChange('Away')],
      writes: [],
      phase: 'deferred',
      check: (state) => expect(snapshotOf(state).deferred?.target).to.equal('Unavailable/Lunch'),
    },
    {
      it: 'applies a held change restored after a reload once the agent is free',
      given: () => started({ acd: 'InboundContact', sf: 'Busy_On_Call' }),
      when: (state) => {
        const held = run(state, sfChange('Away')).state.deferred;
        return [
          { type: 'storage.restored', at: T, history: [], deferred: held },
          acdChange('Available', T + 60_000),
        ];
      },
      writes: ['acd:Unavailable/Lunch'],
    },
    {
      it: 'sets omniWork.acd at capacity and restores the previous state below it',
      given: () => started(),
      when: () => [
        { type: 'omni.workloadChanged', at: T, capacity: 4, current: 4 },
        acdChange('Unavailable/Chat', T + 100),
        { type: 'omni.workloadChanged', at: T + 20_000, capacity: 4, current: 3 },
      ],
      writes: ['acd:Unavailable/Chat', 'acd:Available'],
      why: ['omni-work', 'omni-work-ended'],
    },
    {
      it: 'leaves the agent alone below capacity when they moved on during the work',
      given: () => started(),
      when: () => [
        { type: 'omni.workloadChanged', at: T, capacity: 1, current: 1 },
        acdChange('Unavailable/Chat', T + 100),
        acdChange('Unavailable/Meeting', T + 10_000),
        { type: 'omni.workloadChanged', at: T + 20_000, capacity: 1, current: 0 },
      ],
      writes: ['acd:Unavailable/Chat'],
    },
  ]);
});

describe('transition(): §6.6 conflicts', () => {
  const conflict = (authority: 'latest' | 'salesforce' | 'acd') => () =>
    started({ config: { authority }, sf: 'Available_for_Chats', acd: 'Available' });
  table([
    {
      it: 'lets the later change win with authority latest',
      given: conflict('latest'),
      when: () => [sfChange('Away', T), ...confirm(), acdChange('Available', T + 1_000)],
      writes: ['acd:Unavailable/Lunch', 'omni:Available_for_Chats'],
    },
    {
      it: 'lets Salesforce win with authority salesforce: the ACD change is not propagated and Salesforce is put back on the ACD',
      given: conflict('salesforce'),
      when: () => [sfChange('Away', T), ...confirm(), acdChange('Available', T + 1_000)],
      writes: ['acd:Unavailable/Lunch', 'acd:Unavailable/Lunch'],
      why: ['conflict-lost'],
    },
    {
      it: 'lets the ACD win with authority acd even when Salesforce changed later',
      given: conflict('acd'),
      when: () => [
        acdChange('Unavailable/Lunch', T),
        ...confirm(),
        sfChange('Training', T + 1_000),
      ],
      writes: ['omni:Away', 'omni:Away'],
      why: ['conflict-lost'],
    },
    {
      it: 'never counts a contact arriving as a conflict: the platform is not a competing choice',
      given: conflict('salesforce'),
      when: () => [sfChange('Away', T), ...confirm(), acdChange('InboundContact', T + 1_000)],
      writes: ['acd:Unavailable/Lunch', 'omni:Busy_On_Call'],
    },
    {
      it: 'is no conflict once the echo window has passed',
      given: conflict('salesforce'),
      when: () => [
        sfChange('Away', T),
        acdChange('Unavailable/Lunch', T + 100),
        (s) => succeeded(s, T + 120),
        acdChange('Available', T + 6_000),
      ],
      writes: ['acd:Unavailable/Lunch', 'omni:Available_for_Chats'],
    },
  ]);
});

describe('transition(): a change racing our own write on the same side', () => {
  table([
    {
      it: 'drops an outside change that our later-landing write overrode (its echo came after it)',
      given: () => started(),
      when: () => [
        sfChange('Away', T),
        acdChange('Unavailable/Meeting', T + 10),
        acdChange('Unavailable/Lunch', T + 20),
        (s) => succeeded(s, T + 30),
      ],
      writes: ['acd:Unavailable/Lunch'],
      why: ['echo', 'overridden'],
      phase: 'in-sync',
    },
    {
      it: 'lets the held change go ahead when our write fails',
      given: () => started(),
      when: () => [
        sfChange('Away', T),
        acdChange('InboundContact', T + 10),
        (s) => ({
          type: 'write.failed',
          at: T + 20,
          id: lastWriteId(s),
          permanent: false,
          problem: { code: 'agent-timeout', message: 'x', recoverable: true },
        }),
      ],
      writes: ['acd:Unavailable/Lunch', 'omni:Busy_On_Call'],
    },
    {
      it: 'lets the held change go ahead when our write succeeded but its window passed without an echo',
      given: () => started(),
      when: () => [
        sfChange('Away', T),
        (s) => succeeded(s, T + 5),
        acdChange('InboundContact', T + 10),
        { type: 'clock.tick', at: T + 5_006 },
      ],
      writes: ['acd:Unavailable/Lunch', 'omni:Busy_On_Call'],
    },
  ]);
});

/** The id of the first write in flight (the one a queued write waits behind). */
const inflightId = (state: EngineState): number => {
  const write = state.writes.find((candidate) => candidate.status === 'inflight');
  if (!write) throw new Error('no write in flight');
  return write.id;
};

describe('transition(): bursts are coalesced, one write in flight per side', () => {
  table([
    {
      it: 'queues a second write to a side whose first write has no result yet, and sends it when that one settles',
      given: () => started(),
      when: () => [
        acdChange('Unavailable/Lunch', T),
        acdChange('Available', T + 1),
        (s) => ({ type: 'write.succeeded', at: T + 2, id: inflightId(s) }),
      ],
      writes: ['omni:Away', 'omni:Available_for_Chats'],
      phase: 'syncing',
      check: (state) => {
        expect(state.writes.filter((w) => w.status === 'queued')).to.deep.equal([]);
        expect(snapshotOf(state).pending?.map((p) => p.target)).to.deep.equal([
          'Available_for_Chats',
        ]);
      },
    },
    {
      it: 'never sends a queued write a newer one replaced: a burst costs two writes, the last one wins',
      given: () => started(),
      when: () => [
        acdChange('Unavailable/Lunch', T),
        acdChange('Available', T + 1),
        acdChange('Unavailable/Lunch', T + 2),
        acdChange('Available', T + 3),
        acdChange('Unavailable/Lunch', T + 4),
        (s) => ({ type: 'write.succeeded', at: T + 5, id: inflightId(s) }),
      ],
      writes: ['omni:Away', 'omni:Away'],
      check: (state) => {
        expect(state.counters.writes).to.equal(2);
        expect(
          state.writes
            .filter((w) => w.status === 'inflight' && !w.superseded)
            .map((w) => (w.target as { apiName: string }).apiName),
        ).to.deep.equal(['Away']);
      },
    },
    {
      it: 'shows a queued write as pending and the phase as syncing while it waits',
      given: () => started(),
      when: () => [acdChange('Unavailable/Lunch', T), acdChange('Available', T + 1)],
      writes: ['omni:Away'],
      phase: 'syncing',
      check: (state) => {
        const pending = snapshotOf(state).pending ?? [];
        expect(pending.map((p) => p.target)).to.deep.equal(['Available_for_Chats']);
      },
    },
    {
      it: 'sends the queued write after the echo window when the write in flight never answers',
      given: () => started(),
      when: () => [
        acdChange('Unavailable/Lunch', T),
        acdChange('Available', T + 1),
        { type: 'clock.tick', at: T + 4_999 },
        { type: 'clock.tick', at: T + 5_001 },
      ],
      writes: ['omni:Away', 'omni:Available_for_Chats'],
    },
    {
      it: 'sends the queued write when the write in flight fails (superseded: no retry)',
      given: () => started(),
      when: () => [
        acdChange('Unavailable/Lunch', T),
        acdChange('Available', T + 1),
        (s) => ({
          type: 'write.failed',
          at: T + 2,
          id: inflightId(s),
          permanent: false,
          problem: { code: 'omni-write-failed', message: 'x', recoverable: true },
        }),
      ],
      writes: ['omni:Away', 'omni:Available_for_Chats'],
      check: (state) => expect(state.counters.retries).to.equal(0),
    },
    {
      it: 'does not queue when nothing is in flight on that side (a lone change goes out at once)',
      given: () => started(),
      when: () => [
        acdChange('Unavailable/Lunch', T),
        (s) => succeeded(s, T + 1),
        acdChange('Available', T + 2),
      ],
      writes: ['omni:Away', 'omni:Available_for_Chats'],
    },
  ]);

  it('marks the decision of a replaced queued write as skipped', () => {
    const result = run(
      started(),
      () => acdChange('Unavailable/Lunch', T),
      () => acdChange('Available', T + 1),
      () => acdChange('Unavailable/Lunch', T + 2),
    );
    const updates = result.effects.flatMap((effect) =>
      effect.type === 'decide' ? [effect.decision] : [],
    );
    const replaced = updates.filter(
      (decision) =>
        decision.result === 'skipped' &&
        decision.action !== 'none' &&
        decision.action.target === 'Available_for_Chats',
    );
    expect(replaced).to.have.length(1);
  });
});

describe('transition(): §6.7 logout', () => {
  table([
    {
      it: 'treats a manual Omni logout as the Offline status',
      given: () => started(),
      when: () => [{ type: 'omni.loggedOut', at: T }],
      writes: ['acd:Unavailable'],
    },
    {
      it: 'stops writing to Omni-Channel after a duplicate login and never logs back in',
      given: () => started(),
      when: () => [
        { type: 'omni.loggedOut', at: T, reason: 'DuplicateLoginInSameBrowser' },
        acdChange('Unavailable/Lunch', T + 10_000),
      ],
      writes: [],
      why: ['duplicate-login'],
      check: (state) =>
        expect(snapshotOf(state).problems.map((p) => p.code)).to.include('duplicate-login'),
    },
    {
      it: 'writes to Omni-Channel again after the agent logs in here',
      given: () =>
        run(started(), { type: 'omni.loggedOut', at: T, reason: 'DuplicateLogin' }).state,
      when: () => [
        { type: 'omni.loginSucceeded', at: T + 10_000, statusId: STATUSES[2]!.id },
        ...confirm(T + 10_050),
        acdChange('InboundContact', T + 20_000),
      ],
      writes: ['acd:Unavailable/Lunch', 'omni:Busy_On_Call'],
    },
  ]);
});

describe('transition(): §6.8 start', () => {
  const boot = (startup: 'acd' | 'salesforce' | 'none', extra: Input[] = []) => {
    const config = { ...DEFAULT_CONFIG, startup };
    return run(
      initialState(config),
      { type: 'rules.loaded', at: 1, document: doc() },
      { type: 'omni.attached', at: 1, listsStatuses: true },
      { type: 'omni.statusRead', at: 1, status: status('Away') },
      { type: 'omni.statuses', at: 2, statuses: STATUSES },
      ...extra,
      {
        type: 'acd.hello',
        at: 3,
        identity: { agentId: '1', teamName: 'Tier 1' },
        codes: CODES,
        state: acd('Available'),
        canWrite: true,
      },
    );
  };

  it('writes nothing until both sides are known', () => {
    const config = { ...DEFAULT_CONFIG };
    const result = run(
      initialState(config),
      { type: 'rules.loaded', at: 1, document: doc() },
      { type: 'omni.attached', at: 1, listsStatuses: false },
      { type: 'omni.statusRead', at: 1, status: status('Away') },
    );
    expect(writes(result.effects)).to.deep.equal([]);
    expect(phaseOf(result.state)).to.equal('waiting');
    expect(snapshotOf(result.state).cause).to.equal('agent');
  });

  it('waits for the listed statuses before starting when the host lists them', () => {
    const config = { ...DEFAULT_CONFIG };
    const result = run(
      initialState(config),
      { type: 'rules.loaded', at: 1, document: doc() },
      { type: 'omni.attached', at: 1, listsStatuses: true },
      { type: 'omni.statusRead', at: 1, status: status('Away') },
      {
        type: 'acd.hello',
        at: 3,
        identity: { teamName: 'Tier 1' },
        codes: CODES,
        state: acd('Available'),
        canWrite: true,
      },
    );
    expect(result.state.started).to.equal(false);
    expect(
      writes(run(result.state, { type: 'omni.statuses', at: 4, statuses: STATUSES }).effects),
    ).to.deep.equal(['omni:Available_for_Chats']);
  });

  it('copies the ACD to Omni-Channel once with startup acd', () =>
    expect(writes(boot('acd').effects)).to.deep.equal(['omni:Available_for_Chats']));
  it('copies Omni-Channel to the ACD once with startup salesforce', () =>
    expect(writes(boot('salesforce').effects)).to.deep.equal(['acd:Unavailable/Lunch']));
  it('copies nothing with startup none', () =>
    expect(writes(boot('none').effects)).to.deep.equal([]));

  // The start-up copy is confirmed, its echo is still on the way, and this tab becomes leader: the
  // resync's read still shows the old value there. The copy is where that side is going: no repair.
  for (const [startup, sent, stale] of [
    ['acd', 'omni:Available_for_Chats', 'omni'],
    ['salesforce', 'acd:Unavailable/Lunch', 'acd'],
  ] as const) {
    it(`sends the start-up copy once when a resync reads the old value before its echo (startup ${startup})`, () => {
      const booted = boot(startup);
      const copy = lastWriteId(booted.state);
      const read: Input =
        stale === 'omni'
          ? { type: 'omni.statusRead', at: 6, status: status('Away') }
          : {
              type: 'acd.hello',
              at: 6,
              identity: { agentId: '1', teamName: 'Tier 1' },
              codes: CODES,
              state: acd('Available'),
              canWrite: true,
            };
      const result = run(
        booted.state,
        { type: 'write.succeeded', at: 4, id: copy },
        { type: 'leader.changed', at: 5, leader: false },
        { type: 'leader.changed', at: 5, leader: true },
        { type: 'control.resync', at: 5 },
        read,
        { type: 'control.repair', at: 7 },
      );
      expect([...writes(booted.effects), ...writes(result.effects)]).to.deep.equal([sent]);
      expect(whys(result.effects)).to.include('already-writing');
      expect(result.state.counters.driftRepairs).to.equal(0);
    });
  }

  it('starts nothing when two rules apply to the same team (rules-ambiguous)', () => {
    const twice = {
      version: 1,
      rules: [
        { ...EXAMPLE.rules[0], name: 'a' },
        { ...EXAMPLE.rules[0], name: 'b' },
      ],
    };
    const result = run(
      initialState(DEFAULT_CONFIG),
      { type: 'rules.loaded', at: 1, document: doc(twice) },
      { type: 'omni.attached', at: 1, listsStatuses: false },
      { type: 'omni.statusRead', at: 1, status: status('Away') },
      {
        type: 'acd.hello',
        at: 3,
        identity: { teamName: 'Tier 1' },
        codes: CODES,
        state: acd('Available'),
        canWrite: true,
      },
      acdChange('Unavailable/Lunch', 20_000),
    );
    expect(writes(result.effects)).to.deep.equal([]);
    expect(snapshotOf(result.state).problems.map((p) => p.code)).to.deep.equal(['rules-ambiguous']);
    expect(phaseOf(result.state)).to.equal('error');
  });

  it('starts nothing when the document is for another org (org-mismatch)', () => {
    const result = run(
      initialState({ ...DEFAULT_CONFIG, orgId: '00D000000000001' }),
      { type: 'rules.loaded', at: 1, document: doc() },
      { type: 'omni.attached', at: 1, listsStatuses: false },
      { type: 'omni.statusRead', at: 1, status: status('Away') },
      {
        type: 'acd.hello',
        at: 3,
        identity: { teamName: 'Tier 1' },
        codes: CODES,
        state: acd('Available'),
        canWrite: true,
      },
    );
    expect(writes(result.effects)).to.deep.equal([]);
    expect(snapshotOf(result.state).problems.map((p) => p.code)).to.include('org-mismatch');
  });

  it('reports a rule status the user may not use and writes nothing', () => {
    const result = run(
      initialState(DEFAULT_CONFIG),
      { type: 'rules.loaded', at: 1, document: doc() },
      { type: 'omni.attached', at: 1, listsStatuses: true },
      { type: 'omni.statuses', at: 1, statuses: STATUSES.filter((s) => s.apiName !== 'Away') },
      { type: 'omni.statusRead', at: 1, status: status('Available_for_Chats') },
      {
        type: 'acd.hello',
        at: 3,
        identity: { teamName: 'Tier 1' },
        codes: CODES,
        state: acd('Unavailable/Lunch'),
        canWrite: true,
      },
    );
    expect(writes(result.effects)).to.deep.equal([]);
    const problem = snapshotOf(result.state).problems.find(
      (p) => p.code === 'status-not-permitted',
    );
    expect(problem?.path).to.equal('rules[0].publisher[2].salesforce');
  });
});

describe('transition(): start after a reload (§6.8 with §6.11)', () => {
  const held = {
    target: { state: 'Available' as const },
    at: 500,
    decision: {
      id: 1,
      at: 500,
      trigger: { side: 'salesforce' as const, from: 'Busy_On_Call', to: 'Available_for_Chats' },
      rule: 'Chat and voice',
      row: null,
      action: 'none' as const,
      why: 'deferred-on-contact' as const,
      result: 'pending' as const,
      ms: 0,
    },
  };
  const boot = (agentState: string, restored: Input | null) =>
    run(
      initialState(DEFAULT_CONFIG),
      { type: 'storage.attached', at: 1 },
      { type: 'rules.loaded', at: 1, document: doc() },
      { type: 'omni.attached', at: 1, listsStatuses: false },
      { type: 'omni.statusRead', at: 1, status: status('Available_for_Chats') },
      {
        type: 'acd.hello',
        at: 3,
        identity: { teamName: 'Tier 1' },
        codes: CODES,
        state: acd(agentState),
        canWrite: true,
      },
      ...(restored === null ? [] : [restored]),
    );

  it('waits for stored state before the startup copy', () => {
    const result = boot('InboundContact', null);
    expect(result.state.started).to.equal(false);
    expect(writes(result.effects)).to.deep.equal([]);
  });

  it('keeps a restored deferred write held, without copying the ACD over it, while the contact goes on', () => {
    const result = boot('InboundContact', {
      type: 'storage.restored',
      at: 4,
      history: [],
      deferred: held,
    });
    expect(writes(result.effects)).to.deep.equal([]);
    expect(whys(result.effects)).to.deep.equal(['deferred-on-contact']);
    expect(phaseOf(result.state)).to.equal('deferred');
    expect(writes(run(result.state, acdChange('Unavailable/Lunch', 9_000)).effects)).to.deep.equal([
      'acd:Available',
    ]);
  });

  it('gives the restored deferred decision an id of this page, so it never overwrites one', () => {
    const result = boot('InboundContact', {
      type: 'storage.restored',
      at: 4,
      history: [],
      deferred: held,
    });
    const ids = result.effects.flatMap((effect) =>
      effect.type === 'decide' ? [effect.decision.id] : [],
    );
    expect(result.state.deferred?.decision.id).to.not.be.oneOf(ids);
    expect(result.state.deferred?.decision.id).to.be.lessThan(result.state.nextId);
  });
});

describe('transition(): §6.10 failures and retries', () => {
  const failed =
    (permanent: boolean) =>
    (s: EngineState): Input => ({
      type: 'write.failed',
      at: T + 1,
      id: lastWriteId(s),
      permanent,
      problem: {
        code: permanent ? 'status-not-permitted' : 'omni-write-failed',
        message: 'no',
        recoverable: !permanent,
      },
    });
  const retry = (s: EngineState): Input => ({ type: 'write.retry', at: T + 2, id: lastWriteId(s) });

  it('retries a rejected write with backoff, at most 3 attempts, then reports it and shows error', () => {
    const result = run(
      started({ sf: 'Away', acd: 'Unavailable/Lunch' }),
      () => acdChange('Available'),
      failed(false),
      retry,
      failed(false),
      retry,
      failed(false),
      retry,
    );
    const delays = result.effects.flatMap((e) => (e.type === 'retryLater' ? [e.delayMs] : []));
    expect(delays).to.deep.equal([250, 750]);
    expect(writes(result.effects)).to.deep.equal([
      'omni:Available_for_Chats',
      'omni:Available_for_Chats',
      'omni:Available_for_Chats',
    ]);
    expect(phaseOf(result.state)).to.equal('error');
    expect(snapshotOf(result.state).problems.map((p) => p.code)).to.include('omni-write-failed');
    expect(result.state.counters.retries).to.equal(2);
  });

  it('waits as long as a throttled side asked, and fails at once past the retry budget', () => {
    const throttled =
      (retryAfterMs: number) =>
      (s: EngineState): Input =>
        ({ ...failed(false)(s), retryAfterMs }) as Input;
    const waited = run(
      started({ sf: 'Away', acd: 'Unavailable/Lunch' }),
      () => acdChange('Available'),
      throttled(4000),
    );
    expect(
      waited.effects.flatMap((e) => (e.type === 'retryLater' ? [e.delayMs] : [])),
    ).to.deep.equal([4000]);
    const refused = run(
      started({ sf: 'Away', acd: 'Unavailable/Lunch' }),
      () => acdChange('Available'),
      throttled(MAX_RETRY_WAIT_MS + 1),
    );
    expect(refused.effects.some((e) => e.type === 'retryLater')).to.equal(false);
    expect(phaseOf(refused.state)).to.equal('error');
  });

  it('does not retry a permanent failure', () => {
    const result = run(
      started({ sf: 'Away', acd: 'Unavailable/Lunch' }),
      () => acdChange('Available'),
      failed(true),
    );
    expect(result.effects.some((e) => e.type === 'retryLater')).to.equal(false);
    expect(snapshotOf(result.state).problems.map((p) => p.code)).to.include('status-not-permitted');
  });

  it('leaves the error phase on the next success', () => {
    const result = run(
      started({ sf: 'Away', acd: 'Unavailable/Lunch' }),
      () => acdChange('Available'),
      failed(true),
      () => acdChange('InboundContact', T + 20_000),
      (s) => succeeded(s, T + 20_001),
      { type: 'omni.statusChanged', at: T + 20_002, status: status('Busy_On_Call') },
    );
    expect(phaseOf(result.state)).to.equal('in-sync');
    expect(snapshotOf(result.state).problems).to.deep.equal([]);
  });

  it('ends a replaced write whose echo came before its retry as ok: it landed', () => {
    const base = run(
      started({ sf: 'Away', acd: 'Unavailable/Lunch' }),
      () => acdChange('Available'),
      failed(false),
    );
    const first = lastWriteId(base.state);
    const result = run(
      base.state,
      acdChange('InboundContact', T + 100),
      { type: 'omni.statusChanged', at: T + 101, status: status('Available_for_Chats') },
      { type: 'write.retry', at: T + 250, id: first },
    );
    const settled = result.effects.flatMap((effect) =>
      effect.type === 'decide' && effect.decision.id === first ? [effect.decision.result] : [],
    );
    expect(settled).to.deep.equal(['ok']);
    expect(writes(result.effects)).to.deep.equal(['omni:Busy_On_Call']);
  });

  it('drops the retry of a write a newer write replaced', () => {
    const result = run(
      started({ sf: 'Away', acd: 'Unavailable/Lunch' }),
      () => acdChange('Available'),
      failed(false),
      () => acdChange('InboundContact', T + 20_000),
      (s) => ({ type: 'write.retry', at: T + 20_001, id: s.writes[0]!.id }),
    );
    expect(writes(result.effects)).to.deep.equal(['omni:Available_for_Chats', 'omni:Busy_On_Call']);
  });
});

describe('transition(): modes', () => {
  table([
    {
      it: 'decides but never writes in shadow mode',
      given: () => started({ config: { mode: 'shadow' } }),
      when: () => [acdChange('InboundContact'), sfChange('Away', T + 10_000)],
      writes: [],
      why: ['shadow'],
      phase: 'shadow',
    },
    {
      it: 'writes nothing while paused',
      given: () => run(started(), { type: 'control.pause', at: 1 }).state,
      when: () => [acdChange('InboundContact')],
      writes: [],
      why: ['paused'],
      phase: 'paused',
    },
    {
      it: 'writes nothing in a follower tab',
      given: () => run(started(), { type: 'leader.changed', at: 1, leader: false }).state,
      when: () => [acdChange('InboundContact')],
      writes: [],
      why: ['not-leader'],
      phase: 'follower',
    },
    {
      it: 'reports read-only-agent instead of writing to a read-only agent app',
      given: () => started({ canWrite: false }),
      when: () => [sfChange('Away')],
      writes: [],
      why: ['read-only-agent'],
      check: (state) =>
        expect(snapshotOf(state).problems.map((p) => p.code)).to.include('read-only-agent'),
    },
  ]);
});

describe('transition(): resync', () => {
  it('repairs the drift a failed write left, from the latest outside change', () => {
    const fail = (s: EngineState): Input => ({
      type: 'write.failed',
      at: T + 1,
      id: lastWriteId(s),
      permanent: true,
      problem: { code: 'omni-write-failed', message: 'down', recoverable: false },
    });
    const base = run(started(), () => acdChange('InboundContact'), fail);
    expect(phaseOf(base.state)).to.equal('error');
    const result = run(
      base.state,
      { type: 'control.resync', at: T + 20_000 },
      { type: 'omni.statusRead', at: T + 20_001, status: status('Available_for_Chats') },
      { type: 'control.repair', at: T + 20_002 },
    );
    expect(result.effects.some((e) => e.type === 'readBoth')).to.equal(true);
    expect(writes(result.effects)).to.deep.equal(['omni:Busy_On_Call']);
    expect(whys(result.effects)).to.include('drift-repaired');
    expect(result.state.counters.driftRepairs).to.equal(1);
    expect(phaseOf(result.state)).to.equal('syncing');
  });

  it('treats a read that differs from what it knew as a change it missed', () => {
    const result = run(started(), { type: 'omni.statusRead', at: T, status: status('Away') });
    expect(writes(result.effects)).to.deep.equal(['acd:Unavailable/Lunch']);
  });
});
