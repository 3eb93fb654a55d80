/**
 * The Salesforce side as a `SidePort`: the host's `OmniPort` (docs/contract.md §3, the Aura
 * `lightning:omniToolkitAPI` forwarded as it is) behind the same shape as the agent side, so the
 * runtime holds no Salesforce method name.
 *
 * Invariants: nothing the host does throws out of here (a throwing or rejecting toolkit call is a
 * fact or a rejected write with its own code); no host promise is waited on longer than the
 * timeout; after `connect`'s unsubscribe nothing more reaches the sink.
 */
import { ErrorCode, SyncError, describeRejection, type Problem } from '../core/errors.js';
import type { OmniFact } from '../core/inputs.js';
import type { OmniPort, OmniSidePort } from '../core/ports.js';
import { OFFLINE, formatStatus, type OmniTarget } from '../core/values.js';
import { attempt, guarded } from '../platform/attempt.js';
import { withTimeout, type TimerSet } from '../platform/time.js';
import { classifyOmniRejection, omniEventToFact, toCount, toStatus, toStatusList } from './omni.js';

/** The host's Omni-Channel toolkit, as one side of the sync. */
export class OmniSide implements OmniSidePort {
  private sink: ((fact: OmniFact) => void) | null = null;

  constructor(
    private readonly port: OmniPort,
    /** The timers the toolkit calls' deadlines run on; their owner clears them when it is done. */
    private readonly timers: TimerSet,
  ) {}

  connect(sink: (fact: OmniFact) => void, options: { timeoutMs: number }): () => void {
    const port = this.port;
    this.sink = sink;
    let unsubscribe: () => void = () => undefined;
    try {
      unsubscribe = port.subscribe((event) => {
        const fact = omniEventToFact(event);
        if (fact !== null) this.emit(fact as OmniFact);
      });
    } catch (error) {
      this.problem(
        ErrorCode.omniUnavailable,
        `Subscribing to Omni-Channel events failed: ${describeRejection(error)}`,
      );
    }
    const lists = typeof port.listStatuses === 'function';
    this.emit({ type: 'omni.attached', listsStatuses: lists });
    if (lists) {
      this.call(
        () => (port.listStatuses as NonNullable<OmniPort['listStatuses']>)(),
        (rows) => this.emit({ type: 'omni.statuses', statuses: toStatusList(rows) }),
        (error) => {
          this.problem(
            ErrorCode.statusListFailed,
            `Listing presence statuses failed: ${describeRejection(error)}`,
          );
          this.emit({ type: 'omni.statuses', statuses: [] });
        },
      );
    }
    void this.refresh(options);
    this.call(
      () => port.getAgentWorkload(),
      (load) => {
        const capacity = toCount(load?.configuredCapacity);
        const current = toCount(load?.currentWorkload);
        if (capacity !== null && current !== null) {
          this.emit({ type: 'omni.workloadChanged', capacity, current });
        }
      },
      // The workload read is optional: without it Omni work waits for the first workload event.
      () => undefined,
    );
    return () => {
      this.sink = null;
      try {
        unsubscribe();
      } catch {
        // The host's unsubscribe failing must not keep the engine from moving on.
      }
    };
  }

  async write(target: OmniTarget, options: { timeoutMs: number }): Promise<void> {
    const shown = 'logout' in target ? 'Offline' : formatStatus(target);
    try {
      const call = (): Promise<unknown> =>
        'logout' in target
          ? this.port.logout()
          : this.port.setServicePresenceStatus({ statusId: target.statusId });
      await withTimeout(
        this.timers,
        attempt(call),
        options.timeoutMs,
        ErrorCode.omniWriteFailed,
        `Omni-Channel (setting ${shown})`,
      );
    } catch (error) {
      if (error instanceof SyncError) throw error;
      const { problem } = classifyOmniRejection(error, shown);
      throw new SyncError(problem.code, problem.message, { recoverable: problem.recoverable });
    }
  }

  async refresh(options: { timeoutMs: number }): Promise<void> {
    try {
      const result = await withTimeout(
        this.timers,
        attempt(() => this.port.getServicePresenceStatusId()),
        options.timeoutMs,
        ErrorCode.omniUnavailable,
        'getServicePresenceStatusId',
      );
      const status = toStatus(result);
      if (status !== null) this.emit({ type: 'omni.statusRead', status });
    } catch {
      // The toolkit rejects when the agent is logged out of Omni-Channel (Salesforce's
      // getServicePresenceStatusId reference), so a failed read is the Offline status.
      this.emit({ type: 'omni.statusRead', status: OFFLINE });
    }
  }

  private emit(fact: OmniFact): void {
    this.sink?.(fact);
  }

  private problem(code: Problem['code'], message: string): void {
    this.emit({ type: 'problem.reported', problem: { code, message, recoverable: true } });
  }

  /**
   * Runs a toolkit call in one error boundary (a throw, a rejection, a non-promise answer end alike);
   * nothing reaches `done` or `failed` once this side is disconnected or connected again.
   */
  private call<T>(
    start: () => Promise<T>,
    done: (value: T) => void,
    failed: (error: unknown) => void,
  ): void {
    const connected = this.sink;
    guarded(
      start,
      (value) => {
        if (this.sink === connected) done(value);
      },
      (error) => {
        if (this.sink === connected) failed(error);
      },
    );
  }
}
