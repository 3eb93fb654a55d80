// nextTask in real Chromium: a later task, behind what the current task already queued.
import { expect } from '@open-wc/testing';
import { nextTask } from '../../src/platform/time.js';

describe('nextTask', () => {
  it('runs after the microtasks and after a message the same task posted earlier', async () => {
    const order: string[] = [];
    const heard = new Promise<void>((resolve) => {
      const listener = (event: MessageEvent) => {
        if (event.data !== 'next-task-test') return;
        window.removeEventListener('message', listener);
        order.push('message');
        resolve();
      };
      window.addEventListener('message', listener);
    });
    const ran = new Promise<void>((resolve) =>
      queueMicrotask(() => {
        window.postMessage('next-task-test', location.origin);
        nextTask(() => {
          order.push('task');
          resolve();
        });
        void Promise.resolve().then(() => order.push('microtask'));
      }),
    );
    await Promise.all([heard, ran]);
    expect(order).to.deep.equal(['microtask', 'message', 'task']);
  });

  it('runs callbacks in call order, each in a task of its own', async () => {
    const order: string[] = [];
    await new Promise<void>((resolve) => {
      nextTask(() => {
        order.push('first');
        void Promise.resolve().then(() => order.push('first microtask'));
      });
      nextTask(() => {
        order.push('second');
        resolve();
      });
    });
    expect(order).to.deep.equal(['first', 'first microtask', 'second']);
  });

  it('falls back to a timer where there is no MessageChannel', async () => {
    const saved = globalThis.MessageChannel;
    const timers: unknown[] = [];
    const savedTimeout = globalThis.setTimeout;
    try {
      // @ts-expect-error jsdom-like global without MessageChannel
      delete globalThis.MessageChannel;
      globalThis.setTimeout = ((callback: () => void, ms?: number) => {
        timers.push(ms);
        return savedTimeout(callback, ms);
      }) as typeof setTimeout;
      await new Promise<void>((resolve) => nextTask(resolve));
    } finally {
      globalThis.MessageChannel = saved;
      globalThis.setTimeout = savedTimeout;
    }
    expect(timers).to.deep.equal([0]);
  });
});
