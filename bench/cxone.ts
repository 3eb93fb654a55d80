/// <reference types="node" />
// The CXone bridge against the CXone API simulator in Node, on a manual clock: how many requests
// an idle agent costs per hour (nothing changes: long polls time out, the token is refreshed),
// and the same for many bridges in one process (the simulator's load, the bridges' CPU per agent).
import { authorizeUrl, CxoneTokens, discover, pkcePair } from '../src/bridges/cxone/auth.js';
import { CxoneAgentSession } from '../src/bridges/cxone/agent-session.js';
import { CxoneHttp } from '../src/bridges/cxone/http.js';
import { startCxoneSim } from '../test/fakes/cxone-api/server.js';
import { ManualClock } from '../test/fakes/manual-clock.js';

const CLIENT = 'presence-sync-bench';
const REDIRECT = 'https://bridge.example.com/callback.html';
const HOUR = 3_600_000;

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
    const { verifier, challenge } = await pkcePair();
    const location = (
      await fetch(authorizeUrl(config, CLIENT, REDIRECT, 's', challenge), { redirect: 'manual' })
    ).headers.get('location');
    const code = new URL(location ?? '').searchParams.get('code') ?? '';
    const tokens = await CxoneTokens.fromCode(http, config, CLIENT, REDIRECT, code, verifier, () =>
      clock.now(),
    );
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
