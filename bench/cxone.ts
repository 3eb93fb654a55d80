/// <reference types="node" />
// The CXone bridge against the CXone API simulator in Node, on a manual clock: how many requests
// an idle agent costs per hour (nothing changes: long polls time out, the token is refreshed),
// and the same for many bridges in one process (the simulator's load, the bridges' CPU per agent).
import {
  authorizeUrl,
  CxoneTokens,
  discover,
  signInRequest,
  type OpenIdConfig,
} from '../src/bridges/cxone/auth.js';
import { CxoneAgentSession } from '../src/bridges/cxone/agent-session.js';
import { CxoneHttp } from '../src/bridges/cxone/http.js';
import { startCxoneSim } from '../test/fakes/cxone-api/server.js';
import { ManualClock } from '../test/fakes/manual-clock.js';

const CLIENT = 'presence-sync-bench';
const REDIRECT = 'https://bridge.example.com/callback.html';
const HOUR = 3_600_000;

/** Signs an agent in as the popup would: authorize (the simulator's user is signed in), then the code. */
async function signIn(http: CxoneHttp, config: OpenIdConfig, now: () => number) {
  const request = await signInRequest();
  const location = (
    await fetch(authorizeUrl(config, CLIENT, REDIRECT, request), { redirect: 'manual' })
  ).headers.get('location');
  const code = new URL(location ?? '').searchParams.get('code') ?? '';
  return CxoneTokens.fromCode(http, config, CLIENT, REDIRECT, code, request, now);
}

/** Requests per agent-hour for `agents` idle bridges (default poll timeout 30 s), and CPU per agent. */
export async function idleRequests(agents: number, pollTimeoutS = 30) {
  const clock = new ManualClock(Date.now());
  const sim = await startCxoneSim({ clientId: CLIENT, redirectUri: REDIRECT, origins: [], clock });
  sim.login();
  const http = new CxoneHttp(fetch, clock);
  const config = await discover(http, sim.origin);
  const sessions: CxoneAgentSession[] = [];
  const running: Promise<void>[] = [];
  for (let agent = 0; agent < agents; agent += 1) {
    const tokens = await signIn(http, config, () => clock.now());
    const session = new CxoneAgentSession(http, tokens, {
      issuer: sim.origin,
      pollTimeoutS,
      clock,
      emit: () => undefined,
    });
    sessions.push(session);
    running.push(session.run());
  }
  const settleIo = () => new Promise((resolve) => setImmediate(resolve));
  // Let every bridge join and drain its first batch, then count an hour of quiet.
  for (let turn = 0; turn < 50; turn += 1) await settleIo();
  const before = sim.requests.length;
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  for (let elapsed = 0; elapsed < HOUR; elapsed += 1000) {
    await clock.advance(1000);
    for (let turn = 0; turn < 3; turn += 1) await settleIo();
  }
  const cpu = process.cpuUsage(cpuBefore);
  const wall = performance.now() - wallBefore;
  const requests = sim.requests.length - before;
  for (const session of sessions) session.stop();
  await Promise.all(running);
  await sim.close();
  return {
    perAgentHour: requests / agents,
    simRequestsPerSecond: requests / (wall / 1000),
    cpuMsPerAgentHour: (cpu.user + cpu.system) / 1000 / agents,
  };
}

/**
 * The bridge's latency over loopback HTTP against the simulator, on the real clock, each sample
 * beside a bare loopback HTTP round trip to the same server taken right after it:
 * - subscribe: the widget's `setState` → the simulator receives the state POST;
 * - publish: the simulator releases an AgentState to the waiting long poll → the bridge's `state`;
 * - first sync: a bridge page load with a kept refresh token → its first `state` to the widget.
 */
export async function latency(samples: number) {
  const clock = {
    now: () => Date.now(),
    setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
    clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout),
  };
  const sim = await startCxoneSim({ clientId: CLIENT, redirectUri: REDIRECT, origins: [], clock });
  sim.login();
  const http = new CxoneHttp(fetch, clock);
  const config = await discover(http, sim.origin);
  const signedIn = await signIn(http, config, () => clock.now());
  const refresh = signedIn.keepable ?? '';

  // The bridge page loads with the refresh token it kept: the clock runs from the load.
  let onMessage: (message: Record<string, unknown>) => void = () => undefined;
  const loaded = performance.now();
  const firstState = new Promise<number>((resolve) => {
    onMessage = (message) => {
      if (message.type === 'state') resolve(performance.now() - loaded);
    };
  });
  const tokens = await CxoneTokens.fromRefresh(http, config, CLIENT, refresh, () => clock.now());
  const session = new CxoneAgentSession(http, tokens, {
    issuer: sim.origin,
    pollTimeoutS: 30,
    clock,
    emit: (message) => onMessage(message),
  });
  const running = session.run();
  const firstSyncMs = await firstState;

  // The simulator hears each request as it arrives.
  let onRequest: () => void = () => undefined;
  const push = sim.requests.push.bind(sim.requests);
  sim.requests.push = (...requests) => {
    const length = push(...requests);
    onRequest();
    return length;
  };
  const roundTrip = async () => {
    const start = performance.now();
    await (await fetch(`${sim.origin}/.well-known/openid-configuration`)).text();
    return performance.now() - start;
  };
  const subscribe: number[] = [];
  const publish: number[] = [];
  const floor: number[] = [];
  const targets: Array<{ state: 'Available' } | { state: 'Unavailable'; reason: string }> = [
    { state: 'Available' },
    { state: 'Unavailable', reason: 'Lunch' },
  ];
  for (let index = 0; index < samples; index += 1) {
    const target = targets[index % 2]!;
    const posted = new Promise<number>((resolve) => {
      const before = sim.statePosts().length;
      onRequest = () => {
        if (sim.statePosts().length > before) resolve(performance.now());
      };
    });
    // Answered, and the write's own event seen (so it is not taken for the next release).
    const shows = (message: Record<string, unknown>, state: string, reason: string) => {
      const shown = message.state as { state?: string; reason?: string } | undefined;
      return message.type === 'state' && shown?.state === state && shown.reason === reason;
    };
    const answered = new Promise<void>((resolve) => {
      let result = false;
      let echo = false;
      onMessage = (message) => {
        if (message.type === 'result' && message.id === `w${index}`) result = true;
        if (shows(message, target.state, target.state === 'Unavailable' ? target.reason : ''))
          echo = true;
        if (result && echo) resolve();
      };
    });
    const start = performance.now();
    void session.setState(`w${index}`, target);
    subscribe.push((await posted) - start);
    await answered;
    onRequest = () => undefined;
    floor.push(await roundTrip());

    // Never a state the next write asks for, so every write is a real POST.
    const release = {
      state: 'Unavailable' as const,
      reason: index % 2 === 0 ? 'Chat' : 'Meeting',
      isAcw: false,
    };
    const stated = new Promise<number>((resolve) => {
      onMessage = (message) => {
        if (shows(message, release.state, release.reason)) resolve(performance.now());
      };
    });
    const released = performance.now();
    sim.setState(release);
    publish.push((await stated) - released);
    floor.push(await roundTrip());
  }
  session.stop();
  await running;
  await sim.close();
  return { firstSyncMs, subscribe, publish, floor };
}
