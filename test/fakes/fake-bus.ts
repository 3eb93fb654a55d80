import type { ChannelLike } from '../../src/adapters/leader.js';

/**
 * BroadcastChannel between simulated tabs, delivering to every other open channel of the same
 * name as a microtask (like the real one, never to the sender). `cut()` makes a tab fall silent
 * as a crashed one does: nothing it posts arrives, and nothing reaches it.
 */
export class FakeBus {
  private readonly channels = new Set<FakeChannel>();

  readonly open = (name: string): ChannelLike => {
    const channel = new FakeChannel(this, name);
    this.channels.add(channel);
    return channel;
  };

  deliver(from: FakeChannel, message: unknown): void {
    if (from.cut) return;
    for (const channel of this.channels) {
      if (channel === from || channel.name !== from.name || channel.closed || channel.cut) continue;
      const data = structuredClone(message);
      queueMicrotask(() => channel.receive(data));
    }
  }

  /** The most recently opened channel falls silent (its tab crashed). */
  cut(index: number): void {
    const channel = [...this.channels][index];
    if (channel) channel.cut = true;
  }
}

class FakeChannel implements ChannelLike {
  closed = false;
  cut = false;
  private listeners: Array<(event: MessageEvent) => void> = [];

  constructor(
    private readonly bus: FakeBus,
    readonly name: string,
  ) {}

  postMessage(message: unknown): void {
    if (this.closed) throw new DOMException('closed', 'InvalidStateError');
    this.bus.deliver(this, message);
  }

  addEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.listeners.push(listener);
  }

  receive(data: unknown): void {
    if (this.closed || this.cut) return;
    for (const listener of this.listeners) listener({ data } as MessageEvent);
  }

  close(): void {
    this.closed = true;
  }
}
