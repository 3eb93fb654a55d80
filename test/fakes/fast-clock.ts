import type { ClockPort } from '../../src/core/ports.js';

/**
 * A clock for the demo (the element's `clock` property): it starts at the real time and runs
 * `speed` times faster, so a 30-minute lunch ends in 3 s at 600×, or jumps ahead with `skip()`.
 *
 * Only long waits are sped up. While a short timer is pending (under `SHORT_MS` as asked: an echo
 * window, a write's timeout, a retry) the clock runs at 1×, so the simulated sides answer in time
 * and nothing times out that would not at 1×; deadlines, minutes away, pass at `speed`. Each timer
 * fires no earlier than its due time on this clock (it moves the clock to it if the real timer was
 * a little early), so a deadline's check `now() >= at` holds when its timer fires.
 */
export class FastClock implements ClockPort {
  /** Timers asked for less than this long run in real time. */
  static readonly SHORT_MS = 10_000;
  private speedValue = 1;
  private rate = 1;
  private anchor = Date.now();
  private anchorReal = performance.now();
  private nextId = 1;
  private readonly timers = new Map<
    number,
    { due: number; callback: () => void; short: boolean; real: ReturnType<typeof setTimeout> }
  >();

  now(): number {
    return this.anchor + (performance.now() - this.anchorReal) * this.rate;
  }

  /** How many times faster than real time long waits pass (1, 60, 600…). */
  get speed(): number {
    return this.speedValue;
  }

  set speed(value: number) {
    if (!Number.isFinite(value) || value < 1) throw new RangeError(`speed ${value}: 1 or more`);
    this.speedValue = value;
    this.retime();
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    const due = this.now() + Math.max(0, ms);
    const short = ms < FastClock.SHORT_MS;
    this.timers.set(id, { due, callback, short, real: this.arm(id, due) });
    if (short) this.retime();
    return id;
  }

  clearTimeout(handle: unknown): void {
    const timer = this.timers.get(handle as number);
    if (timer === undefined) return;
    clearTimeout(timer.real);
    this.timers.delete(handle as number);
    if (timer.short) this.retime();
  }

  /** Moves the clock `ms` ahead at once, firing what falls due in order (the agent walked away). */
  skip(ms: number): void {
    const end = this.now() + ms;
    for (;;) {
      const next = [...this.timers.entries()]
        .filter(([, timer]) => timer.due <= end)
        .sort(([, a], [, b]) => a.due - b.due)[0];
      if (next === undefined) break;
      this.moveTo(next[1].due);
      this.fire(next[0]);
    }
    this.moveTo(end);
    this.retime(true);
  }

  private moveTo(time: number): void {
    if (time <= this.now()) return;
    this.anchor = time;
    this.anchorReal = performance.now();
  }

  private arm(id: number, due: number): ReturnType<typeof setTimeout> {
    return setTimeout(() => this.fire(id), Math.max(0, (due - this.now()) / this.rate));
  }

  private fire(id: number): void {
    const timer = this.timers.get(id);
    if (timer === undefined) return;
    clearTimeout(timer.real);
    this.timers.delete(id);
    this.moveTo(timer.due);
    if (timer.short) this.retime();
    timer.callback();
  }

  /** Runs at `speed` unless a short timer is pending; every real timer is set again for a new rate. */
  private retime(force = false): void {
    const shortPending = [...this.timers.values()].some((timer) => timer.short);
    const rate = shortPending ? 1 : this.speedValue;
    if (rate === this.rate && !force) return;
    this.anchor = this.now();
    this.anchorReal = performance.now();
    this.rate = rate;
    for (const [id, timer] of this.timers) {
      clearTimeout(timer.real);
      timer.real = this.arm(id, timer.due);
    }
  }
}
