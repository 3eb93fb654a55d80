import { expect } from '@open-wc/testing';
import { FastClock } from './fast-clock.js';

/** Resolves with the clock's time when a timer of `ms` (on the clock) fires. */
const fired = (clock: FastClock, ms: number, order: string[] = [], name = '') =>
  new Promise<number>((resolve) =>
    clock.setTimeout(() => {
      order.push(name);
      resolve(clock.now());
    }, ms),
  );

describe('FastClock (the demo clock)', () => {
  it('passes a long wait speed times faster, and fires no earlier than its due time', async () => {
    const clock = new FastClock();
    clock.speed = 600;
    const start = clock.now();
    const real = performance.now();
    const at = await fired(clock, 60_000);
    expect(at - start).to.be.at.least(60_000);
    // A minute on the clock in well under a minute of real time (about 100 ms at 600×).
    expect(performance.now() - real).to.be.below(20_000);
  });

  it('runs at 1× while a short timer is pending, so a write’s timeout is not sped up', async () => {
    const clock = new FastClock();
    clock.speed = 600;
    const order: string[] = [];
    const real = performance.now();
    const long = fired(clock, 60_000, order, 'long');
    const short = fired(clock, 1_500, order, 'short').then(() => performance.now() - real);
    const [, shortTook] = await Promise.all([long, short]);
    // Real timers never fire early: at 600× the 1.5 s would have taken 2.5 ms.
    expect(shortTook).to.be.at.least(1_400);
    expect(order).to.deep.equal(['short', 'long']);
  });

  it('skips ahead, firing what falls due in order and nothing after', () => {
    const clock = new FastClock();
    const order: string[] = [];
    const start = clock.now();
    clock.setTimeout(() => order.push(`b@${Math.round((clock.now() - start) / 1000)}`), 40_000);
    clock.setTimeout(() => order.push(`a@${Math.round((clock.now() - start) / 1000)}`), 20_000);
    const later = clock.setTimeout(() => order.push('late'), 90_000);
    clock.skip(60_000);
    expect(order).to.deep.equal(['a@20', 'b@40']);
    expect(clock.now() - start).to.be.at.least(60_000);
    clock.clearTimeout(later);
  });

  it('refuses a speed below 1', () => {
    expect(() => {
      new FastClock().speed = 0;
    }).to.throw(RangeError);
  });
});
