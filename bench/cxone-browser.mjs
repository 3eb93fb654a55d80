// The whole CXone path in headless Chromium, in the production topology (test/e2e/cxone-world.mjs:
// the Salesforce page, the built CXone bridge in its cross-site, partitioned frame with its
// config.json, the CXone API simulator on CXone's site), signed in through the popup:
// - publish: the simulator releases an AgentState to the waiting long poll → Omni-Channel is
//   written (the Omni fake's call, stamped in the page);
// - subscribe: an Omni-Channel change in the page → the simulator receives the state POST;
// - floor: a bare GET from the bridge frame to the same simulator, after each sample.
// Node and the page stamp epoch times (`performance.timeOrigin + performance.now()`); their offset
// is measured first (the sample with the shortest round trip) and taken off.
import { startCxoneWorld } from '../test/e2e/cxone-world.mjs';

const epoch = () => performance.timeOrigin + performance.now();

/** The page's epoch clock minus Node's, from the evaluate round trip that took least time. */
async function clockOffset(page) {
  let best = { rtt: Infinity, offset: 0 };
  for (let sample = 0; sample < 50; sample += 1) {
    const before = epoch();
    const there = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = epoch();
    if (after - before < best.rtt)
      best = { rtt: after - before, offset: there - (before + after) / 2 };
  }
  return best;
}

/** Runs `warmup` then `samples` of each direction; resolves to the latencies in ms. */
export async function cxoneBrowserBench(samples, warmup = 20) {
  const world = await startCxoneWorld();
  try {
    const page = await (await world.browser.newContext()).newPage();
    await page.goto(world.widgetPage(world.bridgeUrl));
    const bridge = page.frameLocator('presence-sync iframe');
    const popup = page.waitForEvent('popup');
    await bridge.locator('#connect:not([disabled])').click();
    await (await popup).waitForEvent('close');
    const until = (check, arg) => page.waitForFunction(check, arg, { timeout: 15_000 });
    // Started: the CXone default Unavailable has no row in this rule, so a start with nothing to
    // write reads `not-mapped` (docs/contract.md Details 46).
    await until(
      () =>
        window.e2e.el.snapshot.acd !== null &&
        ['in-sync', 'not-mapped'].includes(window.e2e.el.snapshot.phase),
    );
    // Each Omni-Channel write stamped as it is made.
    await page.evaluate(() => {
      window.omniWrites = [];
      const calls = window.e2e.omni.calls;
      const push = calls.push.bind(calls);
      calls.push = (...entries) => {
        window.omniWrites.push(performance.timeOrigin + performance.now());
        return push(...entries);
      };
    });
    const frame = page.frames().find((candidate) => candidate.url().startsWith(world.bridgeBase));
    const floorOnce = () =>
      frame.evaluate(async (issuer) => {
        const start = performance.now();
        await (await fetch(`${issuer}/.well-known/openid-configuration`)).text();
        return performance.now() - start;
      }, world.sim.origin);
    // The simulator hears each state POST as it arrives.
    const { sim } = world;
    let onPost = () => undefined;
    const push = sim.requests.push.bind(sim.requests);
    sim.requests.push = (...requests) => {
      const length = push(...requests);
      if (requests.some((request) => request.method === 'POST' && request.path.endsWith('/state')))
        onPost();
      return length;
    };
    const { offset, rtt } = await clockOffset(page);
    // Each sample starts from Away / Unavailable-Lunch on both sides.
    await page.evaluate(() => window.e2e.omni.agentSets('Away'));
    await until(
      () =>
        window.e2e.el.snapshot.phase === 'in-sync' &&
        window.e2e.el.snapshot.acd?.reason === 'Lunch',
    );

    const publish = [];
    const subscribe = [];
    const floor = [];
    for (let index = 0; index < warmup + samples; index += 1) {
      const measured = index >= warmup;
      // CXone → Omni: Available → Available for Chats.
      const writes = await page.evaluate(() => window.omniWrites.length);
      const released = epoch();
      sim.setState({ state: 'Available', reason: '', isAcw: false });
      await until(
        (count) =>
          window.omniWrites.length > count &&
          window.e2e.el.snapshot.phase === 'in-sync' &&
          window.e2e.el.snapshot.acd?.state === 'Available',
        writes,
      );
      const written = await page.evaluate((count) => window.omniWrites[count], writes);
      if (measured) publish.push(written - offset - released);
      if (measured) floor.push(await floorOnce());
      // Omni → CXone: Away → the state POST Unavailable/Lunch.
      const posted = new Promise((resolve) => (onPost = () => resolve(epoch())));
      const changed = await page.evaluate(() => {
        const at = performance.timeOrigin + performance.now();
        window.e2e.omni.agentSets('Away');
        return at;
      });
      const arrived = await posted;
      onPost = () => undefined;
      if (measured) subscribe.push(arrived - (changed - offset));
      // The write's own echo settles before the next sample.
      await until(
        () =>
          window.e2e.el.snapshot.phase === 'in-sync' &&
          window.e2e.el.snapshot.acd?.reason === 'Lunch',
      );
      if (measured) floor.push(await floorOnce());
    }
    return { publish, subscribe, floor, clockRttMs: rtt };
  } finally {
    await world.close();
  }
}
