import type { ClockPort } from '../../src/core/ports.js';

/**
 * `ManualClock`'s semantics (timers run in due order, ties in the order they were set, promise
 * jobs settle after each) on a binary heap, for a fleet of hundreds of engines whose thousands of
 * timers would make the list scan of `ManualClock` quadratic. Promise jobs settle in one macrotask
 * hop (Node drains the whole microtask queue before it), not twenty promise hops per timer.
 */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class HeapClock implements ClockPort {
  private time: number;
  private heap: Array<{ id: number; due: number; callback: () => void }> = [];
  private cancelled = new Set<number>();
  private nextId = 1;

  constructor(start = 1_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.push({ id, due: this.time + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.cancelled.add(handle);
  }

  /** Moves time forward, running every timer that falls due (and the promise jobs they start). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      const next = this.peek();
      if (!next || next.due > end) break;
      this.pop();
      this.time = next.due;
      next.callback();
    }
    this.time = end;
    await settle();
  }

  private before(a: { id: number; due: number }, b: { id: number; due: number }): boolean {
    return a.due < b.due || (a.due === b.due && a.id < b.id);
  }

  private peek() {
    while (this.heap.length > 0 && this.cancelled.has(this.heap[0]!.id)) {
      this.cancelled.delete(this.heap[0]!.id);
      this.pop();
    }
    return this.heap[0];
  }

  private push(entry: { id: number; due: number; callback: () => void }): void {
    const heap = this.heap;
    heap.push(entry);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(heap[index]!, heap[parent]!)) break;
      [heap[index], heap[parent]] = [heap[parent]!, heap[index]!];
      index = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let index = 0;
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let least = index;
      if (left < heap.length && this.before(heap[left]!, heap[least]!)) least = left;
      if (right < heap.length && this.before(heap[right]!, heap[least]!)) least = right;
      if (least === index) break;
      [heap[index], heap[least]] = [heap[least]!, heap[index]!];
      index = least;
    }
  }
}
