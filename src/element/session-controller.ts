/**
 * A Lit reactive controller over one sync session: it starts and stops the session for its host
 * and keeps what the panel draws (the engine's snapshot, the leader's mirrored one in a follower
 * tab, the recent decisions), asking the host to redraw when they change.
 *
 * Invariants: at most one session runs per controller; it is disposed when the host disconnects;
 * every snapshot, decision and problem also reaches the host's listeners, in engine order.
 */
import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { BehaviorSubject, Subject, type Subscription } from 'rxjs';
import type { Problem } from '../core/errors.js';
import { ZERO_COUNTERS, type Decision, type SyncSnapshot } from '../core/snapshot.js';
import { createSession, type Session, type SessionOptions } from '../session.js';

/** Decisions shown in the panel (the engine keeps 1,000). */
const SHOWN = 5;

/** The snapshot shown while no session runs: waiting, or an error naming the attributes' problems. */
export function idleSnapshot(problems: readonly Problem[]): SyncSnapshot {
  return {
    phase: problems.length > 0 ? 'error' : 'waiting',
    salesforce: null,
    acd: null,
    rule: null,
    leader: false,
    problems,
    counters: ZERO_COUNTERS,
  };
}

/** What the host hears as the session runs. */
export interface SessionListeners {
  snapshot(snapshot: SyncSnapshot): void;
  decision(decision: Decision): void;
  problem(problem: Problem): void;
}

/** Runs a session for a Lit host. */
export class SessionController implements ReactiveController {
  /** The engine's newest snapshot; null while no session runs. */
  snapshot: SyncSnapshot | null = null;
  /** In a follower tab, the leader's newest snapshot. */
  mirror: SyncSnapshot | null = null;
  /** The newest decisions, oldest first, without echoes (our own writes coming back). */
  recent: Decision[] = [];
  /** The running session, if any. */
  session: Session | null = null;
  /** Every snapshot, across sessions: each engine's, and the idle one shown while none runs. */
  readonly snapshots = new BehaviorSubject<SyncSnapshot>(idleSnapshot([]));
  /** Every decision, across sessions. */
  readonly decisions = new Subject<Decision>();
  private subscriptions: Subscription[] = [];
  /** The problems the idle snapshot was last shown for (none since a session started). */
  private idleFor: readonly Problem[] | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly listeners: SessionListeners,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Starts a session (stopping the one running); throws what `createSession` throws. */
  start(options: SessionOptions): void {
    this.stop();
    const session = createSession(options);
    this.session = session;
    this.idleFor = null;
    const { engine } = session;
    this.subscriptions.push(
      session.mirror$.subscribe((snapshot) => {
        this.mirror = snapshot;
        this.host.requestUpdate();
      }),
      engine.snapshot$.subscribe((snapshot) => {
        this.snapshot = snapshot;
        if (snapshot.leader) this.mirror = null;
        this.host.requestUpdate();
        this.snapshots.next(snapshot);
        this.listeners.snapshot(snapshot);
      }),
      engine.decisions$.subscribe((decision) => {
        if (decision.why !== 'echo') {
          const others = this.recent.filter((entry) => entry.id !== decision.id);
          this.recent = [...others, decision].slice(-SHOWN);
          this.host.requestUpdate();
        }
        this.decisions.next(decision);
        this.listeners.decision(decision);
      }),
      engine.problems$.subscribe((problem) => this.listeners.problem(problem)),
    );
  }

  /** Stops the running session, if any, and forgets what it showed. */
  stop(): void {
    // Only a session that ran leaves something to redraw: a host that stops on every update while
    // misconfigured must not be asked for another one each time.
    if (this.session === null) return;
    for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
    this.session.dispose();
    this.session = null;
    this.snapshot = null;
    this.mirror = null;
    this.host.requestUpdate();
  }

  /**
   * While no session runs, shows the idle snapshot for the attributes' `problems` (once per set
   * of problems), so `snapshot` never goes on saying what a stopped engine last said.
   */
  idle(problems: readonly Problem[]): void {
    if (this.session !== null || this.idleFor === problems) return;
    this.idleFor = problems;
    this.snapshots.next(idleSnapshot(problems));
  }
}
