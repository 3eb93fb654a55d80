import { SyncError } from '../../src/core/errors.js';
import type { AgentFact } from '../../src/core/inputs.js';
import type { AgentPort } from '../../src/core/ports.js';
import type { AcdState, AcdTarget, UnavailableCode } from '../../src/core/values.js';

/**
 * An in-page contact-center side (no postMessage): what a bridge adapter delivers, minus the wire.
 * `write` applies the target, reports the new state, and resolves, like CXone's agent app.
 */
export class FakeAgentPort implements AgentPort {
  state: AcdState;
  readonly calls: string[] = [];
  failNext = 0;
  /** Answer the next writes "throttled: wait `retryAfterMs`", as a bridge's `result` does. */
  throttleNext: { count: number; retryAfterMs: number } = { count: 0, retryAfterMs: 0 };
  /** Never answer a write (the agent app hung): the port's own timeout must fire. */
  silent = false;
  /** Everyone connected: one agent app seen from several tabs, each with its own engine. */
  private readonly sinks = new Set<(fact: AgentFact) => void>();

  constructor(
    initial: AcdState,
    readonly codes: UnavailableCode[],
    readonly identity = { agentId: '1001', teamId: '7', teamName: 'Tier 1' },
    /** The contact center it says it speaks for, as a bridge's hello does. */
    readonly named: string | null = 'cxone',
  ) {
    this.state = initial;
  }

  platform(): string | null {
    return this.named;
  }

  connect(sink: (fact: AgentFact) => void): () => void {
    this.sinks.add(sink);
    sink({
      type: 'acd.hello',
      identity: this.identity,
      codes: this.codes,
      state: this.state,
      canWrite: true,
    });
    return () => void this.sinks.delete(sink);
  }

  /** How often the element said its agent frame loaded a page. */
  loads = 0;

  windowLoaded(): void {
    this.loads += 1;
  }

  async write(target: AcdTarget, options: { timeoutMs: number }): Promise<void> {
    this.calls.push(
      target.state === 'Unavailable' && target.reason
        ? `Unavailable/${target.reason}`
        : target.state,
    );
    if (this.silent) {
      return new Promise<void>((_, reject) => {
        void options;
        this.pendingReject = () =>
          reject(
            new SyncError(
              'agent-timeout',
              `The agent app did not answer within ${options.timeoutMs} ms`,
            ),
          );
      });
    }
    if (this.throttleNext.count > 0) {
      this.throttleNext.count -= 1;
      throw new SyncError('acd-write-failed', 'The agent app was throttled (throttled)', {
        retryAfterMs: this.throttleNext.retryAfterMs,
      });
    }
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new SyncError('acd-write-failed', 'The agent app refused the state change');
    }
    await Promise.resolve();
    this.change({
      state: target.state,
      reason: target.state === 'Unavailable' ? target.reason : '',
      isAcw: false,
    });
  }

  /** Lets a silent write time out (tests call it when the injected clock passes the timeout). */
  pendingReject: (() => void) | null = null;

  async refresh(): Promise<void> {
    for (const sink of [...this.sinks])
      sink({
        type: 'acd.hello',
        identity: this.identity,
        codes: this.codes,
        state: this.state,
        canWrite: true,
      });
  }

  /** The agent (or the platform: a call, ACW) changes the state. */
  change(state: AcdState): void {
    this.state = state;
    for (const sink of [...this.sinks]) sink({ type: 'acd.stateChanged', state });
  }
}
