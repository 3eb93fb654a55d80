// End to end in headless Chromium in the production topology (scripts/topology.js: every party on its
// own site, third-party storage partitioned): <presence-sync> (the Salesforce page, with a simulated
// Omni-Channel) ⇄ the real CXone bridge page in its cross-site iframe ⇄ the CXone API simulator over
// loopback HTTP (CORS and all). The sign-in popup is clicked like an agent would.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CLIENT, startCxoneWorld } from './cxone-world.mjs';
import { forgeFromSibling } from './forgeries.mjs';

let world;
let browser;
let sim;
let page;
let origins;
let bridgeUrl;
/** The bridge's config.json. */
let config;
/** The Salesforce page (the widget and a simulated Omni-Channel) around a bridge URL. */
let widgetPage;
const pageErrors = [];

/** The bridge frame of a Salesforce page. */
const bridgeFrameOf = (of) => of.frames().find((frame) => frame.url().includes('/bridges/cxone/'));
/** The refresh token the bridge keeps for a reload, or null. */
const kept = (of) =>
  bridgeFrameOf(of).evaluate(() => sessionStorage.getItem('presence-sync-cxone-refresh'));

const until = (check, what) =>
  page.waitForFunction(check, undefined, { timeout: 15_000 }).catch((error) => {
    throw new Error(`${what}: ${error.message}`);
  });

before(async () => {
  world = await startCxoneWorld();
  ({ browser, sim, origins, bridgeUrl, config, widgetPage } = world);
  // A context of its own, so that a second console tab can share its storage partition.
  page = await (await browser.newContext()).newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(widgetPage(bridgeUrl));
  // The agent clicks "Connect CXone" in the bridge frame; CXone's sign-in popup returns the code.
  const bridge = page.frameLocator('presence-sync iframe');
  // Not signed in yet: the bridge says it cannot write and does not claim a state (LoggedOut would
  // log the agent out of Omni-Channel through the rule's LoggedOut → Offline row).
  await bridge.locator('#connect:not([disabled])').waitFor();
  await page.waitForFunction(() => window.e2e.heard.some((message) => message.type === 'hello'));
  assert.equal(await page.evaluate(() => window.e2e.el.snapshot.acd), null);
  await until(
    () =>
      window.e2e.el.snapshot.problems.some(
        (p) => p.code === 'agent-not-connected' && p.message.includes('Connect CXone'),
      ),
    'the widget says why nothing syncs yet',
  );
  // Nobody is signed in: no rule is chosen for a placeholder agent, and the panel waits for the sign-in.
  const waiting = await page.evaluate(() => ({
    phase: window.e2e.el.snapshot.phase,
    cause: window.e2e.el.snapshot.cause,
    codes: window.e2e.el.snapshot.problems.map((p) => p.code),
    words: window.e2e.el.shadowRoot.querySelector('[part=phase]').textContent.trim(),
  }));
  assert.deepEqual(waiting, {
    phase: 'waiting',
    cause: 'agent-not-connected',
    codes: ['agent-not-connected'],
    words: 'Waiting: connect CXone in the panel below',
  });
  assert.deepEqual(await page.evaluate(() => window.e2e.omni.calls), []);
  const popup = page.waitForEvent('popup');
  await bridge.locator('#connect:not([disabled])').click();
  await (await popup).waitForEvent('close');
  // Signed in: CXone's Unavailable has no row and `startup` is none, so Omni-Channel stays Available
  // for Chats and the panel says so rather than "In sync".
  await until(
    () =>
      window.e2e.el.snapshot.acd !== null &&
      window.e2e.el.snapshot.phase === 'not-mapped' &&
      window.e2e.el.snapshot.rule === 'Chat and voice',
    'started after sign-in, the unmapped Unavailable named',
  );
});

after(async () => {
  await world?.close();
});

const session = () => [...sim.sessions.keys()][0];

describe('the CXone bridge end to end', () => {
  it('signs in through the popup, joins, and the widget shows the agent’s CXone state', async () => {
    const snapshot = await page.evaluate(() => window.e2e.el.snapshot);
    assert.equal(snapshot.acd.state, 'Unavailable');
    assert.equal(sim.calls('POST', '/agent-sessions/join').length, 1);
    assert.equal(
      await page.frameLocator('presence-sync iframe').locator('#status').textContent(),
      'Connected to CXone as agent 1001.',
    );
    // Before its first request with the token, the page narrowed connect-src to the issuer, its
    // token endpoint and the discovered API host (all the simulator's one origin here).
    assert.deepEqual(
      await bridgeFrameOf(page).evaluate(() =>
        [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')].map((meta) =>
          meta.content.split(';').find((part) => part.includes('connect-src')),
        ),
      ),
      [' connect-src *', `connect-src 'self' ${sim.origin}`],
    );
  });

  it('writes an Omni-Channel change to CXone as the exact state POST on the joined session', async () => {
    await page.evaluate(() => window.e2e.omni.agentSets('Away'));
    await until(() => window.e2e.el.snapshot.acd?.reason === 'Lunch', 'ACD Unavailable/Lunch');
    const [post] = sim.statePosts();
    assert.equal(post.path, `/InContactAPI/services/v23.0/agent-sessions/${session()}/state`);
    assert.deepEqual(post.body, { state: 'Unavailable', reason: 'Lunch' });
  });

  it('brings a CXone state change to Omni-Channel', async () => {
    sim.setState({ state: 'Available', reason: '', isAcw: false });
    await until(
      () => window.e2e.omni.calls.includes('set:Available_for_Chats'),
      'Omni set to Available for Chats',
    );
  });

  it('holds a Salesforce change during a call and applies it when the call ends (Previous State and deferral)', async () => {
    const posts = sim.statePosts().length;
    sim.routeContact();
    await until(() => window.e2e.omni.calls.includes('set:Busy_On_Call'), 'Omni busy on the call');
    await page.evaluate(() => window.e2e.omni.agentSets('Away'));
    await until(() => window.e2e.el.snapshot.phase === 'deferred', 'held during the call');
    assert.equal(sim.statePosts().length, posts, 'nothing written during the call');
    sim.endContact(null);
    await until(
      () =>
        window.e2e.el.snapshot.acd?.reason === 'Lunch' &&
        window.e2e.el.snapshot.phase === 'in-sync',
      'applied after the call',
    );
    assert.deepEqual(sim.statePosts().at(-1).body, {
      state: 'Unavailable',
      reason: 'Lunch',
    });
  });

  it('cannot be driven by a third-origin frame or a same-origin sibling window: CXone sees no POST', async () => {
    const posts = sim.statePosts().length;
    const bridgeFrame = page
      .frames()
      .find((frame) => frame !== page.mainFrame() && frame.url().includes('/bridges/cxone/'));
    const available = { state: 'Available' };
    // No third-origin frame can be put inside the bridge: its policy frames nothing.
    const refused = await bridgeFrame.evaluate(
      (third) =>
        new Promise((resolve) => {
          document.addEventListener(
            'securitypolicyviolation',
            (event) => resolve(event.effectiveDirective),
            { once: true },
          );
          const frame = document.createElement('iframe');
          frame.src = `${third}/test/e2e/third-origin.html`;
          document.body.append(frame);
        }),
      origins.third,
    );
    assert.equal(refused, 'frame-src');
    await forgeFromSibling(page, origins.bridge, available);
    // A legitimate write after the forgery: when it has landed, the forgery would have too.
    await page.evaluate(() => window.e2e.omni.agentSets('Available_for_Chats'));
    await until(() => window.e2e.el.snapshot.acd?.state === 'Available', 'the legitimate write');
    const after = sim.statePosts().slice(posts);
    assert.deepEqual(
      after.map((post) => post.body),
      [{ state: 'Available', reason: '' }],
    );
  });

  it('shows a bridge set up wrongly in the widget’s problems, naming the config.json key', async () => {
    const { clientId, ...withoutClient } = config;
    assert.equal(clientId, CLIENT);
    await world.setConfig(withoutClient);
    const broken = await browser.newPage();
    try {
      await broken.goto(widgetPage(bridgeUrl));
      await broken.waitForFunction(
        () => window.e2e.el.snapshot.problems.some((p) => p.message.includes('clientId')),
        undefined,
        { timeout: 15_000 },
      );
      assert.match(
        await broken.frameLocator('presence-sync iframe').locator('#problems').textContent(),
        /clientId: is required/,
      );
      // No config.json at all: the file is named, and nothing connects.
      await world.setConfig(null);
      const discoveries = sim.calls('GET', '/.well-known/openid-configuration').length;
      await broken.goto(widgetPage(bridgeUrl));
      await broken
        .frameLocator('presence-sync iframe')
        .locator('#problems', { hasText: 'config.json: is missing beside the page' })
        .waitFor();
      assert.equal(
        await broken.frameLocator('presence-sync iframe').locator('#connect').isHidden(),
        true,
      );
      assert.equal(sim.calls('GET', '/.well-known/openid-configuration').length, discoveries);
    } finally {
      await world.setConfig(config);
      await broken.close();
    }
  });

  it('says, in the widget and the bridge, that CXone refuses a bridge origin the NICE application does not list', async () => {
    // The same bridge, hosted on an origin the simulated NICE application has not registered: the
    // browser blocks every answer (CORS), and the agent is never offered a sign-in that cannot work.
    const unlisted = bridgeUrl.replace(origins.bridge, origins.third);
    const before = sim.requests.length;
    const other = await browser.newPage();
    await other.goto(widgetPage(unlisted));
    await other.waitForFunction(
      (origin) =>
        window.e2e.el.snapshot.problems.some(
          (p) =>
            p.code === 'agent-not-connected' && p.message.includes(`${origin}: if the network`),
        ),
      origins.third,
      { timeout: 15_000 },
    );
    const message = await other.evaluate(
      () => window.e2e.el.snapshot.problems.find((p) => p.code === 'agent-not-connected').message,
    );
    assert.match(message, new RegExp(`CORS origin of the NICE application "${CLIENT}"`));
    const status = await other
      .frameLocator('presence-sync iframe')
      .locator('#status')
      .textContent();
    assert.match(status, /CXone/);
    assert.equal(
      await other.frameLocator('presence-sync iframe').locator('#connect').isHidden(),
      true,
    );
    const hellos = await other.evaluate(() =>
      window.e2e.heard.filter((m) => m.type === 'hello').map((m) => m.write),
    );
    assert.ok(hellos.length > 0 && hellos.every((write) => write === false));
    // CXone did hear the bridge ask (from the unlisted origin) and answered without CORS headers.
    const asked = sim.requests.slice(before).filter((r) => r.origin === origins.third);
    assert.ok(asked.length > 0, 'the bridge asked CXone');
    assert.equal(sim.statePosts().filter((r) => r.origin === origins.third).length, 0);
    await other.close();
  });

  it('refuses a sign-in endpoint outside apiHostSuffixes, naming the host and the key in the widget and the bridge', async () => {
    sim.openIdOverrides = { token_endpoint: 'https://auth.evil.example/token' };
    const other = await browser.newPage();
    try {
      await other.goto(widgetPage(bridgeUrl));
      await other.waitForFunction(
        () =>
          window.e2e.el.snapshot.problems.some(
            (p) => p.code === 'agent-not-connected' && p.message.includes('apiHostSuffixes'),
          ),
        undefined,
        { timeout: 15_000 },
      );
      const message = await other.evaluate(
        () => window.e2e.el.snapshot.problems.find((p) => p.code === 'agent-not-connected').message,
      );
      assert.match(
        message,
        /token endpoint names the host auth\.evil\.example, which is not under apiHostSuffixes/,
      );
      const frame = other.frameLocator('presence-sync iframe');
      assert.match(
        await frame.locator('#status').textContent(),
        /auth\.evil\.example.*apiHostSuffixes/,
      );
      assert.equal(await frame.locator('#connect').isHidden(), true, 'no sign-in is offered');
    } finally {
      sim.openIdOverrides = {};
      await other.close();
    }
  });

  it('shows the bridge in the panel’s language (the Salesforce user’s), unless its URL names one', async () => {
    const french = await browser.newPage();
    await french.goto(widgetPage(bridgeUrl, { locale: 'fr' }));
    const frame = french.frameLocator('presence-sync iframe');
    await frame.locator('html[lang=fr]').waitFor({ state: 'attached' });
    await frame.locator('#connect', { hasText: 'Connecter CXone' }).waitFor();
    assert.match(await frame.locator('#status').textContent(), /^Non connecté à CXone/);
    await french.goto(widgetPage(`${bridgeUrl}?lang=ja`, { locale: 'fr' }));
    await french
      .frameLocator('presence-sync iframe')
      .locator('#connect', { hasText: 'CXone に接続' })
      .waitFor();
    assert.equal(
      await french.frameLocator('presence-sync iframe').locator('html').getAttribute('lang'),
      'ja',
    );
    await french.close();
  });

  it('never posts a token, and never to *', async () => {
    const tokens = sim.issuedTokens();
    assert.ok(tokens.length >= 2);
    const heard = JSON.stringify(await page.evaluate(() => window.e2e.heard));
    for (const token of tokens)
      assert.equal(heard.includes(token), false, 'a token reached the widget');
    // The bridge embedded by a page outside its widget_origin: only a post to '*' could reach it.
    const outsider = await browser.newPage();
    await outsider.goto(
      `${origins.third}/test/e2e/third-origin.html?bridge=${encodeURIComponent(bridgeUrl)}`,
    );
    await outsider.frameLocator('iframe').locator('#status').waitFor();
    await outsider.waitForFunction(() => document.querySelector('iframe')?.contentWindow !== null);
    assert.deepEqual(await outsider.evaluate(() => window.heard), []);
    await outsider.close();
    assert.deepEqual(pageErrors, []);
  });

  it('polls CXone from one console tab only: a second tab relays through it, and asks to connect when it closes', async () => {
    const joins = sim.calls('POST', '/agent-sessions/join').length;
    const polls = () => new Set(sim.calls('GET', '/get-next-event').map((r) => r.path)).size;
    // A second console tab of the same browser (one storage partition), its widget leading for a
    // second user so that it writes too.
    const second = await page.context().newPage();
    second.on('pageerror', (error) => pageErrors.push(String(error)));
    await second.goto(widgetPage(bridgeUrl, { user: '005000000000002' }));
    const frame = second.frameLocator('presence-sync iframe');
    await frame.locator('#status', { hasText: 'through another console tab' }).waitFor();
    assert.equal(await frame.locator('#connect').isHidden(), true, 'no second sign-in');
    const wait = (check, what, arg) =>
      second.waitForFunction(check, arg, { timeout: 15_000 }).catch((error) => {
        throw new Error(`${what}: ${error.message}`);
      });
    await wait(() => window.e2e.el.snapshot.acd !== null, 'the second tab knows the CXone state');
    // CXone → both tabs, from one poll loop.
    sim.setState({ state: 'Unavailable', reason: 'Chat', isAcw: false });
    await wait(() => window.e2e.el.snapshot.acd?.reason === 'Chat', 'the relayed state');
    await until(() => window.e2e.el.snapshot.acd?.reason === 'Chat', 'the leader’s own state');
    // The second tab's Omni change → relayed → the state POST on the one joined session.
    const posts = sim.statePosts().length;
    await second.evaluate(() => window.e2e.omni.agentSets('Away'));
    await wait(() => window.e2e.el.snapshot.acd?.reason === 'Lunch', 'written through the leader');
    const post = sim.statePosts().at(-1);
    assert.equal(sim.statePosts().length, posts + 1);
    assert.equal(post.path, `/InContactAPI/services/v23.0/agent-sessions/${session()}/state`);
    assert.deepEqual(post.body, { state: 'Unavailable', reason: 'Lunch' });
    assert.equal(sim.calls('POST', '/agent-sessions/join').length, joins, 'no second join');
    assert.equal(polls(), 1, 'one session polled');
    // A bare BroadcastChannel on the bridge's origin, in the same partition, holding no lock and
    // claiming an id no lock holds: its leader claim and its LoggedOut (with a seq that would
    // freeze later states) are refused. (One that copies real ids off the channel is not stopped:
    // the channel trusts the bridge's origin, docs/contract.md Details 43.)
    await bridgeFrameOf(second).evaluate((name) => {
      const forger = new BroadcastChannel(name);
      const envelope = { ns: 'presence-sync', v: 1 };
      forger.postMessage({
        kind: 'leader',
        from: 'forger',
        hello: {
          ...envelope,
          type: 'hello',
          role: 'agent',
          agent: { agentId: 'forged' },
          write: true,
        },
      });
      const loggedOut = { state: 'LoggedOut', reason: '', isAcw: false, since: 1 };
      forger.postMessage({
        kind: 'emit',
        from: 'forger',
        message: { ...envelope, type: 'state', state: loggedOut, seq: 9e15 },
      });
      forger.close();
    }, `presence-sync-cxone ${sim.origin} ${CLIENT}`);
    // A real change after the forgery: when it has arrived, the forgery would have too.
    sim.setState({ state: 'Available', reason: '', isAcw: false });
    await wait(() => window.e2e.el.snapshot.acd?.state === 'Available', 'a real change after it');
    const heard = JSON.stringify(await second.evaluate(() => window.e2e.heard));
    assert.equal(heard.includes('forged') || heard.includes('LoggedOut'), false);
    await frame.locator('#status', { hasText: 'through another console tab' }).waitFor();
    // The tab that polled closes: the second one, never signed in, asks the agent to connect.
    await page.close();
    await frame.locator('#connect:not([hidden])').waitFor();
    await wait(
      () =>
        window.e2e.el.snapshot.problems.some(
          (p) => p.code === 'agent-not-connected' && p.message.includes('Connect CXone'),
        ),
      'the widget says to connect',
    );
    await second.close();
    assert.deepEqual(pageErrors, []);
  });

  it('asks the agent to connect again when CXone refuses the sign-in for good', async () => {
    const context = await browser.newContext();
    // The bridge frame's window.open calls are recorded by the name each popup was given.
    await context.addInitScript(() => {
      const open = window.open.bind(window);
      window.popupNames = [];
      window.open = (url, name, features) => {
        window.popupNames.push(name);
        return open(url, name, features);
      };
    });
    const alone = await context.newPage();
    await alone.goto(widgetPage(bridgeUrl));
    const frame = alone.frameLocator('presence-sync iframe');
    await frame.locator('#status', { hasText: 'Not connected to CXone' }).waitFor();
    const popup = alone.waitForEvent('popup');
    await frame.locator('#connect:not([disabled])').click();
    await (await popup).waitForEvent('close');
    await frame.locator('#status', { hasText: 'Connected to CXone as agent 1001.' }).waitFor();
    // Every token is revoked: the next poll's refresh is refused, and the session stops.
    sim.expireTokens();
    sim.revokeAll();
    await frame.locator('#status', { hasText: 'The CXone sign-in has expired' }).waitFor();
    await frame.locator('#connect:not([hidden])').waitFor();
    await alone.waitForFunction(
      () => window.e2e.el.snapshot.problems.some((p) => p.message.includes('sign-in expired')),
      undefined,
      { timeout: 15_000 },
    );
    // The refused refresh token is not kept for a reload to replay.
    assert.equal(await kept(alone), null);
    // Connecting again opens a popup under a new name: no other page could have guessed either.
    const again = alone.waitForEvent('popup');
    await frame.locator('#connect:not([disabled])').click();
    await (await again).waitForEvent('close');
    await frame.locator('#status', { hasText: 'Connected to CXone as agent 1001.' }).waitFor();
    const names = await bridgeFrameOf(alone).evaluate(() => window.popupNames);
    assert.equal(names.length, 2);
    assert.notEqual(names[0], names[1]);
    for (const name of names) assert.match(name, /^presence-sync-cxone-[A-Za-z0-9_-]{22}$/);
    await context.close();
  });

  it('keeps the rotated refresh token, so a reload after a refresh signs in without asking; Disconnect forgets it', async () => {
    const alone = await (await browser.newContext()).newPage();
    await alone.goto(widgetPage(bridgeUrl));
    const frame = alone.frameLocator('presence-sync iframe');
    const popup = alone.waitForEvent('popup');
    await frame.locator('#connect:not([disabled])').click();
    await (await popup).waitForEvent('close');
    await frame.locator('#status', { hasText: 'Connected to CXone as agent 1001.' }).waitFor();
    const first = await kept(alone);
    assert.ok(first !== null && sim.issuedTokens().includes(first));
    // The access token expires: the next poll refreshes, which rotates the refresh token.
    sim.expireTokens();
    await bridgeFrameOf(alone).waitForFunction(
      (before) => sessionStorage.getItem('presence-sync-cxone-refresh') !== before,
      first,
      { timeout: 20_000 },
    );
    const rotated = await kept(alone);
    assert.ok(rotated !== null && sim.issuedTokens().includes(rotated));
    assert.equal(sim.issuedTokens().includes(first), false, 'the first one was spent');
    // A reload signs in with the rotated one: no Connect.
    await alone.reload();
    await frame.locator('#status', { hasText: 'Connected to CXone as agent 1001.' }).waitFor();
    assert.equal(await frame.locator('#connect').isHidden(), true);
    // Disconnect: polling stops, the token is forgotten, and a reload asks to connect.
    await frame.locator('#disconnect:not([hidden])').click();
    await frame.locator('#status', { hasText: 'Disconnected from CXone.' }).waitFor();
    await frame.locator('#connect:not([hidden])').waitFor();
    assert.equal(await kept(alone), null);
    await alone.reload();
    await frame.locator('#status', { hasText: 'Not connected to CXone' }).waitFor();
    await alone.close();
  });

  it('pins connect-src only from a 200 tenant discovery: an error answer naming a host pins nothing', async () => {
    const alone = await (await browser.newContext()).newPage();
    // The first tenant discovery fails with a body that names a host (one apiHostSuffixes allows,
    // but not this tenant's); the retry answers as CXone does.
    sim.tenantAnswers.push({
      status: 503,
      body: { api_endpoint: 'https://api-na1.niceincontact.com' },
    });
    await alone.goto(widgetPage(bridgeUrl));
    const frame = alone.frameLocator('presence-sync iframe');
    const popup = alone.waitForEvent('popup');
    await frame.locator('#connect:not([disabled])').click();
    await (await popup).waitForEvent('close');
    await frame
      .locator('#status', { hasText: 'Connected to CXone as agent 1001.' })
      .waitFor({ timeout: 20_000 });
    assert.equal(sim.tenantAnswers.length, 0, 'the failing answer was given');
    assert.deepEqual(
      await bridgeFrameOf(alone).evaluate(() =>
        [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')].map((meta) =>
          meta.content.split(';').find((part) => part.includes('connect-src')),
        ),
      ),
      [' connect-src *', `connect-src 'self' ${sim.origin}`],
    );
    await alone.close();
  });

  it('runs one of its own widget’s writes at a time and keeps only the newest waiting; the others are answered throttled', async () => {
    const alone = await (await browser.newContext()).newPage();
    await alone.goto(widgetPage(bridgeUrl));
    const frame = alone.frameLocator('presence-sync iframe');
    const popup = alone.waitForEvent('popup');
    await frame.locator('#connect:not([disabled])').click();
    await (await popup).waitForEvent('close');
    await frame.locator('#status', { hasText: 'Connected to CXone as agent 1001.' }).waitFor();
    sim.setState({ state: 'Available', reason: '', isAcw: false });
    await alone.waitForFunction(
      () => window.e2e.el.snapshot.acd?.state === 'Available',
      undefined,
      {
        timeout: 15_000,
      },
    );
    const posts = sim.statePosts().length;
    // Four setStates from the Salesforce page in one go, as a misbehaving widget could send them.
    await alone.evaluate((origin) => {
      const bridge = window.e2e.el.shadowRoot.querySelector('iframe').contentWindow;
      const targets = [
        { state: 'Unavailable', reason: 'Lunch' },
        { state: 'Available' },
        { state: 'Unavailable', reason: 'Lunch' },
        { state: 'Unavailable', reason: 'Chat' },
      ];
      targets.forEach((target, index) =>
        bridge.postMessage(
          { ns: 'presence-sync', v: 1, type: 'setState', id: `burst-${index + 1}`, target },
          origin,
        ),
      );
    }, new URL(bridgeUrl).origin);
    await alone.waitForFunction(
      () =>
        window.e2e.heard.filter((m) => m.type === 'result' && m.id.startsWith('burst-')).length ===
        4,
      undefined,
      { timeout: 15_000 },
    );
    const results = await alone.evaluate(() =>
      window.e2e.heard
        .filter((m) => m.type === 'result' && m.id.startsWith('burst-'))
        .map((m) => `${m.id}:${m.ok ? 'ok' : m.code}`),
    );
    assert.deepEqual(results, [
      'burst-2:throttled',
      'burst-3:throttled',
      'burst-1:ok',
      'burst-4:ok',
    ]);
    assert.deepEqual(
      sim
        .statePosts()
        .slice(posts)
        .map((post) => post.body),
      [
        { state: 'Unavailable', reason: 'Lunch' },
        { state: 'Unavailable', reason: 'Chat' },
      ],
    );
    await alone.close();
  });
});
