// End-to-end: the demo harness in real Chromium (playwright-core driving the system Chromium).
// Each scenario button is clicked in the real page; the final states are read from both simulated
// sides: the Omni-Channel widget's status line and the agent app's own display in its iframe.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchProductionChromium } from '../../scripts/chrome.js';
import { SITES } from '../../scripts/topology.js';
import { startTopology } from './topology.mjs';

let server;
let browser;
let page;
const pageErrors = [];

before(async () => {
  // The demo page on the Salesforce host: its dev server then names the agent app, the CXone bridge
  // and the CXone simulator by their own hosts, each on its own site (scripts/topology.js).
  const started = await startTopology();
  server = started.server;
  browser = await launchProductionChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(`${started.salesforce}/demo/`);
  await page.waitForFunction(() => window.demo?.ready === true);
  // The tests read end states: the steps need no time to be seen.
  await page.selectOption('#speed', '0');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Switches the demo's dialect and waits for its new world (a new "dialect" line in the log). */
async function dialect(name) {
  const said = () =>
    [...document.querySelectorAll('#log li')].filter((item) =>
      item.textContent.includes('agent app dialect:'),
    ).length;
  const before = await page.evaluate(said);
  await page.selectOption('#dialect', name);
  await page.waitForFunction(
    ([count, wanted]) => {
      const lines = [...document.querySelectorAll('#log li')]
        .map((item) => item.textContent)
        .filter((line) => line.includes('agent app dialect:'));
      return lines.length > count && lines.at(-1).endsWith(`agent app dialect: ${wanted}`);
    },
    [before, name],
    { timeout: 20_000 },
  );
}

/**
 * Clicks a scenario button as the page's own click: the panel and the scenario notes redraw as
 * the world settles, and a pointer click can land beside a button that just moved.
 */
const press = (name) =>
  page.evaluate((scenario) => {
    const button = document.querySelector(`[data-scenario=${scenario}]`);
    if (button.disabled) throw new Error(`${scenario} is disabled: ${button.dataset.reason}`);
    button.click();
  }, name);

async function play(name) {
  await press(name);
  await page
    .waitForFunction(
      (scenario) =>
        /^(done|failed):/.test(document.getElementById('scenario-status').dataset.state ?? '') &&
        document.getElementById('scenario-status').dataset.state.endsWith(scenario),
      name,
      { timeout: 30_000 },
    )
    .catch(async (error) => {
      // Say where it stood: the status line and the log's last lines.
      const where = await page.evaluate(() =>
        [
          document.getElementById('scenario-status').textContent,
          ...[...document.querySelectorAll('#log li')].slice(-15).map((item) => item.textContent),
        ].join('\n'),
      );
      throw new Error(`${name}: ${error.message}\n${where}`);
    });
  assert.equal(
    await page.locator('#scenario-status').getAttribute('data-state'),
    `done:${name}`,
    await page.locator('#scenario-status').textContent(),
  );
}

const omniStatus = () => page.locator('#omni-status').getAttribute('data-api-name');
const agentState = () => page.frameLocator('#agent-frame iframe').locator('#state').textContent();
const phase = () => page.evaluate(() => window.demo.world.el.snapshot.phase);

describe('the demo harness', () => {
  it('runs its agent app and its third origin on their own sites', async () => {
    const origins = await page.evaluate(() => window.demo.origins);
    assert.equal(new URL(origins.agent).hostname, SITES.agent);
    assert.equal(new URL(origins.third).hostname, SITES.third);
  });

  it("plays Elinor's rule both ways", async () => {
    await play('elinor');
    // Nothing red in the log, and no rule was chosen for nobody while the agent app started.
    assert.equal(await page.locator('#log li.error').count(), 0);
    assert.doesNotMatch(await page.locator('#log').textContent(), /rules-no-match/);
    assert.equal(await omniStatus(), 'Available_for_Chats');
    assert.equal(await agentState(), 'Available');
    assert.equal(await phase(), 'in-sync');
  });

  it('restores the previous state after a chat with Chat Done', async () => {
    await play('previous');
    assert.equal(await omniStatus(), 'Chat_Done');
    assert.equal(await agentState(), 'Available');
  });

  it('defers a status change made during a call and applies it after', async () => {
    await play('deferral');
    assert.equal(await omniStatus(), 'Away');
    assert.equal(await agentState(), 'Unavailable/Lunch');
  });

  it('sets the omni-work state at capacity and restores below it', async () => {
    await play('capacity');
    assert.equal(await agentState(), 'Available');
    const whys = await page.evaluate(() =>
      [...document.querySelectorAll('#log li')].map((item) => item.textContent),
    );
    assert.ok(
      whys.some((line) => line.includes('omni-work ')),
      'an omni-work decision is logged',
    );
  });

  it('settles a conflict with the latest change', async () => {
    await play('conflict');
    assert.equal(await omniStatus(), 'Available_for_Chats');
    assert.equal(await agentState(), 'Available');
  });

  it('shows a conflict’s loser with authority acd or salesforce, and says so before it runs', async () => {
    for (const [authority, omni, agent] of [
      ['acd', 'Away', 'Unavailable/Lunch'],
      ['salesforce', 'Away', 'Unavailable/Lunch'],
    ]) {
      await page.selectOption('#authority', authority);
      assert.match(
        await page.locator('[data-scenario-reason=conflict]').textContent(),
        new RegExp(`authority="${authority}".*loses \\(conflict-lost\\)`),
      );
      await play('conflict');
      assert.equal(await omniStatus(), omni);
      assert.equal(await agentState(), agent);
      const log = await page.locator('#log').textContent();
      assert.match(log, /conflict-lost/);
    }
    await page.selectOption('#authority', 'latest');
  });

  it('plays every scenario in every dialect to its end, or disables it with the reason', async () => {
    const names = await page.evaluate(() => window.demo.scenarios);
    const seen = {};
    for (const name of ['bridge', 'cxone-client-events', 'cxone', 'webex']) {
      await dialect(name);
      for (const scenario of names) {
        const button = page.locator(`[data-scenario=${scenario}]`);
        if (await button.isDisabled()) {
          const reason = await button.getAttribute('data-reason');
          assert.ok(reason && reason.length > 10, `${name} ${scenario}: a reason`);
          assert.equal(
            await page.locator(`[data-scenario-reason=${scenario}]`).textContent(),
            reason,
          );
          seen[`${name} ${scenario}`] = 'disabled';
        } else {
          await play(scenario);
          seen[`${name} ${scenario}`] = 'done';
        }
      }
    }
    // The read-only dialect can run the one scenario that writes only to Omni-Channel.
    assert.equal(seen['cxone-client-events duplicate'], 'done');
    assert.equal(seen['cxone-client-events elinor'], 'disabled');
    assert.equal(seen['bridge elinor'], 'done');
    assert.equal(seen['webex elinor'], 'disabled');
    await dialect('bridge');
  });

  it('stops a stuck scenario at its timeout, and the next one still runs', async () => {
    await page.evaluate(() => {
      window.demo.timeoutMs = 3000;
      window.demo.nextAgentSilent = true;
    });
    // Clicked back to back: the second waits for the first, which never ends by itself.
    await press('elinor');
    await press('duplicate');
    await page.waitForFunction(
      () => document.getElementById('scenario-status').dataset.state === 'done:duplicate',
      undefined,
      { timeout: 30_000 },
    );
    const outcomes = await page.evaluate(() =>
      [...document.querySelectorAll('#log li')]
        .map((item) => item.textContent)
        .filter((line) => / demo: (done|failed): /.test(line)),
    );
    assert.match(
      outcomes.at(-2),
      /failed: Elinor's rule.*: timed out after 3 s/,
      outcomes.join('\n'),
    );
    assert.match(outcomes.at(-1), /done: A duplicate login/);
    assert.match(
      await page.evaluate(() =>
        [...document.querySelectorAll('#log li')].map((item) => item.textContent).join('\n'),
      ),
      /step: Omni-Channel is opened in another browser/,
    );
    await page.evaluate(() => {
      window.demo.timeoutMs = 20_000;
    });
  });

  it('ignores a forged Available from a third origin', async () => {
    await play('forged');
    assert.equal(await omniStatus(), 'Away');
    assert.equal(await agentState(), 'Unavailable/Lunch');
    const alert = await page.locator('presence-sync').locator('[role=alert]').first().textContent();
    assert.match(alert, /origin-refused/);
  });

  it('stops writing to Omni-Channel after a duplicate login', async () => {
    await play('duplicate');
    assert.equal(await omniStatus(), 'Offline');
    assert.equal(await agentState(), 'Unavailable/Lunch');
    assert.equal(await page.evaluate(() => window.demo.world.omni.calls.length), 1);
  });

  it('shows rule errors inline as you type, with their path', async () => {
    await page.fill(
      '#rule',
      '{"version": 1, "rules": [{"name": "x", "publisher": [{"acd": "PreviousState", "salesforce": "Away"}], "subscriber": []}]}',
    );
    const problems = await page.locator('#rule-problems li').allTextContents();
    assert.ok(
      problems.some((line) => line.startsWith('rules[0].publisher[0].acd')),
      problems.join('\n'),
    );
    // A status typo is found as you type, as Apply finds it, with the path once and a suggestion.
    const typo = JSON.parse(await page.evaluate(() => JSON.stringify(window.demo.world.el.rules)));
    const text = typeof typo === 'string' ? typo : JSON.stringify(typo);
    await page.fill('#rule', text.replace('"salesforce": "Away"', '"salesforce": "Awayy"'));
    const found = await page.locator('#rule-problems li').allTextContents();
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /^rules\[0\]\.publisher\[2\]\.salesforce: [^[]*did you mean "Away"\?$/);
    assert.equal(await page.locator('#rule-ok').textContent(), '');
  });

  it('shows the package’s rule records as Setup lists them, uses them, and names the record of a problem', async () => {
    const rows = page.locator('#setup table[data-type=Presence_Sync_Row__mdt] tr[data-record]');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 9, 'the Elinor rule set has eight rows and a timeout');
    await page.click('#setup-use');
    const used = JSON.parse(await page.locator('#rule').inputValue());
    assert.deepEqual(used, {
      version: 1,
      rules: [
        {
          name: 'Chat and voice',
          teams: [],
          users: [],
          skipUnavailableCodeValidation: false,
          publisher: [
            { acd: 'Available', salesforce: 'Available_for_Chats' },
            { acd: 'InboundContact', salesforce: 'Busy_On_Call' },
            { acd: 'Unavailable/Lunch', salesforce: 'Away' },
            { acd: 'LoggedOut', salesforce: 'Offline' },
          ],
          subscriber: [
            { salesforce: 'Available_for_Chats', acd: 'Available' },
            { salesforce: 'Away', acd: 'Unavailable/Lunch' },
            { salesforce: 'Chat_Done', acd: 'PreviousState' },
            { salesforce: 'Offline', acd: 'Unavailable' },
          ],
          omniWork: { atPercent: 100, acd: 'Unavailable/Chat' },
          timeouts: [{ acd: 'Unavailable/Lunch', minutes: 60, then: 'notify' }],
        },
      ],
    });
    await page.waitForFunction(() => window.demo.world.el.snapshot.rule === 'Chat and voice');
    assert.equal(await page.locator('#setup-notices li').count(), 0);
    // The admin mistypes a status in one row: the problem names that record and field.
    await page.fill('[aria-label="On a call → Busy on call: Salesforce Status"]', 'Busy_On_Cal');
    await page.click('#setup-use');
    await page.locator('#setup-notices li').first().waitFor();
    assert.match(
      await page.locator('#setup-notices li').first().textContent(),
      /^Fix the Presence Sync Row "On a call → Busy on call" \(Elinor_Pub_2\), field Salesforce Status: .*Busy_On_Cal/,
    );
    // Put right again.
    await page.fill('[aria-label="On a call → Busy on call: Salesforce Status"]', 'Busy_On_Call');
    await page.click('#setup-use');
    await page.waitForFunction(() => document.querySelectorAll('#setup-notices li').length === 0);
  });

  it('runs the real CXone bridge against the simulated CXone API, signed in through its popup', async () => {
    await page.selectOption('#dialect', 'cxone');
    await page.waitForFunction(() => !document.getElementById('cxone-controls').hidden);
    const bridge = page.frameLocator('presence-sync iframe');
    // The bridge page has run and offers the sign-in (a click on its button before its script ran
    // could wait on the page's initial, hidden button).
    await bridge.locator('#status', { hasText: 'Not connected to CXone' }).waitFor();
    const popup = page.waitForEvent('popup');
    await bridge.locator('#connect:not([disabled])').click();
    await (await popup).waitForEvent('close');
    await bridge.locator('#status', { hasText: 'Connected to CXone as agent 1001.' }).waitFor();
    // Agent Embedded sets Available: Omni-Channel follows; Omni-Channel set to Away: CXone follows.
    await page.selectOption('#cxone-state', 'Available');
    await page.click('[data-cxone=state]');
    await page.waitForFunction(() =>
      window.demo.world.omni.calls.includes('set:Available_for_Chats'),
    );
    await page.evaluate(() => window.demo.world.omni.agentSets('Away'));
    await page.waitForFunction(() => window.demo.world.el.snapshot.acd?.reason === 'Lunch');
    await page.click('[data-cxone=call]');
    await page.locator('#cxone-status', { hasText: 'InboundContact' }).waitFor();
    const posts = await page.evaluate(async () => {
      const { issuer } = await (await fetch('/__cxone')).json();
      return (await (await fetch(`${issuer}/__sim/status`)).json()).posts;
    });
    assert.deepEqual(posts, [{ state: 'Unavailable', reason: 'Lunch' }]);
    await page.selectOption('#dialect', 'bridge');
  });

  it('runs the real Webex relay under the simulated Desktop, with the seed’s settings as the rule', async () => {
    await page.selectOption('#dialect', 'webex');
    await page.waitForFunction(() => !document.getElementById('webex-controls').hidden);
    // The three settings make the rule, shown in the editor and applied.
    await page.selectOption('#webex-call-status', 'Busy_On_Call');
    await page.selectOption('#webex-idle-code', 'Chat');
    await page.click('#webex-settings button[type=submit]');
    const rule = JSON.parse(await page.inputValue('#rule')).rules[0];
    assert.deepEqual(rule.acdWork, { salesforce: 'Busy_On_Call', acw: true });
    assert.deepEqual(rule.omniWork, { atPercent: 0.01, acd: 'Unavailable/Chat' });
    await page.waitForFunction(() => window.demo.world.el.snapshot.phase === 'in-sync');
    // The agent picks Lunch in the Desktop: Omni-Channel follows; a voice call: busy on the call.
    await page.selectOption('#webex-state', 'Lunch');
    await page.click('[data-webex=agentSets]');
    await page.waitForFunction(() => window.demo.world.omni.calls.includes('set:Away'));
    await page.click('[data-webex=call]');
    await page.waitForFunction(() => window.demo.world.omni.calls.at(-1) === 'set:Busy_On_Call');
    await page.click('[data-webex=endCall]');
    await page.click('[data-webex=wrappedUp]');
    await page.waitForFunction(() => window.demo.world.omni.calls.at(-1) === 'set:Away');
    await page.selectOption('#dialect', 'bridge');
  });

  it('ends the 30-minute lunch in seconds at 600× on the clock speed control', async () => {
    // The Webex test left for the bridge dialect: its world is built once the agent app is there.
    await page.waitForFunction(
      () =>
        document.getElementById('dialect').value === 'bridge' &&
        window.demo.world.agent !== null &&
        window.demo.world.el.isConnected,
    );
    await page.evaluate(() => window.demo.world.agent.run({ cmd: 'set', state: 'Available' }));
    await page.waitForFunction(() => {
      const snapshot = window.demo.world.el.snapshot;
      return snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === 'Available_for_Chats';
    });
    // The lunch: the rule's timeouts end Away after 30 minutes; the panel lists it.
    await page.evaluate(() => window.demo.world.omni.agentSets('Away'));
    await page.waitForFunction(() =>
      [...window.demo.world.el.shadowRoot.querySelectorAll('[part=deadlines] li')].some((line) =>
        /^Away until .+, then Available for Chats/.test(line.textContent),
      ),
    );
    const calls = await page.evaluate(() => window.demo.world.omni.calls.length);
    await page.selectOption('#clock-speed', '600');
    try {
      // 30 minutes at 600× is 3 s; at 1× this would wait half an hour.
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('#log li')].some((line) =>
            / timed-out ok: .*; set salesforce to Available_for_Chats/.test(line.textContent),
          ),
        null,
        { timeout: 20_000 },
      );
    } finally {
      await page.selectOption('#clock-speed', '1');
    }
    const after = await page.evaluate((count) => window.demo.world.omni.calls.slice(count), calls);
    assert.equal(after[0], 'set:Available_for_Chats');
  });

  it('closes the tab in the CXone dialect: the bridge sets session-end in CXone as its frame goes', async () => {
    await page.selectOption('#dialect', 'cxone');
    await page.waitForFunction(() => !document.getElementById('cxone-controls').hidden);
    const bridge = page.frameLocator('presence-sync iframe');
    const status = bridge.locator('#status');
    await status
      .filter({ hasText: /Not connected to CXone|Connected to CXone as agent/ })
      .waitFor();
    if (/Not connected/.test(await status.textContent())) {
      const popup = page.waitForEvent('popup');
      await bridge.locator('#connect:not([disabled])').click();
      await (await popup).waitForEvent('close');
    }
    await status.filter({ hasText: 'Connected to CXone as agent 1001.' }).waitFor();
    const sim = (path, body) =>
      page.evaluate(
        async ([where, what]) => {
          const { issuer } = await (await fetch('/__cxone')).json();
          const response = await fetch(`${issuer}/__sim/${where}`, {
            method: what === undefined ? 'GET' : 'POST',
            ...(what === undefined ? {} : { body: JSON.stringify(what) }),
          });
          return response.json();
        },
        [path, body],
      );
    // The previous test left a call: it ends, and the agent is Available and in sync.
    await sim('hangup', { reason: 'Wrap' });
    await sim('acw-done', {});
    await sim('state', { state: 'Available', reason: '' });
    await page.waitForFunction(() => {
      const snapshot = window.demo.world.el.snapshot;
      return snapshot.phase === 'in-sync' && snapshot.acd?.state === 'Available';
    });
    // The element arms the bridge once it counted itself the only console tab.
    await bridge.locator('html[data-session-end="Unavailable"]').waitFor({ state: 'attached' });
    const before = (await sim('status')).posts.length;
    await page.click('#close-tab');
    await page.waitForFunction(() => !window.demo.world.el.isConnected);
    // session-end="Unavailable": the bridge's pagehide sends one keepalive state POST. The
    // simulator is a Node object behind HTTP: asked again until it says, within 15 s.
    const deadline = Date.now() + 15_000;
    let after = await sim('status');
    while (after.posts.length === before && Date.now() < deadline) after = await sim('status');
    assert.deepEqual(after.posts.slice(before), [{ state: 'Unavailable', reason: '' }]);
    assert.equal(after.state.state, 'Unavailable');
    await page.click('#close-tab');
    await page.waitForFunction(() => window.demo.world.el.isConnected);
    await page.selectOption('#dialect', 'bridge');
  });

  it('sets the idle status when the agent walks away, and says so in the panel', async () => {
    await page.waitForFunction(
      () =>
        document.getElementById('dialect').value === 'bridge' &&
        window.demo.world.agent !== null &&
        window.demo.world.el.isConnected,
    );
    await page.evaluate(() => window.demo.world.agent.run({ cmd: 'set', state: 'Available' }));
    await page.waitForFunction(() => {
      const snapshot = window.demo.world.el.snapshot;
      return snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === 'Available_for_Chats';
    });
    // Idle after 15 minutes without input: the button skips 16 on the element's clock.
    await page.click('#walk-away');
    await page.waitForFunction(() => window.demo.world.omni.calls.at(-1) === 'set:Training');
    await page.waitForFunction(
      () =>
        window.demo.world.el.shadowRoot.querySelector('[part=deadlines] [data-idle]')
          ?.textContent === 'Set to idle: no input for a while. Your next choice stands.',
    );
    assert.ok(
      await page.evaluate(() =>
        [...document.querySelectorAll('#log li')].some((line) =>
          / idle (ok|pending): .*; set salesforce to Training/.test(line.textContent),
        ),
      ),
    );
  });

  it('raised no page error', () => {
    assert.deepEqual(pageErrors, []);
  });
});
