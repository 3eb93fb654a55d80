// The built IIFE in Salesforce's Lightning Web Security sandbox (test/e2e/lws-widget.ts) with a
// host-given `agentWindow` whose cross-site frame is still loading when it is handed over, in the
// production topology: every page load must start (the agent app answers the element's hello) and
// sync, with no DataCloneError and no page error.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchProductionChromium } from '../../scripts/chrome.js';
import { startTopology } from './topology.mjs';

const LOADS = 50;
let origins;
let browser;

before(async () => {
  origins = await startTopology();
  browser = await launchProductionChromium();
});

after(async () => {
  await browser?.close();
  await origins?.server.stop();
});

describe('a host-given agentWindow under LWS', () => {
  it(`starts and syncs on each of ${LOADS} page loads, with no DataCloneError`, async () => {
    const page = await browser.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    // The simulated agent app speaks only when spoken to: it starts only if the element's hello
    // reaches it.
    const agent = `${origins.webex}/test/fakes/agent-app.html?protocol=bridge&widget=${encodeURIComponent(origins.salesforce)}`;
    const url = `${origins.salesforce}/test/e2e/lws-widget.html?agent=${encodeURIComponent(agent)}`;
    const failures = [];
    for (let load = 0; load < LOADS; load += 1) {
      await page.goto(url);
      const outcome = await page
        .waitForFunction(
          () => {
            const snapshot = window.e2e.el?.snapshot;
            if (snapshot?.problems.length > 0 || window.e2e.errors.length > 0) return 'problem';
            // Started: the agent app answered the element's hello. Leading and in sync too: the
            // page before this load may still hold the user's leader lock for a moment, and an Omni
            // change before the start is read as the starting state, not synced (startup none).
            // The Webex rule maps no plain state, so a start with nothing to write reads
            // `not-mapped` (docs/contract.md Details 46), as truthfully as `in-sync`.
            return snapshot?.acd !== null &&
              snapshot?.acd !== undefined &&
              snapshot.leader &&
              ['in-sync', 'not-mapped'].includes(snapshot.phase)
              ? 'started'
              : false;
          },
          undefined,
          { timeout: 10_000 },
        )
        .then((handle) => handle.jsonValue())
        .catch(() => 'silent');
      if (outcome === 'started') {
        // Omni-Channel → the agent app: the element's posts reach the frame after the start too.
        await page.evaluate(() => window.e2e.omni.agentSets('Available_for_Chats'));
        await page
          .waitForFunction(() => window.e2e.el.snapshot.acd?.state === 'Available', undefined, {
            timeout: 10_000,
          })
          .catch(async () =>
            failures.push({
              load,
              outcome: 'no write',
              snapshot: await page.evaluate(() => JSON.stringify(window.e2e.el.snapshot)),
            }),
          );
      } else {
        failures.push({
          load,
          outcome,
          problems: await page.evaluate(() => [
            ...window.e2e.errors,
            ...(window.e2e.el?.snapshot.problems.map((problem) => problem.message) ?? []),
          ]),
        });
      }
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(pageErrors, []);
    await page.close();
  });
});
