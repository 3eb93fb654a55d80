/// <reference types="node" />
// The Webex relay's own cost, in Node, on the real @wxcc-desktop/sdk under the simulated Desktop
// with no latency of its own: a Desktop state event to the relay's `state` message (publish), and
// a widget's `setState` to its `result` through stateChange and the Desktop's event (subscribe).
// What a tenant adds (the AQM round trip, the postMessage hop) is not in these numbers.
import { performance } from 'node:perf_hooks';
import { WebexRelay } from '../src/bridges/webex/relay.js';
import { createDesktopSim } from '../test/fakes/webex-desktop/service.js';
import { loadSdk } from '../test/fakes/webex-desktop/sdk-node.js';

const CODES = [
  { id: 'c-lunch', name: 'Lunch', isSystem: false, isDefault: false },
  { id: 'c-chat', name: 'Chat', isSystem: false, isDefault: true },
];

export async function webexBench(changes: number) {
  // The Desktop answers at once (a microtask), so the numbers are the relay and the SDK only.
  const soon = (callback: () => void) => void Promise.resolve().then(callback);
  const sim = createDesktopSim({
    agentId: 'agent-1',
    idleCodes: CODES,
    startCode: 'c-lunch',
    latencyMs: 0,
    aqmTimeoutMs: 20_000,
    now: () => Date.now(),
    setTimeout: (callback) => soon(callback),
  });
  let onPost: ((message: Record<string, unknown>) => void) | null = null;
  const clock = {
    now: () => Date.now(),
    setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
    clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout),
  };
  const relay = new WebexRelay(loadSdk(sim.service), clock, {
    write: true,
    agentId: 'agent-1',
    startMs: 15_000,
    settleMs: 25_000,
    post: (message) => onPost?.(message),
    warn: () => undefined,
  });
  const began = performance.now();
  const firstState = new Promise<number>((resolve) => {
    onPost = (message) => {
      if (message.type === 'state') resolve(performance.now() - began);
    };
  });
  void relay.start();
  const firstStateMs = await firstState;

  const publish: number[] = [];
  let posted = 0;
  onPost = (message) => {
    if (message.type === 'state') posted = performance.now();
  };
  for (let index = 0; index < changes; index += 1) {
    const start = performance.now();
    sim.agentSets(index % 2 === 0 ? 'Available' : 'Lunch');
    publish.push(posted - start);
  }

  const subscribe: number[] = [];
  for (let index = 0; index < changes; index += 1) {
    const id = `w${index}`;
    const start = performance.now();
    const answered = new Promise<void>((resolve) => {
      onPost = (message) => {
        if (message.type === 'result' && message.id === id) resolve();
      };
    });
    relay.setState(
      id,
      index % 2 === 0 ? { state: 'Unavailable', reason: 'Chat' } : { state: 'Available' },
    );
    await answered;
    subscribe.push(performance.now() - start);
  }
  relay.close();
  return { firstStateMs, publish, subscribe, requests: sim.requests.length };
}
