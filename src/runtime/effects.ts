/**
 * Runs the effects `transition()` orders, each through the side or port it names.
 *
 * Invariants: every effect runs in its own error boundary: a throwing or rejecting port becomes an
 * input (`write.failed` with the side's own error code, `problem.reported`), never an exception
 * here; nothing here decides, it only carries out; a side that is not connected fails its write
 * as `omni-unavailable` / `agent-not-connected`, which is retried like any recoverable failure.
 */
import { describeRejection, type Fact } from '../adapters/omni.js';
import type { Effect } from '../core/effects.js';
import { ErrorCode, SyncError, type Problem } from '../core/errors.js';
import type { AgentPort, SidePort, StoragePort } from '../core/ports.js';
import type { Decision } from '../core/snapshot.js';
import type { OmniTarget } from '../core/values.js';
import { withTimeout, type TimerSet } from './timers.js';

/** What the runner reaches: the sides as they are now, storage, timers, the decision sink. */
export interface EffectContext {
  omni(): SidePort<OmniTarget, unknown> | null;
  agent(): AgentPort | null;
  readonly storage: StoragePort | undefined;
  readonly timers: TimerSet;
  readonly timeoutMs: number;
  send(fact: Fact): void;
  decided(decision: Decision): void;
  reported(problem: Problem): void;
}

/** The runner for one engine, and the stored-state read it also does at start. */
export function effectRunner(context: EffectContext): {
  run(effect: Effect): void;
  restore(port: StoragePort, takeover: boolean): void;
} {
  const { storage, timers, timeoutMs, send } = context;

  const later = (ms: number, callback: () => void): void => void timers.after(ms, callback);

  const storageFailed = (doing: string) => (error: unknown) =>
    send({
      type: 'problem.reported',
      problem: {
        code: ErrorCode.storageUnavailable,
        message: `${doing} browser storage failed: ${describeRejection(error)}`,
        recoverable: true,
      },
    });

  /** Runs `call` with one error boundary: a throw and a rejection end alike. */
  const guard = (call: () => Promise<unknown>, onError: (error: unknown) => void): void => {
    try {
      call().catch(onError);
    } catch (error) {
      onError(error);
    }
  };

  /** Runs one write (null: its side is not connected) and reports how it ended. */
  const write = (
    id: number,
    call: (() => Promise<void>) | null,
    missing: Problem,
    failed: (message: string) => Problem,
  ): void => {
    if (call === null) {
      send({ type: 'write.failed', id, permanent: false, problem: missing });
      return;
    }
    guard(
      () => call().then(() => send({ type: 'write.succeeded', id })),
      (error) => {
        const problem =
          error instanceof SyncError ? error.toProblem() : failed(describeRejection(error));
        const wait =
          error instanceof SyncError && error.retryAfterMs !== undefined
            ? { retryAfterMs: error.retryAfterMs }
            : {};
        send({ type: 'write.failed', id, problem, permanent: !problem.recoverable, ...wait });
      },
    );
  };

  /** Reads the stored state: at start, and again when this tab takes the lead (`takeover`). */
  const restore = (port: StoragePort, takeover: boolean): void =>
    guard(
      () =>
        // A storage that never answers must not keep the engine from starting.
        withTimeout(
          timers,
          port.load(),
          timeoutMs,
          ErrorCode.storageUnavailable,
          'Browser storage',
        ).then((stored) => {
          // What was found unusable is said once, at start.
          if (!takeover) {
            for (const problem of stored.problems ?? [])
              send({ type: 'problem.reported', problem });
          }
          send({
            type: 'storage.restored',
            history: stored.history,
            deferred: stored.deferred,
            beforeContact: stored.beforeContact ?? null,
            standing: stored.standing ?? null,
            deadlines: stored.deadlines ?? [],
            idleFrom: stored.idleFrom ?? null,
            takeover,
          });
        }),
      (error) => {
        storageFailed('Reading')(error);
        send({ type: 'storage.restored', history: [], deferred: null, takeover });
      },
    );

  const run = (effect: Effect): void => {
    switch (effect.type) {
      case 'decide':
        context.decided(effect.decision);
        if (storage) guard(() => storage.putDecision(effect.decision), storageFailed('Saving to'));
        return;
      case 'report':
        return context.reported(effect.problem);
      case 'persist':
        if (storage) {
          const saved = {
            history: [...effect.history],
            deferred: effect.deferred,
            beforeContact: effect.beforeContact,
            standing: effect.standing,
            deadlines: [...effect.deadlines],
            idleFrom: effect.idleFrom,
          };
          guard(() => storage.save(saved), storageFailed('Saving to'));
        }
        return;
      case 'wake':
        return later(effect.delayMs, () => send({ type: 'clock.tick' }));
      case 'retryLater':
        return later(effect.delayMs, () => send({ type: 'write.retry', id: effect.id }));
      case 'writeOmni': {
        const omni = context.omni();
        return write(
          effect.id,
          omni && (() => omni.write(effect.target, { timeoutMs })),
          {
            code: ErrorCode.omniUnavailable,
            message: 'Omni-Channel is not connected',
            recoverable: true,
          },
          (message) => ({
            code: ErrorCode.omniWriteFailed,
            message: `Setting Omni-Channel failed: ${message}`,
            recoverable: true,
          }),
        );
      }
      case 'writeAcd': {
        const agent = context.agent();
        return write(
          effect.id,
          agent && (() => agent.write(effect.target, { timeoutMs })),
          {
            code: ErrorCode.agentNotConnected,
            message: 'The agent app is not connected',
            recoverable: true,
          },
          (message) => ({
            code: ErrorCode.acdWriteFailed,
            message: `Setting the agent state failed: ${message}`,
            recoverable: true,
          }),
        );
      }
      case 'restore':
        if (storage) restore(storage, true);
        else run({ type: 'readBoth' });
        return;
      case 'readBoth': {
        // The Omni read is asked in this task, before anything the host does next can change
        // Omni-Channel; a read that answers after a newer event would look like a change.
        const omni = context.omni();
        const agent = context.agent();
        const reads = [
          omni === null ? null : omni.refresh({ timeoutMs }),
          agent === null ? null : Promise.resolve().then(() => agent.refresh({ timeoutMs })),
        ].flatMap((read) => (read === null ? [] : [read.catch(() => undefined)]));
        void Promise.all(reads).then(() => send({ type: 'control.repair' }));
        return;
      }
      default: {
        const never: never = effect;
        void never;
      }
    }
  };
  return { run, restore };
}
