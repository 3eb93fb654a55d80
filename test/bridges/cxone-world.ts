/// <reference types="node" />
// The world of the CXone session tests: a signed-in bridge session against the CXone API simulator
// over loopback HTTP, in Node. The bridge and the simulator share one manual clock: a long poll's
// timeout, a backoff and a token's expiry pass when a test moves it, never by waiting.
import assert from 'node:assert/strict';
import { afterEach } from 'node:test';
import {
  authorizeUrl,
  CxoneTokens,
  discover,
  signInRequest,
} from '../../src/bridges/cxone/auth.js';
import { CxoneAgentSession } from '../../src/bridges/cxone/agent-session.js';
import { CxoneHttp } from '../../src/bridges/cxone/http.js';
import { startCxoneSim, type CxoneSim } from '../fakes/cxone-api/server.js';
import { encodeBridgeMessage } from '../../src/protocol/index.js';
import { ManualClock } from '../fakes/manual-clock.js';

export const CLIENT = 'presence-sync-bridge';
export const REDIRECT = 'https://bridge.example.com/cxone/callback.html';

export type Message = Record<string, unknown> & { type: string };

export interface World {
  sim: CxoneSim;
  clock: ManualClock;
  http: CxoneHttp;
  messages: Message[];
  /** How many polls CXone had seen when each message went out. */
  pollsAt: number[];
  session: CxoneAgentSession;
  statuses: string[];
  /** What the page was told alongside each status. */
  details: string[];
  /** Resolves when a message (from `from` on) matches. */
  next(match: (message: Message) => boolean, from?: number): Promise<Message>;
  running: Promise<void>;
}

const worlds: World[] = [];
afterEach(async () => {
  for (const world of worlds.splice(0)) {
    world.session.stop();
    await world.running;
    await world.sim.close();
  }
});

/** Signs the agent in as the popup would: authorize (the user is signed in), then the code. */
export async function signIn(
  sim: CxoneSim,
  http: CxoneHttp,
  clock: ManualClock,
): Promise<CxoneTokens> {
  const config = await discover(http, sim.origin);
  const request = await signInRequest();
  const response = await fetch(authorizeUrl(config, CLIENT, REDIRECT, request), {
    redirect: 'manual',
  });
  assert.equal(response.status, 302);
  const back = new URL(response.headers.get('location') ?? '');
  assert.equal(back.searchParams.get('state'), request.state);
  const code = back.searchParams.get('code') ?? '';
  return CxoneTokens.fromCode(http, config, CLIENT, REDIRECT, code, request, () => clock.now());
}

export async function world(
  options: {
    login?: boolean;
    tokenLifetimeS?: number;
    random?: () => number;
    /** Set up before the session starts (an outage from the first join on). */
    before?: (sim: CxoneSim, clock: ManualClock) => void;
  } = {},
): Promise<World> {
  const clock = new ManualClock(Date.now());
  const sim = await startCxoneSim({
    clientId: CLIENT,
    redirectUri: REDIRECT,
    origins: ['https://bridge.example.com'],
    clock,
    ...(options.tokenLifetimeS !== undefined ? { tokenLifetimeS: options.tokenLifetimeS } : {}),
  });
  if (options.login !== false) sim.login();
  const http = new CxoneHttp(fetch, clock);
  const tokens = await signIn(sim, http, clock);
  const messages: Message[] = [];
  /** How many polls CXone had seen when each message went out. */
  const pollsAt: number[] = [];
  const statuses: string[] = [];
  const details: string[] = [];
  const waiting: Array<{
    match: (message: Message) => boolean;
    from: number;
    done: (m: Message) => void;
  }> = [];
  const check = () => {
    for (const waiter of [...waiting]) {
      const found = messages.slice(waiter.from).find(waiter.match);
      if (found === undefined) continue;
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.done(found);
    }
  };
  const session = new CxoneAgentSession(http, tokens, {
    issuer: sim.origin,
    pollTimeoutS: 30,
    clock,
    random: options.random ?? (() => 0.5),
    emit: (message) => {
      messages.push(encodeBridgeMessage(message) as Message);
      pollsAt.push(sim.calls('GET', '/get-next-event').length);
      check();
    },
    onStatus: (status, detail) => {
      statuses.push(status);
      details.push(detail);
    },
  });
  options.before?.(sim, clock);
  const created: World = {
    sim,
    clock,
    http,
    messages,
    pollsAt,
    session,
    statuses,
    details,
    next: (match, from = 0) =>
      new Promise((done) => {
        waiting.push({ match, from, done });
        check();
      }),
    running: session.run(),
  };
  worlds.push(created);
  return created;
}

export const hello = (write: boolean) => (message: Message) =>
  message.type === 'hello' && message.write === write;
/** The widget learns the state: a `state` message, or a `hello` that carries it. */
export const stateIs =
  (state: string, reason = '') =>
  (message: Message) =>
    (message.type === 'state' || message.type === 'hello') &&
    (message.state as { state: string; reason: string } | undefined)?.state === state &&
    (message.state as { reason: string }).reason === reason;
export const resultFor = (id: string) => (message: Message) =>
  message.type === 'result' && message.id === id;
/** Lets the real HTTP in flight finish (the loop's next request is made). */
export const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Lets the real HTTP settle until `check` holds (bounded), and the held long poll time out. */
export function polling(w: World) {
  const joins = () => w.sim.calls('POST', '/agent-sessions/join').length;
  const polls = () => w.sim.calls('GET', '/get-next-event').length;
  const until = async (check: () => boolean, what: string) => {
    for (let round = 0; round < 500 && !check(); round += 1) await turn();
    assert.ok(check(), what);
  };
  /** Waits for a poll CXone holds, lets it time out, and waits for the next one. */
  const pollAgain = async () => {
    await until(
      () => [...w.sim.sessions.values()].some((session) => session.waiters.length > 0),
      'a poll held by CXone',
    );
    const held = polls();
    await w.clock.advance(30_000);
    await until(() => polls() > held, 'the next poll');
  };
  return { joins, until, pollAgain };
}

/** Moves the clock `ms` in steps of `step`, letting the real loopback HTTP settle in between. */
export async function drive(w: World, ms: number, step = 100): Promise<void> {
  for (let passed = 0; passed < ms; passed += step) {
    await turn();
    await w.clock.advance(step);
  }
  await turn();
}

export const loggedOutHellos = (w: World) =>
  w.messages.filter(
    (m) => m.type === 'hello' && (m.state as { state?: string } | undefined)?.state === 'LoggedOut',
  );
export const writeWithoutState = (w: World) =>
  w.messages.filter((m) => m.type === 'hello' && m.write === true && m.state === undefined);
export const gaps = (requests: { at: number }[]) =>
  requests.slice(1).map((request, index) => request.at - requests[index]!.at);
