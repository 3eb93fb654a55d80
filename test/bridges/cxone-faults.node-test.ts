/// <reference types="node" />
// The CXone bridge when CXone fails: joins and polls answered 503 or 429 (with Retry-After in
// seconds, 0, an hour, or an HTTP-date), and a throttled state POST, against the CXone API
// simulator's outages on a manual clock. What must hold: no LoggedOut for an outage, no
// `write: true` without the state, the state within one poll of recovery, no tight loop.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  drive,
  gaps,
  hello,
  loggedOutHellos,
  polling,
  resultFor,
  world,
  writeWithoutState,
} from './cxone-world.js';

describe('CXone bridge session under faults', () => {
  for (const [answer, retryAfter] of [
    [503, undefined],
    [429, '3'],
  ] as const) {
    it(`says no LoggedOut while CXone answers ${answer} to joins for 30 s, and has the state with the first poll after`, async () => {
      const w = await world({
        before: (sim, clock) => {
          sim.faults.outage = {
            routes: ['join'],
            until: clock.now() + 30_000,
            answer,
            ...(retryAfter !== undefined ? { retryAfter } : {}),
          };
        },
      });
      await drive(w, 30_000);
      const refused = w.sim.calls('POST', '/agent-sessions/join');
      assert.ok(refused.length >= 2, `${refused.length} joins during the outage`);
      assert.ok(refused.every((join) => join.status === answer));
      assert.ok(w.statuses.includes('unreachable'), 'the page says CXone cannot be reached');
      assert.equal(w.statuses.includes('no-session'), false, 'never "no CXone session"');
      const told = w.messages.find((m) => m.type === 'hello');
      assert.equal(told?.write, false);
      assert.equal(told?.state, undefined, 'no state while the bridge does not know it');
      assert.match(String(told?.problem), /cannot be reached/);
      // CXone is back: the next join works, and its first poll gives the state.
      w.sim.setState({ state: 'Available', reason: '', isAcw: false });
      await drive(w, 65_000, 500);
      const introduced = await w.next(hello(true));
      assert.equal((introduced.state as { state: string }).state, 'Available');
      const at = w.pollsAt[w.messages.indexOf(introduced)];
      assert.equal(at, 1, 'the hello with write: true came with the first poll');
      assert.deepEqual(loggedOutHellos(w), []);
      assert.deepEqual(writeWithoutState(w), []);
    });
  }

  for (const answer of [404, 409] as const) {
    it(`takes an HTML ${answer} to joins for an outage, not for "no session"`, async () => {
      const w = await world({
        before: (sim, clock) => {
          sim.faults.outage = { routes: ['join'], until: clock.now() + 30_000, answer, html: true };
        },
      });
      await drive(w, 30_000);
      assert.ok(w.sim.calls('POST', '/agent-sessions/join').length >= 2, 'joins retried');
      assert.ok(w.statuses.includes('unreachable'), 'the page says CXone cannot be reached');
      assert.equal(w.statuses.includes('no-session'), false, 'never "no CXone session"');
      assert.deepEqual(loggedOutHellos(w), []);
      assert.deepEqual(writeWithoutState(w), []);
    });
  }

  it('joins again after a write is told the session is unknown, and says LoggedOut only if the join does', async () => {
    const w = await world();
    await w.next(hello(true));
    const joins = w.sim.calls('POST', '/agent-sessions/join').length;
    // The state POST meets a gateway's HTML 404, and so do the joins for a while.
    w.sim.faults.outage = {
      routes: ['state', 'join'],
      until: w.clock.now() + 60_000,
      answer: 404,
      html: true,
    };
    await w.session.setState('g1', { state: 'Available' });
    assert.equal((await w.next(resultFor('g1'))).code, 'no-session');
    // The long poll in flight ends at its timeout; then the bridge joins again.
    await drive(w, 60_000, 250);
    assert.ok(w.sim.calls('POST', '/agent-sessions/join').length > joins, 'joined again');
    assert.equal(w.statuses.includes('no-session'), false, 'never "no CXone session"');
    assert.deepEqual(loggedOutHellos(w), []);
    assert.deepEqual(writeWithoutState(w), []);
    // CXone is back: the join works and the widget hears the state with write: true again.
    w.sim.setState({ state: 'Available', reason: '', isAcw: false });
    await drive(w, 65_000, 500);
    const back = w.messages.filter(hello(true));
    assert.ok(back.length >= 2, 'a hello with write: true after the rejoin');
  });

  it('says no LoggedOut through a 30 s poll outage mid-session, and has the state within one poll of its end', async () => {
    const w = await world();
    await w.next(hello(true));
    const { until } = polling(w);
    await until(
      () => [...w.sim.sessions.values()].some((session) => session.waiters.length > 0),
      'a held poll',
    );
    const from = w.messages.length;
    w.sim.faults.outage = { routes: ['poll'], until: w.clock.now() + 60_000, answer: 503 };
    await drive(w, 30_000); // the held poll ends, then 503s
    const down = await w.next(hello(false), from);
    assert.equal(down.state, undefined, 'no state, not LoggedOut');
    assert.match(String(down.problem), /cannot be reached \(the event poll: CXone answered 503\)/);
    // The agent changes state in Agent Embedded meanwhile: CXone keeps the event.
    w.sim.setState({ state: 'Unavailable', reason: 'Lunch', isAcw: false });
    await drive(w, 30_000);
    const pollsBefore = w.sim.calls('GET', '/get-next-event').length;
    await drive(w, 40_000, 500);
    const back = await w.next(hello(true), from);
    assert.deepEqual(
      {
        state: (back.state as { state: string }).state,
        reason: (back.state as { reason: string }).reason,
      },
      { state: 'Unavailable', reason: 'Lunch' },
    );
    const firstGood = w.sim
      .calls('GET', '/get-next-event')
      .findIndex((poll, index) => index >= pollsBefore - 1 && poll.status === 200);
    assert.ok(firstGood >= 0);
    assert.equal(w.pollsAt[w.messages.indexOf(back)], firstGood + 1, 'within one poll of recovery');
    assert.deepEqual(loggedOutHellos(w), []);
    assert.deepEqual(writeWithoutState(w), []);
    assert.equal(w.statuses.includes('no-session'), false);
  });

  it('does not loop on Retry-After: 0: the poll backs off as with no header', async () => {
    const w = await world();
    await w.next(hello(true));
    const start = w.sim.calls('GET', '/get-next-event').length;
    w.sim.faults.outage = {
      routes: ['poll'],
      until: w.clock.now() + 200_000,
      answer: 429,
      retryAfter: '0',
    };
    await drive(w, 30_000 + 120_000);
    const throttled = w.sim.calls('GET', '/get-next-event').slice(start + 1);
    const perMinute = throttled.filter((poll) => poll.at >= throttled[0]!.at + 60_000).length;
    assert.ok(throttled.length >= 3, `${throttled.length} polls`);
    assert.ok(perMinute <= 4, `${perMinute} polls in the second minute of Retry-After: 0`);
    assert.ok(
      gaps(throttled).every((gap) => gap >= 1000),
      `never under a second apart: ${gaps(throttled).join(', ')} ms`,
    );
  });

  for (const [status, body] of [
    [304, undefined],
    [200, undefined],
    // A new session id each time, and no events: adopted, but nothing the widget hears.
    [200, () => ({ sessionId: `s${Math.random().toString(36).slice(2)}`, events: [] })],
  ] as const) {
    it(`puts a floor under polls that CXone answers ${status}${body !== undefined ? ' with a new session id' : ''} at once, again and again, without news`, async () => {
      const w = await world();
      await w.next(hello(true));
      // The held poll ends by its timeout; every poll after it comes back at once, with nothing.
      await polling(w).until(
        () => [...w.sim.sessions.values()].some((session) => session.waiters.length > 0),
        'a held poll',
      );
      const start = w.sim.calls('GET', '/get-next-event').length;
      w.sim.faults.poll = { status, count: 100_000, ...(body !== undefined ? { body } : {}) };
      await drive(w, 30_000 + 120_000, 100);
      const quick = w.sim.calls('GET', '/get-next-event').slice(start + 1);
      assert.ok(quick.length >= 3, `${quick.length} polls`);
      assert.ok(quick.length <= 12, `${quick.length} polls in two minutes of answers at once`);
      assert.ok(
        gaps(quick).every((gap) => gap >= 1000),
        `never under a second apart: ${gaps(quick).join(', ')} ms`,
      );
      const lastMinute = quick.filter((poll) => poll.at >= quick[0]!.at + 60_000);
      assert.ok(lastMinute.length <= 3, `${lastMinute.length} polls in the second minute`);
      assert.deepEqual(loggedOutHellos(w), []);
    });
  }

  for (const [header, least, most] of [
    ['3600', 120_000, 120_000],
    ['http-date', 9_000, 12_500],
  ] as const) {
    it(`honours a Retry-After of ${header === '3600' ? 'an hour, capped at two minutes' : 'an HTTP-date 10 s ahead'}`, async () => {
      const w = await world();
      await w.next(hello(true));
      // The held poll ends at 30 s; the one after it is refused.
      await polling(w).until(
        () => [...w.sim.sessions.values()].some((session) => session.waiters.length > 0),
        'a held poll',
      );
      const start = w.sim.calls('GET', '/get-next-event').length;
      w.sim.faults.outage = {
        routes: ['poll'],
        until: w.clock.now() + 31_000,
        answer: 503,
        retryAfter:
          header === 'http-date' ? new Date(w.clock.now() + 30_000 + 10_000).toUTCString() : header,
      };
      await drive(w, 30_000 + 125_000, 250);
      const polls = w.sim.calls('GET', '/get-next-event').slice(start);
      const refused = polls.findIndex((poll) => poll.status === 503);
      assert.ok(refused >= 0, 'the poll was refused');
      const wait = polls[refused + 1]!.at - polls[refused]!.at;
      // Within a few steps: a loaded machine may finish the loopback I/O a step or two late.
      assert.ok(wait >= least && wait <= most + 1000, `waited ${wait} ms`);
    });
  }

  it('answers a throttled write throttled with the delay CXone asked for, and POSTs nothing until then', async () => {
    const w = await world();
    await w.next(hello(true));
    w.sim.faults.outage = {
      routes: ['state'],
      until: w.clock.now() + 60_000,
      answer: 429,
      retryAfter: '7',
    };
    await w.session.setState('t1', { state: 'Available' });
    const result = await w.next(resultFor('t1'));
    assert.equal(result.ok, false);
    assert.equal(result.code, 'throttled');
    const delay = Number(result.retryAfterMs);
    assert.ok(delay >= 7000 && delay <= 7000 * 1.25, `retryAfterMs ${delay}`);
    const posts = w.sim.statePosts().length;
    await w.clock.advance(3000);
    await w.session.setState('t2', { state: 'Available' });
    const early = await w.next(resultFor('t2'));
    assert.equal(early.code, 'throttled');
    assert.ok(Number(early.retryAfterMs) <= delay - 3000, 'what is left of the wait');
    assert.equal(w.sim.statePosts().length, posts, 'no POST before the wait is over');
    w.sim.faults.outage = null;
    await w.clock.advance(delay);
    await w.session.setState('t3', { state: 'Available' });
    assert.equal((await w.next(resultFor('t3'))).ok, true);
  });
});
