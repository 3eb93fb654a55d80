import type { ClockPort } from '../../src/core/ports.js';

/** A clock tests move by hand: `advance()` runs due timers in order; nothing ever sleeps. */
export class ManualClock implements ClockPort {
  private time: number;
  private timers: Array<{ id: number; due: number; callback: () => void }> = [];
  private nextId = 1;

  constructor(start = 1_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ id, due: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** Moves time forward, running every timer that falls due (and the promise jobs they start). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      const next = this.timers.filter((timer) => timer.due <= end).sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      this.timers = this.timers.filter((timer) => timer !== next);
      this.time = next.due;
      next.callback();
    }
    this.time = end;
    await settle();
  }
}

/** Lets queued promise jobs run (no timers, no sleeping). */
export async function settle(rounds = 20): Promise<void> {
  for (let round = 0; round < rounds; round += 1) await Promise.resolve();
}
