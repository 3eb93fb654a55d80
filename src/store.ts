/**
 * The runtime around the pure core: one input stream, `transition()` per input, effects run through
 * the ports, `snapshot$` and `decisions$` out.
 *
 * Invariants: inputs are processed one at a time in arrival order (an effect that produces an input
 * queues it behind the current one); every effect runs in its own error boundary, so a throwing or
 * rejecting port becomes an input (`write.failed`, `problem.reported`) and the store never dies;
 * nothing here decides: it only runs what `transition()` ordered.
 */
import { BehaviorSubject, Subject, distinctUntilChanged, map, type Observable } from 'rxjs';
import {
  classifyOmniRejection,
  describeRejection,
  omniEventToFact,
  toCount,
  toStatus,
  toStatusList,
  type Fact,
} from './adapters/omni.js';
import type { Effect } from './core/effects.js';
import { ErrorCode, SyncError, type Problem } from './core/errors.js';
import type { Input } from './core/inputs.js';
import { timerSet } from './core/timers.js';
import { snapshotOf } from './core/engine/projection.js';
import { initialState } from './core/engine/state.js';
import { transition } from './core/engine/transition.js';
import {
  systemClock,
  type AgentFact,
  type AgentPort,
  type ClockPort,
  type LeaderPort,
  type OmniPort,
  type StoragePort,
} from './core/ports.js';
import { parseRules } from './core/rules/parse.js';
import { formatStatus } from './core/values.js';
import { DEFAULT_CONFIG, type EngineConfig } from './core/config.js';
import type { EngineState } from './core/engine/state.js';
import type { Decision, SyncSnapshot } from './core/snapshot.js';
import { OFFLINE } from './core/values.js';

/** How the engine is configured: the element's attributes, already typed. */
export interface EngineOptions extends Partial<EngineConfig> {
  /** The presence rule document (CONTRACT.md §4), as an object or a JSON string. */
  rules?: unknown;
}

/** The outside world, as ports. Every one is optional; `clock` defaults to the system clock. */
export interface EnginePorts {
  omni?: OmniPort;
  agent?: AgentPort;
  storage?: StoragePort;
  clock?: ClockPort;
  leader?: LeaderPort;
}

/** A running sync engine. */
export interface Engine {
  /** The latest snapshot, replayed to each new subscriber. */
  readonly snapshot$: Observable<SyncSnapshot>;
  /** Each decision as it is taken, and again when its write settles (same id). */
  readonly decisions$: Observable<Decision>;
  /** Each problem as it is reported. */
  readonly problems$: Observable<Problem>;
  readonly snapshot: SyncSnapshot;
  /** The full engine state, for diagnostics and tests. */
  readonly state: EngineState;
  /** The newest decisions, oldest first (at most 1,000). */
  decisions(): Decision[];
  /** Replaces the rule document; an invalid one stops all writes until a valid one arrives. */
  setRules(rules: unknown): void;
  /** Connects (or with null disconnects) the Salesforce side. */
  attachOmni(port: OmniPort | null): void;
  /** Connects (or with null disconnects) the agent side. */
  attachAgent(port: AgentPort | null): void;
  /** Reads both sides again and repairs any drift. */
  resync(): Promise<void>;
  pause(): void;
  resume(): void;
  dispose(): void;
}

/** How many decisions are kept (CONTRACT.md §6.11). */
export const DECISION_LIMIT = 1000;

function checkConfig(options: EngineOptions): EngineConfig {
  const config = {
    ...DEFAULT_CONFIG,
    ...Object.fromEntries(
      Object.entries(options).filter(([key, value]) => key !== 'rules' && value !== undefined),
    ),
  } as EngineConfig;
  const oneOf = (name: string, value: string, allowed: readonly string[]) => {
    if (!allowed.includes(value))
      throw new SyncError(
        ErrorCode.configInvalid,
        `${name} must be one of ${allowed.join(', ')}, got "${value}"`,
        { path: name },
      );
  };
  oneOf('mode', config.mode, ['active', 'shadow', 'off']);
  oneOf('authority', config.authority, ['latest', 'salesforce', 'acd']);
  oneOf('startup', config.startup, ['acd', 'salesforce', 'none']);
  if (
    !Number.isFinite(config.echoWindowMs) ||
    config.echoWindowMs < 100 ||
    config.echoWindowMs > 60_000
  ) {
    throw new SyncError(
      ErrorCode.configInvalid,
      `echoWindowMs must be between 100 and 60000, got ${config.echoWindowMs}`,
      { path: 'echoWindowMs' },
    );
  }
  return config;
}

/**
 * Creates and starts a sync engine. Throws a `SyncError` (`config-invalid`) only for a config a
 * programmer got wrong; everything that goes wrong later is a problem in the snapshot.
 */
export function createEngine(options: EngineOptions = {}, ports: EnginePorts = {}): Engine {
  const config = checkConfig(options);
  const clock = ports.clock ?? systemClock;
  const storage = ports.storage;
  let state = initialState(config, true);
  const state$ = new BehaviorSubject<EngineState>(state);
  const decisions$ = new Subject<Decision>();
  const problems$ = new Subject<Problem>();
  const input$ = new Subject<Input>();
  const log = new Map<number, Decision>();
  const timers = timerSet(clock);
  const cleanups: Array<() => void> = [];
  let omni: OmniPort | null = null;
  let agent: AgentPort | null = null;
  let detachOmni: (() => void) | null = null;
  let detachAgent: (() => void) | null = null;
  let disposed = false;
  const queue: Input[] = [];
  let running = false;

  const send = (fact: Fact | AgentFact): void => {
    if (!disposed) input$.next({ ...fact, at: clock.now() } as Input);
  };

  const later = (ms: number, callback: () => void): void => void timers.after(ms, callback);

  const withTimeout = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let done = false;
      const handle = timers.after(ms, () => {
        if (!done) {
          done = true;
          reject(
            new SyncError(ErrorCode.omniWriteFailed, `${what} did not answer within ${ms} ms`),
          );
        }
      });
      const finish = (settle: () => void) => {
        if (done) return;
        done = true;
        timers.cancel(handle);
        settle();
      };
      promise.then(
        (value) => finish(() => resolve(value)),
        (error: unknown) => finish(() => reject(error)),
      );
    });

  const guard = (promise: () => Promise<unknown>, onError: (error: unknown) => void): void => {
    try {
      promise().catch(onError);
    } catch (error) {
      onError(error);
    }
  };

  const readOmni = async (port: OmniPort): Promise<void> => {
    try {
      const result = await withTimeout(
        port.getServicePresenceStatusId(),
        config.echoWindowMs,
        'getServicePresenceStatusId',
      );
      const status = toStatus(result);
      if (status !== null && omni === port) send({ type: 'omni.statusRead', status });
    } catch {
      // The toolkit rejects when the agent is logged out of Omni-Channel (research/salesforce-omni.md §1.2).
      if (omni === port) send({ type: 'omni.statusRead', status: OFFLINE });
    }
  };

  const run = (effect: Effect): void => {
    switch (effect.type) {
      case 'decide':
        log.set(effect.decision.id, effect.decision);
        if (log.size > DECISION_LIMIT) log.delete(log.keys().next().value as number);
        decisions$.next(effect.decision);
        if (storage) guard(() => storage.putDecision(effect.decision), storageFailed);
        break;
      case 'report':
        problems$.next(effect.problem);
        break;
      case 'persist':
        if (storage)
          guard(
            () => storage.save({ history: [...effect.history], deferred: effect.deferred }),
            storageFailed,
          );
        break;
      case 'wake':
        later(effect.delayMs, () => send({ type: 'clock.tick' }));
        break;
      case 'retryLater':
        later(effect.delayMs, () => send({ type: 'write.retry', id: effect.id }));
        break;
      case 'writeOmni': {
        const port = omni;
        const target = 'logout' in effect.target ? 'Offline' : formatStatus(effect.target);
        if (port === null) {
          send({
            type: 'write.failed',
            id: effect.id,
            permanent: false,
            problem: {
              code: ErrorCode.omniWriteFailed,
              message: 'Omni-Channel is not connected',
              recoverable: true,
            },
          });
          break;
        }
        const call = (): Promise<unknown> =>
          'logout' in effect.target
            ? port.logout()
            : port.setServicePresenceStatus({ statusId: effect.target.statusId });
        guard(
          () =>
            withTimeout(call(), config.echoWindowMs, `Omni-Channel (setting ${target})`).then(() =>
              send({ type: 'write.succeeded', id: effect.id }),
            ),
          (error) => {
            const { problem, permanent } = classifyOmniRejection(error, target);
            send({ type: 'write.failed', id: effect.id, problem, permanent });
          },
        );
        break;
      }
      case 'writeAcd': {
        const port = agent;
        if (port === null) {
          send({
            type: 'write.failed',
            id: effect.id,
            permanent: false,
            problem: {
              code: ErrorCode.acdWriteFailed,
              message: 'The agent app is not connected',
              recoverable: true,
            },
          });
          break;
        }
        guard(
          () =>
            port
              .setState(effect.target, { timeoutMs: config.echoWindowMs })
              .then(() => send({ type: 'write.succeeded', id: effect.id })),
          (error) => {
            const problem =
              error instanceof SyncError
                ? error.toProblem()
                : {
                    code: ErrorCode.acdWriteFailed,
                    message: `Setting the agent state failed: ${describeRejection(error)}`,
                    recoverable: true,
                  };
            send({ type: 'write.failed', id: effect.id, problem, permanent: !problem.recoverable });
          },
        );
        break;
      }
      case 'restore':
        if (storage) readStored(storage, true);
        else run({ type: 'readBoth' });
        break;
      case 'readBoth': {
        const reads: Promise<unknown>[] = [];
        if (omni) reads.push(readOmni(omni));
        if (agent) {
          const port = agent;
          reads.push(
            Promise.resolve()
              .then(() => port.refresh({ timeoutMs: config.echoWindowMs }))
              .catch(() => undefined),
          );
        }
        void Promise.all(reads).then(() => send({ type: 'control.repair' }));
        break;
      }
      default: {
        const never: never = effect;
        void never;
      }
    }
  };

  const storageFailed = (error: unknown): void => {
    send({
      type: 'problem.reported',
      problem: {
        code: ErrorCode.storageUnavailable,
        message: `Saving to browser storage failed: ${describeRejection(error)}`,
        recoverable: true,
      },
    });
  };

  /** Reads the stored state for the engine: at start, and again when this tab takes the lead (`takeover`). */
  const readStored = (port: StoragePort, takeover: boolean): void =>
    guard(
      () =>
        // A storage that never answers must not keep the engine from starting.
        withTimeout(port.load(), config.echoWindowMs, 'Browser storage').then((stored) => {
          // What was found unusable is said once, at start.
          if (!takeover)
            for (const problem of stored.problems ?? [])
              send({ type: 'problem.reported', problem });
          send({
            type: 'storage.restored',
            history: stored.history,
            deferred: stored.deferred,
            takeover,
          });
        }),
      (error) => {
        storageFailed(error);
        send({ type: 'storage.restored', history: [], deferred: null, takeover });
      },
    );

  const isWrite = (effect: Effect): boolean =>
    effect.type === 'writeOmni' || effect.type === 'writeAcd';

  const drain = (): void => {
    if (running) return;
    running = true;
    try {
      while (queue.length > 0) {
        const input = queue.shift() as Input;
        const step = transition(state, input);
        state = step.state;
        // The writes first, then the bookkeeping (decision log, storage, timers): the sides learn the
        // change before IndexedDB transactions are opened (issue 8's bench). The state is already
        // decided, so the order changes no outcome.
        for (const effect of [
          ...step.effects.filter(isWrite),
          ...step.effects.filter((effect) => !isWrite(effect)),
        ]) {
          try {
            run(effect);
          } catch (error) {
            // An effect that throws synchronously is a bug in a port; it must not stop the engine.
            problems$.next({
              code: ErrorCode.omniWriteFailed,
              message: `Internal error running ${effect.type}: ${describeRejection(error)}`,
              recoverable: true,
            });
          }
        }
        state$.next(state);
      }
    } finally {
      running = false;
    }
  };

  const subscription = input$.subscribe((input) => {
    queue.push(input);
    drain();
  });
  cleanups.push(() => subscription.unsubscribe());

  const setRules = (rules: unknown): void => {
    const parsed = parseRules(rules);
    if (parsed.ok) send({ type: 'rules.loaded', document: parsed.document });
    else send({ type: 'rules.invalid', problems: parsed.problems });
  };

  const attachOmni = (port: OmniPort | null): void => {
    detachOmni?.();
    detachOmni = null;
    omni = port;
    if (port === null) {
      send({ type: 'omni.detached' });
      return;
    }
    let unsubscribe: () => void = () => undefined;
    try {
      unsubscribe = port.subscribe((event) => {
        if (omni !== port) return;
        const fact = omniEventToFact(event);
        if (fact !== null) send(fact);
      });
    } catch (error) {
      send({
        type: 'problem.reported',
        problem: {
          code: ErrorCode.omniWriteFailed,
          message: `Subscribing to Omni-Channel events failed: ${describeRejection(error)}`,
          recoverable: true,
        },
      });
    }
    detachOmni = () => {
      try {
        unsubscribe();
      } catch {
        // The host's unsubscribe failing must not keep the engine from moving on.
      }
    };
    const lists = typeof port.listStatuses === 'function';
    send({ type: 'omni.attached', listsStatuses: lists });
    if (lists) {
      guard(
        () =>
          (port.listStatuses as NonNullable<OmniPort['listStatuses']>)().then(
            (rows) =>
              omni === port && send({ type: 'omni.statuses', statuses: toStatusList(rows) }),
          ),
        (error) => {
          send({
            type: 'problem.reported',
            problem: {
              code: ErrorCode.statusNotPermitted,
              message: `Listing presence statuses failed: ${describeRejection(error)}`,
              recoverable: true,
            },
          });
          send({ type: 'omni.statuses', statuses: [] });
        },
      );
    }
    void readOmni(port);
    guard(
      () =>
        port.getAgentWorkload().then((load) => {
          const capacity = toCount(load?.configuredCapacity);
          const current = toCount(load?.currentWorkload);
          if (omni === port && capacity !== null && current !== null)
            send({ type: 'omni.workloadChanged', capacity, current });
        }),
      () => undefined,
    );
  };

  const attachAgent = (port: AgentPort | null): void => {
    detachAgent?.();
    detachAgent = null;
    agent = port;
    if (port === null) return;
    try {
      detachAgent = port.connect((fact) => {
        if (agent === port) send(fact);
      });
    } catch (error) {
      send({
        type: 'problem.reported',
        problem: {
          code: ErrorCode.acdWriteFailed,
          message: `Connecting to the agent app failed: ${describeRejection(error)}`,
          recoverable: true,
        },
      });
    }
  };

  if (ports.leader) {
    const leader = ports.leader;
    try {
      const unsubscribe = leader.subscribe((isLeader) =>
        send({ type: 'leader.changed', leader: isLeader }),
      );
      cleanups.push(unsubscribe, () => leader.close());
    } catch (error) {
      send({
        type: 'problem.reported',
        problem: {
          code: ErrorCode.storageUnavailable,
          message: `Leader election failed: ${describeRejection(error)}`,
          recoverable: true,
        },
      });
    }
  }
  if (storage) {
    send({ type: 'storage.attached' });
    // A storage lost mid-session (another tab upgraded the database) carries on in memory and says so.
    try {
      const stopWatching = storage.watch?.((problem) =>
        send({ type: 'problem.reported', problem }),
      );
      if (typeof stopWatching === 'function') cleanups.push(stopWatching);
    } catch (error) {
      storageFailed(error);
    }
    readStored(storage, false);
    cleanups.push(() => storage.close());
  }
  if (config.mode !== 'off') {
    if (options.rules !== undefined) setRules(options.rules);
    if (ports.omni) attachOmni(ports.omni);
    if (ports.agent) attachAgent(ports.agent);
  }

  return {
    snapshot$: state$.pipe(
      map(snapshotOf),
      distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
    ),
    decisions$: decisions$.asObservable(),
    problems$: problems$.asObservable(),
    get snapshot() {
      return snapshotOf(state);
    },
    get state() {
      return state;
    },
    decisions: () => [...log.values()],
    setRules,
    attachOmni,
    attachAgent,
    resync: () =>
      new Promise<void>((resolve) => {
        const watch = input$.subscribe((input) => {
          if (input.type === 'control.repair') {
            watch.unsubscribe();
            resolve();
          }
        });
        send({ type: 'control.resync' });
        if (!omni && !agent) {
          watch.unsubscribe();
          resolve();
        }
      }),
    pause: () => send({ type: 'control.pause' }),
    resume: () => send({ type: 'control.resume' }),
    dispose: () => {
      if (disposed) return;
      detachOmni?.();
      detachAgent?.();
      timers.clear();
      for (const cleanup of cleanups) cleanup();
      disposed = true;
      state$.complete();
      decisions$.complete();
      problems$.complete();
    },
  };
}
