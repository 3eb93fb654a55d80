/// <reference types="node" />
// The widget's health reporter on a manual clock: when it reports (a burst coalesced, a heartbeat),
// who reports (the leader only), what a failure does (nothing to the sync; a retry at the next
// beat), a supervisor's resync (once), and the budget under any flapping (fast-check).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Problem } from '../../src/core/errors.js';
import type { Decision, Phase, SyncSnapshot } from '../../src/core/snapshot.js';
import {
  PRODUCT_VERSION,
  type HealthAnswer,
  type HealthPort,
  type HealthRecord,
} from '../../src/health/health.js';
import { COALESCE_MS, REPORT_TIMEOUT_MS, createHealthReporter } from '../../src/health/reporter.js';
import { ManualClock } from '../fakes/manual-clock.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function snapshot(
  phase: string,
  options: { leader?: boolean; problem?: Problem['code'] } = {},
): SyncSnapshot {
  return {
    phase: phase as Phase,
    salesforce: { id: '0N5xx0000000001', apiName: 'Available_for_Chats', label: 'Available' },
    acd: { state: 'Unavailable', reason: 'Lunch', isAcw: false },
    rule: 'Tier 1',
    leader: options.leader ?? true,
    problems: options.problem
      ? [{ code: options.problem, message: `${options.problem} happened`, recoverable: true }]
      : [],
    counters: {
      decisions: 0,
      writes: 0,
      echoes: 0,
      rejected: 0,
      retries: 0,
      driftRepairs: 0,
      partial: 0,
    },
  };
}

type Answer = 'ok' | 'fail' | 'hang' | 'resync';

/** An in-memory store behind the port: each report's time and record, answers by script. */
class FakeHealthStore implements HealthPort {
  readonly reports: Array<{ at: number; health: HealthRecord }> = [];
  next: Answer[] = [];
  constructor(private readonly clock: ManualClock) {}
  report(health: HealthRecord): Promise<HealthAnswer> {
    this.reports.push({ at: this.clock.now(), health });
    const answer = this.next.shift() ?? 'ok';
    if (answer === 'hang') return new Promise(() => undefined);
    if (answer === 'fail') return Promise.reject(new Error('Apex said no'));
    return Promise.resolve({ resyncRequested: answer === 'resync' });
  }
}

function world(heartbeatMin = 5) {
  const clock = new ManualClock();
  const store = new FakeHealthStore(clock);
  const logs: string[] = [];
  let resyncs = 0;
  const reporter = createHealthReporter({
    port: store,
    clock,
    heartbeatMin,
    version: '0.1.0',
    acdKind: 'cxone',
    mode: 'active',
    resync: async () => {
      resyncs += 1;
    },
    log: (message) => logs.push(message),
  });
  return { clock, store, reporter, logs, resyncs: () => resyncs };
}

describe('createHealthReporter()', () => {
  it('reports a burst of changes once, with the state it settled in', async () => {
    const { clock, store, reporter } = world();
    reporter.observe(snapshot('starting'));
    await clock.advance(1_000);
    reporter.observe(snapshot('syncing'));
    await clock.advance(1_000);
    reporter.observe(snapshot('error', { problem: 'omni-write-failed' }));
    await clock.advance(COALESCE_MS);
    assert.equal(store.reports.length, 1);
    assert.equal(store.reports[0]!.health.phase, 'error');
    assert.equal(store.reports[0]!.health.problemCode, 'omni-write-failed');
    assert.equal(store.reports[0]!.health.acdState, 'Unavailable/Lunch');
    assert.equal(store.reports[0]!.health.omniStatus, 'Available_for_Chats');
    assert.equal(store.reports[0]!.health.outOfSyncSince, 1_000_000);
  });

  it('sends nothing for a burst that ends where the last report left the store', async () => {
    const { clock, store, reporter } = world();
    reporter.observe(snapshot('in-sync'));
    await clock.advance(COALESCE_MS);
    assert.equal(store.reports.length, 1);
    reporter.observe(snapshot('syncing'));
    await clock.advance(300);
    reporter.observe(snapshot('in-sync'));
    await clock.advance(COALESCE_MS * 2);
    assert.equal(store.reports.length, 1);
    assert.equal(store.reports[0]!.health.outOfSyncSince, null);
  });

  it('beats every heartbeat-min minutes while nothing changes', async () => {
    const { clock, store, reporter } = world(5);
    reporter.observe(snapshot('in-sync'));
    await clock.advance(HOUR);
    const times = store.reports.map((report) => report.at - 1_000_000);
    assert.deepEqual(
      times,
      Array.from({ length: 12 }, (_, index) => COALESCE_MS + index * 5 * MINUTE),
    );
  });

  it('carries the newest decision', async () => {
    const { clock, store, reporter } = world();
    reporter.observe(snapshot('in-sync'));
    reporter.decided({ why: 'mapped', at: 999_000 } as Decision);
    await clock.advance(COALESCE_MS);
    assert.equal(store.reports[0]!.health.lastDecisionWhy, 'mapped');
    assert.equal(store.reports[0]!.health.lastDecisionAt, 999_000);
  });

  it('reports nothing from a follower tab, and reports when the tab comes to lead', async () => {
    const { clock, store, reporter } = world();
    reporter.observe(snapshot('follower', { leader: false }));
    await clock.advance(HOUR);
    assert.equal(store.reports.length, 0);
    reporter.observe(snapshot('in-sync'));
    await clock.advance(COALESCE_MS);
    assert.equal(store.reports.length, 1);
    reporter.observe(snapshot('follower', { leader: false }));
    await clock.advance(HOUR);
    assert.equal(store.reports.length, 1);
  });

  it('logs a failed report and tries again at the next heartbeat, not before', async () => {
    const { clock, store, reporter, logs, resyncs } = world(5);
    store.next = ['fail'];
    reporter.observe(snapshot('in-sync'));
    await clock.advance(COALESCE_MS);
    assert.equal(store.reports.length, 1);
    assert.match(logs[0]!, /Apex said no/);
    reporter.observe(snapshot('error', { problem: 'acd-write-failed' }));
    await clock.advance(5 * MINUTE - 1);
    assert.equal(store.reports.length, 1);
    await clock.advance(1);
    assert.equal(store.reports.length, 2);
    assert.equal(store.reports[1]!.health.phase, 'error');
    assert.equal(resyncs(), 0);
  });

  it('gives up on a report that never answers and beats again', async () => {
    const { clock, store, reporter, logs } = world(5);
    store.next = ['hang'];
    reporter.observe(snapshot('in-sync'));
    await clock.advance(COALESCE_MS + REPORT_TIMEOUT_MS);
    assert.match(logs[0]!, /no answer/);
    await clock.advance(5 * MINUTE);
    assert.equal(store.reports.length, 2);
  });

  it('resyncs once when the answer carries a request, and says so in the next report', async () => {
    const { clock, store, reporter, resyncs } = world(5);
    store.next = ['resync'];
    reporter.observe(snapshot('in-sync'));
    await clock.advance(COALESCE_MS);
    assert.equal(resyncs(), 1);
    await clock.advance(COALESCE_MS);
    assert.equal(store.reports.length, 2);
    assert.equal(store.reports[1]!.health.resyncedAt, 1_000_000 + COALESCE_MS);
    await clock.advance(HOUR);
    assert.equal(resyncs(), 1);
  });

  it('still resyncs when an answer carrying a request comes after the timeout', async () => {
    const { clock, store, reporter, resyncs } = world(5);
    let answer: (value: HealthAnswer) => void = () => undefined;
    store.report = (health) => {
      store.reports.push({ at: clock.now(), health });
      return new Promise((resolve) => (answer = resolve));
    };
    reporter.observe(snapshot('in-sync'));
    await clock.advance(COALESCE_MS + REPORT_TIMEOUT_MS + 1_000);
    answer({ resyncRequested: true });
    await clock.advance(0);
    assert.equal(resyncs(), 1);
  });

  it('stops when disposed', async () => {
    const { clock, store, reporter } = world();
    reporter.observe(snapshot('in-sync'));
    reporter.dispose();
    await clock.advance(HOUR);
    assert.equal(store.reports.length, 0);
  });
});

const PHASES = ['in-sync', 'syncing', 'deferred', 'error', 'paused', 'not-mapped', 'waiting'];
const PROBLEMS: Array<Problem['code'] | undefined> = [
  undefined,
  'acd-write-failed',
  'agent-timeout',
  'duplicate-login',
];
const event = fc.record({
  // Mostly a storm (a change every few seconds), sometimes a lull.
  wait: fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 20_000 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 10 * MINUTE }) },
  ),
  phase: fc.constantFrom(...PHASES),
  problem: fc.constantFrom(...PROBLEMS),
  leader: fc.nat(30).map((n) => n > 0),
});

describe('the health budget', () => {
  it('never sends more than 20 reports in any hour, and a leader never goes quiet for more than a beat', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 1, maxLength: 600 }),
        fc.array(fc.constantFrom<Answer>('ok', 'ok', 'ok', 'fail', 'hang', 'resync'), {
          maxLength: 40,
        }),
        fc.constantFrom(4, 5, 10, 60),
        async (events, answers, heartbeatMin) => {
          const { clock, store, reporter } = world(heartbeatMin);
          store.next = [...answers];
          let leaderSince: number | null = null;
          const quiet: Array<[number, number]> = [];
          for (const step of events) {
            await clock.advance(step.wait);
            if (step.leader) leaderSince ??= clock.now();
            else leaderSince = null;
            reporter.observe(snapshot(step.phase, { leader: step.leader, problem: step.problem }));
            if (leaderSince !== null) quiet.push([leaderSince, clock.now()]);
          }
          await clock.advance(2 * HOUR);
          const times = store.reports.map((report) => report.at);
          for (let i = 0; i < times.length; i += 1) {
            const inHour = times.filter((t) => t >= times[i]! && t < times[i]! + HOUR).length;
            assert.ok(inHour <= 20, `${inHour} reports in the hour from ${times[i]}`);
          }
          // Between two points a leader was leading throughout, reports are at most one beat
          // (plus a hung report's timeout and the first burst's coalescing) apart.
          const allowed = heartbeatMin * MINUTE + REPORT_TIMEOUT_MS + COALESCE_MS;
          for (const [from, to] of quiet) {
            if (to - from < allowed) continue;
            const sent = [from, ...times.filter((t) => t > from && t <= to), to];
            for (let i = 1; i < sent.length; i += 1)
              assert.ok(
                sent[i]! - sent[i - 1]! <= allowed,
                `quiet for ${sent[i]! - sent[i - 1]!} ms while leading`,
              );
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('tells the store the state each flap settles in, within a beat of the last change', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 200 }), async (events) => {
        const { clock, store, reporter } = world(5);
        let last = snapshot('in-sync');
        for (const step of events) {
          await clock.advance(step.wait);
          last = snapshot(step.phase, { problem: step.problem });
          reporter.observe(last);
        }
        await clock.advance(5 * MINUTE);
        const newest = store.reports.at(-1)!.health;
        assert.equal(newest.phase, last.phase);
        assert.equal(newest.problemCode, last.problems[0]?.code ?? null);
      }),
      { numRuns: 150 },
    );
  });
});

describe('PRODUCT_VERSION', () => {
  it('is the package version', async () => {
    const { readFileSync } = await import('node:fs');
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    assert.equal(PRODUCT_VERSION, pkg.version);
  });
});
