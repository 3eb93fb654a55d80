/// <reference types="node" />
// The CXone bridge's sign-in and session loop against the CXone API simulator over loopback HTTP,
// in Node, on a manual clock (the world is cxone-world.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CxoneAgentSession } from '../../src/bridges/cxone/agent-session.js';
import { CxoneHttp } from '../../src/bridges/cxone/http.js';
import { startCxoneSim } from '../fakes/cxone-api/server.js';
import { ManualClock } from '../fakes/manual-clock.js';
import {
  CLIENT,
  drive,
  hello,
  polling,
  REDIRECT,
  resultFor,
  signIn,
  stateIs,
  turn,
  world,
  type World,
} from './cxone-world.js';

describe('CXone bridge session', () => {
  it('signs in, joins the existing session (never starts one) and introduces the agent with write: true', async () => {
    const w = await world();
    const introduced = await w.next(hello(true));
    assert.deepEqual(introduced.agent, { agentId: '1001', teamId: '7' });
    await w.next(stateIs('Unavailable'));
    const codes = await w.next((message) => message.type === 'codes');
    assert.deepEqual(codes.codes, [
      { name: 'Lunch', isAcw: false, isActive: true },
      { name: 'Meeting', isAcw: false, isActive: true },
      { name: 'Wrap', isAcw: true, isActive: true },
    ]);
    assert.equal(w.sim.calls('POST', '/agent-sessions/join').length, 1);
    assert.equal(
      w.sim.calls('POST', '/agent-sessions').filter((r) => r.path.endsWith('/agent-sessions'))
        .length,
      0,
    );
  });

  it('sets the state with the exact POST body on the joined session, and the change comes back as state', async () => {
    const w = await world();
    await w.next(hello(true));
    await w.next(stateIs('Unavailable'));
    await w.session.setState('w1', { state: 'Unavailable', reason: 'Lunch' });
    assert.equal((await w.next(resultFor('w1'))).ok, true);
    const [post] = w.sim.statePosts();
    const sessionId = [...w.sim.sessions.keys()][0];
    assert.equal(post?.path, `/InContactAPI/services/v23.0/agent-sessions/${sessionId}/state`);
    assert.deepEqual(post?.body, { state: 'Unavailable', reason: 'Lunch' });
    await w.next(stateIs('Unavailable', 'Lunch'));
    await w.session.setState('w2', { state: 'Available' });
    assert.equal((await w.next(resultFor('w2'))).ok, true);
    assert.deepEqual(w.sim.statePosts()[1]?.body, { state: 'Available', reason: '' });
  });

  it('refuses an ACW code outside a contact, and an unknown code, locally: CXone sees no POST', async () => {
    const w = await world();
    await w.next(hello(true));
    await w.next((message) => message.type === 'codes');
    await w.session.setState('acw', { state: 'Unavailable', reason: 'Wrap' });
    assert.equal((await w.next(resultFor('acw'))).code, 'acw-without-contact');
    await w.session.setState('case', { state: 'Unavailable', reason: 'lunch' });
    assert.equal((await w.next(resultFor('case'))).code, 'invalid-reason');
    assert.equal(w.sim.statePosts().length, 0);
  });

  it('passes CXone’s 409 through as conflict when a code is refused on its side', async () => {
    const w = await world();
    await w.next(hello(true));
    await w.next((message) => message.type === 'codes');
    // The team's codes change on CXone before the bridge hears of it.
    w.sim.codes = w.sim.codes.map((code) =>
      code.name === 'Meeting' ? { ...code, isAcw: true } : code,
    );
    await w.session.setState('m', { state: 'Unavailable', reason: 'Meeting' });
    const result = await w.next(resultFor('m'));
    assert.equal(result.ok, false);
    assert.equal(result.code, 'conflict');
  });

  it('sends the new codes when CXone says they changed', async () => {
    const w = await world();
    await w.next((message) => message.type === 'codes');
    const from = w.messages.length;
    w.sim.editCodes([{ name: 'Training', isAcw: false, isActive: true }]);
    const codes = await w.next((message) => message.type === 'codes', from);
    assert.deepEqual(codes.codes, [{ name: 'Training', isAcw: false, isActive: true }]);
  });

  it('follows a call, ACW and the next state asked for during the contact', async () => {
    const w = await world();
    await w.next(stateIs('Unavailable'));
    w.sim.routeContact();
    await w.next(stateIs('InboundContact'));
    await w.session.setState('during', { state: 'Available' });
    assert.equal((await w.next(resultFor('during'))).ok, true);
    w.sim.endContact('Wrap');
    const acw = await w.next(stateIs('Unavailable', 'Wrap'));
    assert.equal((acw.state as { isAcw: boolean }).isAcw, true);
    w.sim.finishWork();
    await w.next(stateIs('Available'));
  });

  it('says LoggedOut with write: false when the session ends, and rejoins once the agent logs in again', async () => {
    const w = await world();
    await w.next(hello(true));
    const from = w.messages.length;
    w.sim.endSession();
    const gone = await w.next(hello(false), from);
    assert.equal((gone.state as { state: string }).state, 'LoggedOut');
    await w.session.setState('x', { state: 'Available' });
    assert.equal((await w.next(resultFor('x'))).code, 'not-connected');
    // No session: the bridge looks again after 5 s, then 10 s … and never starts one itself.
    await w.clock.advance(5000);
    await turn();
    w.sim.login();
    await w.clock.advance(10_000);
    await w.next(hello(true), from);
    assert.equal(
      w.sim.calls('POST', '/agent-sessions').filter((r) => r.path.endsWith('/agent-sessions'))
        .length,
      0,
    );
  });

  it('refreshes an expired token once, mid-poll, and loses no event', async () => {
    const w = await world();
    await w.next(stateIs('Unavailable'));
    w.sim.expireTokens();
    // The held poll ends by its timeout; the next one gets a 401, refreshes, and polls again.
    await w.clock.advance(30_000);
    await turn();
    w.sim.setState({ state: 'Available', reason: '', isAcw: false });
    await w.next(stateIs('Available'));
    assert.equal(w.sim.calls('POST', '/auth/token').length, 2, 'one sign-in, one refresh');
  });

  it('adopts a rotated session id', async () => {
    const w = await world();
    await w.next(stateIs('Unavailable'));
    w.sim.faults.rotate = true;
    w.sim.setState({ state: 'Available', reason: '', isAcw: false });
    await w.next(stateIs('Available'));
    const rotated = [...w.sim.sessions.keys()][0];
    w.sim.faults.rotate = false;
    w.sim.setState({ state: 'Unavailable', reason: 'Lunch', isAcw: false });
    await w.next(stateIs('Unavailable', 'Lunch'));
    const polls = w.sim.calls('GET', '/get-next-event');
    assert.ok(
      polls.at(-1)?.path.includes(`/agent-sessions/${rotated}/`),
      'the last poll used the new id',
    );
  });

  it('detects a shared event queue by a write whose echo never comes, says so, and repairs lost changes', async () => {
    const w = await world();
    await w.next(stateIs('Unavailable'));
    const { joins, until, pollAgain } = polling(w);
    // Each API session gets every event: the echo comes, and no extra join is made.
    await w.session.setState('w1', { state: 'Unavailable', reason: 'Lunch' });
    await w.next(stateIs('Unavailable', 'Lunch'));
    await pollAgain();
    await pollAgain();
    assert.equal(joins(), 1);
    // Agent Embedded now drains the same queue and takes the write's echo.
    w.sim.faults.sharedQueue = true;
    const before = w.messages.length;
    await w.session.setState('w2', { state: 'Unavailable', reason: 'Meeting' });
    assert.equal((await w.next(resultFor('w2'))).ok, true);
    assert.equal(w.sim.embeddedTook.length, 1, 'Agent Embedded took the echo');
    await w.clock.advance(30_000);
    await until(() => joins() === 2, 'the overdue echo makes the bridge join again');
    const warned = await w.next(
      (message) => message.type === 'hello' && typeof message.problem === 'string',
      before,
    );
    assert.match(String(warned.problem), /shared event queue/);
    assert.equal(warned.write, true, 'it still writes');
    await w.next(stateIs('Unavailable', 'Meeting'), before);
    // The agent changes twice in Agent Embedded: the bridge hears the first, Agent Embedded takes
    // the second; the next read of the state (within a minute) repairs it.
    w.sim.setState({ state: 'Available', reason: '', isAcw: false });
    await w.next(stateIs('Available'), before);
    w.sim.setState({ state: 'Unavailable', reason: 'Lunch', isAcw: false });
    assert.equal(w.sim.embeddedTook.length, 2);
    const lost = w.messages.length;
    for (let step = 0; step < 3 && joins() < 3; step += 1) await pollAgain();
    await until(() => joins() === 3, 'the state is read again');
    await w.next(stateIs('Unavailable', 'Lunch'), lost);
  });

  it('keeps its joined session when a join made to re-read the state fails, and tries again later', async () => {
    const w = await world();
    await w.next(stateIs('Unavailable'));
    const { joins, until, pollAgain } = polling(w);
    w.sim.faults.sharedQueue = true;
    await w.session.setState('w1', { state: 'Unavailable', reason: 'Lunch' });
    assert.equal((await w.next(resultFor('w1'))).ok, true);
    // The echo is overdue; the join made to re-read the state gets a malformed answer.
    w.sim.faults.junk.add('join');
    await pollAgain();
    await until(() => joins() === 2, 'the probe join');
    assert.equal(w.statuses.includes('no-session'), false, 'the joined session is kept');
    assert.equal(w.session.canWrite, true);
    // Tried again later, it reads the state and finds the echo taken.
    await pollAgain();
    await until(() => joins() === 3, 'the probe again');
    const warned = await w.next((m) => m.type === 'hello' && typeof m.problem === 'string');
    assert.match(String(warned.problem), /shared event queue/);
  });

  it('says when NICE’s own Salesforce presence sync is set up for the org, looking under both id forms', async () => {
    const lookups = (w: World) => w.sim.calls('GET', '/adapter-apis/v1/salesforce/rule/');
    const settle = async (check: () => boolean) => {
      for (let round = 0; round < 500 && !check(); round += 1) await turn();
    };
    // None set up: the 18-character id, then its 15-character form, and nothing to say.
    const clean = await world();
    await clean.next(hello(true));
    clean.session.orgIdIs('00D5g000004ABCDEAA');
    await settle(() => lookups(clean).length === 2);
    assert.deepEqual(
      lookups(clean).map((r) => r.path.split('/').at(-1)),
      ['00D5g000004ABCDEAA', '00D5g000004ABCD'],
    );
    assert.equal(
      clean.messages.some((m) => m.type === 'hello' && m.problem !== undefined),
      false,
    );
    // Set up (under the 15-character id): the widget and the page are told, writes go on.
    const doubled = await world();
    doubled.sim.nativeRules.set('00D5g000004ABCD', {
      publisherStateMap: [{ incontactAgentState: 'Available', partnerAgentState: 'Available' }],
      subscriberStateMap: [{ partnerAgentState: 'Away', incontactAgentState: 'Unavailable' }],
    });
    doubled.session.orgIdIs('00D5g000004ABCDEAA');
    const warned = await doubled.next((m) => m.type === 'hello' && typeof m.problem === 'string');
    assert.match(String(warned.problem), /NICE's own Salesforce presence sync .* \(2 rows\)/);
    assert.equal(warned.write, true);
    assert.ok(doubled.details.some((detail) => detail.includes('2 rows')));
    // An answer of the wrong shape is refused and said, not thrown.
    const junk = await world();
    junk.sim.faults.junk.add('rule');
    await junk.next(hello(true));
    junk.session.orgIdIs('00D5g000004ABCD');
    await settle(() => junk.details.some((detail) => detail.includes('could not be checked')));
    assert.ok(junk.details.some((detail) => detail.includes('could not be checked')));
    assert.equal(
      junk.messages.some((m) => m.type === 'hello' && m.problem !== undefined),
      false,
    );
  });

  it('keeps the request rate bounded through 429 (Retry-After) and 503 storms', async () => {
    const w = await world();
    await w.next(stateIs('Unavailable'));
    w.sim.faults.poll = { status: 429, count: 1000, retryAfter: 2 };
    const start = w.sim.calls('GET', '/get-next-event').length;
    await w.clock.advance(30_000); // the held poll times out; then 429s, 2 s apart
    // Small steps, so a poll's gap is the bridge's wait, not the step (real loopback I/O completes
    // between steps).
    for (let tenth = 0; tenth < 600; tenth += 1) {
      await turn();
      await w.clock.advance(100);
    }
    // The rate is what is bounded: on a loaded machine fewer polls may fit the simulated minute
    // (each waits for real loopback I/O), never more, and never two closer than Retry-After.
    const gaps = (polls: { at: number }[]) =>
      polls.slice(1).map((poll, index) => poll.at - polls[index]!.at);
    const throttled = w.sim.calls('GET', '/get-next-event').slice(start);
    assert.ok(
      throttled.length >= 5 && throttled.length <= 32,
      `${throttled.length} polls in 60 s of 429 with Retry-After: 2`,
    );
    assert.ok(
      gaps(throttled).every((gap) => gap >= 2000),
      `Retry-After honoured: gaps ${gaps(throttled).join(', ')} ms`,
    );
    w.sim.faults.poll = { status: 503, count: 1000 };
    const before = w.sim.calls('GET', '/get-next-event').length;
    for (let second = 0; second < 120; second += 1) {
      await turn();
      await w.clock.advance(1000);
    }
    const failing = w.sim.calls('GET', '/get-next-event').slice(before);
    // Backoff 1, 2, 4, 8, 16, then every 30 s: a handful of requests in two minutes.
    assert.ok(
      failing.length >= 3 && failing.length <= 10,
      `${failing.length} polls in 120 s of 503`,
    );
    const backoff = gaps(failing);
    assert.ok(
      backoff.every((gap, index) => index === 0 || gap >= backoff[index - 1]! * 0.5),
      `backoff grows (with jitter): ${backoff.join(', ')} ms`,
    );
    w.sim.faults.poll = null;
    w.sim.setState({ state: 'Available', reason: '', isAcw: false });
    await w.clock.advance(30_000);
    await w.next(stateIs('Available'));
  });

  it('shows reconnect needed, and stops polling, when the refresh is refused too', async () => {
    const w = await world();
    await w.next(stateIs('Unavailable'));
    w.sim.revokeAll();
    await w.clock.advance(30_000);
    await w.running;
    assert.ok(w.statuses.includes('reconnect-needed'));
    const polls = w.sim.calls('GET', '/get-next-event').length;
    await w.clock.advance(120_000);
    await turn();
    assert.equal(w.sim.calls('GET', '/get-next-event').length, polls);
  });

  it('starts LoggedOut with write: false when the agent has no CXone session, and joins when one starts', async () => {
    const w = await world({ login: false });
    for (let turns = 0; turns < 200 && !w.statuses.includes('no-session'); turns += 1) await turn();
    assert.ok(w.statuses.includes('no-session'));
    w.sim.login();
    await w.clock.advance(5000);
    const joined = await w.next(hello(true));
    assert.equal(joined.write, true);
  });

  it('refuses malformed CXone answers without throwing, and carries on', async () => {
    const w = await world();
    await w.next(stateIs('Unavailable'));
    const polls = w.sim.calls('GET', '/get-next-event').length;
    w.sim.faults.junk.add('poll'); // a body that is not JSON: backed off, then polled again
    w.sim.faults.junk.add('codes'); // an isAcw of 'maybe': the previous codes stay
    const from = w.messages.length;
    w.sim.editCodes([{ name: 'Training', isAcw: false, isActive: true }]);
    await turn();
    await w.clock.advance(1500);
    for (
      let turns = 0;
      turns < 50 && w.sim.calls('GET', '/get-next-event').length < polls + 2;
      turns += 1
    )
      await turn();
    w.sim.setState({ state: 'Available', reason: '', isAcw: false });
    await w.clock.advance(30_000);
    await w.next(stateIs('Available'), from);
    assert.equal(w.messages.slice(from).filter((message) => message.type === 'codes').length, 0);
  });

  it('refuses a malformed token response and a malformed join with what was wrong', async () => {
    const clock = new ManualClock(Date.now());
    const sim = await startCxoneSim({
      clientId: CLIENT,
      redirectUri: REDIRECT,
      origins: [],
      clock,
    });
    try {
      const http = new CxoneHttp(fetch, clock);
      sim.faults.junk.add('token');
      await assert.rejects(signIn(sim, http, clock), /without an access token or lifetime/);
      sim.login();
      sim.faults.junk.add('join');
      const tokens = await signIn(sim, http, clock);
      const statuses: string[] = [];
      const session = new CxoneAgentSession(http, tokens, {
        issuer: sim.origin,
        pollTimeoutS: 30,
        clock,
        random: () => 0.5,
        emit: () => undefined,
        onStatus: (status) => statuses.push(status),
      });
      const running = session.run();
      for (let turns = 0; turns < 200 && !statuses.includes('unreachable'); turns += 1)
        await turn();
      assert.ok(statuses.includes('unreachable'), 'a join without a session id is not understood');
      assert.equal(statuses.includes('no-session'), false, 'and not taken for "no session"');
      await clock.advance(5000);
      for (let turns = 0; turns < 200 && !statuses.includes('joined'); turns += 1) await turn();
      assert.ok(statuses.includes('joined'), 'and the next join works');
      session.stop();
      await running;
    } finally {
      await sim.close();
    }
  });

  it('answers a write unauthorized, never not at all, when the sign-in cannot be renewed', async () => {
    const w = await world();
    await w.next(stateIs('Unavailable'));
    w.sim.revokeAll();
    await w.session.setState('late', { state: 'Available' });
    const result = await w.next(resultFor('late'));
    assert.equal(result.ok, false);
    assert.equal(result.code, 'unauthorized');
    assert.ok(w.statuses.includes('reconnect-needed'));
  });

  it('refuses a tenant discovery that names an API host outside apiHostSuffixes: no join, no token there, and says which host and key', async () => {
    const w = await world({
      before: (sim) => {
        sim.tenantApiEndpoint = 'https://api-na1.evil.example';
      },
    });
    await drive(w, 20_000, 500);
    assert.equal(w.sim.calls('POST', '/agent-sessions/join').length, 0, 'no join anywhere');
    const said = w.details.find((detail) => /api-na1\.evil\.example/.test(detail)) ?? '';
    assert.match(said, /names the host api-na1\.evil\.example, which is not under apiHostSuffixes/);
    const told = w.messages.find((m) => m.type === 'hello');
    assert.equal(told?.write, false);
    assert.equal(told?.state, undefined);
    assert.match(
      String(told?.problem),
      /api-na1\.evil\.example, which is not under apiHostSuffixes/,
    );
    // Tenant discovery is asked again by its policy, not in a loop.
    const asked = w.sim.calls('GET', '/.well-known/cxone-configuration').length;
    assert.ok(asked >= 2 && asked <= 4, `${asked} tenant discoveries in 20 s`);
  });
});
