import { SyncError } from '../../src/core/errors.js';
import type { ClockPort } from '../../src/core/ports.js';
import type { Decision } from '../../src/core/snapshot.js';
import type { AcdState, AcdTarget } from '../../src/core/values.js';
import { PRODUCT_VERSION } from '../../src/health/health.js';
import { reportHealth } from '../../src/health/reporter.js';
import type { Engine } from '../../src/runtime/engine.js';
import { createEngine } from '../../src/create-engine.js';
import { CODES, EXAMPLE, STATUSES, acd } from '../core/fixtures.js';
import { FakeAgentPort } from './fake-agent-port.js';
import { FakeOmni } from './fake-omni.js';
import type { MemoryHealthStore } from './health-store.js';

/**
 * A contact-center floor: hundreds of real engines (core and runtime, each with its own simulated
 * Omni-Channel and agent app) on one clock, agents changing state at random (seeded), and faults a
 * test or the demo injects. Each agent's leader tab reports into a `MemoryHealthStore` when one is
 * given; without one the same floor runs with reporting off, so a test can compare decisions.
 */

/** The faults the floor can suffer. */
export type FaultKind = 'acd-outage' | 'refused-writes' | 'logout' | 'flapping' | 'dead-tab';

/** Every fault, for buttons and loops. */
export const FAULTS: readonly FaultKind[] = [
  'acd-outage',
  'refused-writes',
  'logout',
  'flapping',
  'dead-tab',
];

/** The problem code a fault shows as; null: it shows otherwise (silence) or not at all (flapping). */
export const FAULT_PROBLEM: Record<FaultKind, string | null> = {
  'acd-outage': 'agent-timeout',
  'refused-writes': 'acd-write-failed',
  logout: 'duplicate-login',
  flapping: null,
  'dead-tab': null,
};

/** The agent app of one simulated agent: it can go down (writes time out) or refuse writes. */
export class SimAgentPort extends FakeAgentPort {
  /** The contact center is unreachable: every write times out. */
  down = false;
  /** The contact center refuses every write. */
  refusing = false;

  constructor(
    private readonly clock: ClockPort,
    initial: AcdState,
  ) {
    super(initial, CODES);
  }

  override write(target: AcdTarget, options: { timeoutMs: number }): Promise<void> {
    if (this.down) {
      this.calls.push(target.state);
      return new Promise((_, reject) =>
        this.clock.setTimeout(
          () =>
            reject(
              new SyncError(
                'agent-timeout',
                `The agent app did not answer within ${options.timeoutMs} ms`,
              ),
            ),
          options.timeoutMs,
        ),
      );
    }
    if (this.refusing) this.failNext = 1;
    return super.write(target, options);
  }
}

/** One agent on the floor. */
export interface SimAgent {
  readonly userId: string;
  readonly name: string;
  readonly acdKind: 'cxone' | 'webex';
  readonly omni: FakeOmni;
  readonly agent: SimAgentPort;
  readonly engine: Engine;
  /** Every decision in its final form (a settled write replaces its pending entry). */
  readonly decisions: Map<number, Decision>;
  /** The fault in force, if any. */
  fault: FaultKind | null;
  alive: boolean;
  stopReporting: (() => void) | null;
}

/** How the floor is built. */
export interface FleetOptions {
  readonly clock: ClockPort;
  readonly size: number;
  readonly seed: number;
  /** Where leaders report; null: reporting off. */
  readonly store: MemoryHealthStore | null;
  readonly heartbeatMin?: number;
  /** Mean time between an agent's own changes. */
  readonly meanActivityMs?: number;
}

/** A running floor. */
export interface Fleet {
  readonly agents: readonly SimAgent[];
  /** Injects a fault into an agent; problem faults heal after `healAfterMs` (a fix, then a resync). */
  inject(agent: SimAgent, kind: FaultKind, healAfterMs?: number): void;
  dispose(): void;
}

/** A small seeded generator (mulberry32), so a floor replays exactly. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FIRST = ['Ana', 'Ben', 'Chloé', 'Dmytro', 'Emi', 'Farid', 'Grace', 'Hyun', 'Iker', 'Jana'];
const LAST = ['Ito', 'Kovalenko', 'Lopez', 'Martin', 'Nguyen', 'Okafor', 'Park', 'Quinn', 'Rossi'];

/** Builds and starts a floor. */
export function createFleet(options: FleetOptions): Fleet {
  const { clock, store } = options;
  const meanMs = options.meanActivityMs ?? 12 * 60_000;
  const heartbeatMin = options.heartbeatMin ?? 5;
  const timers = new Set<unknown>();
  let disposed = false;
  const later = (ms: number, action: () => void): void => {
    const handle = clock.setTimeout(() => {
      timers.delete(handle);
      if (!disposed) action();
    }, ms);
    timers.add(handle);
  };

  const agents: SimAgent[] = Array.from({ length: options.size }, (_, index) => {
    const userId = `005${String(index + 1).padStart(12, '0')}`;
    const name = `${FIRST[index % FIRST.length]} ${LAST[Math.floor(index / FIRST.length) % LAST.length]} ${index + 1}`;
    const omni = new FakeOmni(STATUSES, 'Away');
    const agent = new SimAgentPort(clock, acd('Available'));
    const engine = createEngine(
      { rules: EXAMPLE, orgId: EXAMPLE.orgId, userId },
      { omni, agent, clock },
    );
    const decisions = new Map<number, Decision>();
    engine.decisions$.subscribe((decision) => decisions.set(decision.id, decision));
    const acdKind = index % 3 === 2 ? 'webex' : 'cxone';
    const stopReporting =
      store === null
        ? null
        : reportHealth(engine, {
            port: store.portFor(userId, name, acdKind),
            clock,
            heartbeatMin,
            version: PRODUCT_VERSION,
            acdKind,
            mode: 'active',
            log: () => undefined,
          });
    return {
      userId,
      name,
      acdKind,
      omni,
      agent,
      engine,
      decisions,
      fault: null,
      alive: true,
      stopReporting,
    };
  });

  // Each agent's day: a change every so often (a status picked in Omni-Channel, a call, a break).
  agents.forEach((sim, index) => {
    const next = random(options.seed * 7919 + index);
    const act = (): void => {
      if (!sim.alive) return;
      if (sim.fault === null || sim.fault === 'flapping') {
        const roll = next();
        if (roll < 0.4) sim.omni.agentSets(next() < 0.6 ? 'Available_for_Chats' : 'Away');
        else if (roll < 0.7) {
          sim.agent.change(acd('InboundContact'));
          later(120_000 + next() * 360_000, () => {
            if (sim.alive && sim.fault === null) sim.agent.change(acd('Available'));
          });
        } else sim.agent.change(acd(next() < 0.5 ? 'Available' : 'Unavailable/Lunch'));
      }
      later(-Math.log(1 - next()) * meanMs, act);
    };
    later(next() * meanMs, act);
  });

  const heal = (sim: SimAgent, after: number): void =>
    later(after, () => {
      if (!sim.alive) return;
      sim.agent.down = false;
      sim.agent.refusing = false;
      if (sim.omni.current === null) sim.omni.agentSets('Available_for_Chats');
      sim.fault = null;
      void sim.engine.resync();
    });

  const inject = (sim: SimAgent, kind: FaultKind, healAfterMs = 30 * 60_000): void => {
    if (!sim.alive) return;
    sim.fault = kind;
    // A subscriber write, so a broken contact center shows: the agent picks another status in
    // Omni-Channel; during a contact the call ends first, and the pick comes after the echo window
    // (writes wait for a contact to end; two changes closer than that are one conflict).
    const pickAnotherStatus = (): void => {
      const pick = (): void =>
        sim.omni.agentSets(sim.agent.state.state === 'Available' ? 'Away' : 'Available_for_Chats');
      if (sim.agent.state.state !== 'InboundContact') return pick();
      sim.agent.change(acd('Unavailable/Lunch'));
      later(30_000, pick);
    };
    switch (kind) {
      case 'acd-outage':
        sim.agent.down = true;
        pickAnotherStatus();
        heal(sim, healAfterMs);
        break;
      case 'refused-writes':
        sim.agent.refusing = true;
        pickAnotherStatus();
        heal(sim, healAfterMs);
        break;
      case 'logout':
        sim.omni.loggedOut('DuplicateLogin');
        heal(sim, healAfterMs);
        break;
      case 'flapping': {
        const next = random(options.seed + Number(sim.userId.slice(3)) * 31 + clock.now());
        const end = clock.now() + 40 * 60_000;
        const flap = (up: boolean): void => {
          if (!sim.alive || clock.now() >= end) {
            if (sim.fault === 'flapping') sim.fault = null;
            return;
          }
          sim.agent.change(acd(up ? 'Available' : 'Unavailable/Lunch'));
          later(2_000 + next() * 18_000, () => flap(!up));
        };
        flap(false);
        break;
      }
      case 'dead-tab':
        // The console is closed or crashes: nothing more is said, not even goodbye.
        sim.alive = false;
        sim.stopReporting?.();
        sim.engine.dispose();
        break;
    }
  };

  return {
    agents,
    inject,
    dispose: () => {
      disposed = true;
      for (const handle of timers) clock.clearTimeout(handle);
      for (const sim of agents) {
        sim.stopReporting?.();
        sim.engine.dispose();
      }
    },
  };
}
