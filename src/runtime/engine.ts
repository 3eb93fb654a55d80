/**
 * `createEngine`: the pure core wired to the outside world. A mailbox steps `transition()` per
 * input; the effect runner carries out what it orders through the two sides (the Omni side over
 * the host's `OmniPort`, the agent side), storage and timers; `snapshot$` and `decisions$` go out.
 *
 * Invariants: nothing here decides, it only wires; every port is optional; the one throw is a
 * `config-invalid` for options a programmer got wrong (everything later is a problem in the
 * snapshot); after `dispose()` no timer, subscription or port callback is left running.
 */
import { Subject, distinctUntilChanged, map, type Observable } from 'rxjs';
import { OmniSide } from '../adapters/omni-side.js';
import { describeRejection, type Fact } from '../adapters/omni.js';
import { checkEngineConfig, type EngineConfig } from '../core/config.js';
import { snapshotOf } from '../core/engine/projection.js';
import { initialState } from '../core/engine/state.js';
import { ErrorCode, SyncError, type Problem } from '../core/errors.js';
import type { Input } from '../core/inputs.js';
import type {
  AgentFact,
  AgentPort,
  ClockPort,
  LeaderPort,
  OmniPort,
  StoragePort,
} from '../core/ports.js';
import { checkRules, type RuleCheck } from '../core/rules/check.js';
import { parseRules } from '../core/rules/parse.js';
import type { RuleDocument } from '../core/rules/types.js';
import { MAX_SCHEDULED } from '../core/engine/deadlines.js';
import type { EngineState } from '../core/engine/state.js';
import { Collector } from '../core/rules/fields.js';
import { parseSideTarget } from '../core/rules/timeouts.js';
import { isPlain, own } from '../core/guard.js';
import { SIDES, type Decision, type ScheduledState, type SyncSnapshot } from '../core/snapshot.js';
import type { StatusInfo } from '../core/values.js';
import { effectRunner } from './effects.js';
import { createMailbox } from './mailbox.js';
import { systemClock, timerSet } from './timers.js';

/** How the engine is configured: the element's attributes, already typed. */
export interface EngineOptions extends Partial<EngineConfig> {
  /** The presence rule document (docs/contract.md §4), as an object or a JSON string. */
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
  /** The rule document in force (parsed), or null; for diagnostics. */
  readonly document: RuleDocument | null;
  /** The statuses this user may use (listed by the host, else learned from events), for labels. */
  readonly statuses: readonly StatusInfo[];
  /** The newest decisions, oldest first (at most 1,000). */
  decisions(): Decision[];
  /** Checks a rule document as `setRules` would apply it, against what this engine knows now. */
  checkRules(rules: unknown): RuleCheck;
  /** Replaces the rule document; an invalid one stops all writes until a valid one arrives. */
  setRules(rules: unknown): void;
  /** Connects (or with null disconnects) the Salesforce side. */
  attachOmni(port: OmniPort | null): void;
  /** Connects (or with null disconnects) the agent side. */
  attachAgent(port: AgentPort | null): void;
  /** Reads both sides again and repairs any drift. */
  resync(): Promise<void>;
  /**
   * Schedules a state (docs/contract.md §6.12): `target` on its side at `at` (epoch ms), and the
   * state held before back at `until`. Replaces one with the same id. Throws a `SyncError`
   * (`config-invalid`) naming the bad field.
   */
  scheduleState(entry: ScheduledState): void;
  /** Cancels a deadline by its id (the snapshot's `deadlines[].id`); an unknown id does nothing. */
  cancelDeadline(id: string): void;
  /** Input was seen in a console tab now, or at `at` (epoch ms; a follower tab's report). */
  activity(at?: number): void;
  /** The previous console session ended without a close, last seen at `lastSeen` (epoch ms). */
  uncleanEnd(lastSeen: number): void;
  pause(): void;
  resume(): void;
  dispose(): void;
}

/** The agent's day's inputs as the engine's methods send them (stamped `at` when sent). */
type DayFact =
  | { type: 'schedule.added'; entry: ScheduledState }
  | { type: 'deadline.cancelled'; id: string }
  | { type: 'session.uncleanEnd'; lastSeen: number };

/** How many decisions are kept (docs/contract.md §6.11). */
export const DECISION_LIMIT = 1000;

/** The longest a wake waits: a longer timer would overflow (2^31 ms) and the wake only re-checks. */
const MAX_WAKE_MS = 6 * 3_600_000;

/** The next time a deadline needs the engine: the soonest warning not yet shown, the soonest due. */
export function nextWake(state: EngineState, now: number): number | null {
  let next: number | null = null;
  for (const deadline of state.deadlines) {
    for (const at of [
      deadline.warning ? null : deadline.warnAt,
      deadline.held ? null : deadline.at,
    ])
      if (at !== null && at > now && (next === null || at < next)) next = at;
  }
  return next;
}

function invalid(path: string, message: string): SyncError {
  return new SyncError(ErrorCode.configInvalid, `scheduleState: ${path} ${message}`, {
    recoverable: false,
    path,
  });
}

/** A scheduled state from a host, checked field by field; throws `config-invalid` naming the field. */
export function checkScheduled(value: unknown): ScheduledState {
  if (!isPlain(value)) throw invalid('entry', 'must be an object { id, at, target, until? }');
  const id = own(value, 'id');
  if (typeof id !== 'string' || id === '' || id.length > 100)
    throw invalid('id', 'must be a string of 1 to 100 characters');
  const at = own(value, 'at');
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0)
    throw invalid('at', 'must be a time in epoch milliseconds');
  const until = own(value, 'until');
  if (until !== undefined && (typeof until !== 'number' || !Number.isFinite(until) || until <= at))
    throw invalid('until', 'must be a time in epoch milliseconds after at');
  const target = own(value, 'target');
  const side = isPlain(target) ? own(target, 'side') : undefined;
  if (!isPlain(target) || typeof side !== 'string' || !(SIDES as readonly string[]).includes(side))
    throw invalid('target', 'must be { side: "salesforce" | "acd", target }');
  const out = new Collector();
  const text = own(target, 'target');
  parseSideTarget(side as 'salesforce' | 'acd', text, 'target.target', out);
  const problem = out.problems[0];
  if (problem !== undefined)
    throw invalid('target.target', problem.message.replace(/^[^:]*: /, ''));
  return {
    id,
    at,
    target: { side: side as 'salesforce' | 'acd', target: text as string },
    ...(until !== undefined ? { until: until as number } : {}),
  };
}

function checkConfig(options: EngineOptions): EngineConfig {
  const problems: Problem[] = [];
  const config = checkEngineConfig(options, problems);
  const first = problems[0];
  if (first !== undefined) {
    throw new SyncError(first.code, first.message, { recoverable: false, path: first.path ?? '' });
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
  const timers = timerSet(clock);
  const decisions$ = new Subject<Decision>();
  const problems$ = new Subject<Problem>();
  const inputs$ = new Subject<Input>();
  const log = new Map<number, Decision>();
  const cleanups: Array<() => void> = [];
  let omni: OmniSide | null = null;
  let agent: AgentPort | null = null;
  let detachOmni: (() => void) | null = null;
  let detachAgent: (() => void) | null = null;
  let disposed = false;

  const post = (input: Input): void => {
    if (disposed) return;
    inputs$.next(input);
    mailbox.post(input);
  };
  const send = (fact: Fact | AgentFact | DayFact): void =>
    post({ ...fact, at: clock.now() } as Input);
  const problem = (code: ErrorCode, message: string): void =>
    send({ type: 'problem.reported', problem: { code, message, recoverable: true } });

  const runner = effectRunner({
    omni: () => omni,
    agent: () => agent,
    storage,
    timers,
    timeoutMs: config.echoWindowMs,
    send,
    decided: (decision) => {
      log.set(decision.id, decision);
      if (log.size > DECISION_LIMIT) log.delete(log.keys().next().value as number);
      decisions$.next(decision);
    },
    reported: (reported) => problems$.next(reported),
  });
  const mailbox = createMailbox(initialState(config, true), runner.run, (fault) =>
    send({ type: 'problem.reported', problem: fault }),
  );

  const setRules = (rules: unknown): void => {
    const parsed = parseRules(rules);
    if (parsed.ok) send({ type: 'rules.loaded', document: parsed.document });
    else send({ type: 'rules.invalid', problems: parsed.problems });
  };

  const attachOmni = (port: OmniPort | null): void => {
    detachOmni?.();
    detachOmni = null;
    omni = port === null ? null : new OmniSide(port, timers, config.echoWindowMs);
    if (omni === null) {
      send({ type: 'omni.detached' });
      return;
    }
    const side = omni;
    detachOmni = side.connect((fact) => {
      if (omni === side) send(fact);
    });
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
      problem(
        ErrorCode.agentNotConnected,
        `Connecting to the agent app failed: ${describeRejection(error)}`,
      );
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
      problem(ErrorCode.leaderUnavailable, `Leader election failed: ${describeRejection(error)}`);
    }
  }
  if (storage) {
    send({ type: 'storage.attached' });
    // A storage lost mid-session (another tab upgraded the database) carries on in memory and says so.
    try {
      const stopWatching = storage.watch?.((lost) =>
        send({ type: 'problem.reported', problem: lost }),
      );
      if (typeof stopWatching === 'function') cleanups.push(stopWatching);
    } catch (error) {
      problem(
        ErrorCode.storageUnavailable,
        `Watching browser storage failed: ${describeRejection(error)}`,
      );
    }
    runner.restore(storage, false);
    cleanups.push(() => storage.close());
  }
  // One wake at a time, at the next deadline's warning or due time (docs/contract.md §6.12).
  let wake: { at: number; handle: unknown } | null = null;
  const wakes = mailbox.state$.subscribe((state) => {
    const now = clock.now();
    const at = nextWake(state, now);
    if (wake !== null && wake.at === at) return;
    if (wake !== null) timers.cancel(wake.handle);
    wake = null;
    if (at === null) return;
    const handle = timers.after(Math.min(at - now, MAX_WAKE_MS), () => {
      wake = null;
      send({ type: 'clock.tick' });
    });
    wake = { at, handle };
  });
  cleanups.push(() => wakes.unsubscribe());

  if (config.mode !== 'off') {
    if (options.rules !== undefined) setRules(options.rules);
    if (ports.omni) attachOmni(ports.omni);
    if (ports.agent) attachAgent(ports.agent);
  }

  return {
    snapshot$: mailbox.state$.pipe(
      map(snapshotOf),
      distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
    ),
    decisions$: decisions$.asObservable(),
    problems$: problems$.asObservable(),
    get snapshot() {
      return snapshotOf(mailbox.state);
    },
    get document() {
      return mailbox.state.document;
    },
    get statuses() {
      return mailbox.state.statuses ?? mailbox.state.learned;
    },
    decisions: () => [...log.values()],
    checkRules: (rules) => {
      const state = mailbox.state;
      return checkRules(rules, {
        ...(state.config.orgId !== undefined ? { orgId: state.config.orgId } : {}),
        ...(state.config.userId !== undefined ? { userId: state.config.userId } : {}),
        identity: state.identity,
        selectable: state.acd !== null || state.identity !== null,
        statuses: state.statuses,
        codes: state.codes,
      });
    },
    setRules,
    attachOmni,
    attachAgent,
    resync: () =>
      new Promise<void>((resolve) => {
        if (!omni && !agent) {
          send({ type: 'control.resync' });
          resolve();
          return;
        }
        const watch = inputs$.subscribe((input) => {
          if (input.type === 'control.repair') {
            watch.unsubscribe();
            resolve();
          }
        });
        send({ type: 'control.resync' });
      }),
    scheduleState: (entry) => {
      const checked = checkScheduled(entry);
      const state = mailbox.state;
      const scheduled = state.deadlines.filter(
        (deadline) => deadline.kind === 'scheduled' && deadline.id !== `scheduled:${checked.id}`,
      );
      if (scheduled.length >= MAX_SCHEDULED)
        throw invalid('id', `cannot be added: at most ${MAX_SCHEDULED} states are scheduled`);
      send({ type: 'schedule.added', entry: checked });
    },
    cancelDeadline: (id) => {
      if (typeof id === 'string' && id !== '') send({ type: 'deadline.cancelled', id });
    },
    activity: (at) => {
      const now = clock.now();
      // A follower's report is at most a few seconds old; never later than now.
      const seen = typeof at === 'number' && Number.isFinite(at) ? Math.min(at, now) : now;
      post({ type: 'activity.seen', at: seen });
    },
    uncleanEnd: (lastSeen) => {
      if (typeof lastSeen === 'number' && Number.isFinite(lastSeen))
        send({ type: 'session.uncleanEnd', lastSeen });
    },
    pause: () => send({ type: 'control.pause' }),
    resume: () => send({ type: 'control.resume' }),
    dispose: () => {
      if (disposed) return;
      detachOmni?.();
      detachAgent?.();
      timers.clear();
      for (const cleanup of cleanups) cleanup();
      disposed = true;
      mailbox.state$.complete();
      decisions$.complete();
      problems$.complete();
      inputs$.complete();
    },
  };
}
