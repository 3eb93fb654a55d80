// The agent side over real postMessage: the simulated agent app runs in an iframe on another
// loopback origin (scripts/loopback-origins.js), a forger on a third.
import { expect } from '@open-wc/testing';
import { filter, firstValueFrom } from 'rxjs';
import { parseAgentOrigins } from '../../src/adapters/agent-channel.js';
import { BridgeAgentPort } from '../../src/adapters/agent-bridge.js';
import { ClientEventsAgentPort } from '../../src/adapters/agent-client-events.js';
import { SyncError } from '../../src/core/errors.js';
import type { SyncSnapshot } from '../../src/core/snapshot.js';
import type { Engine } from '../../src/runtime/engine.js';
import { createEngine } from '../../src/create-engine.js';
import { EXAMPLE, STATUSES } from '../core/fixtures.js';
import { openAgentFrame, loopbackOrigins, type AgentFrame } from '../fakes/agent-frame.js';
import { FactLog } from '../fakes/fact-log.js';
import { FakeOmni } from '../fakes/fake-omni.js';
import { ManualClock } from '../fakes/manual-clock.js';
import { malformedBridgeMessages, VALID } from './malformed.js';

let origins: { agent: string; third: string };
const frames: AgentFrame[] = [];
const disconnects: Array<() => void> = [];
const pageErrors: unknown[] = [];
const onError = (event: ErrorEvent) => pageErrors.push(event.error ?? event.message);
const onRejection = (event: PromiseRejectionEvent) => pageErrors.push(event.reason);

async function frame(
  origin: string,
  protocol: 'bridge' | 'cxone-client-events' = 'bridge',
): Promise<AgentFrame> {
  const opened = await openAgentFrame(origin, protocol);
  frames.push(opened);
  return opened;
}

function connect(port: BridgeAgentPort | ClientEventsAgentPort): FactLog {
  const log = new FactLog();
  disconnects.push(port.connect(log.sink));
  return log;
}

function until(engine: Engine, check: (snapshot: SyncSnapshot) => boolean): Promise<SyncSnapshot> {
  return firstValueFrom(engine.snapshot$.pipe(filter(check)));
}

/** The contract's example rule, minus the team, for the dialect that knows no teams or codes. */
const TEAMLESS = {
  ...EXAMPLE,
  rules: [
    { ...EXAMPLE.rules[0], teams: [], skipUnavailableCodeValidation: true, omniWork: undefined },
  ],
};

before(async () => {
  origins = await loopbackOrigins();
  expect(origins.agent).to.not.equal(location.origin);
  expect(origins.third).to.not.equal(origins.agent);
});

beforeEach(() => {
  pageErrors.length = 0;
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
});

afterEach(() => {
  window.removeEventListener('error', onError);
  window.removeEventListener('unhandledrejection', onRejection);
  for (const disconnect of disconnects.splice(0)) disconnect();
  for (const opened of frames.splice(0)) opened.remove();
});

describe('parseAgentOrigins()', () => {
  it('refuses "*" with origin-refused naming the attribute and the entry', () => {
    try {
      parseAgentOrigins('https://agent.example.com *');
      expect.fail('accepted *');
    } catch (error) {
      expect(error).to.be.instanceOf(SyncError);
      expect((error as SyncError).code).to.equal('origin-refused');
      expect((error as SyncError).path).to.equal('agent-origin');
      expect((error as SyncError).message).to.contain('"*"');
    }
  });

  for (const bad of [
    '',
    'null',
    'https://*.nicecxone.com',
    'https://agent.example.com/app',
    'ftp://agent.example.com',
    'agent.example.com',
    'https://user:pw@agent.example.com',
    'http://agent.example.com',
  ]) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      expect(() => parseAgentOrigins(bad))
        .to.throw(SyncError)
        .with.property('code', 'origin-refused');
    });
  }

  it('normalises hosts and default ports the way browsers report origins', () => {
    expect(
      parseAgentOrigins(' https://Agent.Example.com:443  http://127.0.0.1:8080/ '),
    ).to.deep.equal(['https://agent.example.com', 'http://127.0.0.1:8080']);
  });
});

describe('BridgeAgentPort across origins', () => {
  it('says hello first to a window it knows, and reports the hello the agent app answers with', async () => {
    const agent = await frame(origins.agent);
    const log = connect(new BridgeAgentPort({ origins: origins.agent, agentWindow: agent.window }));
    await log.until(() => log.of('acd.hello').length === 1);
    const [hello] = log.of('acd.hello');
    expect(hello?.identity).to.deep.equal({ agentId: '1001', teamId: '7', teamName: 'Tier 1' });
    expect(hello?.codes?.map((code) => code.name)).to.deep.equal([
      'Lunch',
      'Chat',
      'Meeting',
      'Wrap',
    ]);
    expect(hello?.state).to.include({ state: 'Unavailable', reason: '', isAcw: false });
    expect(hello?.canWrite).to.equal(true);
    expect(log.rejected()).to.equal(0);
  });

  it('learns the agent window from the first hello of an allowed origin', async () => {
    const agent = await frame(origins.agent);
    const port = new BridgeAgentPort({ origins: `https://elsewhere.example ${origins.agent}` });
    const log = connect(port);
    await agent.run({ cmd: 'hello' });
    await log.until(() => log.of('acd.hello').length === 1);
    await port.write({ state: 'Unavailable', reason: 'Lunch' }, { timeoutMs: 5000 });
    expect((await agent.run({ cmd: 'get' })).setStates).to.deep.equal(['Unavailable/Lunch']);
    await log.until(() => log.of('acd.stateChanged').length === 1);
    expect(log.of('acd.stateChanged')[0]?.state).to.include({
      state: 'Unavailable',
      reason: 'Lunch',
    });
  });

  it('rejects a refused write with acd-write-failed, permanent when the agent app says the code is invalid', async () => {
    const agent = await frame(origins.agent);
    const port = new BridgeAgentPort({ origins: origins.agent, agentWindow: agent.window });
    const log = connect(port);
    await log.until(() => log.of('acd.hello').length === 1);
    const error = await port
      .write({ state: 'Unavailable', reason: 'lunch' }, { timeoutMs: 5000 })
      .then(
        () => null,
        (reason: unknown) => reason as SyncError,
      );
    expect(error?.code).to.equal('acd-write-failed');
    expect(error?.recoverable).to.equal(false);
    expect(error?.message).to.contain('Unavailable/lunch').and.contain('invalid-reason');
  });

  it('rejects a throttled write as recoverable, with the wait the agent app asked for', async () => {
    const agent = await frame(origins.agent);
    const port = new BridgeAgentPort({ origins: origins.agent, agentWindow: agent.window });
    const log = connect(port);
    await log.until(() => log.of('acd.hello').length === 1);
    await agent.run({ cmd: 'behaviour', refuse: 'throttled', retryAfterMs: 4000 });
    const error = await port.write({ state: 'Available' }, { timeoutMs: 5000 }).then(
      () => null,
      (reason: unknown) => reason as SyncError,
    );
    expect(error?.recoverable).to.equal(true);
    expect(error?.retryAfterMs).to.equal(4000);
    expect(error?.message).to.contain('throttled');
  });

  it('turns a setState that gets no result into agent-timeout on the injected clock', async () => {
    const agent = await frame(origins.agent);
    const clock = new ManualClock();
    const port = new BridgeAgentPort({ origins: origins.agent, agentWindow: agent.window, clock });
    const log = connect(port);
    await log.until(() => log.of('acd.hello').length === 1);
    await agent.run({ cmd: 'behaviour', silent: true });
    let settled: SyncError | 'ok' | null = null;
    port.write({ state: 'Available' }, { timeoutMs: 5000 }).then(
      () => (settled = 'ok'),
      (error: SyncError) => (settled = error),
    );
    expect((await agent.run({ cmd: 'received', count: 1 })).setStates).to.deep.equal(['Available']);
    await clock.advance(4999);
    expect(settled).to.equal(null);
    await clock.advance(1);
    expect((settled as SyncError | null)?.code).to.equal('agent-timeout');
  });

  it('ignores a valid-looking agent app on a third origin, and says once which origin it refused', async () => {
    const agent = await frame(origins.agent);
    const forger = await frame(origins.third);
    const log = connect(new BridgeAgentPort({ origins: origins.agent }));
    // The forger speaks first: it must not become the agent window.
    await forger.run({ cmd: 'hello' });
    await forger.run({ cmd: 'set', state: 'Available' });
    await log.until(() => log.rejected() >= 2);
    expect(log.rejected()).to.equal(2);
    await agent.run({ cmd: 'hello' });
    await log.until(() => log.of('acd.hello').length === 1);
    await forger.run({ cmd: 'post', data: [{ ...VALID.state, seq: 99 }] });
    await log.until(() => log.rejected() >= 3);
    expect(log.rejected()).to.equal(3);
    expect(log.of('acd.stateChanged')).to.deep.equal([]);
    const problems = log.of('problem.reported').map((fact) => fact.problem);
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include({ code: 'origin-refused', path: origins.third });
  });

  it('ignores a message from the allowed origin but another window', async () => {
    const agent = await frame(origins.agent);
    const sibling = await frame(origins.agent);
    const log = connect(new BridgeAgentPort({ origins: origins.agent, agentWindow: agent.window }));
    await log.until(() => log.of('acd.hello').length === 1);
    await sibling.run({ cmd: 'hello' });
    await sibling.run({ cmd: 'post', data: [{ ...VALID.state, seq: 99 }] });
    await log.until(() => log.rejected() >= 2);
    expect(log.rejected()).to.equal(2);
    expect(log.of('acd.hello')).to.have.length(1);
    expect(log.of('acd.stateChanged')).to.deep.equal([]);
    // Only the agent window's own changes count.
    await agent.run({ cmd: 'set', state: 'Available' });
    await log.until(() => log.of('acd.stateChanged').length === 1);
  });

  it('drops a state whose seq does not increase', async () => {
    const agent = await frame(origins.agent);
    const log = connect(new BridgeAgentPort({ origins: origins.agent, agentWindow: agent.window }));
    await log.until(() => log.of('acd.hello').length === 1);
    await agent.run({
      cmd: 'post',
      data: [
        { ...VALID.state, seq: 5 },
        { ...VALID.state, state: { ...VALID.state.state, state: 'LoggedOut' }, seq: 5 },
      ],
    });
    await log.until(() => log.rejected() >= 1);
    expect(log.rejected()).to.equal(1);
    expect(log.of('acd.stateChanged').map((fact) => fact.state.state)).to.deep.equal(['Available']);
  });
});

describe('the engine over the bridge dialect', () => {
  async function running() {
    const agent = await frame(origins.agent);
    await agent.run({ cmd: 'set', state: 'Available' });
    const omni = new FakeOmni(STATUSES, 'Away');
    const engine = createEngine(
      { rules: EXAMPLE, orgId: '00D5g000004ABCD' },
      { omni, agent: new BridgeAgentPort({ origins: origins.agent, agentWindow: agent.window }) },
    );
    disconnects.push(() => engine.dispose());
    await until(
      engine,
      (snapshot) =>
        snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === 'Available_for_Chats',
    );
    expect(omni.calls).to.deep.equal(['set:Available_for_Chats']);
    return { agent, omni, engine };
  }

  it('round-trips both ways without a loop', async () => {
    const { agent, omni, engine } = await running();
    omni.agentSets('Away');
    await until(
      engine,
      (snapshot) => snapshot.phase === 'in-sync' && snapshot.acd?.reason === 'Lunch',
    );
    expect((await agent.run({ cmd: 'get' })).setStates).to.deep.equal(['Unavailable/Lunch']);
    await agent.run({ cmd: 'call' });
    await until(
      engine,
      (snapshot) => snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === 'Busy_On_Call',
    );
    expect(omni.calls).to.deep.equal(['set:Available_for_Chats', 'set:Busy_On_Call']);
    expect(engine.snapshot.counters.writes).to.equal(3);
  });

  it('shrugs off hundreds of malformed messages from the agent window, then syncs the next valid one', async () => {
    const { agent, omni, engine } = await running();
    const junk = malformedBridgeMessages();
    expect(junk.length).to.be.greaterThan(300);
    const before = engine.snapshot;
    await agent.run({ cmd: 'post', data: junk });
    await until(engine, (snapshot) => snapshot.counters.rejected === junk.length);
    expect(engine.snapshot.acd).to.deep.equal(before.acd);
    expect(engine.snapshot.counters.writes).to.equal(before.counters.writes);
    await agent.run({ cmd: 'set', state: 'Unavailable', reason: 'Lunch' });
    await until(
      engine,
      (snapshot) => snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === 'Away',
    );
    expect(omni.calls).to.deep.equal(['set:Available_for_Chats', 'set:Away']);
    expect(engine.snapshot.counters.rejected).to.equal(junk.length);
    expect(pageErrors).to.deep.equal([]);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });
});

describe('ClientEventsAgentPort across origins', () => {
  it('registers, reads raw AgentState events, and normalises contact and ACW states', async () => {
    const agent = await frame(origins.agent, 'cxone-client-events');
    const log = connect(
      new ClientEventsAgentPort({ origins: origins.agent, agentWindow: agent.window }),
    );
    await log.until(() => log.of('acd.hello').length === 1);
    expect(log.of('acd.hello')[0]).to.deep.include({
      identity: null,
      codes: null,
      canWrite: false,
    });
    expect(log.of('acd.hello')[0]?.state).to.include({
      state: 'Unavailable',
      reason: '',
      isAcw: false,
    });
    await agent.run({ cmd: 'call' });
    await agent.run({ cmd: 'hangup', acw: 'Wrap' });
    await agent.run({ cmd: 'endAcw' });
    await log.until(() => log.of('acd.stateChanged').length === 3);
    expect(
      log.of('acd.stateChanged').map(({ state }) => [state.state, state.reason, state.isAcw]),
    ).to.deep.equal([
      ['InboundContact', '', false],
      ['Unavailable', 'Wrap', true],
      ['Unavailable', '', false],
    ]);
    expect(log.rejected()).to.equal(0);
  });

  it('publishes to Omni-Channel and reports read-only-agent instead of writing the agent state', async () => {
    const agent = await frame(origins.agent, 'cxone-client-events');
    await agent.run({ cmd: 'set', state: 'Available' });
    const omni = new FakeOmni(STATUSES, 'Away');
    const engine = createEngine(
      { rules: TEAMLESS },
      {
        omni,
        agent: new ClientEventsAgentPort({ origins: origins.agent, agentWindow: agent.window }),
      },
    );
    disconnects.push(() => engine.dispose());
    await until(
      engine,
      (snapshot) =>
        snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === 'Available_for_Chats',
    );
    omni.agentSets('Away');
    await until(engine, (snapshot) =>
      snapshot.problems.some((problem) => problem.code === 'read-only-agent'),
    );
    await agent.run({ cmd: 'call' });
    await until(
      engine,
      (snapshot) => snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === 'Busy_On_Call',
    );
    expect((await agent.run({ cmd: 'get' })).setStates).to.deep.equal([]);
  });

  it('passes on an AgentState it reads in part, shown as it came, and counts what it could not read', async () => {
    const agent = await frame(origins.agent, 'cxone-client-events');
    const log = connect(
      new ClientEventsAgentPort({ origins: origins.agent, agentWindow: agent.window }),
    );
    await log.until(() => log.of('acd.hello').length === 1);
    await agent.run({
      cmd: 'post',
      data: [
        {
          issuer: 'CXA',
          events: [{ Type: 'AgentState', CurrentState: 'Hold', StartTimeUTC: 'not a time' }],
        },
      ],
    });
    await log.until(() => log.of('agent.partial').length === 1);
    expect(log.of('agent.partial')[0]?.count).to.equal(2);
    expect(log.of('acd.stateChanged').map((fact) => fact.state)).to.deep.equal([
      { state: 'Other', raw: 'Hold', reason: '', isAcw: false },
    ]);
    expect(log.rejected()).to.equal(0);
  });

  it('ignores forged AgentState events from a third origin and junk from the agent window', async () => {
    const agent = await frame(origins.agent, 'cxone-client-events');
    const forger = await frame(origins.third, 'cxone-client-events');
    const log = connect(
      new ClientEventsAgentPort({ origins: origins.agent, agentWindow: agent.window }),
    );
    await log.until(() => log.of('acd.hello').length === 1);
    const forged = {
      issuer: 'CXA',
      events: [
        { Type: 'AgentState', CurrentState: 'Available', CurrentOutReason: '', IsAcw: 'False' },
      ],
    };
    await forger.run({ cmd: 'post', data: [forged] });
    await agent.run({
      cmd: 'post',
      data: [
        null,
        [],
        { issuer: 'CXA' },
        { issuer: 'NICE', events: [] },
        { ...forged, events: [{ Type: 'AgentState', CurrentState: 42 }] },
      ],
    });
    await log.until(() => log.rejected() >= 6);
    expect(log.rejected()).to.equal(6);
    expect(log.of('acd.stateChanged')).to.deep.equal([]);
    expect(log.of('problem.reported')[0]?.problem).to.include({
      code: 'origin-refused',
      path: origins.third,
    });
  });
});
