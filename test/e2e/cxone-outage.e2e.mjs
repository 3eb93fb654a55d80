// The CXone bridge when CXone fails, end to end in the production topology: the Salesforce page
// (<presence-sync> with a simulated Omni-Channel) ⇄ the built bridge in its cross-site frame ⇄ the
// CXone API simulator answering joins or polls with 503/429 for a while (a shortened real period,
// with Retry-After). What must hold: the widget never hears LoggedOut for an outage (a rule maps it
// to logging the agent out of Omni-Channel), never `write: true` without a state, Omni-Channel is
// not written while CXone is down, and the agent's state is right within one poll of recovery.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCxoneWorld } from './cxone-world.mjs';

let world;
let page;
const pageErrors = [];

const until = (check, what, timeout = 30_000) =>
  page.waitForFunction(check, undefined, { timeout, polling: 100 }).catch((error) => {
    throw new Error(`${what}: ${error.message}`);
  });

/** Every bridge message the Salesforce page heard, with when (the page's clock). */
const heard = () => page.evaluate(() => window.outage.heard);
const omniCalls = () => page.evaluate(() => [...window.e2e.omni.calls]);
const hellos = (messages) => messages.filter(({ data }) => data.type === 'hello');
const loggedOut = (messages) =>
  messages.filter(({ data }) => data.state?.state === 'LoggedOut' && data.type === 'hello');
const writeWithoutState = (messages) =>
  hellos(messages).filter(({ data }) => data.write === true && data.state === undefined);

/** Listens, on the Salesforce page, to what the bridge frame posts, with the time it came. */
async function listen() {
  await page.evaluate((origin) => {
    window.outage = { heard: [] };
    addEventListener('message', (event) => {
      if (event.origin === origin) window.outage.heard.push({ at: Date.now(), data: event.data });
    });
  }, new URL(world.bridgeUrl).origin);
}

before(async () => {
  world = await startCxoneWorld();
  page = await (await world.browser.newContext()).newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(world.widgetPage(world.bridgeUrl));
  await listen();
});

after(async () => {
  await world?.close();
});

describe('the CXone bridge through a CXone outage', () => {
  it('signs in while CXone answers 503 to joins: no LoggedOut, no Omni write, the state with the first poll after', async () => {
    const { sim } = world;
    const bridge = page.frameLocator('presence-sync iframe');
    await bridge.locator('#connect:not([disabled])').waitFor();
    const OUTAGE_MS = 12_000;
    sim.faults.outage = {
      routes: ['join'],
      until: Date.now() + OUTAGE_MS,
      answer: 503,
      retryAfter: '2',
    };
    // The agent changes state in Agent Embedded while the bridge cannot join.
    sim.setState({ state: 'Available', reason: '', isAcw: false });
    const popup = page.waitForEvent('popup');
    await bridge.locator('#connect:not([disabled])').click();
    await (await popup).waitForEvent('close');
    // While CXone refuses: the page and the widget say it cannot be reached, and no state is claimed.
    const status = await bridge
      .locator('#status', { hasText: /cannot be reached|no CXone session/ })
      .textContent({ timeout: 15_000 });
    await until(
      () =>
        window.e2e.el.snapshot.acd !== null ||
        window.e2e.el.snapshot.problems.some((p) => p.message.includes('cannot be reached')),
      'the widget hears how the join went',
    );
    const during = await page.evaluate(() => window.e2e.el.snapshot);
    // CXone comes back: the next join works, its first poll reads the state.
    await until(
      () => window.e2e.el.snapshot.acd?.state === 'Available',
      'the state after recovery',
      OUTAGE_MS + 15_000,
    );
    const joins = sim.calls('POST', '/agent-sessions/join');
    const refused = joins.filter((join) => join.status === 503);
    assert.ok(refused.length >= 3, `${refused.length} joins refused during the outage`);
    const gaps = refused.slice(1).map((join, index) => join.at - refused[index].at);
    assert.ok(
      gaps.every((gap) => gap >= 2000),
      `Retry-After 2 s honoured: ${gaps.join(', ')} ms`,
    );
    const joined = joins.find((join) => join.status === 202);
    const messages = await heard();
    const introduced = hellos(messages).find(({ data }) => data.write === true);
    assert.equal(introduced?.data.state?.state, 'Available');
    // The poll timeout is 5 s: a hello later than that would have waited for a second poll.
    assert.ok(
      introduced.at - joined.at < world.config.pollTimeoutS * 1000,
      `the hello came ${introduced.at - joined.at} ms after the join`,
    );
    assert.deepEqual(loggedOut(messages), [], 'no LoggedOut for an outage');
    assert.deepEqual(writeWithoutState(messages), [], 'no write: true without a state');
    assert.deepEqual(await omniCalls(), [], 'Omni-Channel untouched');
    assert.match(String(status), /CXone cannot be reached/);
    assert.equal(during.acd, null, 'no state claimed during the outage');
    assert.ok(
      during.problems.some(
        (p) => p.code === 'agent-not-connected' && p.message.includes('cannot be reached'),
      ),
      'the widget says CXone cannot be reached',
    );
    assert.equal(
      await bridge.locator('#status').textContent(),
      'Connected to CXone as agent 1001.',
    );
  });

  it('keeps the state through a poll outage mid-session, writes nothing meanwhile, and catches up within one poll', async () => {
    const { sim } = world;
    const from = (await heard()).length;
    const callsBefore = await omniCalls();
    const OUTAGE_MS = 8000;
    const ends = Date.now() + OUTAGE_MS;
    sim.faults.outage = { routes: ['poll'], until: ends, answer: 429, retryAfter: '1' };
    // The held poll ends within the poll timeout; then the bridge is told 429 and says so.
    await until(
      () =>
        window.e2e.el.snapshot.problems.some(
          (p) => p.code === 'agent-not-connected' && p.message.includes('event poll'),
        ),
      'the widget says the event poll is refused',
      15_000,
    );
    sim.setState({ state: 'Unavailable', reason: 'Lunch', isAcw: false });
    assert.deepEqual(await omniCalls(), callsBefore, 'no Omni write while CXone is down');
    assert.equal(
      await page.evaluate(() => window.e2e.el.snapshot.acd?.state),
      'Available',
      'the state it last knew stays',
    );
    await until(
      () => window.e2e.el.snapshot.acd?.reason === 'Lunch',
      'the change made during the outage, after it',
      OUTAGE_MS + 15_000,
    );
    const messages = (await heard()).slice(from);
    const back = hellos(messages).find(({ data }) => data.write === true);
    assert.equal(back?.data.state?.reason, 'Lunch', 'the hello after recovery carries the state');
    const firstGood = sim
      .calls('GET', '/get-next-event')
      .find((poll) => poll.at >= ends && poll.status === 200);
    assert.ok(back.at >= firstGood.at, 'learned from the first poll that worked');
    assert.ok(back.at - firstGood.at < 1000, `${back.at - firstGood.at} ms after that poll`);
    assert.deepEqual(loggedOut(messages), []);
    assert.deepEqual(writeWithoutState(messages), []);
    assert.equal(
      (await omniCalls()).some((call) => call.includes('logout')),
      false,
      'never logged out of Omni-Channel',
    );
  });

  it('does not log the agent out of Omni-Channel when the bridge reloads into a join outage', async () => {
    const { sim } = world;
    const callsBefore = await omniCalls();
    const from = (await heard()).length;
    sim.faults.outage = {
      routes: ['join'],
      until: Date.now() + 10_000,
      answer: 429,
      retryAfter: '2',
    };
    // The bridge frame reloads (a console refresh of the utility, a crash): it signs in again from
    // the kept refresh token and must join again, while CXone refuses joins.
    const frame = page.frames().find((candidate) => candidate.url().startsWith(world.bridgeUrl));
    const reloaded = Date.now();
    await frame.goto(frame.url());
    const joinedAgain = () =>
      sim.calls('POST', '/agent-sessions/join').some((j) => j.at > reloaded && j.status === 202);
    for (let waited = 0; !joinedAgain() && waited < 25_000; waited += 250)
      await new Promise((resolve) => setTimeout(resolve, 250));
    assert.ok(joinedAgain(), 'the reloaded bridge joined once CXone was back');
    await until(
      () =>
        window.e2e.el.snapshot.problems.every((p) => p.code !== 'agent-not-connected') &&
        window.e2e.el.snapshot.acd?.reason === 'Lunch',
      'joined again after the outage',
      25_000,
    );
    const messages = (await heard()).slice(from);
    assert.deepEqual(await omniCalls(), callsBefore, 'Omni-Channel untouched');
    assert.deepEqual(loggedOut(messages), [], 'no LoggedOut for an outage');
    assert.deepEqual(writeWithoutState(messages), []);
    assert.ok(
      hellos(messages).some(
        ({ data }) =>
          data.write === false &&
          data.state === undefined &&
          /cannot be reached/.test(data.problem),
      ),
      'the reloaded bridge said CXone cannot be reached, with no state',
    );
    assert.deepEqual(pageErrors, []);
  });
});
