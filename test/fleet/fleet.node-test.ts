/// <reference types="node" />
// A simulated floor: 500 real engines for 8 hours on one clock, each leader reporting its health
// into an in-memory store, with faults injected (an ACD outage, refused writes, a duplicate-login
// logout, flapping statuses, a tab that dies without a word) and a board refreshing every 30 s.
// It shows what a supervisor relies on: each fault on the board within one report and one refresh,
// each silent agent flagged within 2.5 heartbeats and no living one ever, the report budget held
// for every agent, and the same sync decisions with reporting on as with it off.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify, type AgentView } from '../../src/board/classify.js';
import { parseFleetRow, type FleetRow } from '../../src/board/fleet.js';
import { BUDGET } from '../../src/health/budget.js';
import { COALESCE_MS } from '../../src/health/reporter.js';
import {
  createFleet,
  FAULT_PROBLEM,
  random,
  type FaultKind,
  type SimAgent,
} from '../fakes/fleet.js';
import { MemoryHealthStore } from '../fakes/health-store.js';
import { HeapClock } from '../fakes/heap-clock.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SIZE = 500;
const HOURS = 8;
const HEARTBEAT_MIN = 5;
const REFRESH_MS = 30_000;
const SEED = 20_261_206;
/** One report: its burst coalesced, then at worst a wait for a budget token (one per 3.75 min). */
const ONE_REPORT_MS = COALESCE_MS + HOUR / BUDGET.refillPerHour;

interface Injection {
  readonly sim: SimAgent;
  readonly kind: FaultKind;
  readonly at: number;
  /** When the fault was first in the agent's own snapshot. */
  visibleAt: number | null;
  /** When the board first showed it. */
  shownAt: number | null;
}

/** The plan of faults: which agent, what, when (the same for both runs). */
function plan(): Array<{ index: number; kind: FaultKind; at: number }> {
  const next = random(SEED);
  const kinds: Array<[FaultKind, number]> = [
    ['acd-outage', 40],
    ['refused-writes', 40],
    ['logout', 40],
    ['flapping', 40],
    ['dead-tab', 30],
  ];
  const used = new Set<number>();
  const faults: Array<{ index: number; kind: FaultKind; at: number }> = [];
  for (const [kind, count] of kinds) {
    for (let n = 0; n < count; n += 1) {
      let index = Math.floor(next() * SIZE);
      while (used.has(index)) index = (index + 1) % SIZE;
      used.add(index);
      faults.push({ index, kind, at: Math.round(30 * MINUTE + next() * 7 * HOUR) });
    }
  }
  return faults.sort((a, b) => a.at - b.at);
}

async function run(reporting: boolean) {
  const clock = new HeapClock(Date.UTC(2026, 0, 5, 8));
  const start = clock.now();
  const store = reporting ? new MemoryHealthStore(clock) : null;
  const fleet = createFleet({ clock, size: SIZE, seed: SEED, store, heartbeatMin: HEARTBEAT_MIN });
  const faults = plan();
  const injections: Injection[] = [];
  const diedAt = new Map<string, number>();
  const falseSilence: string[] = [];
  const rejectedRows: string[] = [];
  let views: AgentView[] = [];
  const checked = new Map<string, { key: string; row: FleetRow }>();
  for (const fault of faults) {
    clock.setTimeout(() => {
      const sim = fleet.agents[fault.index]!;
      const injection: Injection = {
        sim,
        kind: fault.kind,
        at: clock.now(),
        visibleAt: null,
        shownAt: null,
      };
      injections.push(injection);
      const code = FAULT_PROBLEM[fault.kind];
      if (code !== null) {
        const watch = sim.engine.snapshot$.subscribe((snapshot) => {
          if (snapshot.problems[0]?.code === code) {
            injection.visibleAt ??= clock.now();
            queueMicrotask(() => watch.unsubscribe());
          }
        });
      }
      if (fault.kind === 'dead-tab') diedAt.set(sim.userId, clock.now());
      fleet.inject(sim, fault.kind);
    }, fault.at);
  }
  // The board: every 30 s it lists the store and classifies each row.
  for (let t = 0; t < HOURS * HOUR; t += REFRESH_MS) {
    await clock.advance(REFRESH_MS);
    if (!store) continue;
    const now = clock.now();
    const rows: FleetRow[] = [];
    (await store.list()).forEach((value, index) => {
      // Each new report passes the board's guard once; an unchanged row is the one checked before.
      const { heartbeatAt, resyncRequestedAt } = value as FleetRow;
      const key = `${heartbeatAt}:${resyncRequestedAt}`;
      const known = checked.get((value as FleetRow).userId);
      if (known?.key === key) return void rows.push(known.row);
      const parsed = parseFleetRow(value, index);
      if (parsed.ok) {
        rows.push(parsed.row);
        checked.set(parsed.row.userId, { key, row: parsed.row });
      } else rejectedRows.push(parsed.problem);
    });
    views = rows.map((row) => classify(row, now));
    const byUser = new Map(views.map((view) => [view.row.userId, view]));
    for (const view of views)
      if (view.silent && !diedAt.has(view.row.userId)) falseSilence.push(view.row.name);
    for (const injection of injections) {
      if (injection.shownAt !== null) continue;
      const view = byUser.get(injection.sim.userId);
      if (!view) continue;
      const code = FAULT_PROBLEM[injection.kind];
      const shown =
        injection.kind === 'dead-tab'
          ? view.standing === 'silent'
          : code !== null && view.row.problemCode === code && view.standing === 'attention';
      if (shown) injection.shownAt = now;
    }
  }
  const end = clock.now();
  fleet.dispose();
  const decisions = fleet.agents.map((sim) =>
    [...sim.decisions.values()].map((decision) => JSON.stringify(decision)),
  );
  return { store, injections, diedAt, falseSilence, rejectedRows, decisions, start, end, views };
}

describe('a simulated floor of 500 agents over 8 hours', () => {
  // Two floors of 500 engines for 8 simulated hours take seconds of CPU, more on a loaded machine.
  it(
    'shows every fault in time, flags every silent agent, keeps the budget, and changes no decision',
    { timeout: 240_000 },
    async () => {
      const on = await run(true);
      assert.deepEqual(on.rejectedRows, [], 'every stored row passes the board’s guard');
      assert.equal(on.injections.length, 190);

      // Every problem fault reaches the board within one report and one refresh of the agent seeing it.
      for (const injection of on.injections.filter((i) => FAULT_PROBLEM[i.kind] !== null)) {
        const label = `${injection.kind} on ${injection.sim.name}`;
        assert.notEqual(
          injection.visibleAt,
          null,
          `${label}: never in the agent's snapshot (${JSON.stringify(injection.sim.engine.snapshot)})`,
        );
        assert.notEqual(injection.shownAt, null, `${label}: never on the board`);
        assert.ok(
          injection.shownAt! - injection.visibleAt! <= ONE_REPORT_MS + REFRESH_MS,
          `${label}: on the board ${(injection.shownAt! - injection.visibleAt!) / 1000} s after the agent saw it`,
        );
      }

      // Every dead tab is flagged silent within 2.5 heartbeats (and one refresh); no living one ever is.
      for (const injection of on.injections.filter((i) => i.kind === 'dead-tab')) {
        assert.notEqual(injection.shownAt, null, `${injection.sim.name} never flagged silent`);
        assert.ok(
          injection.shownAt! - injection.at <= 2.5 * HEARTBEAT_MIN * MINUTE + REFRESH_MS,
          `${injection.sim.name} flagged ${(injection.shownAt! - injection.at) / 1000} s after dying`,
        );
      }
      assert.deepEqual(on.falseSilence, []);

      // The budget: at most 20 reports in any hour for every agent; the median rate at most 14.
      const times = new Map<string, number[]>();
      for (const entry of on.store!.log) {
        const list = times.get(entry.userId) ?? [];
        list.push(entry.at);
        times.set(entry.userId, list);
      }
      const rates: number[] = [];
      for (const sim of on.injections.length ? on.views.map((view) => view.row) : []) {
        const list = times.get(sim.userId) ?? [];
        for (let i = 0; i < list.length; i += 1) {
          const inHour = list.filter((t) => t >= list[i]! && t < list[i]! + HOUR).length;
          assert.ok(inHour <= 20, `${sim.name}: ${inHour} reports in one hour`);
        }
        const lived = (on.diedAt.get(sim.userId) ?? on.end) - on.start;
        rates.push(list.length / (lived / HOUR));
      }
      assert.equal(rates.length, SIZE);
      rates.sort((a, b) => a - b);
      const median = rates[Math.floor(rates.length / 2)]!;
      assert.ok(median <= 14, `median ${median} reports per agent-hour`);
      assert.ok(median >= 11, `median ${median}: heartbeats alone give 12 an hour`);

      // Reporting only reads: the same floor with reporting off takes exactly the same decisions.
      const off = await run(false);
      let compared = 0;
      on.decisions.forEach((list, index) => {
        assert.deepEqual(list, off.decisions[index], `decisions of agent ${index + 1}`);
        compared += list.length;
      });
      assert.ok(compared > SIZE * 20, `${compared} decisions compared`);
    },
  );
});
