// Sync-health reporting on a simulated floor (test/fakes/fleet.ts): real engines on one manual
// clock, each leader reporting into an in-memory store, faults injected at seeded random times
// (an ACD outage, refused writes, a duplicate-login logout, flapping, a dead tab). What it counts is
// what the Salesforce budget in bench/README.md is built from: reports per agent-hour.
import { createFleet, FAULTS, random } from '../test/fakes/fleet.js';
import { HeapClock } from '../test/fakes/heap-clock.js';
import { MemoryHealthStore } from '../test/fakes/health-store.js';

const HOUR = 3_600_000;

/** Reports per agent-hour over `size` agents and `hours` simulated hours, a fifth of them faulted. */
export async function healthBench(size: number, hours: number) {
  const clock = new HeapClock(Date.UTC(2026, 0, 5, 8));
  const start = clock.now();
  const store = new MemoryHealthStore(clock);
  const fleet = createFleet({ clock, size, seed: 7, store });
  const next = random(11);
  const died = new Map<string, number>();
  fleet.agents.forEach((sim, index) => {
    if (index % 5 !== 0) return;
    const kind = FAULTS[Math.floor(next() * FAULTS.length)]!;
    clock.setTimeout(
      () => {
        if (kind === 'dead-tab') died.set(sim.userId, clock.now());
        fleet.inject(sim, kind);
      },
      0.5 * HOUR + next() * (hours - 1) * HOUR,
    );
  });
  const cpu = process.cpuUsage();
  await clock.advance(hours * HOUR);
  const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000;
  const end = clock.now();
  fleet.dispose();
  const times = new Map<string, number[]>();
  for (const entry of store.log) {
    const list = times.get(entry.userId) ?? [];
    list.push(entry.at);
    times.set(entry.userId, list);
  }
  const rates: number[] = [];
  let anyHourMax = 0;
  for (const sim of fleet.agents) {
    const list = times.get(sim.userId) ?? [];
    const lived = (died.get(sim.userId) ?? end) - start;
    rates.push(list.length / (lived / HOUR));
    let from = 0;
    for (let to = 0; to < list.length; to += 1) {
      while (list[to]! - list[from]! >= HOUR) from += 1;
      anyHourMax = Math.max(anyHourMax, to - from + 1);
    }
  }
  return { rates, anyHourMax, cpuMs, agentHours: size * hours };
}
